"""Heat-source inputs: WKO suitability zones, surface water (TEO) and point sources."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans.config.areas import ClassInput, LayerInput
from warmtekans.config.sections import SourceSettings
from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError
from warmtekans.core.vocabulary import RESTWARMTE, TEO, source_name
from warmtekans.io.vector import read_vector


def _numeric(frame: pd.DataFrame, column: str, *, path, layer, required: bool) -> pd.Series:
    if column not in frame:
        if required:
            raise InputError(f"has no column '{column}'; columns present: {', '.join(map(str, frame.columns))}",
                             path=path, layer=layer)
        return pd.Series(np.nan, index=frame.index)
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = frame[column].notna() & values.isna() | (values < 0)
    if bad.any():
        examples = ", ".join(map(str, frame.loc[bad, column].head(3)))
        raise InputError(f"{int(bad.sum())} values are not a non-negative number (e.g. {examples}); "
                         f"expected {column} as a number", path=path, layer=layer, column=column)
    return values


def read_wko_suitability(source: ClassInput, settings: SourceSettings, *, bbox=None) -> gpd.GeoDataFrame:
    """Aquifer suitability for open WKO: ``klasse`` (as given) and ``wko_toegestaan`` (the class is in
    ``settings.wko_allowed_classes``, case-insensitive)."""
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what="WKO suitability")
    if source.zone_column not in frame:
        raise InputError(f"has no column '{source.zone_column}' (the WKO suitability class); columns present: "
                         f"{', '.join(c for c in frame.columns if c != 'geometry')}", path=source.path,
                         layer=source.layer, column=source.zone_column)
    klasse = frame[source.zone_column].astype("string").str.strip()
    allowed = {c.lower() for c in settings.wko_allowed_classes}
    out = gpd.GeoDataFrame({"klasse": klasse.to_numpy(),
                            "wko_toegestaan": klasse.str.lower().isin(allowed).fillna(False).to_numpy()},
                           geometry=frame.geometry.values, crs=RD_CRS)
    return out[out.geometry.notna() & ~out.geometry.is_empty].reset_index(drop=True)


def read_surface_water(source: LayerInput, settings: SourceSettings, *, bbox=None) -> gpd.GeoDataFrame:
    """Surface water for TEO with its potential ``potentie_gj`` (GJ/yr); power = 0.139 kW per GJ/yr [Vesta]."""
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what="surface water (TEO)")
    potential = _numeric(frame, "potentie_gj", path=source.path, layer=source.layer, required=True)
    names = frame["naam"].astype("string") if "naam" in frame else pd.Series(pd.NA, index=frame.index, dtype="string")
    out = gpd.GeoDataFrame({
        "bron_id": [f"TEO{k:04d}" for k in range(1, len(frame) + 1)],
        "soort": source_name(TEO),
        "soort_sleutel": TEO,
        "naam": names.to_numpy(),
        "potentie_gj": potential.to_numpy(dtype=float),
        "vermogen_kw": (potential * settings.teo_kw_per_gj).round(1).to_numpy(dtype=float),
        "vermogen_bron": "potentie x 0,139 kW per GJ/jaar (Vesta)",
        "bereik_m": settings.teo_max_distance_m,
        "vereist_wko": True,
    }, geometry=frame.geometry.values, crs=RD_CRS)
    return out[out["potentie_gj"].notna()].reset_index(drop=True)


def read_point_sources(source: LayerInput, settings: SourceSettings, *, bbox=None) -> gpd.GeoDataFrame:
    """Point heat sources (RWZI, industry, data centre) with ``soort`` and ``vermogen_kw``.

    A missing capacity takes ``settings.point_source_default_kw`` for its soort (Vesta: 11 MW for
    a RWZI) and is marked ``geschat``; without a default the source is dropped. Annual potential =
    vermogen / 0.139 kW per GJ/yr.
    """
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what="point heat sources")
    if "soort" not in frame:
        raise InputError("has no column 'soort' (RWZI, industrie, datacenter, ...)", path=source.path,
                         layer=source.layer, column="soort")
    kinds = frame["soort"].astype("string").str.strip()
    given = _numeric(frame, "vermogen_kw", path=source.path, layer=source.layer, required=False)
    defaults = kinds.str.lower().map({k.lower(): v for k, v in settings.point_source_default_kw.items()})
    power = given.fillna(defaults.astype(float))
    names = frame["naam"].astype("string") if "naam" in frame else kinds
    out = gpd.GeoDataFrame({
        "bron_id": [f"PB{k:04d}" for k in range(1, len(frame) + 1)],
        "soort": [source_name(RESTWARMTE, kind) for kind in kinds.fillna("onbekend")],
        "soort_sleutel": RESTWARMTE,
        "naam": names.to_numpy(),
        "potentie_gj": (power / settings.teo_kw_per_gj).round(1).to_numpy(dtype=float),
        "vermogen_kw": power.to_numpy(dtype=float),
        "vermogen_bron": np.where(given.notna(), "gegeven", "geschat (standaard per soort)"),
        "bereik_m": settings.point_source_max_distance_m,
        "vereist_wko": False,
    }, geometry=frame.geometry.values, crs=RD_CRS)
    return out[out["vermogen_kw"].notna()].reset_index(drop=True)
