"""Glue between Snakemake and the package: config validation, input paths, and running a stage."""

from __future__ import annotations

import hashlib
import importlib
import logging
import sys
from pathlib import Path
from typing import Any, Callable

from warmtekans.config import OPTIONAL_INPUTS, Config, area_inputs, check_config_files, validate_config
from warmtekans.errors import InputError


def validated_config(raw: dict[str, Any], *, files: Any = ()) -> Config:
    """Validate the Snakemake config; on error print the message and exit before any job runs.

    ``files`` are the config files it came from (named in the message when they exist).
    """
    named = [str(f) for f in files if f is not None and Path(f).exists()]
    try:
        return validate_config(raw, source=" + ".join(named) or "config")
    except InputError as exc:
        sys.stderr.write(f"warmtekans: {exc}\n")
        raise SystemExit(1) from None


def checked_config_files(*paths: Any) -> None:
    """Re-read the config files with the strict YAML loader before Snakemake uses them.

    A syntax error or a key given twice is reported with file, line and column, and the run
    stops before any job. (Snakemake itself parses ``--configfile`` files before the Snakefile
    runs and reports a syntax error there without a line; ``python -m warmtekans.config --check
    FILE`` gives the line for those.) Missing files are left to Snakemake's own message.
    """
    existing = [Path(p) for p in paths if p is not None and Path(p).exists()]
    try:
        check_config_files(existing)
    except InputError as exc:
        sys.stderr.write(f"warmtekans: {exc}\n")
        raise SystemExit(1) from None


def input_sources(config: Config, gemeente: str) -> dict[str, Any]:
    """The configured input sources of a gemeente as plain dicts (``None`` = not available)."""
    return area_inputs(config, gemeente).model_dump(mode="json")


def input_files(config: Config, gemeente: str) -> dict[str, str]:
    """The input files Snakemake must track (or produce, for the sample) for a gemeente."""
    sources = input_sources(config, gemeente)
    files = {"bag": sources["bag"]["path"], "buurten": sources["buurten"]["path"]}
    if sources["bag"].get("nummeraanduiding"):
        files["nummeraanduiding"] = sources["bag"]["nummeraanduiding"]
    if sources["bag"].get("openbareruimte"):
        files["openbareruimte"] = sources["bag"]["openbareruimte"]
    for name in OPTIONAL_INPUTS:
        source = sources[name]
        if source is not None:
            files[name] = source if isinstance(source, str) else source["path"]
    return files


def available_inputs(config: Config, gemeente: str) -> list[str]:
    """Names of the optional inputs configured for a gemeente."""
    sources = input_sources(config, gemeente)
    return [name for name in OPTIONAL_INPUTS if sources[name] is not None]


def code_version(*modules: str) -> str:
    """A short hash of the source of ``modules``, so rules rerun when their code changes."""
    digest = hashlib.sha256()
    for name in modules:
        module = importlib.import_module(name)
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


def run(snakemake, stage: Callable[..., None], **kwargs: Any) -> None:
    """Run a stage with logging to the rule's log file; user errors exit non-zero without a traceback."""
    log_path = snakemake.log[0] if len(snakemake.log) else None
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    logging.basicConfig(level=logging.INFO, handlers=handlers, force=True,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        stage(**kwargs)
    except InputError as exc:
        logging.getLogger("warmtekans").error("%s", exc)
        raise SystemExit(1) from None
