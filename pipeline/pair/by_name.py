"""Pairing by the manifest and by file name: ``x.en.txt`` is the translation of ``x.ko.*``."""

from __future__ import annotations

from pipeline.ingest import BatchFile, ManifestEntry


def originals_by_name(files: list[BatchFile], manifest: dict[str, ManifestEntry]) -> dict[str, str]:
    """``english path -> korean path`` from the manifest first, then from shared stems.

    A stem pairs only when it is unambiguous: one English and one Korean file in the same
    folder. Files the manifest already pairs are not paired again.
    """
    pairs = {path: entry.original for path, entry in manifest.items() if entry.original is not None}
    taken = set(pairs.values())
    by_stem: dict[tuple[str, str], dict[str, list[str]]] = {}
    for f in files:
        folder = f.path.rsplit("/", 1)[0] if "/" in f.path else ""
        slot = by_stem.setdefault((folder, f.stem), {"en": [], "ko": []})
        if f.lang_hint in slot:
            slot[f.lang_hint].append(f.path)
    for slot in by_stem.values():
        if len(slot["en"]) == 1 and len(slot["ko"]) == 1:
            en, ko = slot["en"][0], slot["ko"][0]
            if en not in pairs and ko not in taken:
                pairs[en] = ko
                taken.add(ko)
    return pairs
