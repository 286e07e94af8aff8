"""Visible text of an HTML page, as a browser would show it, with its furniture labelled.

The text follows the rules of ``innerText``: hidden content and non-rendered elements are
dropped, inline whitespace collapses to one space, block elements start new lines and
paragraph-level blocks are separated by a blank line, ``<br>`` is a line break, table cells
are separated by a tab, ``<pre>`` keeps its whitespace. Navigation, headers and footers of
the page (not those inside an ``<article>``/``<main>``), asides and elements whose
class/id/role names page furniture are reported as ``boilerplate`` regions of that text.
Metadata (title, author, date, canonical URL, language) comes from the usual meta tags.

Broken markup is repaired the way libxml2 repairs it, except that text after ``</html>``
stays in the page as it does in browsers. A page the parser gives up on (elements
nested deeper than its limit of 2048 levels) raises ``HtmlError`` rather than coming out
empty: the parser keeps nothing of such a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from pipeline.ingest.dates import parse_date
from pipeline.ingest.lines import merge_spans, strip_span
from pipeline.model import Region

SKIP = {
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "audio", "video", "select", "datalist", "map", "title", "meta", "link",
}  # fmt: skip
PARAGRAPH_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl",
    "figure", "hr", "address", "details",
}  # fmt: skip
LINE_BLOCKS = {
    "div", "li", "tr", "section", "article", "header", "footer", "nav", "aside", "figcaption",
    "dd", "dt", "main", "form", "fieldset", "legend", "caption", "summary", "body", "html",
    "center", "dialog", "hgroup", "menu", "option", "tbody", "thead", "tfoot", "search",
}  # fmt: skip
CELLS = {"td", "th"}
FURNITURE_TAGS = {"nav", "aside"}
PAGE_LEVEL_TAGS = {"header", "footer"}  # furniture unless inside an article or main
FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu"}
_FURNITURE_WORD = re.compile(
    r"^(?:(?:nav|menu|footer|sidebar|share|sharing|sns|social|breadcrumb|cookie|consent|"
    r"related|banner|widget|advert|popular|subscribe|newsletter|copyright|skip|toolbar|topbar|"
    r"masthead|pagination)\w*|comments?(?:list|area|box|wrap)?|ads?|gnb|lnb|snb|pager|tags)$"
)
_NEVER_FURNITURE = {"html", "body", "main", "article"}
_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: libxml2 drops whatever follows </html>; browsers show it in the body, so the end tags go
_DOCUMENT_END = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: huge_tree lifts libxml2's limits on text and depth (to 2048 levels: page builders nest deeply)
_PARSER = lxml.html.HTMLParser(huge_tree=True)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class HtmlError(ValueError):
    """A page the HTML parser cannot read; ``reason`` says why in plain words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class HtmlPage:
    """The visible text of a page, its boilerplate regions and its metadata."""

    text: str
    regions: list[Region] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    url: str | None = None
    lang: str | None = None  # primary subtag of <html lang>, e.g. "ko"


class _Writer:
    """Accumulates text, collapsing whitespace and line-break requests like a browser."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.trailing_newlines = 0
        self.need = 0  # newlines requested by block boundaries, not yet written
        self.space = False  # a collapsed space waits to be written

    def _write(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)
        stripped = s.rstrip("\n")
        if stripped:
            self.trailing_newlines = len(s) - len(stripped)
        else:
            self.trailing_newlines += len(s)

    def _flush_break(self) -> None:
        if self.length and self.need > self.trailing_newlines:
            self._write("\n" * (self.need - self.trailing_newlines))
        self.need = 0

    def text(self, s: str, pre: bool = False) -> None:
        if not s:
            return
        if pre:
            self._flush_break()
            self.space = False
            self._write(s)
            return
        s = _SPACE_RUN.sub(" ", s)
        core = s.strip(" ")
        if s[0] == " ":
            self.space = True
        if core:
            if self.need and self.length:
                self._flush_break()
            elif self.space and self.length and not self.trailing_newlines:
                self._write(" ")
            self.need = 0
            self.space = False
            self._write(core)
            self.space = s[-1] == " "

    def block(self, newlines: int) -> None:
        self.need = max(self.need, newlines)
        self.space = False

    def line_break(self) -> None:
        self._flush_break()
        self.space = False
        self._write("\n")

    def cell(self) -> None:
        if self.length and not self.trailing_newlines and not self.need:
            self._write("\t")
            self.space = False


def html_to_text(markup: str) -> HtmlPage:
    """Parse ``markup`` (broken HTML is fine) and return its visible text and metadata."""
    markup = _BAD_CHARS.sub("", _XML_DECL.sub("", markup, count=1))
    markup = _DOCUMENT_END.sub("", markup)
    if not markup.strip():
        return HtmlPage(text="")
    try:
        root = lxml.html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return HtmlPage(text="")
    given_up = [e for e in _PARSER.error_log if e.level == etree.ErrorLevels.FATAL]
    if given_up:
        raise HtmlError(f"the HTML parser gave up: {_fatal_reason(given_up[0])}")
    writer = _Writer()
    spans: list[tuple[int, int]] = []
    _walk(root, writer, spans)
    raw = "".join(writer.parts)
    text = raw.strip()
    shift = len(raw) - len(raw.lstrip())
    regions = []
    for start, end in merge_spans(spans):
        start, end = strip_span(text, max(0, start - shift), min(len(text), end - shift))
        if end > start:
            regions.append(Region(start, end, "boilerplate"))
    title, byline, date, url, lang = _metadata(root)
    return HtmlPage(text, regions, title, byline, date, url, lang)


def _fatal_reason(error) -> str:
    if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in error.message:
        limit = re.search(r"\d+", error.message)
        deeper = f"deeper than {limit.group()} levels" if limit else "too deeply"
        return f"elements nested {deeper} (line {error.line})"
    return f"{error.message.strip()} (line {error.line})"


def _walk(root, writer: _Writer, spans: list) -> None:
    """Depth-first over the tree with an explicit stack (pages nest deeper than recursion)."""
    stack: list[tuple] = [("element", root, False, False, False)]
    while stack:
        item = stack.pop()
        if item[0] == "tail":
            writer.text(item[1], item[2])
            continue
        if item[0] == "exit":
            _, blank, start = item
            if blank:
                writer.block(blank)
            if start is not None:
                spans.append((start, writer.length))
            continue
        _, el, pre, in_content, in_furniture = item
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is None or tag in SKIP or _hidden(el):
            continue  # comments, processing instructions, invisible elements (tail is kept)
        furniture = not in_furniture and _is_furniture(el, tag, in_content)
        in_content = in_content or tag in {"article", "main"}
        pre = pre or tag in {"pre", "textarea", "listing", "plaintext"}
        blank = 2 if tag in PARAGRAPH_BLOCKS else 1 if tag in LINE_BLOCKS else 0
        if blank:
            writer.block(blank)
        if tag in CELLS:
            writer.cell()
        if tag == "br":
            writer.line_break()
        stack.append(("exit", blank, writer.length if furniture else None))
        writer.text(el.text or "", pre)
        for child in reversed(el):
            stack.append(("tail", child.tail or "", pre))
            stack.append(("element", child, pre, in_content, in_furniture or furniture))


def _hidden(el) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(el.get("style", "")))


def _is_furniture(el, tag: str, in_content: bool) -> bool:
    if tag in _NEVER_FURNITURE:
        return False
    if tag in FURNITURE_TAGS or (tag in PAGE_LEVEL_TAGS and not in_content):
        return True
    names = f"{el.get('class', '')} {el.get('id', '')}".lower()
    words = re.split(r"[^a-z0-9]+|(?<=[a-z])(?=[0-9])", names)
    named = (
        el.get("role", "").lower() in FURNITURE_ROLES
        or any(_FURNITURE_WORD.match(w) for w in words if w)
        or any(key in names for key in ("recent-posts", "recent_posts", "recentposts"))
    )
    # a wrapper that holds the article itself is not furniture, whatever its class says
    return named and not _holds_content(el)


def _holds_content(el) -> bool:
    for node in el.iterdescendants():
        if not isinstance(node.tag, str):
            continue
        if node.tag in {"article", "main", "h1"} or node.get("role", "").lower() == "main":
            return True
    return False


def _metadata(root) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    def meta(*keys: str) -> str | None:
        for key in keys:
            for attr in ("property", "name", "itemprop"):
                for node in root.iterfind(f".//meta[@{attr}]"):
                    if node.get(attr, "").lower() == key and (node.get("content") or "").strip():
                        return _clean(node.get("content"))
        return None

    def first_text(path: str) -> str | None:
        for node in root.iterfind(path):
            value = _clean(node.text_content())
            if value:
                return value
        return None

    title = meta("og:title", "twitter:title") or first_text(".//h1") or first_text(".//title")
    byline = meta("author", "article:author", "byl", "dc.creator") or first_text(
        ".//*[@rel='author']"
    )
    date = None
    for value in (
        meta(
            "article:published_time",
            "datepublished",
            "date",
            "pubdate",
            "publishdate",
            "dc.date",
            "dc.date.issued",
            "og:published_time",
            "article:modified_time",
        ),
        next((t.get("datetime") for t in root.iterfind(".//time[@datetime]")), None),
    ):
        date = parse_date(value) if value else None
        if date:
            break
    url = None
    for link in root.iterfind(".//link[@rel][@href]"):
        if "canonical" in link.get("rel", "").lower().split():
            url = link.get("href").strip() or None
            break
    url = url or meta("og:url")
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    lang = lang.strip().split("-")[0].split("_")[0].lower() or None
    return title, byline, date, url, lang


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACE_RUN.sub(" ", value).strip()
    return value or None
