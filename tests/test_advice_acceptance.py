"""Issue 18 acceptance on whole runs (the sample town and the real Den Haag-Oost extract): the cost comparison
covers what decides in practice and every level answers the same way (docs/method.md §3, §4a, §8)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans.config.cost_settings import CostSettings
from warmtekans.decision.options import AREA_OPTIONS, MINI_OPTIONS

NETWORK_COLUMNS = [f"nationaal_eur_jaar_{option}" for option in AREA_OPTIONS]


def assert_costed_as_one_answer(gpkg: Path) -> None:
    woningen = gpd.read_file(gpkg, layer="woningen")
    clusters = gpd.read_file(gpkg, layer="clusters")
    # one way to cost a building: nothing above 50 WEQ is mini (seed 000: mini = 2-50 WEQ)
    mini = clusters[clusters["schaal"] == "mini"]
    assert (mini["weq"] <= 50).all(), mini.loc[mini["weq"] > 50, ["cluster_id", "weq"]]
    # every area can be compared: at least one network option costed (outside air where no source is named)
    areas = clusters[clusters["niveau"] == "gebied"]
    assert len(areas) > 0
    assert areas[NETWORK_COLUMNS].notna().any(axis=1).all(), areas.loc[:, ["cluster_id", *NETWORK_COLUMNS]]
    assert areas["warmtebron_netwerk"].notna().all()
    on_air = areas["warmtebron_netwerk"] == "buitenlucht"
    assert areas.loc[on_air, "reden"].str.contains("bron: buitenlucht").all()
    assert (areas["beslist_op"] == "nationaal").all() and (mini["beslist_op"] == "eindgebruiker").all()
    # room for an outdoor unit is judged for every dwelling; 'nee' rules out the air heat pump
    assert woningen["buitenunit"].isin(["ja", "onzeker", "nee"]).all()
    no_room = woningen["buitenunit"] == "nee"
    assert woningen.loc[no_room, "kosten_eur_jaar_luchtwarmtepomp"].isna().all()
    assert (woningen.loc[no_room, "aanbevolen_optie"] != "luchtwarmtepomp").all()
    # the national view carries a grid cost where the advice's extra peak is above today's spare capacity
    spare = CostSettings().grid_spare_kw_per_dwelling
    own_heat_pump = woningen["aanbevolen_optie"].isin(["luchtwarmtepomp", "bodemwarmtepomp"])
    above = own_heat_pump & (woningen["piek_el_kw"] > spare + 0.01)
    assert above.any()
    assert (woningen.loc[above, "netverzwaring_eur_jaar"] > 0).all()
    assert (woningen.loc[own_heat_pump & (woningen["piek_el_kw"] < spare - 0.01), "netverzwaring_eur_jaar"] == 0).all()
    # the insulation step goes with a low-temperature advice only
    seventy = woningen["aanbevolen_optie"].isin(["collectieve_luchtwarmtepomp", "grootschalig_warmtenet"])
    assert not woningen.loc[seventy, "isolatie_nodig"].astype(bool).any()
    air = woningen["aanbevolen_optie"] == "luchtwarmtepomp"
    below_b = woningen["labelklasse"].isin(list("CDEFG"))
    assert (woningen.loc[air & below_b, "label_na_isolatie"] == "B").all()
    assert woningen.loc[air & below_b, "isolatie_nodig"].astype(bool).all()
    # a shared option goes to every member of its cluster or to none, and is costed for them all
    for column, shared in (("mini_cluster_id", MINI_OPTIONS), ("gebied_cluster_id", AREA_OPTIONS)):
        members = woningen[woningen[column].notna()]
        takes = members["aanbevolen_optie"].isin(shared)
        per_cluster = takes.groupby(members[column]).agg(["all", "any"])
        mixed = per_cluster[per_cluster["any"] & ~per_cluster["all"]]
        assert mixed.empty, f"{column}: clusters where only some members take the shared option: {list(mixed.index)}"
        chosen = clusters.set_index("cluster_id")["collectief_gekozen"].astype(bool)
        taken = per_cluster.index[per_cluster["all"]]
        assert (
            chosen.reindex(taken).all() and (members.loc[takes, "gekozen_cluster"] == members.loc[takes, column]).all()
        )
    # a dwelling decided in a cluster pays the cluster's mean cost per dwelling of the decision, in its view
    decided = woningen[woningen["gekozen_cluster"].notna()]
    by_id = clusters.set_index("cluster_id")
    mean = decided.groupby("gekozen_cluster")["kosten_aanbevolen_eur_jaar"].mean()
    option = decided.groupby("gekozen_cluster")["aanbevolen_optie"].first()
    expected = [by_id.at[c, f"kosten_eur_jaar_{o}"] for c, o in zip(option.index, option)]
    assert np.allclose(mean.to_numpy(), np.asarray(expected, dtype=float), atol=1.0)


def test_sample_answer_is_costed_completely_and_coherently(sample_run):
    gpkg = sample_run / "results" / "GM9999" / "warmtekans.gpkg"
    assert_costed_as_one_answer(gpkg)
    woningen = gpd.read_file(gpkg, layer="woningen")
    # the sample's planned large network is bought heat: no heat pump of its own, no grid cost
    large = woningen["aanbevolen_optie"] == "grootschalig_warmtenet"
    assert large.any() and (woningen.loc[large, "netverzwaring_eur_jaar"] == 0).all()


def test_denhaag_answer_is_costed_completely_and_coherently(denhaag_run):
    gpkg = denhaag_run / "results" / "GM0518" / "warmtekans.gpkg"
    assert_costed_as_one_answer(gpkg)
    clusters = gpd.read_file(gpkg, layer="clusters")
    # no source inputs: every area network is costed on outside air
    areas = clusters[clusters["niveau"] == "gebied"]
    assert (areas["warmtebron_netwerk"] == "buitenlucht").all()
    counts = pd.Series(gpd.read_file(gpkg, layer="woningen")["buitenunit"]).value_counts()
    assert counts.get("nee", 0) > 0  # blocks without room for outdoor units exist in Den Haag-Oost
