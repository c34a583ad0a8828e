"""Stage of the rule(s) provenance."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

#: The packaged tables the record names by ``warmtekans:data/<file>``: a new version reruns this rule.
PACKAGE_DATA = ("data/heat_demand.csv", "data/kosten.csv")


def provenance(*, gemeente: str, version: str, config: dict, inputs: dict[str, str], output: str) -> None:
    """The provenance record (``herkomst.yaml``): version, run date, config and every input file with its SHA-256.

    Files shipped in the package are named ``warmtekans:data/<file>`` (where they are installed differs per
    machine; their content is what the hash records)."""
    from warmtekans.core.progress import progress
    from warmtekans.outputs.provenance import collect, write_record
    from warmtekans.pipeline.workflow import packaged_path

    names = list(progress(list(inputs), total=len(inputs), what="inputs hashed"))
    record = collect(gemeente=gemeente, version=version, config=config,
                     inputs={name: packaged_path(inputs[name]) for name in names})
    for entry in record["inputs"]:
        entry["path"] = inputs[entry["name"]]  # as configured (or the package's own name)
    write_record(record, output)
    log.info("wrote %s (%d inputs, warmtekans %s)", output, len(record["inputs"]), version)
