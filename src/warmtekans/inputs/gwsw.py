"""GWSW sewer pipes (the beheer_leiding export)."""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.config.areas import LayerInput
from warmtekans.config.sections import SewerSettings
from warmtekans.core.crs import RD_CRS
from warmtekans.core.quality import QualityEntry, QualityLog
from warmtekans.inputs.common import pick_column, quality_entry, refuse_scientific_ids
from warmtekans.io.vector import read_vector

log = logging.getLogger(__name__)


SEWER_COLUMNS = {
    "type": ["type", "stelseltype", "type_leiding"],
    "diameter": ["diameter", "breedte_leiding", "hoogte_leiding", "diameter_leiding"],
    "bob_begin": ["bob_begin", "bob_beginpunt_leiding", "bob_beginpunt"],
    "bob_eind": ["bob_eind", "bob_eindpunt_leiding", "bob_eindpunt"],
    "debiet": ["debiet_dwa_m3h", "dwa_m3h"],
}


#: Identifier columns of GWSW exports checked for spreadsheet damage (scientific notation).
SEWER_ID_COLUMNS = ("identificatie", "guid", "naam", "leidingid", "id")


_SEWER_TYPE_WORDS = (
    ("gemengd", "GemengdRiool"),
    ("vuilwater", "Vuilwaterriool"),
    ("dwa", "Vuilwaterriool"),
    ("hemelwater", "Hemelwaterriool"),
    ("regenwater", "Hemelwaterriool"),
    ("hwa", "Hemelwaterriool"),
    ("drukleiding", "Drukleiding"),
    ("persleiding", "Drukleiding"),
)


def normalise_sewer_type(values: pd.Series) -> pd.Series:
    """GWSW pipe or stelsel type (URI or label) → GemengdRiool, Vuilwaterriool, Hemelwaterriool, Drukleiding, …

    WFS ``type`` holds pipe-type URIs (``…/totaal/GemengdRiool``); the PDOK OGC API's
    ``stelseltype`` holds system URIs (``…/GemengdStelsel``). Unknown values keep their last
    URI part.
    """
    last = values.astype("string").str.rstrip("/").str.split("/").str[-1]

    def canonical(value):
        if value is pd.NA or value is None:
            return pd.NA
        lower = str(value).lower()
        for word, name in _SEWER_TYPE_WORDS:
            if word in lower:
                return name
        return value

    return last.map(canonical).astype("string")


def read_sewers(source: LayerInput, settings: SewerSettings,
                bbox: tuple[float, float, float, float] | None = None, *,
                quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """GWSW pipes with their type (last part of the URI) and whether they carry dry-weather flow.

    Reads the GWSW WFS/OGC API layers and the GWSW GeoPackage export (``default_lijn``:
    ``Type`` URI, no diameter or BOB). MultiLineStrings are split into their lines (counted);
    a negative flow, diameter ≤ 0 becomes unknown (counted). Without BOB the flow direction is
    the digitised direction, and without a given flow the dry-weather flow is estimated
    (:mod:`warmtekans.sewer`); both are said in the quality log.
    """
    entry = quality_entry(quality, "riool", source.path, source.layer)
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what="GWSW sewer pipes", geometry="line",
                        quality=entry)
    type_column = pick_column(frame, SEWER_COLUMNS["type"], path=source.path, layer=source.layer)
    for column in frame.columns:
        if column.lower() in SEWER_ID_COLUMNS and not pd.api.types.is_numeric_dtype(frame[column]):
            refuse_scientific_ids(frame[column], path=source.path, layer=source.layer, column=column)
    out = gpd.GeoDataFrame(geometry=frame.geometry.values, crs=RD_CRS)
    out["gwsw_type"] = normalise_sewer_type(frame[type_column]).values
    found = {}
    for name in ("diameter", "bob_begin", "bob_eind", "debiet"):
        column = pick_column(frame, SEWER_COLUMNS[name], path=source.path, layer=source.layer, required=False)
        found[name] = column
        out[name] = pd.to_numeric(frame[column], errors="coerce").values if column else np.nan
    for name, rule in (("debiet", "debiet < 0: onbekend gemaakt (geschat uit inwoners)"),
                       ("diameter", "diameter <= 0: onbekend gemaakt")):
        bad = out[name].notna() & ((out[name] < 0) if name == "debiet" else (out[name] <= 0))
        if bad.any():
            log.warning("%s: %d pipes with %s; set to unknown", source.path, int(bad.sum()), rule)
            if entry is not None:
                entry.repair(f"{found[name]} {rule}", int(bad.sum()), examples=out.loc[bad, name].unique()[:5])
            out.loc[bad, name] = np.nan
    out = out.rename(columns={"diameter": "diameter_mm", "debiet": "debiet_dwa_gegeven_m3h"})
    out["draagt_dwa"] = out["gwsw_type"].isin(settings.dry_weather_types)
    multi = (np.asarray(out.geometry.geom_type == "MultiLineString")
             & (shapely.get_num_geometries(out.geometry.values) > 1))
    out = out.explode(index_parts=False).reset_index(drop=True)
    out = out[out.geometry.geom_type == "LineString"].reset_index(drop=True)
    out.insert(0, "leiding_id", np.arange(1, len(out) + 1))
    if entry is not None:
        entry.repair("MultiLineString opgesplitst in losse leidingen", int(multi.sum()))
        _sewer_notes(out, frame[type_column], entry)
    return out


def _sewer_notes(pipes: gpd.GeoDataFrame, types: pd.Series, entry: QualityEntry) -> None:
    """Say what the sewer data lack and what is estimated instead."""
    counts = pipes["gwsw_type"].value_counts()
    entry.note("typen: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    versions = sorted(set(types.astype("string").str.extract(r"gwsw\.nl/([\d.]+)/", expand=False).dropna()))
    if versions:
        entry.note(f"GWSW-versie van de type-URI's: {', '.join(versions)}")
    if pipes[["bob_begin", "bob_eind"]].isna().all(axis=None):
        entry.note("geen BOB (binnenonderkant buis): stroomrichting geschat als de digitaliseerrichting "
                   "van elke leiding")
    if pipes["debiet_dwa_gegeven_m3h"].isna().all():
        entry.note("geen debiet: droogweerafvoer geschat uit inwoners stroomopwaarts "
                   "(sewer.wastewater_m3_per_inhabitant_year)")
    if pipes["diameter_mm"].isna().all():
        entry.not_checked("geen diameter: niet gecontroleerd of een leiding groot genoeg is voor een warmtewisselaar")
    if not pipes["draagt_dwa"].any():
        entry.note("geen leiding met droogweerafvoer (sewer.dry_weather_types): geen riothermie")
