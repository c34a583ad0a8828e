"""Restriction zones (drinking water, archaeology) and the optional context layers."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from warmtekans.config.areas import LayerInput, ZoneInput
from warmtekans.config.sections import ZoneEffect
from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityLog
from warmtekans.inputs.common import (
    normalise_text,
    quality_entry,
    repair_geometries,
    require_columns,
)
from warmtekans.io.vector import read_vector


def read_zones(source: ZoneInput, effects: dict[str, ZoneEffect], *, soort: str,
               bbox: tuple[float, float, float, float] | None = None,
               quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """Restriction polygons with their configured effect.

    Each zone value must be configured (matched case- and accent-insensitively), so that a
    new legend value is never silently treated as allowed.
    """
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what=f"{soort} zones", geometry="polygon",
                        quality=quality_entry(quality, soort, source.path, source.layer))
    require_columns(frame, [source.zone_column], path=source.path, layer=source.layer)
    frame = repair_geometries(frame, path=source.path, layer=source.layer,
                              quality=quality_entry(quality, soort, source.path))
    lookup = {normalise_text(k): (k, v) for k, v in effects.items()}
    values = frame[source.zone_column].astype("string").fillna("")
    unknown = sorted({v for v in values if normalise_text(v) not in lookup})
    if unknown:
        raise InputError(
            f"zone types {unknown[:5]} have no effect configured under restrictions.{soort} "
            f"(configured: {', '.join(effects)})",
            path=source.path,
            layer=source.layer,
            column=source.zone_column,
        )
    matched = [lookup[normalise_text(v)][1] for v in values]
    return gpd.GeoDataFrame(
        {
            "soort": soort,
            "zone_type": values.values,
            "effect": [m.effect for m in matched],
            "max_diepte_m": [m.max_depth_m if m.max_depth_m is not None else np.nan for m in matched],
        },
        geometry=frame.geometry.values,
        crs=RD_CRS,
    )


def read_features(source: LayerInput, *, what: str, bbox=None, quality: QualityLog | None = None,
                  name: str | None = None) -> gpd.GeoDataFrame:
    """A generic optional layer (planned heat networks, ground-energy systems): geometry plus attributes."""
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what=what,
                        quality=quality_entry(quality, name or what, source.path, source.layer))
    frame = repair_geometries(frame, path=source.path, layer=source.layer)
    out = gpd.GeoDataFrame(frame.drop(columns="geometry").astype("string"), geometry=frame.geometry.values, crs=RD_CRS)
    return out[out.geometry.notna() & ~out.geometry.is_empty].reset_index(drop=True)
