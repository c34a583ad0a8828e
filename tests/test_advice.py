"""Feasibility and the cost-based recommendation (warmtekans.decision.advice), against hand-worked costs."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from tests import hand_costs as hand
from tests.conftest import assert_in_order
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
    CV,
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


# --- The decision path worked out by hand ------------------------------------------------------------------
# A street: three row houses in mini cluster M1 and two apartments in building P9, all in kleinschalig area G1
# whose named source is riothermie met WKO. Every expected euro below comes from tests/hand_costs.py (docs/
# method.md §8 written out independently of the package); production must give the same within 1 €/yr.

ROW = hand.Dwelling(rv_gj=28.21, tw_gj=7.3, piek_rv_kw=7.555, piek_tw_kw=2.0, label="C", eengezins=True)  # method.md
APARTMENT = hand.Dwelling(rv_gj=15.0, tw_gj=5.0, piek_rv_kw=4.6, piek_tw_kw=4.0, label="B", eengezins=False)
ROW_LOOPS, ROW_TRENCH_M = 2, 60.0                 # 3 × 141.66 m of borehole in loops of at most 400 m: 2 loops
ROW_PEAK_KW = hand.collective_peak_kw([ROW] * 3)  # 0.5 × 3 × 7.555 + 0.1 × 3 × 2 = 11.93 kW
AREA_WEQ, AREA_TRENCH_M, AREA_PEAK_KW = 60.0, 1200.0, 240.0  # G1 has 60 WEQ; the other 55 are not in this test

#: €/yr per dwelling (resident's view, 2024) from the hand-worked formulas; None: not an option for it.
EXPECTED = {
    "rijwoning": {CV: 2187, LUCHT: 2313, BODEM: 2673, GEDEELD: 2661, RINGNET: 3028, COLL_LUCHT: 4371, KLEIN: 3517,
                  GROOT: None},
    "appartement": {CV: 1518, LUCHT: 1566, BODEM: None, GEDEELD: None, RINGNET: None, COLL_LUCHT: 1476, KLEIN: 2863,
                    GROOT: None},
}


def _by_hand() -> dict[str, dict[str, float]]:
    loop_m = hand.own_loop_metres(ROW)  # 7 555 W × (1 − 1/4) / 40 W/m = 141.66 m
    building_peak = hand.collective_peak_kw([APARTMENT] * 2)  # 0.5 × 2 × 4.6 + 0.1 × 2 × 4 = 5.4 kW
    return {
        "rijwoning": {
            CV: hand.cv_ketel(ROW), LUCHT: hand.luchtwarmtepomp(ROW), BODEM: hand.bodemwarmtepomp(ROW, loop_m),
            GEDEELD: hand.gedeelde_bodemlus(ROW, loop_m, n=3, loops=ROW_LOOPS),
            RINGNET: hand.ringnet(ROW, loop_m, n=3, loops=ROW_LOOPS, trench_m=ROW_TRENCH_M),
            COLL_LUCHT: hand.collectieve_luchtwarmtepomp(ROW, n=3, trench_m=ROW_TRENCH_M,
                                                          collective_peak_kw=ROW_PEAK_KW),
            KLEIN: hand.bronnet_riothermie_wko(ROW, AREA_WEQ, AREA_TRENCH_M, AREA_PEAK_KW)},
        "appartement": {
            CV: hand.cv_ketel(APARTMENT), LUCHT: hand.luchtwarmtepomp(APARTMENT),
            # one heat pump for the building: no trench, shared by its 2 apartments
            COLL_LUCHT: hand.collectieve_luchtwarmtepomp(APARTMENT, n=2, trench_m=0.0,
                                                          collective_peak_kw=building_peak),
            KLEIN: hand.bronnet_riothermie_wko(APARTMENT, AREA_WEQ, AREA_TRENCH_M, AREA_PEAK_KW)},
    }


def _row(d: hand.Dwelling, woningtype: str, pand: str, mini: str | None, area: str | None = "G1", **extra) -> dict:
    return {"objecttype": "woning", "woningtype": woningtype, "pand_id": pand, "rv_gj": d.rv_gj, "tw_gj": d.tw_gj,
            "piek_rv_kw": d.piek_rv_kw, "piek_kw": d.piek_rv_kw + d.piek_tw_kw, "labelklasse": d.label,
            "beperking": "", "max_boordiepte_m": np.nan, "mini_cluster_id": mini, "gebied_cluster_id": area, **extra}


def _street() -> pd.DataFrame:
    return pd.DataFrame([_row(ROW, "hoekwoning", "P1", "M1"), _row(ROW, "tussenwoning", "P2", "M1"),
                         _row(ROW, "hoekwoning", "P3", "M1"),
                         _row(APARTMENT, "appartement", "P9", None), _row(APARTMENT, "appartement", "P9", None)])


def _street_clusters(**changes) -> pd.DataFrame:
    clusters = pd.DataFrame({
        "schaal": ["mini", "kleinschalig"], "niveau": ["mini", "gebied"], "weq": [3.0, AREA_WEQ],
        "tracelengte_m": [ROW_TRENCH_M, AREA_TRENCH_M], "gelijktijdig_piek_kw": [ROW_PEAK_KW, AREA_PEAK_KW],
        "bodemlussen": [float(ROW_LOOPS), np.nan], "aandeel_verboden": [0.0, 0.0],
        "warmtebron_sleutel": [None, RIOOL_WKO], "aandeel_in_gepland_warmtenet": [0.0, 0.0],
    }, index=["M1", "G1"])
    for key, value in changes.items():
        clusters[key] = value
    return clusters


def _advice(members: pd.DataFrame, clusters: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    return cost_advice(members, clusters, Config(gemeenten=["GM9999"], areas={"GM9999": {"naam": "x", "sample": True}}))


def test_hand_costs_reproduce_the_worked_example_of_method_md():
    """docs/method.md §8 'Worked example': air 2 313, CV-ketel 2 187, own ground loop 2 673 €/yr."""
    assert hand.luchtwarmtepomp(ROW) == pytest.approx(2313, abs=1)
    assert hand.cv_ketel(ROW) == pytest.approx(2187, abs=1)
    assert hand.bodemwarmtepomp(ROW, 141.66) == pytest.approx(2673, abs=1)


def test_hand_costs_give_the_expected_table():
    for kind, options in _by_hand().items():
        for option, euros_per_year in options.items():
            assert euros_per_year == pytest.approx(EXPECTED[kind][option], abs=1), (kind, option)


def test_cost_advice_costs_every_option_as_worked_out_by_hand():
    """Every option's yearly cost per dwelling, the options a dwelling may not have left empty: apartments
    have no own or shared loop, and G1 is kleinschalig without a planned large network."""
    dwellings, _ = _advice(_street(), _street_clusters())
    for position, kind in enumerate(["rijwoning"] * 3 + ["appartement"] * 2):
        for option, expected in EXPECTED[kind].items():
            found = dwellings.iloc[position][f"kosten_eur_jaar_{option}"]
            if expected is None:
                assert pd.isna(found), (position, option, found)
            else:
                assert found == pytest.approx(expected, abs=1), f"{kind} {option}: {found} €/jr, by hand {expected}"


def test_cost_advice_recommends_the_hand_worked_cheapest_option():
    dwellings, clusters = _advice(_street(), _street_clusters())
    # row houses: air 2 313 < shared loop 2 661 < own loop 2 673 < ring 3 028 < bronnet 3 517 < collective air 4 371
    assert list(dwellings["goedkoopste"][:3]) == [LUCHT] * 3
    assert list(dwellings["marge_eur_jaar"][:3]) == [pytest.approx(2661 - 2313, abs=1)] * 3
    assert set(dwellings["aanbevolen"][:3]) == {"individuele luchtwarmtepomp"}
    # apartments: the building's heat pump 1 476 < own air 1 566 < bronnet 2 863
    assert list(dwellings["goedkoopste"][3:]) == [COLL_LUCHT] * 2
    assert list(dwellings["marge_eur_jaar"][3:]) == [pytest.approx(1566 - 1476, abs=1)] * 2
    assert set(dwellings["aanbevolen_schaal"][3:]) == {"mini"}
    # mini cluster M1: its three (equal) houses; the own loop is feasible for all three here
    m1 = clusters.loc["M1"]
    assert (m1["goedkoopste"], m1["tweede"]) == (LUCHT, GEDEELD)
    assert m1["kosten_eur_jaar_bodemwarmtepomp"] == pytest.approx(2673, abs=1)
    assert m1["configuratie"] == "individuele luchtwarmtepomp"
    # area G1: the mean over its five dwellings of each option all five may have (no own loop for apartments)
    g1 = clusters.loc["G1"]
    assert g1["kosten_eur_jaar_luchtwarmtepomp"] == pytest.approx((3 * 2313 + 2 * 1566) / 5, abs=1)  # 2 014
    assert g1["kosten_eur_jaar_collectieve_luchtwarmtepomp"] == pytest.approx((3 * 4371 + 2 * 1476) / 5, abs=1)
    assert g1["kosten_eur_jaar_kleinschalig_warmtenet"] == pytest.approx((3 * 3517 + 2 * 2863) / 5, abs=1)  # 3 256
    assert pd.isna(g1["kosten_eur_jaar_bodemwarmtepomp"])
    assert (g1["goedkoopste"], g1["tweede"]) == (LUCHT, COLL_LUCHT)
    assert g1["marge_eur_jaar"] == pytest.approx((3 * 4371 + 2 * 1476) / 5 - (3 * 2313 + 2 * 1566) / 5, abs=1)


def test_bronnet_costs_the_named_source_by_hand():
    """Riothermie met WKO on 0.3 × 240 kW = 72 kW: 873 × 1.033 × 72 + 165 000 × 1.259 + 126.5 × 1.259 × 72
    + technical room 103 300 = 387 428 €; pipes 1 200 m × 150 = 180 000 €; × 1.08 × 1.2886 / 60 connections
    = 13 161 € per connection, × 1.21 × a(6 %, 30) + maintenance; see hand_costs.bronnet_riothermie_wko."""
    dwellings, _ = _advice(_street(), _street_clusters())
    assert dwellings.at[0, "kosten_eur_jaar_kleinschalig_warmtenet"] == pytest.approx(3517, abs=1)
    # a cheaper source (riothermie direct, no WKO doublet) makes the same bronnet cheaper; no source, no bronnet
    direct, _ = _advice(_street(), _street_clusters(warmtebron_sleutel=[None, RIOOL_DIRECT]))
    assert direct.at[0, "kosten_eur_jaar_kleinschalig_warmtenet"] < 3517 - 200
    unknown, _ = _advice(_street(), _street_clusters(warmtebron_sleutel=[None, ONBEKEND]))
    assert unknown["kosten_eur_jaar_kleinschalig_warmtenet"].isna().all()


def test_large_network_costs_the_acm_tariffs_by_hand():
    """G1 as a grootschalig area inside a planned network (its source: warmtenet (gepland)). Row house:
    contribution 4 411 × 1.21 × a(4 %, 15) = 480.04 + pipework 2 500 × 1.2590 × 1.21 × 0.089941 = 342.53
    + standing charge 720 + heat 47.38 × 35.51 GJ = 2 402.46 + pumps 71 kWh × 0.32 = 22.73: 3 248 €/yr."""
    clusters = _street_clusters(schaal=["mini", "grootschalig"], warmtebron_sleutel=[None, WARMTENET_GEPLAND],
                                aandeel_in_gepland_warmtenet=[0.0, 0.8])
    dwellings, _ = _advice(_street(), clusters)
    assert hand.grootschalig_warmtenet(ROW) == pytest.approx(3248, abs=1)
    assert hand.grootschalig_warmtenet(APARTMENT) == pytest.approx(2350, abs=1)  # Vesta's meergezins pipework 1 380 €
    assert list(dwellings["kosten_eur_jaar_grootschalig_warmtenet"]) == \
        [pytest.approx(3248, abs=1)] * 3 + [pytest.approx(2350, abs=1)] * 2
    assert dwellings["kosten_eur_jaar_kleinschalig_warmtenet"].isna().all()  # a large area: no bronnet


def test_collective_air_heat_pump_by_hand_for_a_row_and_for_a_building():
    """Row M1: heat pump 547.5 × 1.259 × 11.93 kW / 3 × 1.08 = 2 961 €, pipe (600 + 105·P^0.5 + 100·P^0.6)
    × 1.259 = 778.66 €/m × 60 m / 3 × 1.08 = 16 819 € each: 4 371 €/yr. Building P9: no trench, 5.4 kW
    shared by 2 apartments: 1 476 €/yr."""
    dwellings, _ = _advice(_street(), _street_clusters())
    assert list(dwellings["kosten_eur_jaar_collectieve_luchtwarmtepomp"]) == \
        [pytest.approx(4371, abs=1)] * 3 + [pytest.approx(1476, abs=1)] * 2
    # a longer row pays more pipe per house: 90 m of trench instead of 60
    longer, _ = _advice(_street(), _street_clusters(tracelengte_m=[90.0, AREA_TRENCH_M]))
    pipe_per_house = hand.collectieve_luchtwarmtepomp(ROW, 3, 90.0, ROW_PEAK_KW)
    assert longer.at[0, "kosten_eur_jaar_collectieve_luchtwarmtepomp"] == pytest.approx(pipe_per_house, abs=1)


def test_apartments_in_one_building_get_the_building_average_and_one_advice():
    """Two unequal apartments in P9: each option's cost is the mean of their hand-worked costs, so both get
    the same advice; the gas reference stays their own."""
    small = APARTMENT
    large = hand.Dwelling(rv_gj=25.0, tw_gj=5.0, piek_rv_kw=7.0, piek_tw_kw=4.0, label="D", eengezins=False)
    members = pd.DataFrame([_row(small, "appartement", "P9", None), _row(large, "appartement", "P9", None)])
    dwellings, _ = _advice(members, _street_clusters())
    peak = hand.collective_peak_kw([small, large])  # 0.5 × (4.6 + 7.0) + 0.1 × 8 = 6.6 kW
    mean = {LUCHT: (hand.luchtwarmtepomp(small) + hand.luchtwarmtepomp(large)) / 2,  # (1 566 + 1 989) / 2 = 1 777
            COLL_LUCHT: (hand.collectieve_luchtwarmtepomp(small, 2, 0.0, peak)
                         + hand.collectieve_luchtwarmtepomp(large, 2, 0.0, peak)) / 2,  # (1 529 + 1 885) / 2 = 1 707
            KLEIN: (hand.bronnet_riothermie_wko(small, AREA_WEQ, AREA_TRENCH_M, AREA_PEAK_KW)
                    + hand.bronnet_riothermie_wko(large, AREA_WEQ, AREA_TRENCH_M, AREA_PEAK_KW)) / 2}
    assert mean[LUCHT] == pytest.approx(1777, abs=1) and mean[COLL_LUCHT] == pytest.approx(1707, abs=1)
    for option, expected in mean.items():
        assert list(dwellings[f"kosten_eur_jaar_{option}"]) == [pytest.approx(expected, abs=1)] * 2, option
    assert list(dwellings["goedkoopste"]) == [COLL_LUCHT] * 2  # 1 707 < 1 777 < 3 036
    assert list(dwellings["kosten_eur_jaar_cv_ketel"]) == [pytest.approx(hand.cv_ketel(small), abs=1),
                                                           pytest.approx(hand.cv_ketel(large), abs=1)]  # 1 518, 1 923


def test_a_building_option_needs_every_dwelling_in_the_building():
    """A pand with two ground-bound dwellings (a beneden- and bovenwoning) outside any mini cluster decides
    together; one of them lies in a drinking-water zone, so neither gets an own ground loop. The same house
    in its own pand (P8) keeps it at its hand-worked cost."""
    members = pd.DataFrame([_row(ROW, "tussenwoning", "P7", None, beperking="forbidden"),
                            _row(ROW, "tussenwoning", "P7", None), _row(ROW, "tussenwoning", "P8", None)])
    dwellings, _ = _advice(members, _street_clusters())
    assert dwellings["kosten_eur_jaar_bodemwarmtepomp"][:2].isna().all()
    assert dwellings.at[2, "kosten_eur_jaar_bodemwarmtepomp"] == pytest.approx(2673, abs=1)
    assert list(dwellings["kosten_eur_jaar_luchtwarmtepomp"]) == [pytest.approx(2313, abs=1)] * 3
    assert dwellings.at[0, "goedkoopste"] == dwellings.at[1, "goedkoopste"] == LUCHT


def test_reason_names_both_options_their_costs_and_the_difference_in_order():
    row = SimpleNamespace(goedkoopste="luchtwarmtepomp", tweede="ringnet", kosten_eur_jaar_luchtwarmtepomp=1560.0,
                          kosten_eur_jaar_ringnet=1780.0)
    # the runner-up with its cost, the cheapest with its cost, then the cheapest and the saving (1 780 − 1 560)
    assert_in_order(cost_reason(row), ["bodemlussen op ringnet", "€1 780", "luchtwarmtepomp", "€1 560",
                                       "luchtwarmtepomp", "€220"])
    alone = SimpleNamespace(goedkoopste="luchtwarmtepomp", tweede=None, kosten_eur_jaar_luchtwarmtepomp=2360.0)
    text = cost_reason(alone)
    assert_in_order(text, ["luchtwarmtepomp", "€2 360"]) and "ringnet" not in text
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
