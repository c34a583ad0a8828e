"""Stage of the rule(s) build_dwellings."""

from __future__ import annotations

import json
import logging

import pandas as pd

from warmtekans.config.sections import DwellingSettings
from warmtekans.core.atomic import atomic_path
from warmtekans.io.parquet import read_geoparquet, write_parquet

log = logging.getLogger(__name__)


def build_dwellings(*, panden: str, vbos: str, energielabels: str, buurten: str, settings: dict,
                    kentallen: str | None, dwellings_output: str, panden_output: str, report_output: str) -> None:
    """Dwellings with woningtype, label and heat demand; the panden that hold them; a count report."""
    from warmtekans.model.demand import load_kentallen
    from warmtekans.model.dwellings import build_dwellings as make_dwellings

    dwellings, woonpanden, report = make_dwellings(
        read_geoparquet(panden), read_geoparquet(vbos), pd.read_parquet(energielabels), read_geoparquet(buurten),
        load_kentallen(kentallen), DwellingSettings(**settings))
    for line in report.lines():
        log.info(line)
    write_parquet(dwellings, dwellings_output)
    write_parquet(woonpanden, panden_output)
    with atomic_path(report_output) as tmp:
        tmp.write_text(json.dumps(report.__dict__, indent=2, sort_keys=True), encoding="utf-8")
