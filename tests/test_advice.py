"""Feasibility and the cost-based recommendation (warmtekans.decision.advice)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from warmtekans.config.models import Config
from warmtekans.core.vocabulary import (
    ONBEKEND,
    RIOOL_DIRECT,
    RIOOL_WKO,
    TEO,
    WARMTENET_GEPLAND,
)
from warmtekans.decision.advice import (
    cost_advice,
    cost_reason,
    euros,
    feasibility,
    named_sources,
)
from warmtekans.decision.costs import (
    BODEM,
    COLL_LUCHT,
    GEDEELD,
    GROOT,
    KLEIN,
    LUCHT,
    RINGNET,
    own_loop_metres,
)


def _members() -> pd.DataFrame:
    """Three row houses in mini cluster M1 (one in a waterwingebied), two apartments in pand P9, all in area G1."""
    return pd.DataFrame({
        "objecttype": ["woning"] * 5,
        "woningtype": ["tussenwoning", "tussenwoning", "hoekwoning", "appartement", "appartement"],
        "pand_id": ["P1", "P2", "P3", "P9", "P9"],
        "rv_gj": [28.0, 28.0, 30.0, 15.0, 15.0], "tw_gj": [7.3, 7.3, 7.3, 5.0, 5.0],
        "piek_rv_kw": [7.555] * 3 + [4.6] * 2, "piek_kw": [9.555] * 3 + [8.6] * 2,
        "labelklasse": ["C", "C", "D", "B", "B"],
        "beperking": ["", "", "forbidden", "", ""], "max_boordiepte_m": [np.nan, np.nan, np.nan, np.nan, np.nan],
        "mini_cluster_id": ["M1", "M1", "M1", None, None], "gebied_cluster_id": ["G1"] * 5,
    })


def _clusters(**changes) -> pd.DataFrame:
    clusters = pd.DataFrame({
        "schaal": ["mini", "kleinschalig"], "weq": [3.0, 60.0], "n_woningen": [3, 60],
        "tracelengte_m": [60.0, 1200.0], "gelijktijdig_piek_kw": [12.0, 240.0], "bodemlussen": [2.0, np.nan],
        "aandeel_verboden": [1 / 3, 0.0], "warmtevraag_gj": [100.0, 2000.0],
        "warmtebron_sleutel": [None, RIOOL_WKO],  # the area analysis named a sewer with WKO buffer for G1
        "aandeel_in_gepland_warmtenet": [0.0, 0.0],
    }, index=["M1", "G1"])
    for key, value in changes.items():
        clusters[key] = value
    return clusters


def test_feasibility_follows_restrictions_sources_and_loop_space():
    members, clusters = _members(), _clusters()
    allowed = feasibility(members, clusters, own_loop_metres(members["piek_rv_kw"]))
    assert allowed[LUCHT].all()
    assert list(allowed[BODEM]) == [True, True, False, False, False]  # forbidden zone; apartments have no own plot
    # a third of the row is forbidden: loops elsewhere
    assert list(allowed[GEDEELD]) == [True, True, True, False, False]
    assert list(allowed[COLL_LUCHT]) == [True, True, True, True, True]  # row (mini) and apartment building
    assert allowed[KLEIN].all()  # the area's named source: riothermie met WKO
    assert not allowed[GROOT].any()
    # boringen_passen false (loop sizing) or most of the row forbidden: no shared loops
    assert not feasibility(members, _clusters(boringen_passen=[False, None]),
                           own_loop_metres(members["piek_rv_kw"]))[GEDEELD].any()
    assert not feasibility(members, _clusters(aandeel_verboden=[0.67, 0.0]),
                           own_loop_metres(members["piek_rv_kw"]))[RINGNET].any()
    # a depth limit below the own borehole: no own loop
    shallow = members.assign(max_boordiepte_m=50.0)
    assert not feasibility(shallow, clusters, own_loop_metres(members["piek_rv_kw"]))[BODEM].any()


def test_no_named_source_no_bronnet_and_a_planned_network_allows_a_large_one():
    clusters = _clusters(warmtebron_sleutel=[None, ONBEKEND])
    assert named_sources(clusters).isna().all()
    assert not feasibility(_members(), clusters, own_loop_metres(_members()["piek_rv_kw"]))[KLEIN].any()
    large = _clusters(schaal=["mini", "grootschalig"], aandeel_in_gepland_warmtenet=[0.0, 0.8],
                      warmtebron_sleutel=[None, ONBEKEND])
    assert feasibility(_members(), large, own_loop_metres(_members()["piek_rv_kw"]))[GROOT].all()
    # the share inside the planned network comes from the config (sources.min_share_in_network): 0.8 < 0.9
    assert not feasibility(_members(), large, own_loop_metres(_members()["piek_rv_kw"]),
                           planned_share=0.9)[GROOT].any()
    # the area analysis names the source; a planned network is joined, not costed as a bronnet
    named = named_sources(_clusters(warmtebron_sleutel=[None, TEO]))
    assert pd.isna(named.iloc[0]) and named.iloc[1] == TEO
    assert named_sources(_clusters(warmtebron_sleutel=[None, WARMTENET_GEPLAND])).isna().all()


def test_cost_advice_recommends_the_cheapest_feasible_option():
    config = Config(gemeenten=["GM9999"], areas={"GM9999": {"naam": "x", "sample": True}})
    members, clusters = _members(), _clusters()
    dwellings, per_cluster = cost_advice(members, clusters, config)
    options = ["luchtwarmtepomp", "bodemwarmtepomp", "gedeelde_bodemlus", "ringnet", "collectieve_luchtwarmtepomp",
               "kleinschalig_warmtenet", "grootschalig_warmtenet"]
    costs = dwellings[[f"kosten_eur_jaar_{o}" for o in options]].set_axis(options, axis=1)
    assert (dwellings["goedkoopste"] == costs.idxmin(axis=1)).all()
    assert pd.isna(dwellings.at[2, "kosten_eur_jaar_bodemwarmtepomp"])  # forbidden: not costed as an option
    assert dwellings["kosten_eur_jaar_cv_ketel"].notna().all()  # the reference is always there
    sorted_costs = np.sort(costs.to_numpy(dtype=float), axis=1)
    assert np.allclose(dwellings["marge_eur_jaar"], sorted_costs[:, 1] - sorted_costs[:, 0])
    mini = per_cluster.loc["M1"]
    assert pd.isna(mini["kosten_eur_jaar_bodemwarmtepomp"])  # not feasible for all three
    assert mini["configuratie"] == {"luchtwarmtepomp": "individuele luchtwarmtepomp",
                                    "gedeelde_bodemlus": "gedeelde bodemlus", "ringnet": "bodemlussen op ringnet",
                                    "collectieve_luchtwarmtepomp": "collectieve luchtwarmtepomp"}[mini["goedkoopste"]]
    assert mini["elektriciteit_kwh_luchtwarmtepomp"] > 0 and mini["piek_el_kw_luchtwarmtepomp"] > 0


def test_reason_names_the_costs():
    row = SimpleNamespace(goedkoopste="luchtwarmtepomp", tweede="ringnet", kosten_eur_jaar_luchtwarmtepomp=1560.0,
                          kosten_eur_jaar_ringnet=1780.0)
    assert cost_reason(row) == ("bodemlussen op ringnet €1 780/jr, luchtwarmtepomp €1 560/jr: "
                                "luchtwarmtepomp €220/jr goedkoper")
    alone = SimpleNamespace(goedkoopste="luchtwarmtepomp", tweede=None, kosten_eur_jaar_luchtwarmtepomp=2360.0)
    assert cost_reason(alone) == "alleen luchtwarmtepomp mogelijk: €2 360/jr"
    assert euros(12784.43) == "€12 784"


def test_kleinschalig_networks_carry_their_source_in_name_and_colour():
    from warmtekans.decision.options import display_name, legend_colours

    assert display_name(KLEIN, TEO) == "kleinschalig warmtenet (aquathermie)"
    assert display_name(KLEIN, RIOOL_DIRECT) == "kleinschalig warmtenet (riothermie)"
    assert display_name(KLEIN, RIOOL_WKO) == "kleinschalig warmtenet (riothermie met WKO)"
    assert display_name(KLEIN, None) == "kleinschalig warmtenet"
    assert display_name(LUCHT) == "individuele luchtwarmtepomp"
    colours = legend_colours()
    assert colours["kleinschalig warmtenet (aquathermie)"] == "#beaed4"
    assert len(set(colours.values())) == len(colours)  # every advice its own colour
