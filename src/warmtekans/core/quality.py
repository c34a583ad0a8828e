"""Data-quality bookkeeping: what each reader read, dropped and repaired, and what was not checked.

Every ``prepare_*`` stage fills a :class:`QualityLog` and writes it next to its output as JSON
(``data/processed/{gemeente}/kwaliteit/<stage>.json``); ``write_results`` merges them into
``results/{gemeente}/kwaliteit.md`` and the ``kwaliteit`` table of the GeoPackage.

Usage in a reader::

    entry = quality.entry("bag.verblijfsobject", path=source.path, layer="verblijfsobject")
    entry.read(len(frame), crs=frame.crs)
    entry.drop("oppervlakte > dwellings.max_floor_area_m2", 3, examples=["0599010000000001"])
    entry.repair("invalid geometry repaired with make_valid", 2)
    entry.not_checked("no drinking-water zones configured")
    entry.warn("no nummeraanduiding table: no addresses")   # also logged
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from warmtekans.core.crs import crs_text

log = logging.getLogger(__name__)


@dataclass
class QualityEntry:
    """The bookkeeping of one input (a file, or one layer of a file).

    ``dropped`` and ``repaired`` map a reason (one readable sentence, with the rule applied)
    to a row count; ``examples`` keeps a few offending values per reason.
    """

    input: str
    path: str | None = None
    layer: str | None = None
    crs: str | None = None
    rows_read: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    repaired: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    niet_gecontroleerd: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def read(self, rows: int, *, crs: Any = None) -> "QualityEntry":
        """Record the rows read and the CRS found in the file (before reprojection)."""
        self.rows_read += int(rows)
        if crs is not None:
            self.crs = crs_text(crs)
        return self

    def drop(self, reason: str, count: int, *, examples: Iterable[Any] = ()) -> "QualityEntry":
        """Record ``count`` rows dropped for ``reason`` (nothing recorded when ``count`` is 0)."""
        if int(count) > 0:
            self.dropped[reason] = self.dropped.get(reason, 0) + int(count)
            self._examples(reason, examples)
        return self

    def repair(self, reason: str, count: int, *, examples: Iterable[Any] = ()) -> "QualityEntry":
        """Record ``count`` rows repaired by the documented rule ``reason``."""
        if int(count) > 0:
            self.repaired[reason] = self.repaired.get(reason, 0) + int(count)
            self._examples(reason, examples)
        return self

    def not_checked(self, what: str) -> "QualityEntry":
        """Record a check that could not be made ("niet gecontroleerd")."""
        if what not in self.niet_gecontroleerd:
            self.niet_gecontroleerd.append(what)
        return self

    def note(self, text: str) -> "QualityEntry":
        """Record a remark (an estimate made, a fallback used)."""
        if text not in self.notes:
            self.notes.append(text)
        return self

    def warn(self, text: str) -> "QualityEntry":
        """Record a warning (something that costs results, e.g. a missing table) and log it, so it shows both on
        screen and at the top of ``kwaliteit.md``."""
        if text not in self.warnings:
            self.warnings.append(text)
            log.warning("%s: %s", self.input, text)
        return self

    def _examples(self, reason: str, examples: Iterable[Any]) -> None:
        kept = self.examples.setdefault(reason, [])
        for value in examples:
            if len(kept) >= 5:
                break
            text = str(value)
            if text not in kept:
                kept.append(text)


@dataclass
class QualityLog:
    """The entries of one stage (or, merged, of one gemeente)."""

    entries: list[QualityEntry] = field(default_factory=list)

    def entry(self, name: str, *, path: Any = None, layer: str | None = None) -> QualityEntry:
        """The entry for input ``name``, created on first use."""
        for existing in self.entries:
            if existing.input == name:
                return existing
        created = QualityEntry(input=name, path=str(path) if path is not None else None, layer=layer)
        self.entries.append(created)
        return created

    def to_dict(self) -> dict[str, Any]:
        return {"entries": [asdict(e) for e in self.entries]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "QualityLog":
        return cls([QualityEntry(**e) for e in data.get("entries", [])])

    def write(self, path: str | os.PathLike) -> None:
        """Write as JSON, atomically."""
        from warmtekans.core.atomic import atomic_path

        with atomic_path(path) as tmp:
            tmp.write_text(json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def read(cls, path: str | os.PathLike) -> "QualityLog":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def merged(cls, logs: Iterable["QualityLog"]) -> "QualityLog":
        """All entries of ``logs`` in order."""
        out = cls()
        for log in logs:
            out.entries.extend(log.entries)
        return out
