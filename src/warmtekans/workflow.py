"""Glue between Snakemake and the package: config validation, input paths, and running a stage."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import logging
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

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


#: Inputs that the workflow itself produces (tracked by Snakemake as outputs of other rules).
GENERATED_INPUT_ROOTS = ("data/raw/sample/", "data/raw/download/")


def input_fingerprint(config: Config, gemeente: str, names: tuple[str, ...]) -> str:
    """Path, size and modification time (ns) of the user's input files ``names``, as one string.

    A rule parameter: Snakemake reruns a job when an input file is *newer* than its outputs;
    this also reruns it when a file is replaced by one with an older time stamp or another
    size (a copy that kept its date). Files the workflow makes itself (sample, downloads)
    are left out: Snakemake tracks those as outputs of their own rules.
    """
    present = input_files(config, gemeente)
    parts = []
    for name in names:
        if name not in present or present[name].startswith(GENERATED_INPUT_ROOTS):
            continue
        path = Path(present[name])
        try:
            stat = path.stat()
            parts.append(f"{name}={path}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}={path}:missing")
    return ";".join(parts)


def available_inputs(config: Config, gemeente: str) -> list[str]:
    """Names of the optional inputs configured for a gemeente."""
    sources = input_sources(config, gemeente)
    return [name for name in OPTIONAL_INPUTS if sources[name] is not None]


def provenance_inputs(config: Config, gemeente: str) -> dict[str, str]:
    """Every input file of a gemeente for the provenance record: the area's inputs and the heat-demand table
    (the configured one, else the one shipped in the package)."""
    files = input_files(config, gemeente)
    if config.kentallen:
        files["kentallen"] = config.kentallen
    else:
        from importlib import resources

        files["kentallen"] = str(resources.files("warmtekans").joinpath("data/heat_demand.csv"))
    return files


def gemeente_config(config: Config, gemeente: str) -> dict[str, Any]:
    """The validated config (with defaults) as it applies to one gemeente: only its own area.

    Passed as a rule parameter, so adding or changing another gemeente does not rerun this one.
    """
    settings = config.model_dump(mode="json")
    settings["gemeenten"] = [gemeente]
    settings["areas"] = {gemeente: settings["areas"][gemeente]}
    return settings


def code_version(*modules: str) -> str:
    """A short hash of the source of ``modules``, so rules rerun when their code changes."""
    digest = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)  # finds the file without importing the module (and its
        digest.update(Path(spec.origin).read_bytes())  # matplotlib, scipy, ...) in every Snakemake process
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
    quiet_libraries()
    try:
        with heartbeat(stage.__name__):
            stage(**kwargs)
    except InputError as exc:
        logging.getLogger("warmtekans").error("%s", exc)
        raise SystemExit(1) from None
    logging.getLogger("warmtekans").info("%s", job_usage())


def quiet_libraries() -> None:
    """No per-layer 'Created N records' lines from pyogrio (GDAL) at INFO; its warnings still show."""
    logging.getLogger("pyogrio").setLevel(logging.WARNING)


@contextmanager
def heartbeat(what: str, *, every_s: float = 30.0, report_after_s: float = 5.0) -> Iterator[None]:
    """Log '<what>: still running after N s' every ``every_s`` seconds, and the total time when it took
    longer than ``report_after_s`` seconds, so that no step runs silently for long."""
    log = logging.getLogger("warmtekans.progress")
    start = time.monotonic()
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every_s):
            log.info("%s: still running after %.0f s", what, time.monotonic() - start)

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
    elapsed = time.monotonic() - start
    if elapsed >= report_after_s:
        log.info("%s: done in %.0f s", what, elapsed)


def job_usage() -> str:
    """CPU seconds (user + system, this process incl. Python start-up and imports, plus any processes
    it forked) and peak memory (MB; with forked processes the sum of this process's peak and the
    largest child's, an upper bound of what ran at once).

    Logged as the last line of every job: Snakemake's ``benchmark:`` ``cpu_time`` is sampled
    and misses most of a short job's CPU on a loaded machine; ``bench/run_bench.py`` reads this line.
    """
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return f"job usage: cpu_s={cpu:.2f} peak_mb={(own.ru_maxrss + children.ru_maxrss) / 1024:.0f}"
