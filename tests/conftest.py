"""Shared fixtures: the generated sample town and the real Den Haag extract (when ../shared is present)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL_DENHAAG = ROOT.parent / "shared" / "data" / "real" / "denhaag_0518"


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """The Voorbeeldstad inputs (GM9999), generated once per test session."""
    from warmtekans.sample import generate

    out = tmp_path_factory.mktemp("sample") / "GM9999"
    generate(out, "GM9999")
    return out


@pytest.fixture
def denhaag() -> Path:
    """The real Den Haag-Oost BAG/CBS extract; skips when ../shared/data/real is absent."""
    if not (REAL_DENHAAG / "bag.gpkg").exists():
        pytest.skip(f"real data not found at {REAL_DENHAAG} (needs ../shared beside the repository)")
    return REAL_DENHAAG
