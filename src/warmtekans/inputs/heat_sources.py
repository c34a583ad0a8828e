"""Heat-source inputs: WKO suitability zones, surface water (TEO) and point sources."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans.config.areas import ClassInput, LayerInput
from warmtekans.config.sections import SourceSettings
from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityLog
from warmtekans.core.vocabulary import RESTWARMTE, TEO, source_name
from warmtekans.inputs.common import normalise_text, quality_entry
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


def read_wko_suitability(source: ClassInput, settings: SourceSettings, *, bbox=None,
                         quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """Aquifer suitability for open WKO: ``klasse`` (as given) and ``wko_toegestaan`` (the class is in
    ``settings.wko_allowed_classes``, case-insensitive).

    A class in neither ``wko_allowed_classes`` nor ``wko_unsuitable_classes`` (say codes 1/2/3) stops the run
    with the classes named, so no area silently loses open WKO; polygons without a class are left out (counted).
    """
    entry = quality_entry(quality, "wko_geschiktheid", source.path, source.layer)
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what="WKO suitability", quality=entry,
                        count_null_geometries=True)
    if source.zone_column not in frame:
        raise InputError(f"has no column '{source.zone_column}' (the WKO suitability class); columns present: "
                         f"{', '.join(c for c in frame.columns if c != 'geometry')}", path=source.path,
                         layer=source.layer, column=source.zone_column)
    klasse = frame[source.zone_column].astype("string").str.strip()
    blank = klasse.isna() | (klasse == "")
    allowed = {normalise_text(c) for c in settings.wko_allowed_classes}
    unsuitable = {normalise_text(c) for c in settings.wko_unsuitable_classes}
    known = klasse.map(lambda v: pd.NA if pd.isna(v) else normalise_text(v)).astype("string")
    unknown = sorted(set(klasse[~blank & ~known.isin(allowed | unsuitable).fillna(False)]))
    if unknown:
        raise InputError(
            f"WKO suitability classes {unknown[:8]} match neither sources.wko_allowed_classes "
            f"({', '.join(settings.wko_allowed_classes)}) nor sources.wko_unsuitable_classes "
            f"({', '.join(settings.wko_unsuitable_classes)}); name each class (or code) in one of the two",
            path=source.path, layer=source.layer, column=source.zone_column)
    if entry is not None:
        entry.drop(f"{source.zone_column} leeg: geschiktheid onbekend, weggelaten", int(blank.sum()))
    out = gpd.GeoDataFrame({"klasse": klasse.to_numpy(),
                            "wko_toegestaan": known.isin(allowed).fillna(False).to_numpy(dtype=bool)},
                           geometry=frame.geometry.values, crs=RD_CRS)
    return out[~blank.to_numpy()].reset_index(drop=True)


def read_surface_water(source: LayerInput, settings: SourceSettings, *, bbox=None,
                       quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """Surface water for TEO with its potential ``potentie_gj`` (GJ/yr); power = 0.139 kW per GJ/yr [Vesta].

    Rows without a potential are left out (counted); a power above ``settings.point_source_max_kw`` stops the run.
    """
    entry = quality_entry(quality, "oppervlaktewater", source.path, source.layer)
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what="surface water (TEO)", quality=entry,
                        count_null_geometries=True)
    potential = _numeric(frame, "potentie_gj", path=source.path, layer=source.layer, required=True)
    power = (potential * settings.teo_kw_per_gj).round(1)
    _refuse_implausible(power, frame["potentie_gj"], settings, path=source.path, layer=source.layer,
                        column="potentie_gj", what="TEO power (potentie_gj x sources.teo_kw_per_gj)", minimum=False)
    names = frame["naam"].astype("string") if "naam" in frame else pd.Series(pd.NA, index=frame.index, dtype="string")
    out = gpd.GeoDataFrame({
        "bron_id": [f"TEO{k:04d}" for k in range(1, len(frame) + 1)],
        "soort": source_name(TEO),
        "soort_sleutel": TEO,
        "naam": names.to_numpy(),
        "potentie_gj": potential.to_numpy(dtype=float),
        "vermogen_kw": power.to_numpy(dtype=float),
        "vermogen_bron": "potentie x 0,139 kW per GJ/jaar (Vesta)",
        "bereik_m": settings.teo_max_distance_m,
        "vereist_wko": True,
        "vereist_putten": True,
    }, geometry=frame.geometry.values, crs=RD_CRS)
    if entry is not None:
        entry.drop("potentie_gj leeg: geen potentie bekend, weggelaten", int(out["potentie_gj"].isna().sum()))
    return out[out["potentie_gj"].notna()].reset_index(drop=True)


def read_point_sources(source: LayerInput, settings: SourceSettings, *, bbox=None,
                       quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """Point heat sources (RWZI, industry, data centre) with ``soort`` and ``vermogen_kw``.

    A missing capacity takes ``settings.point_source_default_kw`` for its soort (Vesta: 11 MW for
    a RWZI) and is marked ``geschat``; a source without capacity whose soort has no default stops
    the run with the soorten named, as does a capacity outside ``point_source_min_kw`` ..
    ``point_source_max_kw``. Annual potential = vermogen / 0.139 kW per GJ/yr.
    """
    entry = quality_entry(quality, "puntbronnen", source.path, source.layer)
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what="point heat sources", quality=entry,
                        count_null_geometries=True)
    if "soort" not in frame:
        raise InputError("has no column 'soort' (RWZI, industrie, datacenter, ...)", path=source.path,
                         layer=source.layer, column="soort")
    kinds = frame["soort"].astype("string").str.strip()
    given = _numeric(frame, "vermogen_kw", path=source.path, layer=source.layer, required=False)
    defaults = kinds.str.lower().map({k.lower(): v for k, v in settings.point_source_default_kw.items()})
    power = given.fillna(defaults.astype(float))
    missing = power.isna()
    if missing.any():
        shown = sorted({str(k) if pd.notna(k) else "(leeg)" for k in kinds[missing]})
        raise InputError(
            f"{int(missing.sum())} point sources have no vermogen_kw and their soort {shown} has no default under "
            f"sources.point_source_default_kw (defaults for: {', '.join(settings.point_source_default_kw) or 'none'}); "
            "give vermogen_kw or add a default for the soort",
            path=source.path, layer=source.layer, column="vermogen_kw")
    _refuse_implausible(
        power,
        frame.get("vermogen_kw", power),
        settings,
        path=source.path,
        layer=source.layer,
        column="vermogen_kw",
        what="point-source capacity",
        minimum=True,
    )
    names = frame["naam"].astype("string") if "naam" in frame else kinds
    out = gpd.GeoDataFrame(
        {
            "bron_id": [f"PB{k:04d}" for k in range(1, len(frame) + 1)],
            "soort": [source_name(RESTWARMTE, kind) for kind in kinds.fillna("onbekend")],
            "soort_sleutel": RESTWARMTE,
            "naam": names.to_numpy(),
            "potentie_gj": (power / settings.teo_kw_per_gj).round(1).to_numpy(dtype=float),
            "vermogen_kw": power.to_numpy(dtype=float),
            "vermogen_bron": np.where(given.notna(), "gegeven", "geschat (standaard per soort)"),
            "bereik_m": settings.point_source_max_distance_m,
            "vereist_wko": False,
            "vereist_putten": False,
        },
        geometry=frame.geometry.values,
        crs=RD_CRS,
    )
    if entry is not None:
        entry.repair(
            "vermogen_kw leeg: standaardvermogen van de soort (sources.point_source_default_kw)",
            int((given.isna() & power.notna()).sum()),
            examples=kinds[given.isna()].dropna().unique()[:5],
        )
    return out.reset_index(drop=True)


def _refuse_implausible(
    power_kw: pd.Series,
    given: pd.Series,
    settings: SourceSettings,
    *,
    path,
    layer,
    column: str,
    what: str,
    minimum: bool,
) -> None:
    """Stop on a capacity outside ``sources.point_source_min_kw`` (when ``minimum``) .. ``point_source_max_kw``."""
    low = (power_kw < settings.point_source_min_kw) if minimum else pd.Series(False, index=power_kw.index)
    high = power_kw > settings.point_source_max_kw
    for bad, bound, key in (
        (low, f"below {settings.point_source_min_kw:g} kW", "point_source_min_kw"),
        (high, f"above {settings.point_source_max_kw:g} kW", "point_source_max_kw"),
    ):
        if bad.any():
            examples = ", ".join(str(v) for v in given[bad].head(3))
            raise InputError(
                f"{int(bad.sum())} rows have a {what} {bound} (e.g. {examples}), which is not plausible; "
                f"correct the value, or change sources.{key} if it is right",
                path=path,
                layer=layer,
                column=column,
            )
