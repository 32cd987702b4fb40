"""The knowledge base of routes: every answer the assistant gives about a scheme or a service, as sourced facts.

One YAML file per route in `routes/` (the VAE inversée, the contrat de professionnalisation, apprenticeship…),
and one register of sources, `sources.yml`. Each route holds, per aspect (what it is, who can, pay…), short
facts with the conditions under which they hold (the profile, the date) and their sources. `load_routes()`
reads and validates them into frozen dataclasses and fails fast with a `KnowledgeError` naming the faulty
entry; which facts hold for a profile is `bot.core.answers`' job, how they are written out `bot.core.say.answer`'s.
The design: docs/answers.md.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from bot.core.knowledge import KnowledgeError

ROUTES_DIR = Path(__file__).with_name("routes")
SOURCES_PATH = Path(__file__).with_name("sources.yml")

# The aspects a question can ask about (docs/answers.md); `pitch` is the one-line summary the options list is
# made of.
ASPECTS = (
    "what", "who", "pay", "duration", "cost", "aid", "how", "open", "signed", "stats", "compare", "why", "law",
    "sectors", "certifications", "tutor", "exam", "rights", "allowances", "pitch",
)
SOURCE_STATUSES = ("official", "official_mirror", "public_other", "secondary")  # best first
UNKNOWN = "unknown"
# Conditions of a fact (`when`), by kind of value.
RANGE_CONDITIONS = ("age", "size")
DATE_RANGE_CONDITIONS = ("today", "signed")
CHOICE_CONDITIONS = {
    "situation": ("salarie", "demandeur_emploi", "etudiant", "autre"),
    "employer_kind": ("prive", "public", "epic", "particulier"),
    "role": ("candidat", "employeur", "proche", "conseiller", "presse"),
    "phase": ("upcoming", "open", "closed"),
}
FLAG_CONDITIONS = ("rqth", "minima", "experience")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class SourceDoc:
    """A document facts come from: `title` is the French citation shown with its link."""

    id: str
    title: str
    url: str
    status: str
    date: date | None = None


@dataclass(frozen=True)
class Fact:
    """One or two sentences of an answer, the conditions under which they hold, and where they come from."""

    say: str
    sources: tuple[str, ...]
    status: str
    when: Mapping[str, Any] = field(default_factory=dict)
    check: str | None = None  # who can confirm: said with "à vérifier auprès de …"
    short: str | None = None
    with_route: str | None = None  # `compare` facts: the other route

    @property
    def placeholders(self) -> set[str]:
        return set(PLACEHOLDER.findall(self.say)) | set(PLACEHOLDER.findall(self.short or ""))


@dataclass(frozen=True)
class Contact:
    """Who knows about a route: named when the base has no answer for an aspect."""

    say: str
    url: str
    source: str


@dataclass(frozen=True)
class Route:
    """A scheme or a service visitors ask about, and its facts by aspect."""

    id: str
    name: str  # "le contrat d'apprentissage"
    short: str  # "l'apprentissage"
    title: str  # "Apprentissage"
    aliases: tuple[str, ...]
    contact: Contact
    aspects: Mapping[str, tuple[Fact, ...]]
    includes: Mapping[str, tuple[tuple[str, str], ...]]  # aspect -> the (route, aspect) pairs it is made of
    fits_person: tuple[Mapping[str, Any], ...] = ()  # who can use it: any of these conditions
    fits_employer: frozenset[str] | None = None  # the kinds of employer that can use it (None: no employer)

    def holds(self, aspect: str) -> bool:
        return aspect in self.aspects or aspect in self.includes


@dataclass(frozen=True, eq=False)
class RouteBase:
    """Every route and the sources register."""

    routes: Mapping[str, Route]
    sources: Mapping[str, SourceDoc]

    def route(self, route_id: str) -> Route:
        return self.routes[route_id]

    def facts(self, route_id: str, aspect: str) -> tuple[Fact, ...]:
        """The facts of (route, aspect), its own then those of the aspects it includes, in their order."""
        route = self.routes[route_id]
        own = route.aspects.get(aspect, ())
        included = tuple(fact for other, part in route.includes.get(aspect, ()) for fact in self.facts(other, part))
        return own + included


# --------------------------------------------------------------------------- loading


@functools.lru_cache(maxsize=8)
def load_routes(routes_dir: str | Path | None = None, sources_path: str | Path | None = None) -> RouteBase:
    """Read and validate every route file and the sources register. Cached per paths."""
    sources = load_sources(sources_path)
    folder = Path(routes_dir) if routes_dir is not None else ROUTES_DIR
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise KnowledgeError(f"no route file in {folder}")
    routes = {}
    for file in files:
        route = _RouteBuilder(_read(file), file, sources).build()
        if route.id != file.stem:
            raise KnowledgeError(f"{file}: id {route.id!r} must be the file's name")
        routes[route.id] = route
    base = RouteBase(MappingProxyType(routes), sources)
    _check_references(base)
    return base


def load_sources(path: str | Path | None = None) -> Mapping[str, SourceDoc]:
    file = Path(path) if path is not None else SOURCES_PATH
    raw = _read(file)
    entries = raw.get("sources")
    if not isinstance(entries, dict) or not entries:
        raise KnowledgeError(f"{file}: `sources` must be a non-empty mapping")
    sources = {}
    for source_id, entry in entries.items():
        where = f"{file.name}: sources.{source_id}"
        if not isinstance(entry, dict) or not all(isinstance(entry.get(key), str) for key in ("title", "url")):
            raise KnowledgeError(f"{where}: needs a title and a url")
        if not entry["url"].startswith(("http://", "https://")):
            raise KnowledgeError(f"{where}: url must be http(s)")
        if entry.get("status") not in SOURCE_STATUSES:
            raise KnowledgeError(f"{where}: status must be one of {', '.join(SOURCE_STATUSES)}")
        when = entry.get("date")
        if when is not None and not isinstance(when, date):
            raise KnowledgeError(f"{where}: date must be YYYY-MM-DD or null")
        sources[str(source_id)] = SourceDoc(str(source_id), entry["title"], entry["url"], entry["status"], when)
    return MappingProxyType(sources)


def _read(file: Path) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise KnowledgeError(f"cannot read {file}: {error}") from error
    except yaml.YAMLError as error:
        raise KnowledgeError(f"invalid YAML in {file}: {error}") from error
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{file}: top level must be a mapping")
    return raw


def best_status(statuses: list[str]) -> str:
    return min(statuses, key=SOURCE_STATUSES.index)


class _RouteBuilder:
    def __init__(self, raw: dict[str, Any], file: Path, sources: Mapping[str, SourceDoc]) -> None:
        self.raw, self.file, self.sources = raw, file, sources

    def fail(self, where: str, message: str) -> KnowledgeError:
        return KnowledgeError(f"{self.file.name}: {where}: {message}")

    def text(self, key: str) -> str:
        value = self.raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "expected a non-empty string")
        return value.strip()

    def source_ids(self, where: str, value: Any) -> tuple[str, ...]:
        ids = (value,) if isinstance(value, str) else tuple(value or ())
        if not ids:
            raise self.fail(where, "needs at least one source")
        unknown = [source for source in ids if source not in self.sources]
        if unknown:
            raise self.fail(where, f"unknown source(s) {', '.join(map(str, unknown))}")
        return ids

    def build(self) -> Route:
        contact = self.raw.get("contact") or {}
        if not isinstance(contact, dict) or not all(isinstance(contact.get(key), str) for key in ("say", "url")):
            raise self.fail("contact", "needs `say` and `url`")
        aliases = self.raw.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(alias, str) and alias.strip() for alias in aliases):
            raise self.fail("aliases", "expected a list of words")
        aspects, includes = self.build_aspects()
        fits = self.raw.get("fits") or {}
        person = tuple(conditions(f"fits.person[{i}]", entry, self.fail)
                       for i, entry in enumerate(fits.get("person") or ()))
        employer = fits.get("employer")
        if employer is not None:
            bad = [kind for kind in employer if kind not in CHOICE_CONDITIONS["employer_kind"]]
            if bad:
                raise self.fail("fits.employer", f"unknown employer kind(s) {', '.join(map(str, bad))}")
        return Route(
            id=self.text("id"), name=self.text("name"), short=self.text("short"), title=self.text("title"),
            aliases=tuple(alias.strip() for alias in aliases),
            contact=Contact(contact["say"].strip(), contact["url"].strip(),
                            self.source_ids("contact.source", contact.get("source"))[0]),
            aspects=MappingProxyType(aspects), includes=MappingProxyType(includes), fits_person=person,
            fits_employer=frozenset(employer) if employer is not None else None,
        )

    def build_aspects(self) -> tuple[dict[str, tuple[Fact, ...]], dict[str, tuple[tuple[str, str], ...]]]:
        raw = self.raw.get("aspects")
        if not isinstance(raw, dict) or not raw:
            raise self.fail("aspects", "expected a mapping of aspects")
        aspects, includes = {}, {}
        for aspect, entries in raw.items():
            if aspect not in ASPECTS:
                raise self.fail(f"aspects.{aspect}", f"unknown aspect (known: {', '.join(ASPECTS)})")
            if isinstance(entries, dict) and set(entries) == {"include"}:
                includes[aspect] = tuple(self.included(f"aspects.{aspect}.include", entries["include"]))
                continue
            if not isinstance(entries, list) or not entries:
                raise self.fail(f"aspects.{aspect}", "expected a list of facts or {include: [...]}")
            aspects[aspect] = tuple(self.fact(f"aspects.{aspect}[{i}]", entry) for i, entry in enumerate(entries))
        return aspects, includes

    def included(self, where: str, value: Any) -> list[tuple[str, str]]:
        pairs = []
        for item in value or ():
            route, _, aspect = str(item).partition(".")
            if not route or aspect not in ASPECTS:
                raise self.fail(where, f"expected route.aspect, got {item!r}")
            pairs.append((route, aspect))
        return pairs

    def fact(self, where: str, entry: Any) -> Fact:
        if not isinstance(entry, dict) or not isinstance(entry.get("say"), str) or not entry["say"].strip():
            raise self.fail(where, "a fact needs a `say` text")
        unknown_keys = set(entry) - {"say", "when", "source", "check", "short", "with"}
        if unknown_keys:
            raise self.fail(where, f"unknown key(s) {', '.join(sorted(unknown_keys))}")
        sources = self.source_ids(f"{where}.source", entry.get("source"))
        return Fact(
            say=" ".join(entry["say"].split()),
            sources=sources,
            status=best_status([self.sources[s].status for s in sources]),
            when=MappingProxyType(conditions(f"{where}.when", entry.get("when") or {}, self.fail)),
            check=entry.get("check"),
            short=" ".join(entry["short"].split()) if entry.get("short") else None,
            with_route=entry.get("with"),
        )


def conditions(where: str, raw: Any, fail: Any) -> dict[str, Any]:
    """A `when` mapping checked and normalised: ranges as (low, high) tuples, choices as frozensets."""
    if not isinstance(raw, dict):
        raise fail(where, "expected a mapping of conditions")
    result: dict[str, Any] = {}
    for name, value in raw.items():
        if value == UNKNOWN and name not in ("phase", "today", "signed"):
            result[name] = UNKNOWN
        elif name in RANGE_CONDITIONS or name in DATE_RANGE_CONDITIONS:
            kind = date if name in DATE_RANGE_CONDITIONS else int
            if not (isinstance(value, list) and len(value) == 2
                    and all(v is None or (isinstance(v, kind) and not isinstance(v, bool)) for v in value)):
                raise fail(f"{where}.{name}", f"expected [low, high] of {kind.__name__} or null")
            result[name] = (value[0], value[1])
        elif name in CHOICE_CONDITIONS:
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not values or any(v not in CHOICE_CONDITIONS[name] for v in values):
                raise fail(f"{where}.{name}", f"expected some of {', '.join(CHOICE_CONDITIONS[name])}")
            result[name] = frozenset(values)
        elif name in FLAG_CONDITIONS:
            if not isinstance(value, bool):
                raise fail(f"{where}.{name}", "expected true, false or unknown")
            result[name] = value
        else:
            raise fail(f"{where}.{name}", "unknown condition")
    return result


def _check_references(base: RouteBase) -> None:
    for route in base.routes.values():
        for aspect, pairs in route.includes.items():
            for other, part in pairs:
                if other not in base.routes or not base.routes[other].holds(part):
                    raise KnowledgeError(f"{route.id}.yml: aspects.{aspect}: includes {other}.{part}, which no "
                                         "route holds")
        for facts in route.aspects.values():
            for fact in facts:
                if fact.with_route is not None and fact.with_route not in base.routes:
                    raise KnowledgeError(f"{route.id}.yml: compares with unknown route {fact.with_route!r}")
