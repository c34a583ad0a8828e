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
from warmtekans.core.schemas import SEWER_COLUMNS as SEWER_SCHEMA
from warmtekans.inputs.common import pick_column, quality_entry, refuse_scientific_ids
from warmtekans.inputs.gwsw_nodes import outlet_kind
from warmtekans.inputs.gwsw_orox import is_orox, read_orox
from warmtekans.io.vector import read_vector

log = logging.getLogger(__name__)


SEWER_COLUMNS = {
    "type": ["type", "stelseltype", "type_leiding"],
    "diameter": ["diameter", "breedte_leiding", "hoogte_leiding", "diameter_leiding"],
    "bob_begin": ["bob_begin", "bob_beginpunt_leiding", "bob_beginpunt"],
    "bob_eind": ["bob_eind", "bob_eindpunt_leiding", "bob_eindpunt"],
    "debiet": ["debiet_dwa_m3h", "dwa_m3h"],
    "materiaal": ["materiaal", "materiaal_leiding", "materiaalleiding", "material"],
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
        if "aansluitleiding" in lower:  # a house or gully connection (GemengdePerceelaansluitleiding): no main
            return value
        for word, name in _SEWER_TYPE_WORDS:
            if word in lower:
                return name
        return value

    return last.map(canonical).astype("string")


#: Point layers of GWSW exports that hold the nodes (manholes, pumps, outfalls) beside the pipe layer.
NODE_LAYERS = ("default_punt",)


#: Distance (m) within which a node point counts as a pipe's end.
NODE_SNAP_M = 0.5


def mark_outlets(pipes: gpd.GeoDataFrame, points: gpd.GeoSeries, kinds: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``lozingspunt`` ('begin'/'eind') and ``lozingspunt_soort`` of each pipe whose end lies within
    :data:`NODE_SNAP_M` of an outlet point (``kinds``: its :func:`outlet_kind`); pumps and RWZIs win over outfalls."""
    end = pd.Series(pd.NA, index=pipes.index, dtype="string")
    kind = pd.Series(pd.NA, index=pipes.index, dtype="string")
    known = kinds.notna().to_numpy()
    if pipes.empty or not known.any():
        return end, kind
    outlets = gpd.GeoSeries(points.to_numpy()[known], crs=pipes.crs)
    outlet_kinds = kinds.to_numpy()[known]
    priority = {"gemaal": 0, "rwzi": 0, "uitlaat": 1}
    for which, position in (("eind", -1), ("begin", 0)):  # the downstream end first: 'eind' wins a pipe with two
        ends = gpd.GeoSeries(shapely.points([g.coords[position] for g in pipes.geometry]), crs=pipes.crs)
        left, right = outlets.sindex.query(ends.to_numpy(), predicate="dwithin", distance=NODE_SNAP_M)
        for pipe, point in sorted(
            zip(left, right), key=lambda pair: (pair[0], priority[outlet_kinds[pair[1]]], pair[1])
        ):
            if pd.isna(end.iloc[pipe]) or priority[outlet_kinds[point]] < priority.get(kind.iloc[pipe], 9):
                end.iloc[pipe], kind.iloc[pipe] = which, outlet_kinds[point]
    return end, kind


def _node_layer_outlets(source: LayerInput, pipes: gpd.GeoDataFrame, bbox, entry) -> tuple[pd.Series, pd.Series]:
    """Outlets from the node layer of the same GWSW export (``default_punt``), when the file has one."""
    import pyogrio

    from warmtekans.io.files import gdal_path

    empty = (pd.Series(pd.NA, index=pipes.index, dtype="string"), pd.Series(pd.NA, index=pipes.index, dtype="string"))
    try:
        layers = [name for name, _ in pyogrio.list_layers(gdal_path(source.path)[0])]
    except Exception:  # noqa: BLE001 - the pipe layer was read; the node layer is optional
        return empty
    layer = next((name for name in NODE_LAYERS if name in layers and name != source.layer), None)
    if layer is None or pipes.empty:
        return empty
    nodes = read_vector(source.path, layer=layer, bbox=bbox, what="GWSW nodes", geometry="point")
    type_column = pick_column(nodes, ["Type", "TypeNaam", "type"], path=source.path, layer=layer, required=False)
    if type_column is None or nodes.empty:
        return empty
    kinds = nodes[type_column].map(outlet_kind).astype("string")
    points = nodes.geometry.apply(lambda g: g.geoms[0] if g.geom_type == "MultiPoint" else g)
    end, kind = mark_outlets(pipes, points, kinds)
    if entry is not None:
        found = kinds.value_counts()
        entry.note(
            f"knopen uit laag {layer}: "
            + (", ".join(f"{name} {count}" for name, count in found.items()) or "geen gemaal, RWZI of uitlaat")
            + f"; {int(end.notna().sum())} "
            "leidingen eindigen bij een lozingspunt"
        )
    return end, kind


def read_sewers(
    source: LayerInput,
    settings: SewerSettings,
    bbox: tuple[float, float, float, float] | None = None,
    *,
    quality: QualityLog | None = None,
) -> gpd.GeoDataFrame:
    """GWSW pipes with their type (last part of the URI) and whether they carry dry-weather flow.

    Reads the GWSW WFS/OGC API layers, the GWSW GeoPackage export (``default_lijn``:
    ``Type`` URI, no diameter or BOB; outfalls and pumps from its ``default_punt``) and GWSW-OroX
    Turtle (``*.ttl``, :mod:`warmtekans.inputs.gwsw_orox`: BOB, diameter, material, type and the
    node types). MultiLineStrings are split into their lines (counted); a negative flow, diameter
    ≤ 0 becomes unknown (counted). The flow direction is set later
    (:func:`warmtekans.model.sewer.orient_pipes`), and without a given flow the dry-weather flow is
    estimated (:mod:`warmtekans.model.sewer`); both are said in the quality log.
    """
    entry = quality_entry(quality, "riool", source.path, source.layer)
    orox = is_orox(source.path)
    if orox:
        frame = read_orox(source.path, bbox=bbox, entry=entry)
    else:
        frame = read_vector(
            source.path, layer=source.layer, bbox=bbox, what="GWSW sewer pipes", geometry="line", quality=entry
        )
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
    for name, rule in (
        ("debiet", "debiet < 0: onbekend gemaakt (geschat uit inwoners)"),
        ("diameter", "diameter <= 0: onbekend gemaakt"),
    ):
        bad = out[name].notna() & ((out[name] < 0) if name == "debiet" else (out[name] <= 0))
        if bad.any():
            log.warning("%s: %d pipes with %s; set to unknown", source.path, int(bad.sum()), rule)
            if entry is not None:
                entry.repair(f"{found[name]} {rule}", int(bad.sum()), examples=out.loc[bad, name].unique()[:5])
            out.loc[bad, name] = np.nan
    out = out.rename(columns={"diameter": "diameter_mm", "debiet": "debiet_dwa_gegeven_m3h"})
    material = pick_column(frame, SEWER_COLUMNS["materiaal"], path=source.path, layer=source.layer, required=False)
    out["materiaal"] = (
        frame[material].astype("string").str.rstrip("/").str.split("/").str[-1].to_numpy()
        if material
        else pd.Series(pd.NA, index=out.index, dtype="string")
    )
    for column in ("lozingspunt", "lozingspunt_soort"):  # known from the node types in a Turtle file
        out[column] = frame[column].astype("string").to_numpy() if orox else pd.NA
    out["draagt_dwa"] = out["gwsw_type"].isin(settings.dry_weather_types)
    multi = np.asarray(out.geometry.geom_type == "MultiLineString") & (
        shapely.get_num_geometries(out.geometry.values) > 1
    )
    out = out.explode(index_parts=False).reset_index(drop=True)
    out = out[out.geometry.geom_type == "LineString"].reset_index(drop=True)
    out.insert(0, "leiding_id", np.arange(1, len(out) + 1))
    if not orox:
        out["lozingspunt"], out["lozingspunt_soort"] = _node_layer_outlets(source, out, bbox, entry)
    out["richting"] = pd.Series(pd.NA, index=out.index, dtype="Int8")
    out["richting_bron"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out = gpd.GeoDataFrame(out[[*SEWER_SCHEMA, "geometry"]].astype(SEWER_SCHEMA), geometry="geometry", crs=RD_CRS)
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
        entry.note(
            "geen BOB (binnenonderkant buis): stroomrichting naar het dichtstbijzijnde gemaal, RWZI of uitlaat, "
            "of langs het langste pad van elk deelnet"
        )
    if pipes["debiet_dwa_gegeven_m3h"].isna().all():
        entry.note(
            "geen debiet: droogweerafvoer geschat uit inwoners stroomopwaarts (sewer.wastewater_m3_per_inhabitant_year)"
        )
    if pipes["diameter_mm"].isna().all():
        entry.not_checked("geen diameter: niet gecontroleerd of een leiding groot genoeg is voor een warmtewisselaar")
    if not pipes["draagt_dwa"].any():
        entry.note("geen leiding met droogweerafvoer (sewer.dry_weather_types): geen riothermie")
