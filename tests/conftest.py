"""Shared fixtures: the generated sample town and the real Den Haag extract (when ../shared is present)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL_DENHAAG = ROOT.parent / "shared" / "data" / "real" / "denhaag_0518"


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """The Voorbeeldstad inputs (GM9999), generated once per test session."""
    from warmtekans.sample.generate import generate

    out = tmp_path_factory.mktemp("sample") / "GM9999"
    generate(out, "GM9999")
    return out


@pytest.fixture
def denhaag() -> Path:
    """The real Den Haag-Oost BAG/CBS extract; skips when ../shared/data/real is absent."""
    if not (REAL_DENHAAG / "bag.gpkg").exists():
        pytest.skip(f"real data not found at {REAL_DENHAAG} (needs ../shared beside the repository)")
    return REAL_DENHAAG


def snakemake(workdir: Path, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir),
               "--cores", "2", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"snakemake failed ({result.returncode}):\n{result.stdout[-4000:]}\n"
                             f"{result.stderr[-8000:]}")
    return result


def assert_in_order(text: str, fragments: list[str]) -> None:
    """Every fragment occurs in ``text``, each after the previous one (wording around them may change)."""
    position = 0
    for fragment in fragments:
        found = text.find(fragment, position)
        assert found >= 0, f"{fragment!r} not found after position {position} in {text!r}"
        position = found + len(fragment)


def workdir_with(tmp_path: Path, config: dict | None = None) -> Path:
    """A working directory with the default config and, optionally, an extra config file."""
    shutil.copytree(ROOT / "config", tmp_path / "config")
    if config is not None:
        (tmp_path / "extra.yaml").write_text(yaml.safe_dump(config))
    return tmp_path


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Path:
    """The default workflow (the sample town GM9999), run once per test session."""
    workdir = workdir_with(tmp_path_factory.mktemp("run"))
    snakemake(workdir)
    return workdir


@pytest.fixture(scope="session")
def denhaag_run(tmp_path_factory) -> Path:
    """The real Den Haag-Oost extract (config/examples/denhaag-oost.yaml) run once per test session; skips when
    ../shared/data/real is absent. Returns the working directory (results in results/GM0518)."""
    if not (REAL_DENHAAG / "bag.gpkg").exists():
        pytest.skip(f"real data not found at {REAL_DENHAAG} (needs ../shared beside the repository)")
    workdir = workdir_with(tmp_path_factory.mktemp("denhaag"))
    example = yaml.safe_load((ROOT / "config" / "examples" / "denhaag-oost.yaml").read_text())
    inputs = example["areas"]["GM0518"]["inputs"]
    inputs["bag"]["path"] = str(REAL_DENHAAG / "bag.gpkg")
    inputs["bag"]["nummeraanduiding"] = str(REAL_DENHAAG / "nummeraanduiding.csv")
    inputs["buurten"]["path"] = str(REAL_DENHAAG / "cbs_buurten_2022.gpkg")
    (workdir / "dh.yaml").write_text(yaml.safe_dump(example))
    snakemake(workdir, "--configfile", str(workdir / "dh.yaml"))
    return workdir
