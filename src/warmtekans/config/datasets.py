"""The pinned download sources (``data/sources.csv``): dataset, version and URL."""

from __future__ import annotations

import csv
from pathlib import Path

#: Package data this module reads (hashed into the code version of the rules that use it).
PACKAGE_DATA = ("data/sources.csv",)

VERSIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "sources.csv"


def pinned_sources(path: Path = VERSIONS_CSV) -> dict[str, dict[str, str]]:
    """The table of pinned sources: dataset → {version, kind, url, licence, notes}."""
    with open(path, encoding="utf-8") as handle:
        return {row["dataset"]: row for row in csv.DictReader(handle)}
