"""Stage of the rule(s) prepare_buurten."""

from __future__ import annotations

import logging

from warmtekans.config.areas import LayerInput
from warmtekans.inputs.cbs import read_buurten
from warmtekans.io.parquet import write_parquet
from warmtekans.pipeline.common import new_quality_log

log = logging.getLogger(__name__)


def prepare_buurten(*, source: dict, gemeente: str, output: str, quality_output: str | None = None) -> None:
    """Read the CBS buurten of ``gemeente``."""
    quality, save = new_quality_log(quality_output)
    buurten = read_buurten(LayerInput(**source), gemeente, quality=quality)
    log.info("%d buurten in %s", len(buurten), gemeente)
    write_parquet(buurten, output)
    save()
