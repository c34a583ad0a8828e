"""Result layers: dwellings, clusters, streets and a per-buurt summary, written to one GeoPackage."""
from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans.config.areas import OPTIONAL_INPUTS
from warmtekans.core.crs import RD_CRS
from warmtekans.core.schemas import empty_zones
from warmtekans.core.tables import most_common
from warmtekans.decision.options import NO_OPTION, short_name
from warmtekans.model.restrictions import street_drilling
from warmtekans.model.scales import SCALE_LARGE, SCALE_MINI, SCALE_SMALL
from warmtekans.outputs.kansrijk import buurt_why_not, kansrijke_straten, street_verdict
from warmtekans.outputs.streetsource import (
    BAG,
    NO_ADDRESS,
    OSM,
    OSM_LINE,
    POSTCODE_LABEL,
    name_sources,
    street_geometries,
    street_note,
)

if TYPE_CHECKING:
    from warmtekans.core.quality import QualityLog


#: What is assumed when an optional input is missing (shown per buurt).
ASSUMPTIONS = {
    "energielabels": "label geschat uit bouwjaar en woningtype (Vesta N); woningtype uit BAG-geometrie",
    "drinkwater": "geen controle op drinkwaterbeschermingsgebieden gedaan",
    "archeologie": "geen controle op archeologie gedaan",
    "riool": "riothermie niet beoordeeld",
    "straten": "straten als lijn door de BAG-adressen per openbare ruimte (docs/method.md §2)",
    "warmtenet_gepland": "niet bekend of hier een grootschalig warmtenet gepland is",
    "bodemenergiesystemen": "interferentie met bestaande bodemenergiesystemen niet gecontroleerd",
    "wko_geschiktheid": "geschiktheid voor open WKO niet gecontroleerd (geen WKO als bron)",
    "oppervlaktewater": "aquathermie (TEO) niet beoordeeld",
    "puntbronnen": "restwarmte uit puntbronnen (RWZI, industrie, datacenter) niet beoordeeld",
}


INPUT_NAMES_DUTCH = {
    "energielabels": "energielabels (EP-online)",
    "drinkwater": "drinkwaterbeschermingsgebieden",
    "archeologie": "archeologie",
    "riool": "rioolnetwerk (GWSW)",
    "straten": "stratennetwerk (OSM)",
    "warmtenet_gepland": "geplande warmtenetten",
    "bodemenergiesystemen": "bodemenergiesystemen",
    "wko_geschiktheid": "WKO-geschiktheid",
    "oppervlaktewater": "oppervlaktewater (TEO)",
    "puntbronnen": "puntbronnen (restwarmte)",
}


#: Key columns code compares (the vocabulary's keys); the layers show the names beside them instead.
KEY_COLUMNS = ("warmtebron_sleutel", "soort_sleutel", "riothermie_sleutel")


def without_key_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The layer without the key columns of :data:`KEY_COLUMNS` (people read the names beside them)."""
    return frame.drop(columns=[column for column in KEY_COLUMNS if column in frame])


def missing_inputs_text(available_inputs: set[str]) -> tuple[str, str]:
    """The missing optional inputs and what was assumed instead, as Dutch text."""
    missing = [name for name in OPTIONAL_INPUTS if name not in available_inputs]
    if not missing:
        return "geen", "geen"
    return (", ".join(INPUT_NAMES_DUTCH[m] for m in missing), "; ".join(ASSUMPTIONS[m] for m in missing))


UNKNOWN_STREET = "straat onbekend"


def _address_labels(dwellings: pd.DataFrame) -> pd.Series:
    """Per street key the postcode + house-number label of its addresses (e.g. ``2593 AB 10–24``)."""
    from warmtekans.inputs.streetnames import address_range_labels

    if "postcode" not in dwellings.columns:
        return pd.Series(dtype="string")
    return address_range_labels(dwellings["straat_sleutel"], dwellings["postcode"], dwellings["huisnummer"])


def street_layer(streets: gpd.GeoDataFrame, dwellings: pd.DataFrame, clusters: pd.DataFrame,
                 zones: gpd.GeoDataFrame | None = None, available_inputs: set[str] | None = None, *,
                 planned: gpd.GeoDataFrame | None = None, systems: gpd.GeoDataFrame | None = None,
                 interference_distance_m: float = 100.0) -> gpd.GeoDataFrame:
    """Streets with their dwellings, the best mini cluster along them and "may we drill here?".

    Every street is a (multi)line (:func:`street_geometries`): its OSM segments, else a line through its
    addresses. Each street is split where restriction zones cut it
    (:func:`~warmtekans.model.restrictions.street_drilling`); the street fields repeat on each part and
    ``lengte_m`` is the part's length (OSM lines only).
    """
    mini = clusters[clusters["niveau"] == "mini"].set_index("cluster_id") if not clusters.empty else pd.DataFrame()
    per_street = dwellings.groupby("straat_sleutel").agg(
        straat=("straat", "first"),
        buurtcode=("buurtcode", lambda s: s.mode().iloc[0]),
        n_woningen=("objecttype", lambda s: int((s == "woning").sum())),
        warmtevraag_gj=("warmtevraag_gj", "sum"),
        n_advies_mini=("aanbevolen_schaal", lambda s: int((s == SCALE_MINI).sum())),
    )
    for column in ("piek_el_kw", "piek_el_kw_referentie"):  # design-day peak at the transformer: advice vs all air HPs
        per_street[column] = (
            dwellings.groupby("straat_sleutel")[column].sum().round(1) if column in dwellings else np.nan
        )
    woningen = dwellings[dwellings["objecttype"] == "woning"]
    per_street["aanbevolen"] = most_common(woningen, "straat_sleutel", "aanbevolen").reindex(per_street.index)
    per_street["straat"] = per_street["straat"].astype("string").fillna(_address_labels(dwellings))
    if not mini.empty:
        in_mini = dwellings.dropna(subset=["mini_cluster_id"])
        best = in_mini.groupby("straat_sleutel")["mini_score"].max()
        per_street["beste_mini_score"] = best
        best_cluster = (
            in_mini.sort_values(["mini_score", "mini_cluster_id"], ascending=[False, True], kind="stable")
            .drop_duplicates("straat_sleutel")
            .set_index("straat_sleutel")["mini_cluster_id"]
        )
        per_street["beste_mini_cluster"] = best_cluster
        per_street["beste_mini_reden"] = best_cluster.map(mini["reden"])
    else:
        per_street["beste_mini_score"] = np.nan
        per_street["beste_mini_cluster"] = pd.NA
        per_street["beste_mini_reden"] = pd.NA
    per_street["warmtevraag_gj"] = per_street["warmtevraag_gj"].round(1)
    per_street = per_street.join(street_verdict(dwellings, clusters))
    per_street["naam_bron"] = most_common(dwellings.assign(naam_bron=name_sources(dwellings)), "straat_sleutel",
                                          "naam_bron")
    layer = street_geometries(streets, dwellings).assign(lengte_m=np.nan).join(per_street, how="left")
    from_osm = layer["lijn_bron"] == OSM_LINE
    layer["straat"] = layer["straat"].fillna(pd.Series(layer.index.str.removeprefix("osm:"), index=layer.index)
                                             .where(from_osm))
    layer["naam_bron"] = layer["naam_bron"].fillna(layer["lijn_bron"].where(layer["lijn_bron"] == OSM_LINE))
    layer["n_woningen"] = layer["n_woningen"].fillna(0).astype("int64")
    layer["straat"] = layer["straat"].astype("string").fillna(UNKNOWN_STREET)
    layer = layer.rename_axis("straat_sleutel").reset_index()
    layer = gpd.GeoDataFrame(layer, geometry="geometry", crs=RD_CRS)
    drilling = street_drilling(
        layer[["straat_sleutel", "geometry"]],
        zones if zones is not None else empty_zones(),
        available_inputs or set(),
        planned=planned,
        systems=systems,
        interference_distance_m=interference_distance_m,
    )
    layer = drilling.merge(pd.DataFrame(layer.drop(columns="geometry")), on="straat_sleutel", how="left")
    layer["lengte_m"] = layer.geometry.length.round(1).where(layer["lijn_bron"] == OSM_LINE)  # of the part
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
    woningen = dwellings[dwellings["objecttype"] == "woning"]
    summary["n_woningen"] = woningen.groupby("buurtcode").size()

    def count(condition: pd.Series) -> pd.Series:  # dwellings per buurt meeting a condition (NA counts as no)
        return condition.fillna(False).astype(bool).groupby(woningen["buurtcode"]).sum()

    for scale, column in (
        (SCALE_MINI, "n_mini"),
        (SCALE_SMALL, "n_kleinschalig"),
        (SCALE_LARGE, "n_grootschalig"),
        ("individueel", "n_individueel"),
    ):
        summary[column] = count(woningen["aanbevolen_schaal"] == scale)
    summary["n_label_geschat"] = count(woningen["label_bron"].str.startswith("geschat"))
    summary["n_in_verbodsgebied"] = count(woningen["beperking"] == "forbidden")
    summary["n_isolatie_nodig"] = count(woningen["isolatie_nodig"]) if "isolatie_nodig" in woningen else 0
    unit = (
        woningen["buitenunit"].astype("string")
        if "buitenunit" in woningen
        else pd.Series(pd.NA, index=woningen.index, dtype="string")
    )
    summary["n_buitenunit_onzeker"] = count(unit == "onzeker")
    summary["n_buitenunit_nee"] = count(unit == "nee")
    summary["n_geen_optie"] = count(woningen["aanbevolen"] == NO_OPTION)
    for column in ("piek_el_kw", "piek_el_kw_referentie"):  # design-day peak at the transformer: advice vs all air HPs
        summary[column] = woningen.groupby("buurtcode")[column].sum().round(1) if column in woningen else np.nan
    summary["woningen_zonder_pand"] = pd.Series(without_pand, dtype="float64")
    ranked = kansrijke_straten(streets)
    summary["kansrijke_straten"] = ranked.groupby("buurtcode")["straat"].apply(
        lambda s: ", ".join(s.dropna().astype(str).head(3))
    ) if not ranked.empty else pd.Series(dtype="string")
    summary = summary.join(buurt_why_not(dwellings, clusters))
    missing, assumed = missing_inputs_text(available_inputs)
    summary["ontbrekende_invoer"] = missing
    summary["aannames"] = assumed
    for column in (
        "n_woningen",
        "n_utiliteit",
        "n_mini",
        "n_kleinschalig",
        "n_grootschalig",
        "n_individueel",
        "n_label_geschat",
        "n_in_verbodsgebied",
        "n_isolatie_nodig",
        "n_buitenunit_onzeker",
        "n_buitenunit_nee",
        "n_geen_optie",
        "woningen_zonder_pand",
    ):
        summary[column] = summary[column].fillna(0).astype("int64")
    summary["weq"] = summary["weq"].fillna(0.0)
    summary["kansrijke_straten"] = summary["kansrijke_straten"].fillna("").astype("string")
    return gpd.GeoDataFrame(summary.reset_index(), geometry="geometry", crs=RD_CRS)


def dwelling_layer(dwellings: gpd.GeoDataFrame, objecttype: str = "woning") -> gpd.GeoDataFrame:
    """Dwellings (or non-residential objects) with GeoPackage-friendly types."""
    layer = dwellings[dwellings["objecttype"] == objecttype].copy()
    layer["label_datum"] = pd.to_datetime(layer["label_datum"]).dt.strftime("%Y-%m-%d")
    return layer


#: Columns of ``kansrijke_straten.csv``.
KANSRIJKE_STRATEN_COLUMNS = ["buurtcode", "buurtnaam", "rang", "straat", "kansrijk", "kansrijk_niveau",
                             "kansrijk_advies", "kansrijk_reden", "kansrijk_cluster", "tweede_keus_eindgebruiker",
                             "verschil_eindgebruiker_pct", "tweede_keus_nationaal", "verschil_nationaal_pct",
                             "n_woningen", "beste_mini_score"]


def kansrijke_straten_table(streets: pd.DataFrame, buurten: pd.DataFrame) -> pd.DataFrame:
    """``kansrijke_straten.csv``: every kansrijke street (:func:`~warmtekans.outputs.kansrijk.kansrijke_straten`),
    per buurt in that order, with its answer, advice and reason (the cluster that answers for it)."""
    ranked = kansrijke_straten(streets)
    ranked = ranked.sort_values("buurtcode", kind="stable").copy()
    ranked["rang"] = ranked.groupby("buurtcode").cumcount() + 1
    ranked["buurtnaam"] = ranked["buurtcode"].map(buurten.set_index("buurtcode")["buurtnaam"])
    ranked["straat"] = ranked["straat"].astype("string").fillna(UNKNOWN_STREET)
    for column in ("tweede_keus_eindgebruiker", "tweede_keus_nationaal"):  # names a reader knows, not keys
        if column in ranked:
            ranked[column] = ranked[column].map(lambda key: short_name(key) if isinstance(key, str) else pd.NA)
    return pd.DataFrame(ranked.reindex(columns=KANSRIJKE_STRATEN_COLUMNS)).reset_index(drop=True)


def advice_markdown(advice: pd.Series) -> list[str]:
    """The advice per dwelling with the map colour of each configuration (the legend of every map)."""
    from warmtekans.outputs.colours import palette

    counts = advice.value_counts()
    lines = [
        "",
        "## Advies per woning",
        "",
        "Zelfde kleuren als op de kaarten (`kaarten/overzicht.png`, `kaart.html`) en in QGIS.",
        "",
        "| aanbevolen configuratie | kleur | woningen |",
        "|---|---|---:|",
    ]
    for name, colour in palette(counts.index).items():
        lines.append(f"| {name} | `{colour}` | {int(counts[name])} |")
    return lines + ["", "![Overzichtskaart](kaarten/overzicht.png)"]


def summary_markdown(gemeente: str, summary: pd.DataFrame, top: pd.DataFrame, advice: pd.Series | None = None,
                     naam: str | None = None) -> str:
    """A readable per-buurt summary in Markdown (Dutch): the advice per buurt, the kansrijke streets (``top``:
    :func:`kansrijke_straten_table`) with their answer and reason, and where none is, why not. ``advice`` is
    ``aanbevolen`` per dwelling."""
    title = f"{naam} ({gemeente})" if naam else gemeente
    lines = [
        f"# Warmtekansen {title}",
        "",
        "| buurt | woningen | mini | kleinschalig | grootschalig | individueel | ontbrekende invoer |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in summary.sort_values("buurtcode").itertuples():
        lines.append(
            f"| {row.buurtnaam} ({row.buurtcode}) | {row.n_woningen} | {row.n_mini} | {row.n_kleinschalig} | "
            f"{row.n_grootschalig} | {row.n_individueel} | {row.ontbrekende_invoer} |"
        )
    if advice is not None:
        lines += advice_markdown(advice)
    lines += ["", "*Kansrijk*: een collectieve optie is het goedkoopst (**ja**) of ligt binnen de onzekerheid "
              "(**binnen marge**: binnen de marge van de kosten, of wint in een deel van de trekkingen van de "
              "gevoeligheidsanalyse); docs/method.md §8."]
    for row in summary.sort_values("buurtcode").itertuples():
        lines += ["", f"## {row.buurtnaam} ({row.buurtcode})", ""]
        streets = top[top["buurtcode"] == row.buurtcode]
        if streets.empty:
            why = getattr(row, "reden_geen_collectief", None)
            lines.append("Geen straat kansrijk voor een collectieve optie" + (f": {why}." if isinstance(why, str)
                                                                             else "."))
            continue
        lines.append("Kansrijke straten:")
        lines.append("")
        for street in streets.itertuples():
            lines.append(
                f"{street.rang}. **{street.straat}** — {street.kansrijk} ({street.kansrijk_niveau}); advies: "
                f"{street.kansrijk_advies}; {street.kansrijk_reden}."
            )
    if (summary["aannames"] != "geen").any():
        lines += ["", "## Aannames", "", str(summary["aannames"].iloc[0])]
    return "\n".join(lines) + "\n"


#: Columns of the ``kwaliteit`` table (GeoPackage attribute table and kwaliteit.md).
QUALITY_COLUMNS = {
    "invoer": "string",
    "soort": "string",
    "reden": "string",
    "aantal": "Int64",
    "aandeel": "float64",
    "bestand": "string",
    "laag": "string",
    "crs": "string",
    "voorbeelden": "string",
}


#: The ``soort`` values, in report order.
WAARSCHUWING, GELEZEN, VERWIJDERD, GEREPAREERD, NIET_GECONTROLEERD, OPMERKING, WONINGEN = (
    "waarschuwing",
    "gelezen",
    "verwijderd",
    "gerepareerd",
    "niet gecontroleerd",
    "opmerking",
    "woningen",
)


#: What each count of the dwelling report (woningen_rapport.json) means in the quality report.
SELECTION_ROWS = (
    ("vbos_read", GELEZEN, "verblijfsobjecten in het BAG-uittreksel (binnen het gebied)"),
    ("not_living_status", VERWIJDERD, "woonfunctie, maar geen levende status (dwellings.statuses)"),
    ("outside_gemeente", VERWIJDERD, "buiten de buurten van de gemeente"),
    ("without_pand", VERWIJDERD, "pand ontbreekt in het BAG-uittreksel (woningen_zonder_pand per buurt)"),
    ("labels_by_vbo_id", OPMERKING, "energielabel gekoppeld op verblijfsobject-id"),
    ("labels_by_address", OPMERKING, "energielabel gekoppeld op adres (postcode, huisnummer, letter, toevoeging)"),
)


def _quality_row(
    invoer: str, soort: str, reden: str, aantal=None, aandeel=None, *, bestand=None, laag=None, crs=None, voorbeelden=()
) -> dict:
    return {
        "invoer": invoer,
        "soort": soort,
        "reden": reden,
        "aantal": aantal,
        "aandeel": aandeel,
        "bestand": bestand,
        "laag": laag,
        "crs": crs,
        "voorbeelden": ", ".join(str(v) for v in voorbeelden),
    }


def _entry_rows(entry) -> list[dict]:
    """Rows of one :class:`~warmtekans.core.quality.QualityEntry`: read, dropped, repaired, not checked, notes."""
    where = dict(bestand=entry.path, laag=entry.layer, crs=entry.crs)
    read = entry.path is not None or entry.rows_read > 0  # an entry may only say what was not checked
    rows = [_quality_row(entry.input, GELEZEN, "rijen gelezen", entry.rows_read, **where)] if read else []
    for soort, reasons in ((VERWIJDERD, entry.dropped), (GEREPAREERD, entry.repaired)):
        for reason, count in reasons.items():
            rows.append(
                _quality_row(entry.input, soort, reason, count, voorbeelden=entry.examples.get(reason, ()), **where)
            )
    rows += [_quality_row(entry.input, NIET_GECONTROLEERD, what, **where) for what in entry.niet_gecontroleerd]
    rows += [_quality_row(entry.input, OPMERKING, text, **where) for text in entry.notes]
    rows += [_quality_row(entry.input, WAARSCHUWING, text, **where) for text in entry.warnings]
    return rows


def dwelling_quality_rows(dwellings: pd.DataFrame) -> list[dict]:
    """Shares of dwellings with a registered label, per woningtype source, with a street name, and with an
    unchecked drilling restriction (``beperking`` = niet gecontroleerd)."""
    from warmtekans.model.restrictions import NOT_CHECKED

    woningen = dwellings[dwellings["objecttype"] == "woning"]
    total = len(woningen)

    def share(mask: pd.Series, text: str) -> dict:
        count = int(mask.sum())
        return _quality_row("woningen", WONINGEN, text, count, round(count / total, 4) if total else None)

    label = woningen["label_bron"].astype("string").fillna("")
    street = woningen["straat"].astype("string").str.strip().fillna("")
    rows = [
        _quality_row("woningen", WONINGEN, "woningen in de gemeente", total, 1.0 if total else None),
        share(label.str.startswith("EP-online"), "met een energielabel uit EP-online"),
        share(label == "EP-online (verlopen)", "waarvan het label verlopen is"),
        share(label.str.startswith("geschat"), "label geschat uit bouwjaar en woningtype"),
    ]
    sources = woningen["woningtype_bron"].astype("string").fillna("onbekend")
    for source in sorted(sources.unique()):
        rows.append(share(sources == source, f"woningtype uit {source}"))
    # warmtekans.inputs.streetnames labels a street without a known name by postcode + house numbers ("2593 AB 10–24")
    sources = name_sources(woningen)
    fallback = street.str.match(POSTCODE_LABEL).fillna(False).astype(bool)
    rows.append(share((street != "") & ~fallback & (sources != NO_ADDRESS), "met een straatnaam"))
    rows.append(share(sources == OSM, "straatnaam uit OSM"))
    rows.append(share(sources == BAG, "straatnaam uit de BAG (openbare ruimte)"))
    rows.append(share(fallback, "straat zonder naam: gelabeld met postcode en huisnummers"))
    if (sources == NO_ADDRESS).any():
        rows.append(share(sources == NO_ADDRESS, "zonder adres: blok panden in plaats van straat"))
    if "beperking" in woningen:
        rows.append(share(woningen["beperking"] == NOT_CHECKED, "beperking voor boren niet gecontroleerd"))
    return rows


def quality_table(
    logs: "QualityLog",
    dwellings: pd.DataFrame,
    available_inputs: set[str],
    selection: dict | None = None,
    missing_reports: list[str] = (),
) -> pd.DataFrame:
    """The ``kwaliteit`` table: one row per fact about the inputs of one gemeente.

    ``soort`` says what the row is: ``gelezen`` (rows read, with the file's CRS), ``verwijderd``
    and ``gerepareerd`` (rows, with the rule as ``reden`` and a few ``voorbeelden``),
    ``niet gecontroleerd``, ``opmerking``, and ``woningen`` (count and share of dwellings).
    ``logs`` are the merged QualityLogs of the prepare rules; ``selection`` is the dwelling report
    of build_dwellings; ``missing_reports`` names prepare rules that wrote no QualityLog.
    """
    rows: list[dict] = []
    for entry in logs.entries:
        rows += _entry_rows(entry)
    for rule in missing_reports:
        rows.append(
            _quality_row(
                rule,
                OPMERKING,
                "geen kwaliteitsverslag van deze stap: gelezen, verwijderd en gerepareerd zijn niet geteld",
            )
        )
    for key, soort, text in SELECTION_ROWS:
        if selection and key in selection and (soort != VERWIJDERD or int(selection[key]) > 0):
            rows.append(_quality_row("woningen (selectie uit BAG)", soort, text, int(selection[key])))
    rows += dwelling_quality_rows(dwellings)
    if not dwellings.empty and "straat_sleutel" in dwellings:  # how streets are drawn and named (as on the maps)
        rows.append(_quality_row("straten", OPMERKING, street_note(dwellings, available_inputs)))
    reported = {entry.input for entry in logs.entries if entry.niet_gecontroleerd}
    for name in OPTIONAL_INPUTS:
        if name not in available_inputs and name not in reported:  # a prepare rule may have said so already
            rows.append(_quality_row(INPUT_NAMES_DUTCH[name], NIET_GECONTROLEERD, f"geen invoer: {ASSUMPTIONS[name]}"))
    table = pd.DataFrame(rows, columns=list(QUALITY_COLUMNS))
    return table.astype(QUALITY_COLUMNS)


def _count(value) -> str:
    return "" if pd.isna(value) else f"{int(value):,}".replace(",", " ")


def _percent(value) -> str:
    return "" if pd.isna(value) else f"{100 * value:.1f} %".replace(".", ",")


def _text(value) -> str:
    return "" if pd.isna(value) or value is None else str(value).replace("|", "\\|")


def quality_markdown(gemeente: str, table: pd.DataFrame) -> str:
    """``kwaliteit.md``: the ``kwaliteit`` table as a readable Dutch report (no run date, so reruns are identical)."""
    lines = [
        f"# Datakwaliteit {gemeente}",
        "",
        "Per invoer: wat is gelezen, wat is weggelaten of gerepareerd en waarom, en wat niet gecontroleerd kon "
        "worden. Dezelfde gegevens staan in de tabel `kwaliteit` van warmtekans.gpkg (zie docs/results.md).",
        "",
    ]
    warnings = table[table["soort"] == WAARSCHUWING]
    if not warnings.empty:
        lines += ["## Waarschuwingen", ""]
        lines += [f"- **{_text(row.invoer)}**: {_text(row.reden)}" for row in warnings.itertuples()]
        lines.append("")
    lines += [
        "## Invoer",
        "",
        "| invoer | bestand | laag | CRS | rijen gelezen | verwijderd | gerepareerd |",
        "|---|---|---|---|---:|---:|---:|",
    ]
    read = table[(table["soort"] == GELEZEN)]
    for row in read.itertuples():
        same = table[table["invoer"] == row.invoer]
        dropped = same.loc[same["soort"] == VERWIJDERD, "aantal"].sum()
        repaired = same.loc[same["soort"] == GEREPAREERD, "aantal"].sum()
        lines.append(
            f"| {_text(row.invoer)} | {_text(row.bestand)} | {_text(row.laag)} | {_text(row.crs)} | "
            f"{_count(row.aantal)} | {_count(dropped)} | {_count(repaired)} |"
        )
    lines += ["", "## Verwijderd en gerepareerd", ""]
    changed = table[table["soort"].isin([VERWIJDERD, GEREPAREERD])]
    if changed.empty:
        lines.append("Niets verwijderd of gerepareerd.")
    for row in changed.itertuples():
        examples = f" (bijvoorbeeld: {_text(row.voorbeelden)})" if row.voorbeelden else ""
        lines.append(f"- **{_text(row.invoer)}**: {_count(row.aantal)} {row.soort}: {_text(row.reden)}{examples}")
    lines += ["", "## Woningen", "", "| | woningen | aandeel |", "|---|---:|---:|"]
    for row in table[table["soort"] == WONINGEN].itertuples():
        lines.append(f"| {_text(row.reden)} | {_count(row.aantal)} | {_percent(row.aandeel)} |")
    lines += ["", "## Niet gecontroleerd", ""]
    unchecked = table[table["soort"] == NIET_GECONTROLEERD]
    unreported = table[
        (table["soort"] == OPMERKING)
        & table["reden"].astype("string").str.startswith("geen kwaliteitsverslag").fillna(False)
    ]
    if unchecked.empty and unreported.empty:
        lines.append("Alles is gecontroleerd: elke optionele invoer was aanwezig.")
    elif unchecked.empty:
        lines.append(
            f"Elke optionele invoer was aanwezig, maar {len(unreported)} "
            f"stap{'pen' if len(unreported) != 1 else ''} telde{'n' if len(unreported) != 1 else ''} niet "
            "wat er gelezen, verwijderd en gerepareerd is (zie Opmerkingen)."
        )
    for row in unchecked.itertuples():
        lines.append(f"- **{_text(row.invoer)}**: {_text(row.reden)}")
    notes = table[table["soort"] == OPMERKING]
    if not notes.empty:
        lines += ["", "## Opmerkingen", ""]
        for row in notes.itertuples():
            count = f" ({_count(row.aantal)})" if not pd.isna(row.aantal) else ""
            lines.append(f"- **{_text(row.invoer)}**: {_text(row.reden)}{count}")
    return "\n".join(lines) + "\n"
