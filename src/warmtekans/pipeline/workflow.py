"""Glue between Snakemake and the package: config validation, input paths, and running a stage."""
from __future__ import annotations

import ast
import errno
import functools
import hashlib
import json
import logging
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from warmtekans.config.areas import OPTIONAL_INPUTS
from warmtekans.config.inputs import area_inputs, loop_settings
from warmtekans.config.loader import check_config_files, validate_config
from warmtekans.config.models import Config
from warmtekans.config.region_resolve import resolve_region
from warmtekans.core.errors import InputError


def validated_config(raw: dict[str, Any], *, files: Any = ()) -> Config:
    """Validate the Snakemake config; on error print the message and exit before any job runs.

    ``files`` are the config files it came from (named in the message when they exist). A ``regio`` is
    resolved (:func:`~warmtekans.config.region_resolve.resolve_region`): ``gemeenten: alle`` becomes the gemeenten of
    the regio's buurten file, read here, so the workflow's jobs are known when the Snakefile is parsed.
    """
    named = [str(f) for f in files if f is not None and Path(f).exists()]
    try:
        config = validate_config(raw, source=" + ".join(named) or "config")
        if config.regio is not None:
            buurten = config.regio.inputs.buurten if config.regio.inputs is not None else None
            config = resolve_region(config, region_gemeenten(config),
                                    buurten_path=buurten.path if buurten is not None else None)
        return config
    except InputError as exc:
        sys.stderr.write(f"warmtekans: {exc}\n")
        raise SystemExit(1) from None


#: Where the gemeenten of a regio's buurten file are cached between Snakefile parses (one small JSON per file).
REGION_CACHE_DIR = Path("data/processed/regio")


def region_gemeenten(config: Config, *, cache_dir: Path | None = REGION_CACHE_DIR) -> dict[str, str] | None:
    """Gemeentecode → name of every gemeente in ``regio.inputs.buurten`` (None without one).

    Snakemake parses the Snakefile once per run and, on a cluster, once more in every job, so the answer
    is kept in ``cache_dir`` under the file's path, layer, size and modification time: a replaced file is
    read again.
    """
    region = config.regio
    if region is None or region.inputs is None or region.inputs.buurten is None:
        return None
    source = region.inputs.buurten
    path = Path(source.path)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = {"path": str(path.resolve()), "layer": source.layer,
           "size": stat.st_size if stat else None, "mtime_ns": stat.st_mtime_ns if stat else None}
    cache = None
    if cache_dir is not None and stat is not None:
        name = hashlib.sha256(f"{key['path']}|{key['layer']}".encode()).hexdigest()[:16]
        cache = Path(cache_dir) / f"gemeenten-{name}.json"
        try:
            stored = json.loads(cache.read_text(encoding="utf-8"))
            if {k: stored.get(k) for k in key} == key:
                return dict(stored["gemeenten"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    from warmtekans.inputs.cbs import gemeenten_in_buurten

    found = gemeenten_in_buurten(source)
    if cache is not None:
        from warmtekans.core.atomic import atomic_path

        try:
            with atomic_path(cache) as tmp:
                tmp.write_text(json.dumps({**key, "gemeenten": found}, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a read-only working directory: read the file again next time
    return found


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


#: Prefix of a file shipped in the package (``warmtekans:data/kosten.csv``): recorded under that name in the
#: provenance, tracked through the code version of the rules that read it (not as a Snakemake input).
PACKAGED = "warmtekans:"


def provenance_inputs(config: Config, gemeente: str) -> dict[str, str]:
    """Every input file of a gemeente for the provenance record: the area's inputs, the heat-demand table and the
    cost kentallen (the configured ones, else the ones shipped in the package, as ``warmtekans:data/<file>``)."""
    files = input_files(config, gemeente)
    files["kentallen"] = config.kentallen or f"{PACKAGED}data/heat_demand.csv"
    files["kosten"] = config.costs.kentallen or f"{PACKAGED}data/kosten.csv"
    return files


def tracked_files(files: dict[str, str]) -> list[str]:
    """The files Snakemake tracks as inputs: all but the packaged ones (those are part of the code version)."""
    return [path for path in files.values() if not path.startswith(PACKAGED)]


def packaged_path(path: str) -> str:
    """The file behind a ``warmtekans:data/<file>`` name (any other path is returned as it is)."""
    return str(PACKAGE_DIR / path.removeprefix(PACKAGED)) if path.startswith(PACKAGED) else path


def cost_kentallen_files(config: Config) -> list[str]:
    """The user's cost kentallen file, when configured (an input of the rules that cost: a new version reruns them)."""
    return [config.costs.kentallen] if config.costs.kentallen else []


def gemeente_config(config: Config, gemeente: str) -> dict[str, Any]:
    """The validated config (with defaults) as it applies to one gemeente: only its own area.

    Passed as a rule parameter, so adding or changing another gemeente does not rerun this one.
    """
    settings = config.model_dump(mode="json")
    settings["gemeenten"] = [gemeente]
    settings["areas"] = {gemeente: settings["areas"][gemeente]}  # with a regio: its inputs merged in
    settings.pop("regio", None)  # renaming the regio or adding a gemeente to it changes no gemeente's result
    return settings


#: The package's own directory (``src/warmtekans`` in a checkout): where code versions are read.
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def _module_path(name: str) -> Path | None:
    """The source file of module ``warmtekans.a.b`` (``a/b.py`` or ``a/b/__init__.py``), or None."""
    base = PACKAGE_DIR.joinpath(*name.split(".")[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@functools.lru_cache(maxsize=None)
def _direct_imports(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The warmtekans modules ``name`` imports anywhere in its source (also inside functions), with the
    packages whose ``__init__`` runs first, and the package data files it declares (``PACKAGE_DATA``)."""
    tree = ast.parse(_module_path(name).read_text(encoding="utf-8"))
    found: set[str] = set()
    data: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "warmtekans")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "warmtekans":
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if _module_path(f"{node.module}.{alias.name}") is not None)  # a submodule imported by name
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PACKAGE_DATA"
                                                  for t in node.targets):
            data.extend(ast.literal_eval(node.value))
    parents = {".".join(module.split(".")[:depth]) for module in found for depth in range(1, module.count(".") + 1)}
    modules = {module for module in found | parents if _module_path(module) is not None}
    return tuple(sorted(modules)), tuple(data)


def import_closure(module: str) -> tuple[list[str], list[Path]]:
    """Every warmtekans module that importing ``module`` can run (its import closure, function-level imports
    included) and the package data files they declare, both sorted."""
    seen, data, queue = set(), set(), [module]
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        imports, files = _direct_imports(name)
        queue.extend(imports)
        for pattern in files:
            data.update(path for path in PACKAGE_DIR.glob(pattern) if path.is_file())
    return sorted(seen), sorted(data)


def code_version(stage: str) -> str:
    """A short hash of everything rule ``stage`` runs: the source of every module in the import closure of
    ``warmtekans.pipeline.stages.<stage>`` and the package data they read (``kosten.csv``, the heat-demand
    table, the web-map files). A rule parameter, so a rule reruns when, and only when, its code changes.

    Read with :mod:`ast`, never imported: Snakemake evaluates this for every rule at start-up.
    """
    modules, data = import_closure(f"warmtekans.pipeline.stages.{stage}")
    digest = hashlib.sha256()
    for name in modules:
        digest.update(name.encode() + b"\0" + _module_path(name).read_bytes())
    for path in data:
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


#: The config sections each rule reads (besides its own area): a rule gets only these as parameters, so
#: changing another section reruns nothing of it.
METHOD_SECTIONS = ("clusters", "loops", "sewer", "sources", "scoring", "costs", "advies", "sensitivity")


def method_config(config: Config, gemeente: str, *, sections: tuple[str, ...] = METHOD_SECTIONS) -> dict[str, Any]:
    """The method sections ``sections`` of the validated config (defaults filled in) as they apply to
    ``gemeente``: ``loops`` with the area's own loop settings on top."""
    settings = {name: getattr(config, name).model_dump(mode="json") for name in sections}
    if "loops" in settings:
        settings["loops"] = loop_settings(config, gemeente).model_dump(mode="json")
    return settings


#: Set to a folder to write a cProfile file of every job there (``<log name>.prof``; bench/results.md "Profiles").
PROFILE_VARIABLE = "WARMTEKANS_PROFILE"


def _profiled(stage: Callable[..., None], kwargs: dict[str, Any], log_path: str | None) -> None:
    """Run ``stage``; under cProfile when :data:`PROFILE_VARIABLE` names a folder (a developer's tool)."""
    folder = os.environ.get(PROFILE_VARIABLE)
    if not folder:
        stage(**kwargs)
        return
    import cProfile

    name = Path(log_path).with_suffix("").as_posix().replace("/", "_") if log_path else stage.__name__
    Path(folder).mkdir(parents=True, exist_ok=True)
    with cProfile.Profile() as profile:
        stage(**kwargs)
    profile.dump_stats(str(Path(folder) / f"{name}.prof"))


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
            _profiled(stage, kwargs, log_path)
    except InputError as exc:
        logging.getLogger("warmtekans").error("%s", exc)
        raise SystemExit(1) from None
    except OSError as exc:
        if exc.errno not in WRITE_ERRORS:
            raise
        logging.getLogger("warmtekans").error("%s", write_error_text(exc))
        raise SystemExit(1) from None
    logging.getLogger("warmtekans").info("%s", job_usage())


#: Errors of the file system (not of the data) that end a job with one line naming the path.
WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EISDIR}


def write_error_text(exc: OSError) -> str:
    """One line for a file-system error: what happened, to which path, and what to do."""
    where = f"'{exc.filename}'" if exc.filename else "a file"
    hints = {errno.ENOSPC: "the disk is full: free space and run again",
             errno.EDQUOT: "the disk quota is used up: free space and run again",
             errno.EROFS: "the file system is read-only", errno.ENOTDIR: "a part of the path is a file, not a folder",
             errno.EISDIR: "the path is a folder, not a file"}
    return f"cannot write {where}: {exc.strerror or exc}; {hints.get(exc.errno, 'check the permissions of the folder')}"


def checked_output_folders(gemeenten: list[str], root: str | Path = ".") -> None:
    """Stop before any job when a folder the run writes into (``results/<gemeente>``, ``data/processed/<gemeente>``,
    ``logs/<gemeente>`` …) exists as a file, or cannot be written: one line naming the path, no traceback."""
    root = Path(root)
    folders = ["results", "data", "data/processed", "logs", "benchmarks"]
    for gemeente in gemeenten:
        folders += [f"results/{gemeente}", f"data/processed/{gemeente}", f"data/processed/{gemeente}/kwaliteit",
                    f"logs/{gemeente}", f"benchmarks/{gemeente}"]
    for folder in folders:
        path = root / folder
        problem = None
        if path.exists() and not path.is_dir():
            problem = "is a file, not a folder; move or remove it"
        elif path.is_dir() and not os.access(path, os.W_OK | os.X_OK):
            problem = "is a folder this run may not write into; check its permissions"
        if problem:
            sys.stderr.write(f"warmtekans: cannot write the results: '{folder}' {problem}\n")
            raise SystemExit(1)


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
