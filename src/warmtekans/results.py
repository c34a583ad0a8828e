"""Result layers: dwellings, clusters, streets and a per-buurt summary, written to one GeoPackage."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans import RD_CRS
from warmtekans.clusters import SCALE_LARGE, SCALE_MINI, SCALE_SMALL, street_keys
from warmtekans.config import OPTIONAL_INPUTS
from warmtekans.tables import most_common
from warmtekans.readers import empty_zones
from warmtekans.restrictions import street_drilling

#: What is assumed when an optional input is missing (shown per buurt).
ASSUMPTIONS = {
    "energielabels": "label geschat uit bouwjaar en woningtype (Vesta N); woningtype uit BAG-geometrie",
    "drinkwater": "geen controle op drinkwaterbeschermingsgebieden gedaan",
    "archeologie": "geen controle op archeologie gedaan",
    "riool": "riothermie niet beoordeeld",
    "straten": "straten uit de BAG-adressen (openbare ruimte)",
    "warmtenet_gepland": "niet bekend of hier een grootschalig warmtenet gepland is",
    "bodemenergiesystemen": "interferentie met bestaande bodemenergiesystemen niet gecontroleerd",
}

INPUT_NAMES_DUTCH = {
    "energielabels": "energielabels (EP-online)",
    "drinkwater": "drinkwaterbeschermingsgebieden",
    "archeologie": "archeologie",
    "riool": "rioolnetwerk (GWSW)",
    "straten": "stratennetwerk (OSM)",
    "warmtenet_gepland": "geplande warmtenetten",
    "bodemenergiesystemen": "bodemenergiesystemen",
}


def missing_inputs_text(available_inputs: set[str]) -> tuple[str, str]:
    """The missing optional inputs and what was assumed instead, as Dutch text."""
    missing = [name for name in OPTIONAL_INPUTS if name not in available_inputs]
    if not missing:
        return "geen", "geen"
    return (", ".join(INPUT_NAMES_DUTCH[m] for m in missing), "; ".join(ASSUMPTIONS[m] for m in missing))


UNKNOWN_STREET = "straat onbekend"


def _address_labels(dwellings: pd.DataFrame) -> pd.Series:
    """Per street key the postcode + house-number label of its addresses (e.g. ``2593 AB 10–24``)."""
    from warmtekans.streetnames import address_range_label

    if "postcode" not in dwellings.columns:
        return pd.Series(dtype="string")
    return pd.Series({key: address_range_label(group["postcode"], group["huisnummer"])
                      for key, group in dwellings.groupby("straat_sleutel")}, dtype="string")


def street_layer(streets: gpd.GeoDataFrame, dwellings: pd.DataFrame, clusters: pd.DataFrame,
                 zones: gpd.GeoDataFrame | None = None, available_inputs: set[str] | None = None, *,
                 planned: gpd.GeoDataFrame | None = None, systems: gpd.GeoDataFrame | None = None,
                 interference_distance_m: float = 100.0) -> gpd.GeoDataFrame:
    """Streets with their dwellings, the best mini cluster along them and "may we drill here?".

    From OSM segments when available (dissolved by name), else from the dwellings grouped
    by openbare ruimte, drawn as the hull of their points. Each street is split where
    restriction zones cut it (:func:`~warmtekans.restrictions.street_drilling`); the street
    fields repeat on each part and ``lengte_m`` is the part's length.
    """
    mini = clusters[clusters["niveau"] == "mini"].set_index("cluster_id") if not clusters.empty else pd.DataFrame()
    per_street = dwellings.groupby("straat_sleutel").agg(
        straat=("straat", "first"),
        buurtcode=("buurtcode", lambda s: s.mode().iloc[0]),
        n_woningen=("objecttype", lambda s: int((s == "woning").sum())),
        warmtevraag_gj=("warmtevraag_gj", "sum"),
        n_mini_kansrijk=("aanbevolen_schaal", lambda s: int((s == SCALE_MINI).sum())),
    )
    woningen = dwellings[dwellings["objecttype"] == "woning"]
    per_street["aanbevolen"] = most_common(woningen, "straat_sleutel", "aanbevolen").reindex(per_street.index)
    per_street["straat"] = per_street["straat"].astype("string").fillna(_address_labels(dwellings))
    if not mini.empty:
        in_mini = dwellings.dropna(subset=["mini_cluster_id"])
        best = in_mini.groupby("straat_sleutel")["mini_score"].max()
        per_street["beste_mini_score"] = best
        best_cluster = (in_mini.sort_values(["mini_score", "mini_cluster_id"], ascending=[False, True], kind="stable")
                        .drop_duplicates("straat_sleutel").set_index("straat_sleutel")["mini_cluster_id"])
        per_street["beste_mini_cluster"] = best_cluster
        per_street["beste_mini_reden"] = best_cluster.map(mini["reden"])
    else:
        per_street["beste_mini_score"] = np.nan
        per_street["beste_mini_cluster"] = pd.NA
        per_street["beste_mini_reden"] = pd.NA
    per_street["warmtevraag_gj"] = per_street["warmtevraag_gj"].round(1)
    if not streets.empty:
        named = streets.assign(straat_sleutel=street_keys(streets["straat"], streets["straat_id"]))
        lines = named.dissolve(by="straat_sleutel", as_index=True)[["geometry"]]
        lines["lengte_m"] = lines.length.round(1)
        layer = lines.join(per_street, how="left")
        layer["straat"] = layer["straat"].fillna(pd.Series(layer.index.str.removeprefix("osm:"), index=layer.index))
    else:
        points = gpd.GeoDataFrame(dwellings[["straat_sleutel", "geometry"]], geometry="geometry", crs=RD_CRS)
        lines = points.dissolve(by="straat_sleutel")[["geometry"]]
        lines["geometry"] = lines.geometry.convex_hull
        lines["lengte_m"] = np.nan
        layer = lines.join(per_street, how="left")
    layer["n_woningen"] = layer["n_woningen"].fillna(0).astype("int64")
    layer["straat"] = layer["straat"].astype("string").fillna(UNKNOWN_STREET)
    layer = layer.rename_axis("straat_sleutel").reset_index()
    layer = gpd.GeoDataFrame(layer, geometry="geometry", crs=RD_CRS)
    drilling = street_drilling(layer[["straat_sleutel", "geometry"]], zones if zones is not None else empty_zones(),
                               available_inputs or set(), planned=planned, systems=systems,
                               interference_distance_m=interference_distance_m)
    layer = drilling.merge(pd.DataFrame(layer.drop(columns="geometry")), on="straat_sleutel", how="left")
    if not streets.empty:
        layer["lengte_m"] = layer.geometry.length.round(1)
    layer = gpd.GeoDataFrame(layer, geometry="geometry", crs=RD_CRS)
    return layer.sort_values(["straat_sleutel", "deel"]).reset_index(drop=True)


def buurt_summary(
    buurten: gpd.GeoDataFrame,
    dwellings: pd.DataFrame,
    clusters: pd.DataFrame,
    streets: pd.DataFrame,
    available_inputs: set[str],
    without_pand: dict[str, int],
) -> gpd.GeoDataFrame:
    """Per buurt: dwellings, WEQ, dwellings per recommended network type, best mini streets, missing inputs."""
    summary = buurten[["buurtcode", "buurtnaam", "aantal_huishoudens", "geometry"]].copy().set_index("buurtcode")
    summary["weq"] = dwellings.groupby("buurtcode")["weq"].sum().round(1)
    summary["warmtevraag_gj"] = dwellings.groupby("buurtcode")["warmtevraag_gj"].sum().round(1)
    summary["n_utiliteit"] = dwellings[dwellings["objecttype"] == "utiliteit"].groupby("buurtcode").size()
    grouped = dwellings[dwellings["objecttype"] == "woning"].groupby("buurtcode")
    summary["n_woningen"] = grouped.size()
    for scale, column in ((SCALE_MINI, "n_mini"), (SCALE_SMALL, "n_kleinschalig"), (SCALE_LARGE, "n_grootschalig"),
                          ("individueel", "n_individueel")):
        summary[column] = grouped["aanbevolen_schaal"].apply(lambda s, sc=scale: int((s == sc).sum()))
    summary["n_label_geschat"] = grouped["label_bron"].apply(lambda s: int(s.str.startswith("geschat").sum()))
    summary["n_in_verbodsgebied"] = grouped["beperking"].apply(lambda s: int((s == "forbidden").sum()))
    summary["woningen_zonder_pand"] = pd.Series(without_pand, dtype="float64")
    ranked = streets.dropna(subset=["beste_mini_score"]).drop_duplicates("straat_sleutel").sort_values(
        ["beste_mini_score", "straat"], ascending=[False, True], kind="stable")
    summary["beste_mini_straten"] = ranked.groupby("buurtcode")["straat"].apply(
        lambda s: ", ".join(s.dropna().astype(str).head(3)))
    missing, assumed = missing_inputs_text(available_inputs)
    summary["ontbrekende_invoer"] = missing
    summary["aannames"] = assumed
    for column in ("n_woningen", "n_utiliteit", "n_mini", "n_kleinschalig", "n_grootschalig", "n_individueel", "n_label_geschat",
                   "n_in_verbodsgebied", "woningen_zonder_pand"):
        summary[column] = summary[column].fillna(0).astype("int64")
    summary["weq"] = summary["weq"].fillna(0.0)
    summary["beste_mini_straten"] = summary["beste_mini_straten"].fillna("").astype("string")
    return gpd.GeoDataFrame(summary.reset_index(), geometry="geometry", crs=RD_CRS)


def dwelling_layer(dwellings: gpd.GeoDataFrame, objecttype: str = "woning") -> gpd.GeoDataFrame:
    """Dwellings (or non-residential objects) with GeoPackage-friendly types."""
    layer = dwellings[dwellings["objecttype"] == objecttype].copy()
    layer["label_datum"] = pd.to_datetime(layer["label_datum"]).dt.strftime("%Y-%m-%d")
    return layer


def top_mini_streets(streets: pd.DataFrame, buurten: pd.DataFrame, *, per_buurt: int = 5) -> pd.DataFrame:
    """The best streets for a miniwarmtenet per buurt: highest mini-cluster score first."""
    columns = ["buurtcode", "buurtnaam", "rang", "straat", "beste_mini_score", "n_woningen", "n_mini_kansrijk",
               "aanbevolen", "beste_mini_reden"]
    ranked = streets.dropna(subset=["beste_mini_score"]).drop_duplicates("straat_sleutel").sort_values(
        ["buurtcode", "beste_mini_score", "straat"], ascending=[True, False, True])
    ranked = ranked.groupby("buurtcode").head(per_buurt).copy()
    ranked["rang"] = ranked.groupby("buurtcode").cumcount() + 1
    ranked["buurtnaam"] = ranked["buurtcode"].map(buurten.set_index("buurtcode")["buurtnaam"])
    ranked["straat"] = ranked["straat"].astype("string").fillna(UNKNOWN_STREET)
    return pd.DataFrame(ranked[[c for c in columns if c in ranked.columns]]).reset_index(drop=True)


def advice_markdown(advice: pd.Series) -> list[str]:
    """The advice per dwelling with the map colour of each configuration (the legend of every map)."""
    from warmtekans.colours import palette

    counts = advice.value_counts()
    lines = ["", "## Advies per woning", "",
             "Zelfde kleuren als op de kaarten (`kaarten/overzicht.png`, `kaart.html`) en in QGIS.", "",
             "| aanbevolen configuratie | kleur | woningen |", "|---|---|---:|"]
    for name, colour in palette(counts.index).items():
        lines.append(f"| {name} | `{colour}` | {int(counts[name])} |")
    return lines + ["", "![Overzichtskaart](kaarten/overzicht.png)"]


def summary_markdown(gemeente: str, summary: pd.DataFrame, top: pd.DataFrame,
                     advice: pd.Series | None = None) -> str:
    """A readable per-buurt summary in Markdown (Dutch); ``advice`` is ``aanbevolen`` per dwelling."""
    lines = [f"# Warmtekansen {gemeente}", "",
             "| buurt | woningen | mini | kleinschalig | grootschalig | individueel | ontbrekende invoer |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for row in summary.sort_values("buurtcode").itertuples():
        lines.append(f"| {row.buurtnaam} ({row.buurtcode}) | {row.n_woningen} | {row.n_mini} | {row.n_kleinschalig} | "
                     f"{row.n_grootschalig} | {row.n_individueel} | {row.ontbrekende_invoer} |")
    if advice is not None:
        lines += advice_markdown(advice)
    for row in summary.sort_values("buurtcode").itertuples():
        lines += ["", f"## {row.buurtnaam} ({row.buurtcode})", ""]
        streets = top[top["buurtcode"] == row.buurtcode]
        if streets.empty:
            lines.append("Geen straten met een kandidaat voor een miniwarmtenet.")
            continue
        lines.append("Beste straten voor een miniwarmtenet:")
        lines.append("")
        for street in streets.itertuples():
            advice = ""
            if getattr(street, "n_mini_kansrijk", 1) == 0 and isinstance(getattr(street, "aanbevolen", None), str):
                advice = f" *Advies voor de woningen hier: {street.aanbevolen}.*"
            lines.append(f"{street.rang}. **{street.straat}** (score {street.beste_mini_score:.0f}): "
                         f"{street.beste_mini_reden}.{advice}")
    if (summary["aannames"] != "geen").any():
        lines += ["", "## Aannames", "", str(summary["aannames"].iloc[0])]
    return "\n".join(lines) + "\n"
