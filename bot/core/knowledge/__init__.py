"""Load and validate the facts file `vae_inversee.yml` into frozen dataclasses.

Every figure, date, source, sector and OPCO the assistant uses comes from that file. `load()` is
cached and fails fast with a `KnowledgeError` naming the faulty entry. The facts are data: how a figure is
written in French is `bot.core.say.format`'s job.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

DEFAULT_PATH = Path(__file__).with_name("vae_inversee.yml")
STATUSES = frozenset({"official", "secondary", "seed", "public_other"})

__all__ = [
    "DEFAULT_PATH",
    "Contract",
    "CostCategory",
    "EmployerAids",
    "Experimentation",
    "Fact",
    "Funding",
    "Knowledge",
    "KnowledgeError",
    "Opco",
    "Pay",
    "Sector",
    "Source",
    "Tutoring",
    "load",
]


class KnowledgeError(ValueError):
    """The facts file is missing, malformed or inconsistent."""


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class Source:
    """A document a fact comes from; `title` is the French citation shown to visitors."""

    id: str
    title: str
    url: str
    kind: str


@dataclass(frozen=True)
class Fact:
    """Provenance of one value of the facts file."""

    path: str
    value: Any
    source: str
    status: str
    checked: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class Opco:
    """An opérateur de compétences."""

    id: str
    name: str
    website: str
    sectors: str


@dataclass(frozen=True)
class Sector:
    """A sector of activity with the job titles that point to it."""

    id: str
    label: str
    opco_id: str
    tension: bool
    synonyms: tuple[str, ...]
    short_forms: tuple[str, ...]
    tension_source: str = "dares"  # id of the source that says whether the sector is a priority


@dataclass(frozen=True)
class CostCategory:
    """A kind of cost the OPCO can fund."""

    id: str
    label: str


@dataclass(frozen=True)
class Experimentation:
    """Legal window of the experimentation."""

    contracts_from: date
    contracts_until: date
    extension_known: bool
    duration_years: int
    arrete_date: date
    call_for_projects_date: date
    parcours_cap: int


@dataclass(frozen=True)
class Funding:
    """OPCO funding rule."""

    annual_cap_eur: int
    prorated: bool
    example_cost_eur: int
    example_months: int
    covered_categories: tuple[CostCategory, ...]


@dataclass(frozen=True)
class Contract:
    """The lightened contrat de professionnalisation."""

    max_months: int
    min_months: int | None
    standard_min_months: int
    standard_max_months: int
    private_employers_only: bool
    excluded_employers: tuple[str, ...]
    public_employers_apprenticeship: bool


@dataclass(frozen=True)
class Pay:
    """Minimum pay of a contrat de professionnalisation, in % of the SMIC."""

    under_21_pct: int
    under_21_bac_pct: int
    from_21_to_25_pct: int
    from_21_to_25_bac_pct: int
    from_26_branch_minimum_pct: int


@dataclass(frozen=True)
class EmployerAids:
    """Hiring aids (secondary facts: to check with France Travail)."""

    aid_26_plus_eur: int
    aid_45_plus_eur: int
    years: tuple[int, ...]  # the years the sources saw them in force


@dataclass(frozen=True)
class Tutoring:
    """Who may be the tutor of a contrat de professionnalisation, and for how many people at a time."""

    max_trainees_per_tutor: int
    max_trainees_employer_tutor: int
    min_experience_years: int


@dataclass(frozen=True, eq=False)  # identity equality: hashable, usable as a cache key
class Knowledge:
    """Everything the facts file says, validated."""

    reviewed: date
    ministry: str
    min_age: int
    experimentation: Experimentation
    funding: Funding
    contract: Contract
    pay: Pay
    employer_aids: EmployerAids
    tutoring: Tutoring
    options: Mapping[str, Mapping[str, Any]]  # what exists now, by option id: {fact name: value}
    sources: Mapping[str, Source]
    opcos: tuple[Opco, ...]
    sectors: tuple[Sector, ...]
    facts: Mapping[str, Fact]

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError if unknown)."""
        return self.sources[source_id]

    def opco(self, opco_id: str) -> Opco:
        """The OPCO with this id (KeyError if unknown)."""
        for opco in self.opcos:
            if opco.id == opco_id:
                return opco
        raise KeyError(opco_id)

    def sector(self, sector_id: str) -> Sector:
        """The sector with this id (KeyError if unknown)."""
        for sector in self.sectors:
            if sector.id == sector_id:
                return sector
        raise KeyError(sector_id)

    def has_sector(self, sector_id: str | None) -> bool:
        """True if `sector_id` is one of the listed sectors."""
        return any(sector.id == sector_id for sector in self.sectors)

    def option(self, option_id: str, name: str) -> Any:
        """A fact of an option, e.g. `option("apprentissage", "max_age")` (KeyError if the data does not hold it)."""
        return self.options[option_id][name]

    def option_source(self, option_id: str, name: str) -> Source:
        """The source of an option's fact."""
        return self.source_of(f"options.{option_id}.{name}")

    def source_of(self, fact_path: str) -> Source:
        """The source of a fact, e.g. `source_of("funding.annual_cap_eur")`."""
        return self.sources[self.facts[fact_path].source]


# --------------------------------------------------------------------------- loading


@functools.lru_cache(maxsize=8)
def load(path: str | Path | None = None) -> Knowledge:
    """Read and validate the facts file (default: the one next to this module). Cached per path."""
    file = Path(path) if path is not None else DEFAULT_PATH
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise KnowledgeError(f"cannot read facts file {file}: {error}") from error
    except yaml.YAMLError as error:
        raise KnowledgeError(f"invalid YAML in {file}: {error}") from error
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{file}: top level must be a mapping")
    return _Builder(raw, file).build()


class _Builder:
    """Turns the raw YAML mapping into a `Knowledge`, recording every fact's provenance."""

    def __init__(self, raw: dict[str, Any], file: Path) -> None:
        self.raw = raw
        self.file = file
        self.facts: dict[str, Fact] = {}
        self.sources: dict[str, Source] = {}

    def fail(self, where: str, message: str) -> KnowledgeError:
        return KnowledgeError(f"{self.file.name}: {where}: {message}")

    def node(self, path: str) -> Any:
        current: Any = self.raw
        for key in path.split("."):
            if not isinstance(current, dict) or key not in current:
                raise self.fail(path, "missing")
            current = current[key]
        return current

    def fact(self, path: str, kind: type, optional: bool = False, entry: Any = None) -> Any:
        """Value of a `{value, source, status}` entry, type-checked; its provenance is recorded.

        `entry` defaults to the node at `path`; pass it for entries inside lists.
        """
        entry = self.node(path) if entry is None else entry
        if not isinstance(entry, dict) or "value" not in entry:
            raise self.fail(path, "expected a mapping with value, source and status")
        value = entry["value"]
        # bool is a subclass of int: refuse `true` where a number is expected.
        wrong_bool = isinstance(value, bool) and kind not in (bool, object)
        if not (value is None and optional) and (wrong_bool or not isinstance(value, kind)):
            raise self.fail(path, f"expected {kind.__name__}, got {value!r}")
        self.facts[path] = Fact(
            path=path,
            value=value,
            source=self.source_id(path, entry.get("source")),
            status=self.status(path, entry.get("status")),
            checked=self.optional_date(path, entry.get("checked")),
            note=entry.get("note"),
        )
        return value

    def source_id(self, where: str, source_id: Any) -> str:
        if source_id not in self.sources:
            raise self.fail(where, f"unknown source {source_id!r} (known: {', '.join(self.sources)})")
        return source_id

    def status(self, where: str, status: Any) -> str:
        if status not in STATUSES:
            raise self.fail(where, f"status must be one of {sorted(STATUSES)}, got {status!r}")
        return status

    def optional_date(self, where: str, value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        raise self.fail(where, f"expected a date YYYY-MM-DD, got {value!r}")

    def positive(self, path: str) -> int:
        value = self.fact(path, int)
        if value <= 0:
            raise self.fail(path, f"must be positive, got {value}")
        return value

    def build(self) -> Knowledge:
        self.sources = self.build_sources()
        reviewed = self.raw.get("reviewed")
        if not isinstance(reviewed, date):
            raise self.fail("reviewed", "expected a date YYYY-MM-DD")
        experimentation = self.build_experimentation()
        opcos = self.build_opcos()
        sectors = self.build_sectors({opco.id for opco in opcos})
        unused = sorted({opco.id for opco in opcos} - {sector.opco_id for sector in sectors})
        if unused:
            raise self.fail("opcos", f"OPCO(s) used by no sector: {', '.join(unused)}")
        if self.fact("eligibility.other_conditions", list):
            raise self.fail("eligibility.other_conditions", "the code only knows the age condition")
        return Knowledge(
            reviewed=reviewed,
            ministry=self.fact("ministry", str),
            min_age=self.positive("eligibility.min_age"),
            experimentation=experimentation,
            funding=self.build_funding(),
            contract=self.build_contract(),
            pay=Pay(**{name: self.positive(f"pay.{name}") for name in Pay.__dataclass_fields__}),
            employer_aids=self.build_employer_aids(),
            tutoring=Tutoring(
                **{name: self.positive(f"tutoring.{name}") for name in Tutoring.__dataclass_fields__}
            ),
            options=self.build_options(),
            sources=MappingProxyType(self.sources),
            opcos=opcos,
            sectors=sectors,
            facts=MappingProxyType(self.facts),
        )

    def build_sources(self) -> dict[str, Source]:
        raw = self.node("sources")
        if not isinstance(raw, dict) or not raw:
            raise self.fail("sources", "expected a non-empty mapping")
        sources = {}
        for source_id, entry in raw.items():
            if not isinstance(entry, dict) or not all(entry.get(key) for key in ("title", "url", "kind")):
                raise self.fail(f"sources.{source_id}", "needs title, url and kind")
            sources[source_id] = Source(source_id, str(entry["title"]), str(entry["url"]), str(entry["kind"]))
        return sources

    def build_experimentation(self) -> Experimentation:
        exp = Experimentation(
            contracts_from=self.fact("experimentation.contracts_from", date),
            contracts_until=self.fact("experimentation.contracts_until", date),
            extension_known=self.fact("experimentation.extension_known", bool),
            duration_years=self.positive("experimentation.duration_years"),
            arrete_date=self.fact("experimentation.arrete_date", date),
            call_for_projects_date=self.fact("experimentation.call_for_projects_date", date),
            parcours_cap=self.positive("experimentation.parcours_cap"),
        )
        if exp.contracts_until < exp.contracts_from:
            raise self.fail("experimentation.contracts_until", "is before contracts_from")
        return exp

    def build_funding(self) -> Funding:
        example = self.fact("funding.example", dict)
        if not all(isinstance(example.get(key), int) and example[key] > 0 for key in ("cost_eur", "months")):
            raise self.fail("funding.example", "needs positive integers cost_eur and months")
        categories = []
        for index, entry in enumerate(self.node("funding.covered_categories")):
            where = f"funding.covered_categories[{index}]"
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
                raise self.fail(where, "needs id and label")
            self.fact(f"funding.covered_categories.{entry['id']}", str, entry={**entry, "value": entry["label"]})
            categories.append(CostCategory(entry["id"], entry["label"]))
        return Funding(
            annual_cap_eur=self.positive("funding.annual_cap_eur"),
            prorated=self.fact("funding.prorated", bool),
            example_cost_eur=example["cost_eur"],
            example_months=example["months"],
            covered_categories=tuple(categories),
        )

    def build_contract(self) -> Contract:
        return Contract(
            max_months=self.positive("contract.max_months"),
            min_months=self.fact("contract.min_months", int, optional=True),
            standard_min_months=self.positive("contract.standard_min_months"),
            standard_max_months=self.positive("contract.standard_max_months"),
            private_employers_only=self.fact("contract.private_employers_only", bool),
            excluded_employers=tuple(self.fact("contract.excluded_employers", list)),
            public_employers_apprenticeship=self.fact("contract.public_employers_apprenticeship", bool),
        )

    def build_options(self) -> Mapping[str, Mapping[str, Any]]:
        """Every option's facts, each with its provenance; `unconfirmed` entries are kept out (never said)."""
        raw = self.node("options")
        if not isinstance(raw, dict) or not raw:
            raise self.fail("options", "expected a non-empty mapping")
        options = {}
        for option_id, entries in raw.items():
            if option_id == "unconfirmed":
                continue
            if not isinstance(entries, dict) or not entries:
                raise self.fail(f"options.{option_id}", "expected a mapping of facts")
            values = {}
            for name in entries:
                path = f"options.{option_id}.{name}"
                values[name] = self.fact(path, object, optional=True)
                if self.facts[path].checked is None:
                    raise self.fail(path, "an option's fact needs its checked date")
            options[option_id] = MappingProxyType(values)
        return MappingProxyType(options)

    def build_employer_aids(self) -> EmployerAids:
        years = self.fact("employer_aids.years", list)
        if not years or not all(isinstance(year, int) and not isinstance(year, bool) for year in years):
            raise self.fail("employer_aids.years", f"expected a list of years, got {years!r}")
        return EmployerAids(
            aid_26_plus_eur=self.positive("employer_aids.aid_26_plus_eur"),
            aid_45_plus_eur=self.positive("employer_aids.aid_45_plus_eur"),
            years=tuple(years),
        )

    def build_opcos(self) -> tuple[Opco, ...]:
        self.source_id("opcos", self.node("opcos.source"))
        self.status("opcos", self.node("opcos.status"))
        opcos = []
        for index, entry in enumerate(self.node("opcos.items")):
            if not isinstance(entry, dict) or not all(entry.get(key) for key in ("id", "name", "website", "sectors")):
                raise self.fail(f"opcos.items[{index}]", "needs id, name, website and sectors")
            opcos.append(Opco(entry["id"], entry["name"], entry["website"], entry["sectors"]))
        _require_unique("opcos", [opco.id for opco in opcos], self)
        return tuple(opcos)

    def build_sectors(self, opco_ids: set[str]) -> tuple[Sector, ...]:
        sectors = []
        for index, entry in enumerate(self.node("sectors")):
            where = f"sectors[{index}]"
            if not isinstance(entry, dict) or not all(entry.get(key) for key in ("id", "label", "opco", "synonyms")):
                raise self.fail(where, "needs id, label, opco and synonyms")
            where = f"sectors.{entry['id']}"
            if entry["opco"] not in opco_ids:
                raise self.fail(where, f"unknown opco {entry['opco']!r}")
            tension = self.fact(f"{where}.tension", bool, entry=entry.get("tension"))
            sectors.append(
                Sector(
                    id=entry["id"],
                    label=entry["label"],
                    opco_id=entry["opco"],
                    tension=tension,
                    synonyms=tuple(str(word) for word in entry["synonyms"]),
                    short_forms=tuple(str(word) for word in entry.get("short_forms") or ()),
                    tension_source=self.facts[f"{where}.tension"].source,
                )
            )
        _require_unique("sectors", [sector.id for sector in sectors], self)
        return tuple(sectors)


def _require_unique(where: str, ids: list[str], builder: _Builder) -> None:
    duplicates = sorted({item for item in ids if ids.count(item) > 1})
    if duplicates:
        raise builder.fail(where, f"duplicate id(s): {', '.join(duplicates)}")

