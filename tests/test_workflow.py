"""Whole-workflow runs with Snakemake on tiny configs (in a temporary working directory)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import yaml
from PIL import Image

from tests import hand_costs as hand
from tests.conftest import ROOT, snakemake, workdir_with

pytestmark = pytest.mark.workflow


def test_sample_run_writes_layers_and_maps(sample_run):
    gpkg = sample_run / "results" / "GM9999" / "warmtekans.gpkg"
    layers = {name for name, _ in pyogrio.list_layers(gpkg)}
    assert {"woningen", "clusters", "straten", "buurten", "beperkingen", "riool"} <= layers
    maps = sorted((sample_run / "results" / "GM9999" / "kaarten").glob("*.png"))
    buurten = gpd.read_file(gpkg, layer="buurten")
    assert {p.stem for p in maps} == {"overzicht", *buurten["buurtcode"]}
    for path in maps:
        pixels = np.asarray(Image.open(path).convert("L"), dtype=float)
        assert pixels.std() > 10, f"{path.name} looks blank"
    for rule in ("build_dwellings", "build_clusters", "score_clusters", "write_results", "plot_maps"):
        assert (sample_run / "logs" / "GM9999" / f"{rule}.log").exists()
        assert (sample_run / "benchmarks" / "GM9999" / f"{rule}.tsv").exists()


def test_every_dwelling_in_at_most_one_cluster_per_level(sample_run):
    gpkg = sample_run / "results" / "GM9999" / "warmtekans.gpkg"
    woningen = gpd.read_file(gpkg, layer="woningen")
    clusters = gpd.read_file(gpkg, layer="clusters")
    assert woningen["vbo_id"].is_unique
    for levels, column in ((("mini", "gebouw"), "mini_cluster_id"), (("gebied",), "gebied_cluster_id")):
        counts = woningen.dropna(subset=[column]).groupby(column).size()
        expected = clusters[clusters["niveau"].isin(levels)].set_index("cluster_id")["n_woningen"]
        assert counts.sort_index().tolist() == expected.sort_index().tolist()
    assert woningen["aanbevolen"].notna().all()


def assert_room_on_the_plot(members: pd.DataFrame) -> None:
    """Every dwelling an outdoor-unit verdict with its reason (method §4a); apartments never 'ja' and no own
    borehole; dwellings with an own plot carry the distances behind the verdict."""
    dwellings = members[members["objecttype"] == "woning"]
    assert dwellings["buitenunit"].isin(["ja", "onzeker", "nee"]).all()
    assert dwellings["buitenunit_reden"].notna().all()
    apartments = dwellings[dwellings["woningtype"] == "appartement"]
    assert (apartments["buitenunit"] != "ja").all() and not apartments["eigen_boring_past"].any()
    own = dwellings[dwellings["woningtype"].isin(["tussenwoning", "hoekwoning", "twee_onder_een_kap", "vrijstaand"])]
    assert own["buitenunit_afstand_m"].notna().all()
    assert ((own["buitenunit"] == "ja") == (own["buitenunit_afstand_m"] >= own["buitenunit_nodig_m"])).all()
    assert members.loc[members["objecttype"] != "woning", "buitenunit"].isna().all()


def test_every_dwelling_has_an_outdoor_unit_verdict(sample_run):
    members = gpd.read_parquet(sample_run / "data" / "processed" / "GM9999" / "cluster_leden.parquet")
    assert_room_on_the_plot(members)
    shares = members[members["objecttype"] == "woning"].groupby("woningtype")["buitenunit"].value_counts(normalize=True)
    assert shares["vrijstaand", "ja"] == 1.0 and shares["tussenwoning", "onzeker"] == 1.0


def test_clusters_carry_their_stability(sample_run):
    clusters = gpd.read_file(sample_run / "results" / "GM9999" / "warmtekans.gpkg", layer="clusters")
    assert clusters["stabiliteit"].between(0, 1).all()
    assert (clusters["onzeker"] == (clusters["stabiliteit"] < 0.8)).all()
    # most advice holds in most draws of prices, efficiencies and investments; every draw decides something
    assert (clusters["stabiliteit"] >= 0.8).mean() > 0.9
    chances = clusters[[c for c in clusters.columns if c.startswith("kans_")]]
    assert np.allclose(chances.sum(axis=1), 1.0, atol=0.006)


def test_designed_cases_come_out(sample_run):
    gpkg = sample_run / "results" / "GM9999" / "warmtekans.gpkg"
    buurten = gpd.read_file(gpkg, layer="buurten").set_index("buurtnaam")
    clusters = gpd.read_file(gpkg, layer="clusters")
    woningen = gpd.read_file(gpkg, layer="woningen")
    code = buurten["buurtcode"]
    # Centrum: a large network is possible (planned); Tuindorp: a bronnet on sewer heat; Buitengebied: mini rows
    centrum = woningen[woningen["buurtcode"] == code["Centrum"]]
    assert centrum["kosten_eur_jaar_grootschalig_warmtenet"].notna().all()
    tuindorp = clusters[(clusters["niveau"] == "gebied") & (clusters["buurtcode"] == code["Tuindorp"])]
    assert (tuindorp["warmtebron"] == "riothermie met WKO").any()
    assert tuindorp["kosten_eur_jaar_kleinschalig_warmtenet"].notna().any()
    buiten = woningen[woningen["buurtcode"] == code["Buitengebied"]]
    assert buiten["kosten_eur_jaar_gedeelde_bodemlus"].notna().sum() >= 20
    lint = clusters[(clusters["niveau"] == "mini") & (clusters["straat"] == "Lindeweg")]
    assert lint["kosten_eur_jaar_ringnet"].notna().sum() >= 2
    # the row in the waterwingebied carries the reason and may not have a shared loop
    in_zone = lint[lint["reden"].str.contains("Waterwingebied")]
    assert len(in_zone) >= 1
    assert in_zone[["kosten_eur_jaar_gedeelde_bodemlus", "kosten_eur_jaar_ringnet"]].isna().all().all()
    assert not in_zone["configuratie"].isin(["gedeelde bodemlus", "bodemlussen op ringnet"]).any()
    kerk = clusters[clusters["buurtcode"] == buurten.at["Kerkbuurt", "buurtcode"]]
    assert kerk["reden"].str.contains("Hoge verwachting").any()
    assert (buurten["ontbrekende_invoer"] == "geen").all()


OPTIONS = ("luchtwarmtepomp", "bodemwarmtepomp", "gedeelde_bodemlus", "ringnet", "collectieve_luchtwarmtepomp",
           "kleinschalig_warmtenet", "grootschalig_warmtenet")  # what can be advised (no hybrid by default)
OWN = ("luchtwarmtepomp", "bodemwarmtepomp")
SHARED = {"mini": ("gedeelde_bodemlus", "ringnet", "collectieve_luchtwarmtepomp"),
          "gebouw": ("gedeelde_bodemlus", "ringnet", "collectieve_luchtwarmtepomp"),
          "gebied": ("kleinschalig_warmtenet", "grootschalig_warmtenet")}


def _hand_dwelling(row) -> hand.Dwelling:
    """A woningen row as tests/hand_costs.py reads it (§1: an unknown floor area counts as 100 m²)."""
    return hand.Dwelling(
        rv_gj=row.rv_gj, tw_gj=row.tw_gj, piek_rv_kw=row.piek_rv_kw, piek_tw_kw=row.piek_kw - row.piek_rv_kw,
        label=row.labelklasse, eengezins=row.woningtype != "appartement", woningtype_vesta=row.woningtype_vesta,
        bouwjaar=int(row.bouwjaar), oppervlakte=100.0 if pd.isna(row.oppervlakte) else row.oppervlakte,
        rv_gj_label_b=None if pd.isna(row.rv_gj_label_B) else row.rv_gj_label_B)


def assert_individual_costs_by_hand(gpkg: Path) -> None:
    """Every dwelling's gas reference, own air heat pump and own ground loop (where feasible) cost what docs/method.md
    §8 gives by hand (tests/hand_costs.py) for its demand, peaks, label and borehole metres, and its insulation step
    to label B (isolatie_eur_lt) what isolatiestappen.csv gives for its label, bouwjaar, Vesta type and floor area,
    all as written in the woningen layer, within 1 €(/yr). (The shared options are worked out by hand in
    tests/test_advice.py and tests/test_cost_examples.py.)"""
    woningen = gpd.read_file(gpkg, layer="woningen")
    woningen = woningen[woningen["objecttype"] == "woning"]
    checked = {"cv_ketel": 0, "luchtwarmtepomp": 0, "bodemwarmtepomp": 0, "isolatiestap": 0}
    for row in woningen.itertuples():
        d = _hand_dwelling(row)
        step = hand.step_eur(d)
        assert abs(row.isolatie_eur_lt - step) <= 1, f"{row.vbo_id}: step {row.isolatie_eur_lt}, by hand {step}"
        checked["isolatiestap"] += step > 0
        expected = {"cv_ketel": hand.cv_ketel(d).total}
        if not pd.isna(row.kosten_eur_jaar_luchtwarmtepomp):  # where the outdoor unit fits
            expected["luchtwarmtepomp"] = hand.luchtwarmtepomp(d).total
        if not pd.isna(row.kosten_eur_jaar_bodemwarmtepomp):  # where an own loop is allowed
            expected["bodemwarmtepomp"] = hand.bodemwarmtepomp(d, metres=row.boormeters_m).total
        for option, euros in expected.items():
            found = getattr(row, f"kosten_eur_jaar_{option}")
            assert abs(found - euros) <= 1, f"dwelling {row.vbo_id} {option}: {found} €/jr, by hand {euros:.1f}"
            checked[option] += 1
    assert min(checked.values()) > 0, checked


def _own_choice(woningen: pd.DataFrame) -> pd.Series:
    """§8 step 1 from the written costs: the cheapest of the air heat pump and the own loop; dwellings sharing a
    pand decide on the pand's mean, over the options written (feasible) for all of them."""
    costs = woningen[[f"kosten_eur_jaar_{o}" for o in OWN]].astype(float).set_axis(list(OWN), axis=1)
    shared = woningen["pand_id"].duplicated(keep=False)
    together = costs[shared].notna().groupby(woningen.loc[shared, "pand_id"]).transform("all")
    costs[shared] = costs[shared].where(together).groupby(woningen.loc[shared, "pand_id"]).transform("mean").round(0)
    return costs.fillna(np.inf).idxmin(axis=1).where(costs.notna().any(axis=1))


def assert_advice_fields_agree(gpkg: Path) -> None:
    """The written fields tell §8's decision ("The decision"): ``goedkoopste`` is each dwelling's cheapest feasible
    option; the advice is its own choice (step 1, a pand deciding together) unless a cluster took a shared option,
    which then goes to every member; a cluster takes one only when its mean cost, in the view that decides the
    level (mini: resident, area: national), is below the members' own choices; names, costs and margins match the
    cost fields. (Whether the costs are right: assert_individual_costs_by_hand and tests/test_advice.py.)"""
    from warmtekans.decision.options import NO_OPTION, display_name

    woningen = gpd.read_file(gpkg, layer="woningen")
    woningen = woningen[woningen["objecttype"] == "woning"].reset_index(drop=True)
    clusters = gpd.read_file(gpkg, layer="clusters")
    clusters = clusters[clusters["n_woningen"] > 0].set_index("cluster_id")  # not clusters of only utiliteit
    costs = woningen[[f"kosten_eur_jaar_{o}" for o in OPTIONS]].astype(float).set_axis(list(OPTIONS), axis=1)
    cheapest = costs.fillna(np.inf).idxmin(axis=1).where(costs.notna().any(axis=1))
    assert (woningen["goedkoopste"].fillna("") == cheapest.fillna("")).all(), "goedkoopste is not the lowest cost"
    # the advice: a chosen cluster's option for all its members, else the dwelling's own choice
    chosen = woningen["gekozen_cluster"]
    assert chosen.dropna().map(clusters["collectief_gekozen"]).astype(bool).all()
    in_chosen = chosen.notna()
    assert (woningen.loc[in_chosen, "aanbevolen_optie"] == chosen[in_chosen].map(clusters["goedkoopste"])).all()
    for level, column in (("gebied", "gebied_cluster_id"), ("mini", "mini_cluster_id")):
        taken = clusters.index[(clusters["niveau"] == level) & clusters["collectief_gekozen"].astype(bool)]
        members = woningen[column].isin(taken)
        if level == "mini":
            members &= ~woningen["gebied_cluster_id"].isin(clusters.index[clusters["collectief_gekozen"].astype(bool)])
        assert (woningen.loc[members, "gekozen_cluster"] == woningen.loc[members, column]).all(), level
    own = _own_choice(woningen)
    assert (woningen.loc[~in_chosen, "aanbevolen_optie"].fillna("") == own[~in_chosen].fillna("")).all()
    sources = woningen["gebied_cluster_id"].map(clusters["warmtebron_netwerk"])
    expected = [display_name(o, s if isinstance(s, str) else None) if isinstance(o, str) else NO_OPTION
                for o, s in zip(woningen["aanbevolen_optie"], sources)]
    assert (woningen["aanbevolen"] == pd.Series(expected, index=woningen.index)).all()
    advised = pd.Series([costs.at[i, o] if isinstance(o, str) else np.nan
                         for i, o in zip(woningen.index, woningen["aanbevolen_optie"])], index=woningen.index)
    assert np.allclose(woningen["kosten_aanbevolen_eur_jaar"], advised, equal_nan=True)
    others = costs.mask(pd.get_dummies(woningen["aanbevolen_optie"]).reindex(columns=list(OPTIONS),
                                                                              fill_value=False).astype(bool))
    assert np.allclose(woningen["marge_eur_jaar"], others.min(axis=1) - advised, atol=1, equal_nan=True)
    # each cluster: the view that decides its level, the shared option only when cheaper than the own choices
    for cluster_id, row in clusters.iterrows():
        level = row["niveau"]
        first_level = level in ("mini", "gebouw")  # rows and buildings on the resident's view, areas nationally
        view, prefix = ("eindgebruiker", "kosten_eur_jaar") if first_level else ("nationaal", "nationaal_eur_jaar")
        assert row["beslist_op"] == view and f"({view})" in row["reden"], cluster_id
        means = pd.Series({o: row[f"{prefix}_{o}"] for o in SHARED[level]}, dtype=float)
        if row["collectief_gekozen"]:
            assert row["goedkoopste"] == means.idxmin() and row["eur_jaar_gekozen"] == means.min(), cluster_id
            assert pd.isna(row["kosten_eigen_keuze_eur_jaar"]) or means.min() < row["kosten_eigen_keuze_eur_jaar"]
        else:
            assert row["goedkoopste"] in OWN and row["eur_jaar_gekozen"] == row["kosten_eigen_keuze_eur_jaar"]
            assert not (means < row["kosten_eigen_keuze_eur_jaar"]).any(), cluster_id
        assert row["configuratie"] == display_name(row["goedkoopste"], row["warmtebron_netwerk"]
                                                   if isinstance(row["warmtebron_netwerk"], str) else None)
        if not pd.isna(row["marge_eur_jaar"]):
            assert row["marge_eur_jaar"] == pytest.approx(row["eur_jaar_tweede"] - row["eur_jaar_gekozen"], abs=1)
    # an area that kept the own choices: their mean national cost is the members' advice's
    for cluster_id, row in clusters[(clusters["niveau"] == "gebied") & ~clusters["collectief_gekozen"]].iterrows():
        members = woningen[woningen["gebied_cluster_id"] == cluster_id]
        assert members["kosten_aanbevolen_nationaal_eur_jaar"].mean() == pytest.approx(
            row["kosten_eigen_keuze_eur_jaar"], abs=1), cluster_id
    assert woningen["aanbevolen"].nunique() >= 2, woningen["aanbevolen"].value_counts()


def test_sample_costs_match_the_hand_worked_formulas_and_the_advice_fields_agree(sample_run):
    gpkg = sample_run / "results" / "GM9999" / "warmtekans.gpkg"
    assert_individual_costs_by_hand(gpkg)
    assert_advice_fields_agree(gpkg)
    clusters = gpd.read_file(gpkg, layer="clusters")
    assert clusters["reden"].str.contains(r"€[\d ]+/jr", regex=True).all()


def test_dry_run_default_config(tmp_path):
    result = snakemake(workdir_with(tmp_path), "-n")
    assert "write_results" in result.stdout


def test_dry_run_two_gemeenten_one_job_per_gemeente_per_stage(tmp_path):
    workdir = workdir_with(tmp_path)
    result = snakemake(workdir, "-n", "--configfile", str(workdir / "config" / "examples" / "two-samples.yaml"))
    stats = result.stdout.split("Job stats:")[1].split("total")[0]
    counts = {
        line.split()[0]: int(line.split()[1])
        for line in stats.splitlines()
        if len(line.split()) == 2 and line.split()[1].isdigit()
    }
    for rule in (
        "generate_sample",
        "prepare_buurten",
        "prepare_inputs",
        "build_dwellings",
        "build_clusters",
        "score_clusters",
        "write_results",
        "plot_maps",
    ):
        assert counts[rule] == 2, rule


def test_misspelled_key_fails_before_any_job(tmp_path):
    workdir = workdir_with(tmp_path, {"clusters": {"mini_max_gap": 10}})
    result = snakemake(workdir, "--configfile", str(workdir / "extra.yaml"), check=False)
    assert result.returncode != 0
    assert "unknown key 'clusters.mini_max_gap'" in result.stderr
    assert not (workdir / "data").exists() and not (workdir / "results").exists()


def test_sample_areas_name_their_source_and_share_it_once(sample_run):
    gpkg = sample_run / "results" / "GM9999" / "warmtekans.gpkg"
    clusters = gpd.read_file(gpkg, layer="clusters")
    areas = clusters[clusters["niveau"] == "gebied"].set_index("buurtcode")
    assert (areas["n_buurten"] == 1).all()
    # Centrum inside the planned network; Tuindorp on the 250 m3/h transport sewer over a suitable aquifer;
    # Kerkbuurt (aquifer unsuitable) on the Vaart (TEO, 6 000 GJ)
    assert areas.at["BU99990001", "warmtebron"] == "warmtenet (gepland)"
    assert areas.at["BU99990002", "warmtebron"] == "riothermie met WKO"
    assert areas.at["BU99990004", "warmtebron"] == "aquathermie (TEO)"
    assert areas.at["BU99990004", "warmtebron_toegewezen_gj"] == 6000
    riool = gpd.read_file(gpkg, layer="riool")
    assert (riool["riothermie_toegewezen_gj"] <= riool["potentie_gj"] + 1e-6).all()
    sources = gpd.read_file(gpkg, layer="warmtebronnen")
    assert (sources["toegewezen_gj"] <= sources["potentie_gj"] + 1e-6).all()
    breakdown = gpd.read_file(gpkg, layer="clusters_buurt")
    totals = breakdown.groupby("cluster_id")["n_woningen"].sum()
    assert totals.to_dict() == clusters[clusters["niveau"] == "gebied"].set_index("cluster_id")["n_woningen"].to_dict()


def test_real_denhaag_run(tmp_path, denhaag):
    """The real Den Haag-Oost extract: NLExtract naming, no labels/sewer/restrictions/OSM."""
    workdir = workdir_with(tmp_path)
    example = yaml.safe_load((ROOT / "config" / "examples" / "denhaag-oost.yaml").read_text())
    inputs = example["areas"]["GM0518"]["inputs"]
    inputs["bag"]["path"] = str(denhaag / "bag.gpkg")
    inputs["bag"]["nummeraanduiding"] = str(denhaag / "nummeraanduiding.csv")
    inputs["buurten"]["path"] = str(denhaag / "cbs_buurten_2022.gpkg")
    (workdir / "dh.yaml").write_text(yaml.safe_dump(example))
    snakemake(workdir, "--configfile", str(workdir / "dh.yaml"))
    buurten = gpd.read_file(workdir / "results" / "GM0518" / "warmtekans.gpkg", layer="buurten")
    assert len(buurten) == 4
    # dwellings per buurt within 10 % of the CBS households (occupied dwellings ≈ households)
    ratio = buurten["n_woningen"] / buurten["aantal_huishoudens"]
    assert ratio.between(0.9, 1.1).all(), buurten[["buurtcode", "n_woningen", "aantal_huishoudens"]]
    missing = buurten["ontbrekende_invoer"].iloc[0]
    for name in ("energielabels", "drinkwater", "archeologie", "riool", "stratennetwerk"):
        assert name in missing
    assert "label geschat" in buurten["aannames"].iloc[0]
    # no openbareruimte table: streets carry the documented postcode + house-number label, never <NA>
    top = pd.read_csv(workdir / "results" / "GM0518" / "kansrijke_straten.csv", dtype={"straat": "string"})
    assert len(top) and top["straat"].notna().all()
    assert top["straat"].str.fullmatch(r"\d{4} [A-Z]{2}(–[A-Z]{2})? \d+(–\d+)?").all()
    summary = (workdir / "results" / "GM0518" / "samenvatting.md").read_text()
    assert "<NA>" not in summary and f"**{top['straat'].iloc[0]}**" in summary
    assert_individual_costs_by_hand(workdir / "results" / "GM0518" / "warmtekans.gpkg")
    assert_advice_fields_agree(workdir / "results" / "GM0518" / "warmtekans.gpkg")
    # no drinking-water or archaeology input: every dwelling's restriction says so, never 'allowed'
    woningen = gpd.read_file(workdir / "results" / "GM0518" / "warmtekans.gpkg", layer="woningen")
    assert (woningen["beperking"] == "niet gecontroleerd").all()
    assert (woningen["beperking_niet_gecontroleerd"] == "drinkwater, archeologie").all()
    quality = (workdir / "results" / "GM0518" / "kwaliteit.md").read_text()
    not_checked = quality.split("## Niet gecontroleerd")[1].split("\n## ")[0]
    for name in ("drinkwater", "archeologie", "riool", "energielabels"):
        assert f"- **{name}" in not_checked, not_checked
    count = f"{len(woningen):,}".replace(",", " ")  # 13 300
    assert f"| beperking voor boren niet gecontroleerd | {count} | 100,0 % |" in quality
    # no openbareruimte table: no dwelling has a real street name, every one a postcode label
    assert "| met een straatnaam | 0 | 0,0 % |" in quality
    assert f"| straat zonder naam: gelabeld met postcode en huisnummers | {count} | 100,0 % |" in quality
    # issue 10 acceptance: areas stay inside one buurt (or carry a per-buurt breakdown), no dwelling is
    # advised a network on a source without input (there are no source inputs: an advised network is a 70 °C one
    # on outside air, method §8), and the advice is not all one class
    gpkg = workdir / "results" / "GM0518" / "warmtekans.gpkg"
    clusters = gpd.read_file(gpkg, layer="clusters")
    areas = clusters[clusters["niveau"] == "gebied"]
    breakdown = gpd.read_file(gpkg, layer="clusters_buurt")
    assert len(areas) >= 4 and ((areas["n_buurten"] == 1) | areas["cluster_id"].isin(breakdown["cluster_id"])).all()
    assert_room_on_the_plot(gpd.read_parquet(workdir / "data" / "processed" / "GM0518" / "cluster_leden.parquet"))
    woningen = gpd.read_file(gpkg, layer="woningen")
    networks = woningen["aanbevolen"].str.contains("warmtenet")
    source = woningen.loc[networks, "gebied_cluster_id"].map(areas.set_index("cluster_id")["warmtebron_netwerk"])
    assert (source == "buitenlucht").all(), source.value_counts()
    assert not woningen["aanbevolen"].str.contains("riothermie|aquathermie|restwarmte|WKO").any()
    assert woningen["aanbevolen"].nunique() >= 2


def test_bad_input_stops_the_run_with_a_message_and_no_half_written_results(tmp_path):
    """A user mistake (a BAG without bouwjaar) exits non-zero, names the column, leaves no outputs."""
    from warmtekans.sample.generate import generate

    workdir = workdir_with(tmp_path)
    paths = generate(workdir / "inputs", "GM9999")
    pand = gpd.read_file(paths["bag"], layer="pand").drop(columns="bouwjaar")
    vbo = gpd.read_file(paths["bag"], layer="verblijfsobject")
    broken = workdir / "inputs" / "broken-bag.gpkg"
    pand.to_file(broken, layer="pand", driver="GPKG", engine="pyogrio")
    vbo.to_file(broken, layer="verblijfsobject", driver="GPKG", engine="pyogrio")
    config = {
        "gemeenten": ["GM9999"],
        "areas": {
            "GM9999": {
                "naam": "Kapot",
                "sample": False,
                "inputs": {
                    "bag": {"path": str(broken)},
                    "buurten": {"path": str(paths["buurten"]), "layer": "buurten"},
                },
            }
        },
    }
    (workdir / "broken.yaml").write_text(yaml.safe_dump(config))
    result = snakemake(workdir, "--configfile", str(workdir / "broken.yaml"), check=False)
    assert result.returncode != 0
    log = (workdir / "logs" / "GM9999" / "prepare_inputs.log").read_text()
    assert "layer 'pand', column 'bouwjaar': required column is missing" in log
    assert "Traceback" not in log
    assert not (workdir / "data" / "processed" / "GM9999" / "bag_panden.parquet").exists()
    assert not list((workdir / "data" / "processed" / "GM9999").glob(".*"))  # no temporary leftovers
    assert not (workdir / "results").exists()
