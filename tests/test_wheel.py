"""The wheel holds every file the package needs at run time: it is built from a clean copy of the sources,
installed into a fresh venv (the pinned dependencies made visible by a ``.pth`` line, never the editable
checkout), and the web-map stage runs from it.

Building needs setuptools>=77 in this environment (pinned in requirements.lock; ``--no-build-isolation``, so
nothing is downloaded). Without it the test skips, unless ``WARMTEKANS_REQUIRE_DEV_TOOLS`` is set (``.ci/run``
sets it): then it fails.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "warmtekans"


def require(ok: bool, reason: str) -> None:
    if ok:
        return
    if os.environ.get("WARMTEKANS_REQUIRE_DEV_TOOLS"):
        pytest.fail(f"{reason} (WARMTEKANS_REQUIRE_DEV_TOOLS is set)")
    pytest.skip(f"{reason}; make env installs requirements.lock")


def clean_env() -> dict[str, str]:
    """The environment without the variables that would put the checkout's src on the path."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=600, **kwargs)
    if result.returncode != 0:
        raise AssertionError(f"{command} failed ({result.returncode}):\n{result.stdout[-3000:]}\n"
                             f"{result.stderr[-5000:]}")
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built offline from a copy of pyproject.toml, README.md and src/ (no egg-info, build/ or
    caches that could add files the package data does not declare)."""
    try:
        version = importlib.metadata.version("setuptools")
    except importlib.metadata.PackageNotFoundError:
        version = None
    major = int(version.split(".")[0]) if version else 0
    require(major >= 77, f"building the wheel needs setuptools>=77 in {sys.prefix}, found {version or 'none'}")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"))
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", out, "."],
        cwd=source, env=clean_env())
    wheels = sorted(out.glob("warmtekans-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The Python of a fresh venv with the wheel installed; the pinned dependencies come from this
    environment's site-packages through a .pth line (the .pth files there, such as the editable install's,
    are not processed from such a line)."""
    venv = tmp_path_factory.mktemp("venv") / "fresh"
    run([sys.executable, "-m", "venv", venv], env=clean_env())
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel], env=clean_env())
    fresh_site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          env=clean_env()).stdout.strip())
    deps = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (fresh_site / "warmtekans-test-deps.pth").write_text("".join(f"{path}\n" for path in deps))
    return python


def test_wheel_holds_every_package_file(wheel):
    """Every file under src/warmtekans (code, data tables, web-map assets, Leaflet and its licence) is in
    the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        names = {name for name in archive.namelist() if name.startswith("warmtekans/")}
    expected = {path.relative_to(PACKAGE.parent).as_posix() for path in PACKAGE.rglob("*")
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}
    assert expected - names == set()
    assert {"warmtekans/data/kosten.csv", "warmtekans/outputs/web/template.html",
            "warmtekans/outputs/web/leaflet/leaflet.js", "warmtekans/outputs/web/leaflet/LICENSE"} <= names


def test_web_map_runs_from_the_installed_wheel(installed, sample_run, tmp_path):
    """The web-map stage, imported from the fresh venv (not the checkout), writes a page with Leaflet inlined."""
    results = sample_run / "results" / "GM9999" / "warmtekans.gpkg"
    output = tmp_path / "kaart.html"
    script = (
        "import json, sys, warmtekans\n"
        "from warmtekans.pipeline.stages.web_map import web_map\n"
        "web_map(gemeente='GM9999', results=sys.argv[1], output=sys.argv[2], naam='Voorbeeldstad', sample=True)\n"
        "print(json.dumps({'file': warmtekans.__file__}))\n"
    )
    result = run([installed, "-c", script, results, output], cwd=tmp_path, env=clean_env())
    where = Path(json.loads(result.stdout.strip().splitlines()[-1])["file"])
    assert installed.parent.parent in where.parents, f"warmtekans imported from {where}, not the fresh venv"
    assert ROOT not in where.parents
    text = output.read_text(encoding="utf-8")
    assert "Leaflet 1.9.4" in text and "L.map('map'" in text
    assert text.startswith("<!DOCTYPE html>") and "const WARMTEKANS = " in text
