"""The data-quality report (kwaliteit) and 'niet gecontroleerd' restrictions, on hand-made cases."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from tests.conftest import assert_in_order
from warmtekans.core.quality import QualityLog
from warmtekans.model.restrictions import NOT_CHECKED, dwelling_restrictions
from warmtekans.outputs.results import quality_markdown, quality_table

RD = "EPSG:28992"


def three_dwellings() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"vbo_id": ["1", "2", "3"]}, geometry=[Point(5, 5), Point(15, 5), Point(50, 50)], crs=RD)


def zones(effects: list[str], soort: str = "drinkwater") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"soort": soort, "zone_type": [f"zone {e}" for e in effects], "effect": effects,
                             "max_diepte_m": np.nan},
                            geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10)][:len(effects)], crs=RD)


def test_no_restriction_input_means_niet_gecontroleerd_never_allowed():
    result = dwelling_restrictions(three_dwellings(), zones([])[:0], unchecked=["drinkwater", "archeologie"])
    assert (result["beperking"] == NOT_CHECKED).all()
    assert (result["beperking_niet_gecontroleerd"] == "drinkwater, archeologie").all()


def test_one_restriction_input_missing_keeps_known_zones_and_flags_the_rest():
    result = dwelling_restrictions(three_dwellings(), zones(["forbidden", "restricted"]), unchecked=["archeologie"])
    # in a drinking-water zone: the known effect; outside: archaeology was not checked, so not 'allowed'
    assert result["beperking"].tolist() == ["forbidden", "restricted", NOT_CHECKED]
    assert (result["beperking_niet_gecontroleerd"] == "archeologie").all()


def test_all_restriction_inputs_checked_outside_zones_is_allowed():
    result = dwelling_restrictions(three_dwellings(), zones(["forbidden"]), unchecked=[])
    assert result["beperking"].tolist() == ["forbidden", "allowed", "allowed"]
    assert (result["beperking_niet_gecontroleerd"] == "").all()


def scored_dwellings() -> pd.DataFrame:
    """Five dwellings and one non-residential object, with the columns write_results sees."""
    return pd.DataFrame({
        "objecttype": ["woning"] * 5 + ["utiliteit"],
        "label_bron": ["EP-online", "EP-online", "EP-online (verlopen)", "geschat uit bouwjaar en woningtype (Vesta N)",
                       "geschat uit bouwjaar en woningtype (Vesta N)", "geen (utiliteit)"],
        "woningtype_bron": ["EP-online", "EP-online", "EP-online", "BAG-geometrie", "BAG-geometrie",
                            "BAG-gebruiksdoel"],
        "straat": ["Lindeweg", "2593 AB 10–24", None, "Dorpsstraat", " ", "Dorpsstraat"],
        "beperking": ["allowed", "forbidden", NOT_CHECKED, NOT_CHECKED, NOT_CHECKED, NOT_CHECKED],
    })


def quality_log() -> QualityLog:
    log = QualityLog()
    entry = log.entry("energielabels", path="data/raw/ep.csv")
    entry.read(12, crs=None)
    entry.drop("gebouwklasse is niet W (utiliteit)", 2, examples=["U"])
    zones_entry = log.entry("drinkwater", path="data/raw/gwb.gpkg", layer="zones")
    zones_entry.read(3, crs="EPSG:4326")
    zones_entry.repair("ongeldige geometrie hersteld met make_valid", 1, examples=["zone 7"])
    log.entry("archeologie").not_checked("geen archeologie-invoer")
    return log


def test_quality_table_counts_and_shares():
    table = quality_table(quality_log(), scored_dwellings(), {"energielabels", "drinkwater"},
                          selection={"vbos_read": 9, "not_living_status": 1, "outside_gemeente": 2, "without_pand": 0},
                          missing_reports=["prepare_streets"])
    woningen = table[table["soort"] == "woningen"].set_index("reden")
    assert woningen.at["woningen in de gemeente", "aantal"] == 5
    assert woningen.at["met een energielabel uit EP-online", "aantal"] == 3
    assert woningen.at["met een energielabel uit EP-online", "aandeel"] == 0.6
    assert woningen.at["waarvan het label verlopen is", "aantal"] == 1
    assert woningen.at["woningtype uit EP-online", "aantal"] == 3
    assert woningen.at["woningtype uit BAG-geometrie", "aandeel"] == 0.4
    assert woningen.at["met een straatnaam", "aantal"] == 2  # None, a blank name and a postcode label do not count
    assert woningen.at["straat zonder naam: gelabeld met postcode en huisnummers", "aantal"] == 1
    assert woningen.at["beperking voor boren niet gecontroleerd", "aantal"] == 3  # the utility object not counted
    read = table[table["soort"] == "gelezen"].set_index("invoer")
    assert read.at["drinkwater", "crs"] == "EPSG:4326" and read.at["energielabels", "aantal"] == 12
    dropped = table[table["soort"] == "verwijderd"].set_index("reden")
    assert dropped.at["gebouwklasse is niet W (utiliteit)", "aantal"] == 2
    assert dropped.at["buiten de buurten van de gemeente", "aantal"] == 2
    assert "without_pand" not in table["reden"].tolist()
    unchecked = table[table["soort"] == "niet gecontroleerd"]
    # every missing optional input is listed once: archeologie by its prepare rule's log, the other seven
    # (riool, straten, warmtenet_gepland, bodemenergiesystemen and the heat sources wko_geschiktheid,
    # oppervlaktewater, puntbronnen) by the report itself
    assert len(unchecked) == 8
    assert unchecked["reden"].tolist()[0] == "geen archeologie-invoer"
    assert "geen invoer: riothermie niet beoordeeld" in unchecked["reden"].tolist()
    assert table[table["invoer"] == "prepare_streets"]["reden"].str.contains("geen kwaliteitsverslag").all()
    assert list(table.columns) == ["invoer", "soort", "reden", "aantal", "aandeel", "bestand", "laag", "crs",
                                   "voorbeelden"]


def test_quality_markdown_reads_as_a_report():
    table = quality_table(quality_log(), scored_dwellings(), {"energielabels", "drinkwater"})
    text = quality_markdown("GM9999", table)
    assert text.startswith("# Datakwaliteit GM9999\n")
    assert "| drinkwater | data/raw/gwb.gpkg | zones | EPSG:4326 | 3 | 0 | 1 |" in text
    assert "| energielabels | data/raw/ep.csv |  |  | 12 | 2 | 0 |" in text
    assert "| archeologie |" not in text  # nothing was read for it
    assert "| met een energielabel uit EP-online | 3 | 60,0 % |" in text
    # one bullet per input; its wording may change, its figures and the logged reason and example may not
    assert_in_order(bullet(text, "drinkwater"), ["1", "ongeldige geometrie hersteld met make_valid", "zone 7"])
    assert "geen archeologie-invoer" in bullet(text, "archeologie")  # the reason the prepare rule logged
    assert "riothermie" in bullet(text, "rioolnetwerk (GWSW)")  # missing sewer input: sewer heat not assessed


def bullet(text: str, name: str) -> str:
    """The report's bullet line for input ``name`` ('- **name**: ...')."""
    lines = [line for line in text.splitlines() if line.startswith(f"- **{name}**")]
    assert len(lines) == 1, f"expected one bullet for {name}, found {lines}"
    return lines[0]


def test_quality_table_without_logs_or_dwellings_still_has_its_columns():
    empty = scored_dwellings().iloc[:0]
    table = quality_table(QualityLog(), empty, set())
    assert table[table["soort"] == "woningen"]["aantal"].tolist()[0] == 0
    assert "Niets verwijderd of gerepareerd." in quality_markdown("GM9999", table)


@pytest.mark.workflow
def test_sample_report_counts_match_the_generated_inputs(sample_run):
    """The counts in kwaliteit.md and the kwaliteit table, worked out independently from the generated EP-online CSV."""
    results = sample_run / "results" / "GM9999"
    csv = pd.read_csv(sample_run / "data" / "raw" / "sample" / "GM9999" / "ep-online.csv", sep=";", dtype=str)
    woningen = gpd.read_file(results / "warmtekans.gpkg", layer="woningen")
    table = gpd.read_file(results / "warmtekans.gpkg", layer="kwaliteit")
    counts = table[table["soort"] == "woningen"].set_index("reden")["aantal"]

    registered = csv.groupby("Pand_bagverblijfsobjectid")["Meting_geldig_tot"].max()
    labelled = woningen["vbo_id"].isin(registered.index)
    expired = woningen["vbo_id"].map(registered).lt("20260101")  # newest validity before the reference date
    assert counts["woningen in de gemeente"] == len(woningen) == 2435
    assert counts["met een energielabel uit EP-online"] == labelled.sum() == 1715
    assert counts["waarvan het label verlopen is"] == expired.sum()
    assert counts["woningtype uit EP-online"] == labelled.sum()  # every generated registration has a gebouwtype
    assert counts["met een straatnaam"] == len(woningen)
    assert counts["beperking voor boren niet gecontroleerd"] == 0  # the sample has both restriction inputs
    assert not (woningen["beperking"] == "niet gecontroleerd").any()
    assert (table["soort"] != "niet gecontroleerd").all()  # every optional input was given
    ep_rows = table[(table["soort"] == "gelezen") & table["bestand"].fillna("").str.endswith("ep-online.csv")]
    if not ep_rows.empty:  # written by prepare_energielabels' QualityLog
        assert ep_rows["aantal"].iloc[0] == len(csv)
    text = (results / "kwaliteit.md").read_text()
    assert f"| met een energielabel uit EP-online | 1 715 | {100 * 1715 / 2435:.1f} % |".replace(".", ",") in text
    unreported = table["reden"].fillna("").str.startswith("geen kwaliteitsverslag").sum()
    if unreported:  # a step that counted nothing must not be reported as "alles gecontroleerd"
        assert "Alles is gecontroleerd" not in text
        section = text.split("## Niet gecontroleerd", 1)[1].split("\n## ", 1)[0]
        assert re.search(rf"\b{unreported}\b", section), section  # the section says how many steps did not count
    else:
        assert "## Niet gecontroleerd\n\nAlles is gecontroleerd" in text
