"""Provenance of a result: which warmtekans version, config and input files made it, and when.

One record per gemeente (``results/{gemeente}/herkomst.yaml``) holds the version (``git describe
--always --dirty`` of the checkout, else the installed package version), the run date (UTC), the
validated config as YAML and, per input file, its path, size (bytes), modification time (UTC) and
SHA-256. The same record goes into the GeoPackage (a YAML row in ``gpkg_metadata``), the
header and end of ``samenvatting.md``, the footer of ``kaart.html`` and the QGIS project's metadata.

Run-specific values (run date, file modification times) appear only between the markers
:data:`BEGIN` and :data:`END` in text outputs, so that :func:`without_run_specific` can compare two
runs byte for byte; result layers never carry them.
"""
from __future__ import annotations

import hashlib
import html
import logging
import subprocess
import time
from datetime import datetime, timezone
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)


#: Markers around run-specific text in Markdown and HTML outputs.
BEGIN = "<!-- herkomst:begin -->"


END = "<!-- herkomst:end -->"


_CHUNK = 1 << 20  # bytes read at a time while hashing


def warmtekans_version(checkout: str | Path | None = None) -> str:
    """``git describe --always --dirty`` of ``checkout`` (default: this package's repository).

    Falls back to the installed package version (``0.1.0``, say) when git or the repository is
    absent, e.g. in an installed wheel.
    """
    folder = Path(checkout) if checkout is not None else Path(__file__).resolve().parent
    try:
        described = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=folder, capture_output=True,
                                   text=True, timeout=30, check=True).stdout.strip()
        if described:
            return described
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return importlib_metadata.version("warmtekans")
    except importlib_metadata.PackageNotFoundError:
        from warmtekans import __version__

        return __version__


def _utc(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256_file(path: str | Path, *, every_s: float = 5.0) -> str:
    """The SHA-256 of a file (hex), logging progress every ``every_s`` seconds for large files."""
    path = Path(path)
    digest = hashlib.sha256()
    size = path.stat().st_size
    start = last = time.monotonic()
    done = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            done += len(chunk)
            now = time.monotonic()
            if now - last >= every_s:
                log.info("hashing %s: %.0f of %.0f MB (%.0f %%), %.0f s", path.name, done / 1e6, size / 1e6,
                         100 * done / max(size, 1), now - start)
                last = now
    return digest.hexdigest()


def file_record(name: str, path: str | Path) -> dict[str, Any]:
    """Name, path (as configured), size in bytes, modification time (UTC) and SHA-256 of one input file.

    A folder (a folder of Omgevingswet GIOs, say) gets the SHA-256 of its files' relative paths and
    SHA-256s in name order, their total size and the newest modification time; a path that does not
    exist is recorded as missing (the reader of that input names it)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        digest = hashlib.sha256()
        for file in files:
            digest.update(file.relative_to(path).as_posix().encode() + b"\0" + sha256_file(file).encode() + b"\n")
        newest = max((f.stat().st_mtime for f in files), default=path.stat().st_mtime)
        return {"name": name, "path": str(path), "size_bytes": sum(f.stat().st_size for f in files),
                "modified": _utc(newest), "sha256": digest.hexdigest(), "files": len(files)}
    if not path.exists():
        return {"name": name, "path": str(path), "size_bytes": 0, "modified": "", "sha256": "missing"}
    stat = path.stat()
    return {"name": name, "path": str(path), "size_bytes": stat.st_size, "modified": _utc(stat.st_mtime),
            "sha256": sha256_file(path)}


def collect(*, gemeente: str, version: str, config: dict[str, Any], inputs: dict[str, str],
            run_date: str | None = None) -> dict[str, Any]:
    """The provenance record of one gemeente's run.

    ``inputs`` maps an input name (``bag``, ``buurten``, ...) to its file; ``config`` is the
    validated config (JSON-like dict). ``run_date`` defaults to now (UTC).
    """
    return {
        "gemeente": gemeente,
        "warmtekans_version": version,
        "run_date": run_date or _utc(time.time()),
        "inputs": [file_record(name, path) for name, path in inputs.items()],
        "config": config,
    }


def config_yaml(record: dict[str, Any]) -> str:
    """The config of a record as YAML text (keys in the config's own order)."""
    return yaml.safe_dump(record["config"], sort_keys=False, allow_unicode=True, width=100)


def write_record(record: dict[str, Any], path: str | Path) -> None:
    """Write a record as YAML, atomically."""
    from warmtekans.core.atomic import atomic_path

    header = "# Herkomst van de resultaten van warmtekans (versie, rundatum, invoerbestanden, configuratie).\n"
    with atomic_path(path) as tmp:
        tmp.write_text(header + record_yaml(record), encoding="utf-8")


def read_record(path: str | Path) -> dict[str, Any]:
    """Read a record written by :func:`write_record`."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def record_yaml(record: dict[str, Any]) -> str:
    """The whole record as YAML text (what goes into the GeoPackage's ``gpkg_metadata``)."""
    return yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)


def summary_line(record: dict[str, Any]) -> str:
    """One line: version and run date."""
    return f"warmtekans {record['warmtekans_version']}, run {record['run_date']}"


def history(record: dict[str, Any]) -> list[str]:
    """Readable lines: the version and run date, then one per input (QGIS metadata history)."""
    lines = [summary_line(record)]
    lines += [f"invoer {e['name']}: {e['path']} ({e['size_bytes']} bytes, gewijzigd {e['modified']}, "
              f"SHA-256 {e['sha256']})" for e in record["inputs"]]
    return lines


def _markdown_cell(value: Any) -> str:
    return str(value).replace("|", "\\|")


def markdown_header(record: dict[str, Any]) -> str:
    """A short header for ``samenvatting.md``: version and run date (between the run-specific markers)."""
    return (f"{BEGIN}\n*Gemaakt met warmtekans {record['warmtekans_version']} op {record['run_date']}; "
            f"invoer en configuratie: zie [Herkomst](#herkomst) en `herkomst.yaml`.*\n{END}\n")


def markdown_section(record: dict[str, Any]) -> str:
    """The 'Herkomst' section of ``samenvatting.md``: every input file and the config as YAML."""
    lines = ["## Herkomst", "", BEGIN, "",
             f"warmtekans-versie `{record['warmtekans_version']}`, gemaakt op {record['run_date']}.", "",
             "| invoer | pad | grootte (bytes) | gewijzigd (UTC) | SHA-256 |", "|---|---|---:|---|---|"]
    for entry in record["inputs"]:
        lines.append(f"| {_markdown_cell(entry['name'])} | `{_markdown_cell(entry['path'])}` | {entry['size_bytes']} | "
                     f"{entry['modified']} | `{entry['sha256']}` |")
    lines += ["", "Configuratie:", "", "```yaml", config_yaml(record).rstrip("\n"), "```", "", END]
    return "\n".join(lines) + "\n"


def html_footer(record: dict[str, Any]) -> str:
    """A collapsed footer for the web map: version, run date, inputs and config (between the markers)."""
    rows = "".join(
        f"<tr><td>{html.escape(e['name'])}</td><td>{html.escape(e['path'])}</td><td>{e['size_bytes']}</td>"
        f"<td>{html.escape(e['modified'])}</td><td><code>{html.escape(e['sha256'])}</code></td></tr>"
        for e in record["inputs"])
    return (f'{BEGIN}<details id="herkomst"><summary>Herkomst: {html.escape(summary_line(record))}</summary>'
            "<table><tr><th>invoer</th><th>pad</th><th>bytes</th><th>gewijzigd (UTC)</th><th>SHA-256</th></tr>"
            f"{rows}</table><pre>{html.escape(config_yaml(record))}</pre></details>{END}")


def without_run_specific(text: str) -> str:
    """``text`` with everything between the run-specific markers removed (to compare two runs)."""
    parts, rest = [], text
    while BEGIN in rest:
        before, _, after = rest.partition(BEGIN)
        parts.append(before)
        rest = after.partition(END)[2]
    parts.append(rest)
    return "".join(parts)
