"""The frame schemas: every empty layer a stage writes when an optional input is missing, in one place."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from warmtekans.core.crs import RD_CRS


def empty_layer(dtypes: dict[str, str]) -> gpd.GeoDataFrame:
    """A layer with no rows but the given columns and types (for a missing optional input)."""
    return gpd.GeoDataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()},
                            geometry=gpd.GeoSeries([], crs=RD_CRS), crs=RD_CRS)


def empty_energielabels() -> pd.DataFrame:
    """An EP-online table with no rows (when no labels are available)."""
    columns = ["vbo_id", "postcode", "huisnummer", "huisletter", "toevoeging", "label", "labelklasse",
               "gebouwtype", "gebouwsubtype"]
    frame = pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    frame["label_datum"] = pd.Series(dtype="datetime64[s]")
    frame["label_geldig"] = pd.Series(dtype="bool")
    return frame


def empty_zones() -> gpd.GeoDataFrame:
    """A restriction table with no zones."""
    return empty_layer({"soort": "string", "zone_type": "string", "effect": "string", "max_diepte_m": "float64"})


def empty_features() -> gpd.GeoDataFrame:
    """An optional layer with no features."""
    return empty_layer({})


def empty_sewers() -> gpd.GeoDataFrame:
    """A sewer table with no pipes."""
    return empty_layer(SEWER_COLUMNS)


#: The pipe table every sewer reader writes (GeoPackage/WFS export and GWSW-OroX Turtle alike). ``lozingspunt``
#: ('begin'/'eind') names a pipe end at a pump, RWZI or outfall (``lozingspunt_soort``); ``richting`` (+1: flows
#: from the first to the last vertex, -1: back) and ``richting_bron`` are set by the prepare step.
SEWER_COLUMNS = {
    "leiding_id": "int64",
    "gwsw_type": "string",
    "diameter_mm": "float64",
    "materiaal": "string",
    "bob_begin": "float64",
    "bob_eind": "float64",
    "debiet_dwa_gegeven_m3h": "float64",
    "draagt_dwa": "bool",
    "lozingspunt": "string",
    "lozingspunt_soort": "string",
    "richting": "Int8",
    "richting_bron": "string",
}


def empty_streets() -> gpd.GeoDataFrame:
    """A street table with no streets."""
    return empty_layer({"straat": "string", "highway": "string", "straat_id": "int64", "lengte_m": "float64"})


def empty_barriers() -> gpd.GeoDataFrame:
    """A barrier table with no barriers."""
    return empty_layer({"soort": "string"})


SOURCE_COLUMNS = {
    "bron_id": "string",
    "soort": "string",
    "soort_sleutel": "string",
    "naam": "string",
    "potentie_gj": "float64",
    "vermogen_kw": "float64",
    "vermogen_bron": "string",
    "bereik_m": "float64",
    "vereist_wko": "bool",
    "vereist_putten": "bool",
}


def empty_sources() -> gpd.GeoDataFrame:
    """A source table with no rows."""
    return empty_layer(SOURCE_COLUMNS)


def empty_wko_zones() -> gpd.GeoDataFrame:
    """A WKO-suitability table with no rows."""
    return empty_layer({"klasse": "string", "wko_toegestaan": "bool"})


def empty_clusters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "cluster_id": pd.Series(dtype="string"),
            "niveau": pd.Series(dtype="string"),
            "schaal": pd.Series(dtype="string"),
        },
        geometry=gpd.GeoSeries([], crs=RD_CRS),
        crs=RD_CRS,
    )
