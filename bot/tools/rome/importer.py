"""Derive the project's compact ROME files from France Travail's open-data CSVs.

    python -m bot.tools.rome.importer /path/to/rome/csv/dir

Reads `unix_referentiel_appellation_v460_utf8.csv` and `unix_referentiel_code_rome_v460_utf8.csv` and writes
`bot/core/knowledge/rome/titles.tsv` (code, PRINCIPALE/SYNONYME, long title) and `codes.tsv` (code, parent, label),
sorted, UTF-8, tab-separated. The product reads only those two files. Source : France Travail, ROME v4.60
(Licence Ouverte v2.0).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "core" / "knowledge" / "rome"
TITLES = "unix_referentiel_appellation_v460_utf8.csv"
CODES = "unix_referentiel_code_rome_v460_utf8.csv"


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def convert(source: Path, out: Path = OUT) -> tuple[int, int]:
    with (source / TITLES).open(encoding="utf-8", newline="") as file:
        titles = sorted({(row["code_rome"], _clean(row["classification"]) or "SYNONYME",
                          _clean(row["libelle_appellation_long"])) for row in csv.DictReader(file)})
    with (source / CODES).open(encoding="utf-8", newline="") as file:
        codes = sorted({(row["code_rome"], row["code_rome_parent"], _clean(row["libelle_rome"]))
                        for row in csv.DictReader(file)})
    out.mkdir(parents=True, exist_ok=True)
    (out / "titles.tsv").write_text("".join("\t".join(row) + "\n" for row in titles), encoding="utf-8")
    (out / "codes.tsv").write_text("".join("\t".join(row) + "\n" for row in codes), encoding="utf-8")
    return len(titles), len(codes)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    n_titles, n_codes = convert(Path(argv[0]))
    print(f"{n_titles} titles, {n_codes} codes written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
