"""Termbases in TBX v3, TBX 2008 (martif) and CSV, and the checks that use them."""

from pathlib import Path

import pytest

from pipeline.checks.registry import REGISTRY, CheckContext, all_checks, run_checks
from pipeline.lexicon.termbase import TermbaseError, load_termbase, parse_csv, parse_tbx
from pipeline.model import AlignedPair, Document, Passage

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>newsroom glossary</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="c1">
   <langSec xml:lang="ko"><termSec><term>국가정보원</term></termSec></langSec>
   <langSec xml:lang="en">
    <termSec><term>National Intelligence Service</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>NIS</term>
     <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
    <termSec><term>National Intelligence Agency</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>"""

TBX_2008 = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
 <termEntry id="t1">
  <langSet xml:lang="ko"><tig><term>비핵화</term></tig></langSet>
  <langSet xml:lang="en">
   <tig><term>denuclearization</term></tig>
   <ntig><termGrp><term>nuclear abandonment</term>
    <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termGrp></ntig>
  </langSet>
 </termEntry>
</body></text></martif>"""


def test_tbx_v3_reads_preferred_admitted_and_deprecated_terms():
    [term] = parse_tbx(TBX_V3.encode()).terms
    assert term.source == "국가정보원"
    assert term.target == "National Intelligence Service"
    assert term.aliases == ("NIS",)
    assert term.forbidden == ("National Intelligence Agency",)


def test_tbx_2008_martif_dialect_is_read_too():
    [term] = parse_tbx(TBX_2008.encode()).terms
    assert (term.source, term.target, term.forbidden) == (
        "비핵화",
        "denuclearization",
        ("nuclear abandonment",),
    )


def test_csv_with_forbidden_lists_and_flags():
    text = (
        "source,target,forbidden,aliases\n"
        "통일부,Ministry of Unification,Unification Ministry of Korea|MOU Korea,MOU\n"
        "혈세,taxpayers' money,,\n"
        "혈세,blood tax,yes,\n"
    )
    terms = parse_csv(text).terms
    assert terms[0].forbidden == ("Unification Ministry of Korea", "MOU Korea")
    assert terms[0].aliases == ("MOU",)
    assert terms[2].forbidden == ("blood tax",) and terms[2].target is None


def test_bad_termbases_name_file_and_problem(tmp_path: Path):
    bad = tmp_path / "termbase.tbx"
    bad.write_text("<martif><text>", encoding="utf-8")
    with pytest.raises(TermbaseError, match="termbase.tbx: not well-formed"):
        load_termbase(bad)
    csv_file = tmp_path / "termbase.csv"
    csv_file.write_text("korean,english\n가,a\n", encoding="utf-8")
    with pytest.raises(TermbaseError, match="needs the columns source and target"):
        load_termbase(csv_file)


def run(check_id, english, korean=None, termbase_text=TBX_V3):
    tb = parse_tbx(termbase_text.encode())
    target = Passage("d-p1", "a.en.txt", 0, 0, len(english), english, "en")
    source = Passage("k-p1", "a.ko.txt", 0, 0, len(korean), korean, "ko") if korean else None
    doc = Document(path="a.en.txt", text=english, lang="en", content_hash="0", encoding="utf-8")
    all_checks()
    ctx = CheckContext(document=doc, passages=[target], resources={"termbase": tb})
    found, errors = run_checks([AlignedPair(target, source)], ctx, [REGISTRY[check_id]])
    assert errors == []
    return found


def test_forbidden_rendering_fires_and_preferred_does_not():
    [f] = run("term.forbidden", "The National Intelligence Agency briefed lawmakers.")
    assert f.suggestion == "National Intelligence Service"
    assert run("term.forbidden", "The National Intelligence Service briefed lawmakers.") == []


def test_missing_rendering_of_a_korean_term_fires_only_with_the_source():
    korean = "국가정보원은 국회에 보고했다."
    assert run("term.missing_target", "The spy agency briefed lawmakers.", korean)
    assert run("term.missing_target", "The NIS briefed lawmakers.", korean) == []
    assert run("term.missing_target", "The spy agency briefed lawmakers.") == []
