"""France Travail's ROME (v4.60) in the project: every job title, its code, and the code -> sector table.

`titles.tsv` and `codes.tsv` are derived from the open-data CSVs by `bot/tools/rome/importer.py`;
`sectors.yml` maps code prefixes to the sectors of `vae_inversee.yml` and names the workplaces that decide a
branch. Source : France Travail, ROME v4.60 (Licence Ouverte v2.0). `load_rome()` is cached and checks every
sector id against the knowledge file.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

from bot.core.knowledge import Knowledge, KnowledgeError, load

ROME_DIR = Path(__file__).parent
ATTRIBUTION = "Source : France Travail, ROME v4.60"
_PREFIX = re.compile(r"^[A-N](\d\d(\d\d)?)?$")

__all__ = ["ATTRIBUTION", "ROME_DIR", "Rome", "RomeTitle", "load_rome"]


@dataclass(frozen=True)
class RomeTitle:
    """One job title ("appellation") as the ROME writes it, with its code."""

    code: str
    title: str
    principal: bool  # the code's main title (PRINCIPALE) rather than a synonym


@dataclass(frozen=True, eq=False)  # identity equality: hashable, usable as a cache key
class Rome:
    titles: tuple[RomeTitle, ...]
    code_labels: Mapping[str, str]  # code -> label of its job sheet
    parents: Mapping[str, str]  # code -> the code of the job sheet it belongs to (itself for a main sheet)
    prefixes: Mapping[str, str | None]  # code prefix -> sector id (None: no listed sector)
    workplaces: Mapping[str, str]  # workplace phrase -> sector id
    source: str

    def sector_of(self, code: str) -> str | None:
        """The sector id of a ROME code: the code itself in the table, else its parent sheet (v4.60 numbers a
        child code apart from its parent: D1216 "coiffeur barbier" belongs to D1202), else the parent's domain,
        else its grand domaine (None: no listed sector). A parent in another grand domaine is ignored: the code's
        own domain decides (C1113 "expert en assurances dommages automobile" is insurance, though its parent
        sheet is I1604, car mechanics)."""
        parent = self.parents.get(code, code)
        if parent[:1] != code[:1]:
            parent = code
        for key in (code, parent, parent[:3], code[:3], code[:1]):
            if key in self.prefixes:
                return self.prefixes[key]
        return None


@functools.lru_cache(maxsize=4)
def load_rome(k: Knowledge | None = None, directory: str | Path | None = None) -> Rome:
    """Read the ROME files; every sector id must be one of `k`'s sectors (KnowledgeError otherwise)."""
    k = k or load()
    folder = Path(directory) if directory is not None else ROME_DIR
    try:
        titles_text = (folder / "titles.tsv").read_text(encoding="utf-8")
        codes_text = (folder / "codes.tsv").read_text(encoding="utf-8")
        table = yaml.safe_load((folder / "sectors.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeError(f"cannot read the ROME files in {folder}: {error}") from error
    titles = []
    for line in titles_text.splitlines():
        code, classification, title = line.split("\t")
        titles.append(RomeTitle(code, title, classification == "PRINCIPALE"))
    labels, parents = {}, {}
    for line in codes_text.splitlines():
        code, parent, label = line.split("\t")
        labels[code], parents[code] = label, parent
    prefixes: dict[str, str | None] = {}
    for prefix, sector_id in (table.get("prefixes") or {}).items():
        if not _PREFIX.match(str(prefix)):
            raise KnowledgeError(f"sectors.yml: {prefix!r} is not a ROME code or prefix (A, A14, A1401)")
        if sector_id is not None and not k.has_sector(sector_id):
            raise KnowledgeError(f"sectors.yml: {prefix}: unknown sector {sector_id!r}")
        prefixes[str(prefix)] = sector_id
    unmapped = sorted({code[0] for code in labels} - set(prefixes))
    if unmapped:
        raise KnowledgeError(f"sectors.yml: no sector for the grands domaines {', '.join(unmapped)}")
    workplaces: dict[str, str] = {}
    for sector_id, phrases in (table.get("workplaces") or {}).items():
        if not k.has_sector(sector_id):
            raise KnowledgeError(f"sectors.yml: workplaces: unknown sector {sector_id!r}")
        for phrase in phrases:
            workplaces[phrase] = sector_id
    return Rome(tuple(titles), MappingProxyType(labels), MappingProxyType(parents), MappingProxyType(prefixes),
                MappingProxyType(workplaces), str(table.get("source", ATTRIBUTION)))
