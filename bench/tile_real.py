"""Benchmark inputs that look like reality: translated copies of the real Den Haag-Oost footprints.

    .venv/bin/python bench/tile_real.py --copies 8 --out bench/work/real-8

The real extract in ``../shared/data/real/denhaag_0518`` (NLExtract BAG: 5 613 panden, 15 837
verblijfsobjecten, the nummeraanduiding table and four CBS buurten; about 13 300 dwellings) is copied
``copies`` times on a grid with 3 km spacing, all in one gemeente (GM0518), so a 1 M-dwelling run is one
Amsterdam-sized job per stage. Identifiers stay valid BAG ids and are made unique per copy by writing the
copy number into the two leading digits of the 10-digit sequence (``0518 10 00xxxxxxxx`` →
``0518 10 07xxxxxxxx``), which are ``00`` throughout the extract; references (``pandref``,
``hoofdadresnummeraanduidingref``, ``openbareruimteref``) are rewritten the same way. Buurtcodes get the
copy number as wijk digits (``BU0518`` + copy + buurt). Geometry is translated only, never changed, so the
footprints keep their real irregularity.
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real" / "denhaag_0518"
SPACING_M = 3_000.0  # the extract spans about 2.7 × 2.5 km
ID_SEQUENCE = re.compile(r"(\d{4}\d{2})00(\d{8})")
MAX_COPIES = 100
DWELLINGS_PER_COPY = 13_300


def _renumber(values: pd.Series, copy: int) -> pd.Series:
    """Write ``copy`` into the two leading sequence digits of every BAG id in ``values`` (text or array text)."""
    return values.astype("string").str.replace(ID_SEQUENCE, lambda m: f"{m.group(1)}{copy:02d}{m.group(2)}",
                                               regex=True)


def _offset(copy: int, columns: int) -> tuple[float, float]:
    return (copy % columns) * SPACING_M, (copy // columns) * SPACING_M


def _translated(frame: gpd.GeoDataFrame, dx: float, dy: float) -> gpd.GeoSeries:
    return frame.geometry.translate(xoff=dx, yoff=dy) if dx or dy else frame.geometry


def tile(out: Path, copies: int, source: Path = REAL) -> dict[str, Path]:
    """Write ``copies`` translated copies of the real extract to ``out``; returns the input paths."""
    if not 1 <= copies <= MAX_COPIES:
        raise ValueError(f"copies must be 1..{MAX_COPIES} (two id digits), got {copies}")
    if not (source / "bag.gpkg").exists():
        raise FileNotFoundError(f"real data not found at {source} (needs ../shared beside the repository)")
    out.mkdir(parents=True, exist_ok=True)
    paths = {"bag": out / "bag.gpkg", "nummeraanduiding": out / "nummeraanduiding.csv",
             "buurten": out / "cbs_buurten.gpkg"}
    if all(p.exists() for p in paths.values()) and (out / "copies.txt").exists() \
            and (out / "copies.txt").read_text().strip() == str(copies):
        return paths
    pand = gpd.read_file(source / "bag.gpkg", layer="pand", engine="pyogrio")
    vbo = gpd.read_file(source / "bag.gpkg", layer="verblijfsobject", engine="pyogrio")
    nummers = pd.read_csv(source / "nummeraanduiding.csv", dtype="string", keep_default_na=False)
    buurten = gpd.read_file(source / "cbs_buurten_2022.gpkg", layer="buurten", engine="pyogrio")
    columns = math.ceil(math.sqrt(copies))
    parts: dict[str, list] = {"pand": [], "vbo": [], "nummers": [], "buurten": []}
    for copy in range(copies):
        dx, dy = _offset(copy, columns)
        p = pand.copy()
        p["identificatie"] = _renumber(p["identificatie"], copy)
        p.geometry = _translated(p, dx, dy)
        parts["pand"].append(p)
        v = vbo.copy()
        for column in ("identificatie", "pandref", "hoofdadresnummeraanduidingref", "nevenadresnummeraanduidingref"):
            v[column] = _renumber(v[column], copy)
        v.geometry = _translated(v, dx, dy)
        parts["vbo"].append(v)
        n = nummers.copy()
        for column in ("identificatie", "openbareruimteref"):
            n[column] = _renumber(n[column], copy)
        parts["nummers"].append(n)
        b = buurten.copy()
        b["buurtcode"] = "BU0518" + f"{copy:02d}" + b["buurtcode"].str[-2:]
        b["buurtnaam"] = b["buurtnaam"] + f" {copy + 1}"
        b.geometry = _translated(b, dx, dy)
        parts["buurten"].append(b)
    for path in paths.values():
        path.unlink(missing_ok=True)
    pd.concat(parts["pand"], ignore_index=True).to_file(paths["bag"], layer="pand", engine="pyogrio")
    pd.concat(parts["vbo"], ignore_index=True).to_file(paths["bag"], layer="verblijfsobject", engine="pyogrio")
    pd.concat(parts["nummers"], ignore_index=True).to_csv(paths["nummeraanduiding"], index=False)
    pd.concat(parts["buurten"], ignore_index=True).to_file(paths["buurten"], layer="buurten", engine="pyogrio")
    (out / "copies.txt").write_text(str(copies))
    return paths


def config_for(paths: dict[str, Path], code: str = "GM0518") -> dict:
    """A workflow config for the tiled inputs (one gemeente)."""
    return {"gemeenten": [code], "results": {"buurt_maps": False},
            "areas": {code: {"naam": "Den Haag-Oost (tiled)", "inputs": {
                "bag": {"path": str(paths["bag"]), "flavour": "nlextract",
                        "nummeraanduiding": str(paths["nummeraanduiding"])},
                "buurten": {"path": str(paths["buurten"]), "layer": "buurten"}}}}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    paths = tile(args.out, args.copies)
    print("\n".join(f"{k}: {v}" for k, v in paths.items()))


if __name__ == "__main__":
    main()
