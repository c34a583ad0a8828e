"""Restriction zones (drinking water, archaeology) and the optional context layers."""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import pandas as pd

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
from warmtekans.inputs.gio import gio_files, is_gio, parse_gio, zone_key
from warmtekans.io.vector import read_vector

log = logging.getLogger(__name__)


def read_zones(source: ZoneInput, effects: dict[str, ZoneEffect], *, soort: str,
               bbox: tuple[float, float, float, float] | None = None,
               quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """Restriction polygons with their configured effect.

    Each zone value must be configured (matched case- and accent-insensitively), so that a
    new legend value is never silently treated as allowed. An Omgevingswet GIO (a ``.gml`` file
    or a folder of them) is read by :func:`read_gio_zones`; any other file needs ``zone_column``.
    Rows without geometry are left out and counted, also those a bbox filter would skip.
    """
    if source.zone_column is None or is_gio(source.path):
        if not is_gio(source.path):
            raise InputError("is not an Omgevingswet GIO (GeoInformatieObject GML), so 'zone_column' must name the "
                             "column that holds the zone type (e.g. 'zone_type' or 'Legenda')", path=source.path,
                             layer=source.layer)
        return read_gio_zones(source.path, effects, soort=soort, bbox=bbox, quality=quality)
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what=f"{soort} zones", geometry="polygon",
                        quality=quality_entry(quality, soort, source.path, source.layer), count_null_geometries=True)
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
    return _zone_frame(soort, values.to_numpy(), matched, frame.geometry.values)


def _zone_frame(soort: str, zone_types, matched: list[ZoneEffect], geometries) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "soort": pd.Series([soort] * len(matched), dtype="string"),
            "zone_type": pd.Series(list(zone_types), dtype="string"),
            "effect": pd.Series([m.effect for m in matched], dtype="string"),
            "max_diepte_m": [m.max_depth_m if m.max_depth_m is not None else np.nan for m in matched],
        },
        geometry=gpd.GeoSeries(list(geometries), crs=RD_CRS).values,
        crs=RD_CRS,
    )


def read_gio_zones(path, effects: dict[str, ZoneEffect], *, soort: str,
                   bbox: tuple[float, float, float, float] | None = None,
                   quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """Restriction zones from an Omgevingswet GIO file, or every GIO file of a folder (:mod:`warmtekans.inputs.gio`).

    Each location's kind comes from its group label, else its ``geo:naam``
    (:func:`~warmtekans.inputs.gio.zone_key`); a location none of whose labels names a zone
    type of ``restrictions.<soort>`` is refused with the labels named. Locations without
    geometry are left out and counted; invalid polygons are repaired (counted); holes are kept.
    """
    from shapely.geometry import box

    entry = quality_entry(quality, soort, path, "GIO")
    files = gio_files(path, what=f"{soort} GIO")
    zone_types, matched, geometries, without_geometry, codes, works = [], [], [], [], set(), []
    for file in files:
        gio = parse_gio(file)
        works.append(gio.work or file.name)
        if gio.crs:
            codes.add(gio.crs)
        for location in gio.locations:
            key = next((k for k in (zone_key(label, soort, list(effects)) for label in location.labels) if k), None)
            if key is None:
                shown = location.labels or ["(geen label)"]
                raise InputError(
                    f"GIO location {location.number} has label(s) {shown} (geo:Groep/geo:label, geo:naam), which name "
                    f"no zone type of restrictions.{soort} (configured: {', '.join(effects)}); add the label to "
                    f"restrictions.{soort} with its effect (forbidden, restricted or allowed)", path=file)
            if location.geometry is None or location.geometry.is_empty:
                without_geometry.append(f"{file.name} locatie {location.number}")
                continue
            zone_types.append(location.labels[0] if location.labels else key)
            matched.append(effects[key])
            geometries.append(location.geometry)
    if entry is not None:
        entry.read(len(zone_types) + len(without_geometry))
        entry.crs = ", ".join(sorted(codes)) or None
        entry.note(f"Omgevingswet-GIO ({len(files)} bestand{'en' if len(files) != 1 else ''}: {', '.join(works)})")
        entry.drop("geen geometrie (NULL of leeg)", len(without_geometry), examples=without_geometry)
    if without_geometry:
        log.warning("%s: %d GIO locations without geometry left out", path, len(without_geometry))
    frame = _zone_frame(soort, zone_types, matched, geometries)
    frame = repair_geometries(frame, path=path, layer="GIO", quality=entry)
    if bbox is not None and len(frame):
        inside = frame.intersects(box(*bbox))
        if entry is not None and not inside.all():
            entry.note(f"{int((~inside).sum())} van {len(frame)} zones liggen buiten het gebied")
        frame = frame[inside.to_numpy()].reset_index(drop=True)
    return frame


def read_features(source: LayerInput, *, what: str, bbox=None, quality: QualityLog | None = None,
                  name: str | None = None) -> gpd.GeoDataFrame:
    """A generic optional layer (planned heat networks, ground-energy systems): geometry plus attributes."""
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what=what,
                        quality=quality_entry(quality, name or what, source.path, source.layer))
    frame = repair_geometries(frame, path=source.path, layer=source.layer)
    out = gpd.GeoDataFrame(frame.drop(columns="geometry").astype("string"), geometry=frame.geometry.values, crs=RD_CRS)
    return out[out.geometry.notna() & ~out.geometry.is_empty].reset_index(drop=True)
