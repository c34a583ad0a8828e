"""Stage of the rule(s) provenance."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def provenance(*, gemeente: str, version: str, config: dict, inputs: dict[str, str], output: str) -> None:
    """The provenance record (``herkomst.yaml``): version, run date, config and every input file with its SHA-256."""
    from warmtekans.core.progress import progress
    from warmtekans.outputs.provenance import collect, write_record

    names = list(inputs)
    hashed = {name: inputs[name] for name in progress(names, total=len(names), what="inputs hashed")}
    record = collect(gemeente=gemeente, version=version, config=config, inputs=hashed)
    write_record(record, output)
    log.info("wrote %s (%d inputs, warmtekans %s)", output, len(record["inputs"]), version)
