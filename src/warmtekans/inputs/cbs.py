"""CBS wijk- en buurtkaart: the buurten of a gemeente."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.config.areas import LayerInput
from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityLog
from warmtekans.inputs.common import pick_column, quality_entry, repair_geometries
from warmtekans.io.files import container_hint, gdal_path
from warmtekans.io.vector import read_vector

BUURT_COLUMNS = {
    "buurtcode": ["buurtcode", "BU_CODE"],
    "buurtnaam": ["buurtnaam", "BU_NAAM"],
    "gemeentecode": ["gemeentecode", "GM_CODE"],
    "aantal_huishoudens": ["aantal_huishoudens", "AANT_HH", "AANTAL_HH"],
    "aantal_inwoners": ["aantal_inwoners", "AANT_INW"],
    "gemiddelde_huishoudsgrootte": ["gemiddelde_huishoudsgrootte", "GEM_HH_GR"],
}


#: Where the gemeente's name is (read only to name the gemeenten of a regio).
GEMEENTENAAM_COLUMNS = ["gemeentenaam", "GM_NAAM"]


def normalised_gemeentecodes(values: pd.Series) -> pd.Series:
    """Gemeentecodes as ``GMxxxx`` (CBS files also give ``518`` or ``0518``)."""
    codes = values.astype("string").str.strip()
    return codes.where(codes.str.startswith("GM"), "GM" + codes.str.zfill(4))


def gemeenten_in_buurten(source: LayerInput) -> dict[str, str]:
    """Every gemeente in a CBS buurten layer: gemeentecode → gemeentenaam (the code where no name is given), sorted.

    Reads only the two columns, not the geometries (0.2 s for a 230 MB national-size GeoPackage of 14 000
    buurten): the Snakefile calls this when it is parsed (``gemeenten: alle``).
    """
    import pyogrio

    path = Path(source.path)
    if not path.exists():
        raise InputError("the buurten file does not exist (regio.inputs.buurten)", path=source.path, layer=source.layer)
    open_path, kind = gdal_path(path)
    try:
        info = pyogrio.read_info(open_path, layer=source.layer)
    except Exception as exc:  # noqa: BLE001 - GDAL raises several kinds
        raise InputError(f"{container_hint(kind, path, 'a vector layer')} ({exc})", path=source.path,
                         layer=source.layer) from None
    header = pd.DataFrame(columns=list(info["fields"]))
    code_column = pick_column(header, BUURT_COLUMNS["gemeentecode"], path=source.path, layer=source.layer)
    name_column = pick_column(header, GEMEENTENAAM_COLUMNS, path=source.path, layer=source.layer,
                              required=False)
    columns = [code_column] + ([name_column] if name_column else [])
    frame = pyogrio.read_dataframe(open_path, layer=source.layer, columns=columns, read_geometry=False)
    codes = normalised_gemeentecodes(frame[code_column])
    names = frame[name_column].astype("string").str.strip() if name_column else pd.Series(pd.NA, index=frame.index)
    pairs = pd.DataFrame({"code": codes, "naam": names.fillna(codes)}).dropna(subset=["code"])
    pairs = pairs[pairs["code"].str.fullmatch(r"GM\d{4}")].drop_duplicates("code").sort_values("code")
    return dict(zip(pairs["code"].tolist(), pairs["naam"].tolist()))


def read_buurten(source: LayerInput, gemeentecode: str, *, quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """The CBS buurten of one gemeente, with household counts (negative sentinels → NaN)."""
    entry = quality_entry(quality, "buurten", source.path, source.layer)
    frame = read_vector(source.path, layer=source.layer, what="CBS buurten", geometry="polygon", quality=entry)
    frame = repair_geometries(frame, path=source.path, layer=source.layer, quality=entry)
    out = gpd.GeoDataFrame(geometry=frame.geometry, crs=RD_CRS)
    for name, candidates in BUURT_COLUMNS.items():
        required = name in ("buurtcode", "buurtnaam", "gemeentecode")
        column = pick_column(frame, candidates, path=source.path, layer=source.layer, required=required)
        out[name] = frame[column] if column else np.nan
    for name in ("aantal_huishoudens", "aantal_inwoners", "gemiddelde_huishoudsgrootte"):
        values = pd.to_numeric(out[name], errors="coerce")
        out[name] = values.where(values >= 0)  # CBS: negative = secret or unknown
    codes = normalised_gemeentecodes(out["gemeentecode"])
    out["gemeentecode"] = codes
    selected = out[out["gemeentecode"] == gemeentecode]
    if selected.empty:
        known = ", ".join(sorted(codes.dropna().unique())[:10])
        raise InputError(
            f"gemeente {gemeentecode} is not in the buurten layer (gemeenten present: {known})",
            path=source.path,
            layer=source.layer,
            column="gemeentecode",
        )
    if selected["buurtcode"].duplicated().any():
        dupes = ", ".join(selected.loc[selected["buurtcode"].duplicated(), "buurtcode"].astype(str).unique()[:5])
        raise InputError(f"duplicate buurtcodes: {dupes}", path=source.path, layer=source.layer, column="buurtcode")
    selected = selected.copy()
    selected["buurtcode"] = selected["buurtcode"].astype("string")
    selected["buurtnaam"] = selected["buurtnaam"].astype("string")
    selected = selected.reset_index(drop=True)
    _refuse_overlapping_buurten(selected, path=source.path, layer=source.layer, quality=entry)
    if entry is not None:
        entry.note(f"{len(selected)} buurten van {gemeentecode}")
    return selected


#: Buurten may overlap by less than this share of the smaller one (slivers of generalisation);
#: more is a wrong layer (e.g. wijken and buurten mixed, or two years stacked).
BUURT_OVERLAP_MAX_SHARE = 0.01


def _refuse_overlapping_buurten(buurten: gpd.GeoDataFrame, *, path, layer, quality) -> None:
    """Refuse buurten that overlap by more than :data:`BUURT_OVERLAP_MAX_SHARE` of the smaller one."""
    left, right = buurten.sindex.query(buurten.geometry.values, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    if len(left) == 0:
        return
    geometries = buurten.geometry.values
    overlap = shapely.area(shapely.intersection(geometries[left], geometries[right]))
    smaller = np.minimum(shapely.area(geometries[left]), shapely.area(geometries[right]))
    share = overlap / np.maximum(smaller, 1e-9)
    codes = buurten["buurtcode"].to_numpy()
    bad = share > BUURT_OVERLAP_MAX_SHARE
    if bad.any():
        examples = ", ".join(f"{codes[a]}/{codes[b]} ({100 * s:.0f}%)" for a, b, s in
                             zip(left[bad][:3], right[bad][:3], share[bad][:3]))
        raise InputError(f"{int(bad.sum())} pairs of buurten overlap (e.g. {examples}); expected buurten that do not "
                         "overlap (one CBS year, buurten only, not wijken)", path=path, layer=layer, column="buurtcode")
    small = int((overlap > 0).sum())
    if quality is not None and small:
        quality.note(f"{small} paren buurten overlappen minder dan {100 * BUURT_OVERLAP_MAX_SHARE:.0f}% (toegestaan)")
