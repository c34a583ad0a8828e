"""Feasibility, every option's cost and the decision in three levels (warmtekans.decision.advice), against the
hand-worked costs of tests/hand_costs.py (docs/method.md §8 written out independently of the package).

The street: a row of three houses (mini cluster M1) and a building of two apartments (pand P9, mini cluster B1),
all five in area G1 (kleinschalig; on riothermie met WKO covering 80 %, or on outside air, or grootschalig).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from tests import hand_costs as hand
from tests.conftest import assert_in_order
from warmtekans.config.models import Config
from warmtekans.core.vocabulary import ONBEKEND, RIOOL_DIRECT, RIOOL_WKO, TEO, WARMTENET_GEPLAND
from warmtekans.decision.advice import cost_advice, cost_reason, decide, euros, feasibility, named_sources
from warmtekans.decision.assess import _recommend_dwellings
from warmtekans.decision.options import (
    BODEM,
    COLL_LUCHT,
    CV,
    GEDEELD,
    GROOT,
    HYBRIDE,
    KLEIN,
    LUCHT,
    NO_OPTION,
    RINGNET,
)

R, N = hand.RESIDENT, hand.NATIONAL

# --- The street ------------------------------------------------------------------------------------------------
# Demand, peaks (§1: 4.055 + 0.035 m² kW ground-bound, 2.195 + 0.035 m² apartments) and RV at label B are inputs.
H1 = hand.Dwelling(40.0, 7.7, 7.905, 2.0, "E", True, "rijwoning hoek", 1970, 110.0, 30.0, straat_m=10.0)
H2 = hand.Dwelling(33.0, 7.7, 7.555, 2.0, "D", True, "rijwoning tussen", 1970, 100.0, 27.5, straat_m=10.0)
H3 = hand.Dwelling(32.0, 7.7, 7.905, 2.0, "C", True, "rijwoning hoek", 1970, 110.0, 29.0, straat_m=10.0)
A1 = hand.Dwelling(18.0, 7.3, 4.645, 4.0, "B", False, "meergezins: laag en midden", 1970, 70.0, None, straat_m=8.0)
A2 = hand.Dwelling(28.0, 7.3, 4.645, 4.0, "E", False, "meergezins: laag en midden", 1970, 70.0, 20.0, straat_m=8.0)
ROW, FLATS = (H1, H2, H3), (A1, A2)
ROW_METRES, FLAT_METRES = (150.0, 130.0, 140.0), (90.0, 95.0)  # §4's boormeters_m
ROW_STREET, ROW_LOOPS, FLAT_LOOPS = 30.0, 2, 1  # 10 m of street per house; the building has no street
#: Area G1: 60 WEQ (the other 55 are not in these tests), 480 m of street (8 m per WEQ: the apartments' street,
#: their building has none of its own), collective peak 330 kW.
G1 = hand.Area(n=60, street_m=480.0, peak_kw=330.0, capacity_kw=0.0, source=RIOOL_WKO, coverage=0.8)
G1_AIR = G1._replace(source="buitenlucht", coverage=1.0)
#: Grootschalig variant: the five are the whole area, so the substations are on their own capacity.
G1_LARGE = hand.Area(n=5, street_m=40.0, peak_kw=hand.collective_peak_kw(list(ROW + FLATS)),
                     capacity_kw=sum(d.piek_rv_kw + d.piek_tw_kw for d in ROW + FLATS), large=True)
NAMES = ("H1", "H2", "H3", "A1", "A2")

#: €/yr per dwelling from the hand-worked formulas (G1 on riothermie met WKO); None: not feasible for it.
EXPECTED = {
    "eindgebruiker": {
        "H1": {CV: 2692, HYBRIDE: 2922, LUCHT: 3796, BODEM: 4533, GEDEELD: 4489, RINGNET: 4902, COLL_LUCHT: 4680,
               KLEIN: 4177},
        "H2": {CV: 2408, HYBRIDE: 2711, LUCHT: 3403, BODEM: 4084, GEDEELD: 4040, RINGNET: 4450, COLL_LUCHT: 4468,
               KLEIN: 3808},
        "H3": {CV: 2368, HYBRIDE: 2664, LUCHT: 2984, BODEM: 3694, GEDEELD: 3650, RINGNET: 4061, COLL_LUCHT: 4438,
               KLEIN: 3367},
        "A1": {CV: 1778, HYBRIDE: 2116, LUCHT: 1917, BODEM: None, GEDEELD: 2352, RINGNET: 2702, COLL_LUCHT: 3354,
               KLEIN: 2534},
        "A2": {CV: 2183, HYBRIDE: 2432, LUCHT: 2479, BODEM: None, GEDEELD: 2923, RINGNET: 3274, COLL_LUCHT: 3656,
               KLEIN: 3092},
    },
    "nationaal": {
        "H1": {CV: 1305, HYBRIDE: 1976, LUCHT: 3358, BODEM: 3916, GEDEELD: 3885, RINGNET: 4171, COLL_LUCHT: 3448,
               KLEIN: 4356},
        "H2": {CV: 1195, HYBRIDE: 1872, LUCHT: 2959, BODEM: 3475, GEDEELD: 3445, RINGNET: 3728, COLL_LUCHT: 3345,
               KLEIN: 3969},
        "H3": {CV: 1180, HYBRIDE: 1857, LUCHT: 2481, BODEM: 3019, GEDEELD: 2989, RINGNET: 3273, COLL_LUCHT: 3330,
               KLEIN: 3476},
        "A1": {CV: 950, HYBRIDE: 1525, LUCHT: 1488, BODEM: None, GEDEELD: 1814, RINGNET: 2056, COLL_LUCHT: 2650,
               KLEIN: 2645},
        "A2": {CV: 1108, HYBRIDE: 1670, LUCHT: 2078, BODEM: None, GEDEELD: 2412, RINGNET: 2655, COLL_LUCHT: 2797,
               KLEIN: 3242},
    },
}


def by_hand(view: hand.View, area: hand.Area = G1) -> dict[str, dict[str, float | None]]:
    """Every option's €/yr for the five dwellings, each written out from §8 (tests/hand_costs.py)."""
    network = hand.bronnet if area.source in hand.LT_SOURCES and not area.large else hand.mt_network
    row_peak, flat_peak = hand.collective_peak_kw(list(ROW)), hand.collective_peak_kw(list(FLATS))
    table: dict[str, dict[str, float | None]] = {}
    for name, d, metres in zip(NAMES[:3], ROW, ROW_METRES):
        table[name] = {
            CV: hand.cv_ketel(d, view).total, HYBRIDE: hand.hybride_warmtepomp(d, view).total,
            LUCHT: hand.luchtwarmtepomp(d, view).total, BODEM: hand.bodemwarmtepomp(d, view, metres).total,
            GEDEELD: hand.gedeelde_bodemlus(d, view, metres, n=3, loops=ROW_LOOPS).total,
            RINGNET: hand.ringnet(d, view, metres, n=3, loops=ROW_LOOPS, street_m=ROW_STREET).total,
            COLL_LUCHT: hand.collectieve_luchtwarmtepomp(d, view, 3, row_peak, ROW_STREET).total}
    for name, d, metres in zip(NAMES[3:], FLATS, FLAT_METRES):
        table[name] = {
            CV: hand.cv_ketel(d, view).total, HYBRIDE: hand.hybride_warmtepomp(d, view).total,
            LUCHT: hand.luchtwarmtepomp(d, view).total, BODEM: None,  # apartments: no own loop
            GEDEELD: hand.gedeelde_bodemlus(d, view, metres, n=2, loops=FLAT_LOOPS).total,
            RINGNET: hand.ringnet(d, view, metres, n=2, loops=FLAT_LOOPS, street_m=0.0).total,
            COLL_LUCHT: hand.collectieve_luchtwarmtepomp(d, view, 2, flat_peak, building=True).total}
    for name, d in zip(NAMES, ROW + FLATS):
        if area.large:  # the five are the whole area: its street per WEQ (8 m) for gas main and cable too
            d = d._replace(straat_m=8.0) if name in ("A1", "A2") else d
        table[name][GROOT if area.large else KLEIN] = network(d, view, area).total
    return table


def _street(**per_dwelling) -> pd.DataFrame:
    """The five as cluster members; ``per_dwelling`` maps a field to five values (e.g. buitenunit)."""
    rows = [hand.member_row(d, woningtype=kind, pand=pand, mini=mini, area="G1", metres=metres)
            for d, kind, pand, mini, metres in zip(
                ROW + FLATS, ("hoekwoning", "tussenwoning", "hoekwoning", "appartement", "appartement"),
                ("P1", "P2", "P3", "P9", "P9"), ("M1", "M1", "M1", "B1", "B1"), ROW_METRES + FLAT_METRES)]
    members = pd.DataFrame(rows, index=list(NAMES))
    for field, values in per_dwelling.items():
        members[field] = values
    return members


def _clusters(area: hand.Area = G1, source: str | None = RIOOL_WKO, **changes) -> pd.DataFrame:
    clusters = pd.DataFrame({
        "M1": hand.mini_cluster(list(ROW), street_m=ROW_STREET, loops=ROW_LOOPS),
        "B1": hand.mini_cluster(list(FLATS), street_m=0.0, loops=FLAT_LOOPS, building=True),
        "G1": hand.area_cluster(area, panden=4 if area.large else 40, source=source),
    }).T
    for key, value in changes.items():
        clusters[key] = value
    return clusters


def _config(**costs) -> Config:
    return Config(gemeenten=["GM9999"], areas={"GM9999": {"naam": "x", "sample": True}}, costs=costs)


def _advice(members: pd.DataFrame, clusters: pd.DataFrame, **costs) -> tuple[pd.DataFrame, pd.DataFrame]:
    return cost_advice(members, clusters, _config(**costs))


# --- The hand-worked table -------------------------------------------------------------------------------------

def test_hand_costs_give_the_expected_tables():
    for view in (R, N):
        found = by_hand(view)
        for name, options in EXPECTED[view.name].items():
            for option, euros_per_year in options.items():
                if euros_per_year is None:
                    assert found[name][option] is None, (view.name, name, option)
                else:
                    assert found[name][option] == pytest.approx(euros_per_year, abs=1), (view.name, name, option)


# --- Feasibility (§8 "The decision", feasibility table) --------------------------------------------------------

def _feasible(members: pd.DataFrame | None = None, table: pd.DataFrame | None = None, **settings) -> pd.DataFrame:
    """feasibility() of ``members`` (default: the street) in ``table`` (its clusters) with config ``settings``."""
    members = _street() if members is None else members
    config = Config(gemeenten=["GM9999"], areas={"GM9999": {"naam": "x", "sample": True}}, **settings)
    return feasibility(members, _clusters() if table is None else table, members["boormeters_m"], config)


def test_feasibility_of_the_street():
    allowed = _feasible()
    assert allowed[LUCHT].all() and not allowed[HYBRIDE].any()  # 'onzeker' is allowed; no hybrid by default
    assert list(allowed[BODEM]) == [True, True, True, False, False]  # apartments never have an own loop
    for option in (GEDEELD, RINGNET, COLL_LUCHT):  # the row and the building are mini clusters
        assert allowed[option].all(), option
    assert allowed[KLEIN].all() and not allowed[GROOT].any()


def test_no_room_for_an_outdoor_unit_or_an_own_borehole_rules_them_out():
    allowed = _feasible(_street(buitenunit=["nee", "onzeker", "ja", "nee", "onzeker"],
                                eigen_boring_past=[True, False, True, False, False]), costs={"allow_hybrid": True})
    assert list(allowed[LUCHT]) == [False, True, True, False, True]
    assert list(allowed[HYBRIDE]) == [False, True, True, False, True]  # only with allow_hybrid, and its unit's room
    assert list(allowed[BODEM]) == [True, False, True, False, False]
    # a forbidden zone or a depth limit above the dwelling's borehole metres: no own loop either
    zone = _feasible(_street(beperking=["forbidden", "", "", "", ""], max_boordiepte_m=[np.nan, 100.0, 200.0,
                                                                                        np.nan, np.nan]))
    assert list(zone[BODEM]) == [False, False, True, False, False]  # H2 needs 130 m under a 100 m limit


def test_shared_loops_need_room_few_bans_and_few_dwellings_per_loop():
    # 1.5 dwellings per loop in the row, 2 in the building: a limit of 1 leaves the ring but no gedeelde bodemlus
    limited = _feasible(clusters={"shared_loop_max_dwellings": 1})
    assert not limited[GEDEELD].any() and limited[RINGNET].all()
    at_two = _feasible(clusters={"shared_loop_max_dwellings": 2})
    assert at_two[GEDEELD].all()
    # no room along the frontage, or half of the row in a zone forbidding drilling: no loops for the row
    for change in ({"boringen_passen": [False, True, True]}, {"aandeel_verboden": [0.5, 0.0, 0.0]}):
        allowed = _feasible(table=_clusters(**change))
        assert list(allowed[GEDEELD]) == list(allowed[RINGNET]) == [False] * 3 + [True] * 2, change
        assert allowed[COLL_LUCHT].all()  # the collective air heat pump needs no loops


def test_area_networks_follow_the_scale_and_a_planned_network():
    large = _feasible(table=_clusters(G1_LARGE, source=None))
    assert large[GROOT].all() and not large[KLEIN].any()
    # a kleinschalig area at least sources.min_share_in_network (0.5) inside a planned network may join it
    inside = _feasible(table=_clusters(aandeel_in_gepland_warmtenet=[0.0, 0.0, 0.6]))
    assert inside[KLEIN].all() and inside[GROOT].all()
    assert not _feasible(table=_clusters(aandeel_in_gepland_warmtenet=[0.0, 0.0, 0.4]))[GROOT].any()
    # outside every cluster: only the individual options
    alone = _feasible(_street(mini_cluster_id=[None] * 5, gebied_cluster_id=[None] * 5))
    assert not alone[[GEDEELD, RINGNET, COLL_LUCHT, KLEIN, GROOT]].any().any() and alone[LUCHT].all()


def test_named_sources_and_planned_networks():
    assert named_sources(_clusters(source=ONBEKEND)).isna().all()
    assert named_sources(_clusters(source=TEO)).loc["G1"] == TEO
    assert named_sources(_clusters(source=WARMTENET_GEPLAND)).isna().all()  # joined, not costed as a bronnet


# --- Every option's cost ---------------------------------------------------------------------------------------

AREA_VARIANTS = {"riothermie met WKO": (G1, RIOOL_WKO), "buitenlucht": (G1_AIR, None),
                 "grootschalig": (G1_LARGE, None)}


@pytest.mark.parametrize("view", ["eindgebruiker", "nationaal"])
@pytest.mark.parametrize("variant", list(AREA_VARIANTS))
def test_every_option_costs_what_the_hand_worked_formulas_give(view, variant):
    """Each dwelling's kosten_eur_jaar_<option> (in the view costs.dwelling_view names) within 1 €/yr of the hand-
    worked cost; empty where the option is not feasible (apartments: no own loop; kleinschalig: no large network)."""
    area, source = AREA_VARIANTS[variant]
    dwellings, _ = _advice(_street(), _clusters(area, source=source), dwelling_view=view)
    expected = by_hand(hand.View(view), area)
    for name in NAMES:
        for option in (CV, HYBRIDE, LUCHT, BODEM, GEDEELD, RINGNET, COLL_LUCHT, KLEIN, GROOT):
            found, hand_worked = dwellings.at[name, f"kosten_eur_jaar_{option}"], expected[name].get(option)
            if hand_worked is None:
                assert pd.isna(found), (name, option, found)
            else:
                assert found == pytest.approx(hand_worked, abs=1), f"{name} {option}: {found} €/jr, by hand " \
                                                                  f"{hand_worked:.1f}"


def test_clusters_carry_the_members_mean_in_both_views():
    """Per cluster each option's mean over its members, where feasible for all of them (no own loop in G1 and B1)."""
    _, clusters = _advice(_street(), _clusters())
    for view, prefix in ((R, "kosten_eur_jaar"), (N, "nationaal_eur_jaar")):
        table = by_hand(view)
        for cluster, members, options in (("M1", NAMES[:3], (CV, LUCHT, BODEM, GEDEELD, RINGNET, COLL_LUCHT)),
                                          ("B1", NAMES[3:], (CV, LUCHT, GEDEELD, RINGNET, COLL_LUCHT)),
                                          ("G1", NAMES, (CV, LUCHT, KLEIN))):
            for option in options:
                mean = np.mean([table[name][option] for name in members])
                assert clusters.at[cluster, f"{prefix}_{option}"] == pytest.approx(mean, abs=1), (cluster, option)
        assert pd.isna(clusters.at["B1", f"{prefix}_{BODEM}"]) and pd.isna(clusters.at["G1", f"{prefix}_{BODEM}"])


# --- The decision (§8 "The decision") --------------------------------------------------------------------------

def _mean(view: hand.View, names, option: str) -> float:
    table = by_hand(view)
    return float(np.mean([table[name][option] for name in names]))


def test_nothing_shared_pays_here_so_every_dwelling_keeps_its_own_choice():
    """Individual: air for every house (resident: 3 796 < 4 533, …) and the building's mean air (2 198). Mini: the
    row's gedeelde bodemlus (4 060) and the building's (2 637) cost more than their own choices (3 394, 2 198).
    Area, national view: the bronnet (3 538) against their air heat pumps (2 473)."""
    dwellings, clusters = _advice(_street(), _clusters())
    assert list(dwellings["aanbevolen_optie"]) == [LUCHT] * 5 and dwellings["gekozen_cluster"].isna().all()
    assert set(dwellings["aanbevolen"]) == {"individuele luchtwarmtepomp"}
    assert list(dwellings["kosten_aanbevolen_eur_jaar"]) == pytest.approx(
        [by_hand(R)[name][LUCHT] for name in NAMES], abs=1)
    assert list(dwellings["kosten_aanbevolen_nationaal_eur_jaar"]) == pytest.approx(
        [by_hand(N)[name][LUCHT] for name in NAMES], abs=1)
    for cluster, names, view in (("M1", NAMES[:3], R), ("B1", NAMES[3:], R), ("G1", NAMES, N)):
        row = clusters.loc[cluster]
        assert not row["collectief_gekozen"] and row["goedkoopste"] == LUCHT, cluster
        assert row["beslist_op"] == view.name
        assert row["kosten_eigen_keuze_eur_jaar"] == pytest.approx(_mean(view, names, LUCHT), abs=1)
        shared = (GEDEELD, RINGNET, COLL_LUCHT) if cluster != "G1" else (KLEIN,)
        best = min(shared, key=lambda option: _mean(view, names, option))
        assert row["tweede"] == best and row["eur_jaar_tweede"] == pytest.approx(_mean(view, names, best), abs=1)
        assert row["kostenvoordeel_eur_jaar"] == pytest.approx(
            _mean(view, names, LUCHT) - _mean(view, names, best), abs=1)
    assert (clusters.at["M1", "tweede"], clusters.at["G1", "tweede"]) == (GEDEELD, KLEIN)


def test_individual_level_cheapest_feasible_own_option_and_the_hybrid_only_when_allowed():
    alone = _street(mini_cluster_id=[None] * 5, gebied_cluster_id=[None] * 5, pand_id=["P1", "P2", "P3", "P8", "P9"],
                    buitenunit=["onzeker", "nee", "ja", "onzeker", "onzeker"])
    dwellings, _ = _advice(alone, _clusters())
    # H2 has no room for an outdoor unit: its own loop (4 084); the others air
    assert list(dwellings["aanbevolen_optie"]) == [LUCHT, BODEM, LUCHT, LUCHT, LUCHT]
    assert dwellings.at["H2", "kosten_aanbevolen_eur_jaar"] == pytest.approx(by_hand(R)["H2"][BODEM], abs=1)
    assert pd.isna(dwellings.at["H2", "kosten_eur_jaar_luchtwarmtepomp"])
    # the hybrid (not aardgasvrij) is costed and shown always, advised only with costs.allow_hybrid
    assert dwellings.at["H1", "kosten_eur_jaar_hybride_warmtepomp"] == pytest.approx(by_hand(R)["H1"][HYBRIDE], abs=1)
    hybrid, _ = _advice(alone, _clusters(), allow_hybrid=True)
    assert list(hybrid["aanbevolen_optie"]) == [HYBRIDE, BODEM, HYBRIDE, LUCHT, HYBRIDE]  # A1: air 1 917 < 2 116


def test_dwellings_in_one_building_decide_together():
    """A beneden- and a bovenwoning in pand P7 outside any cluster: the lower has no room for an outdoor unit, so
    neither gets one: both the own loop, though air is the upper's cheapest. The same houses in their own panden
    each decide alone. Two apartments (P9, no mini cluster) of which one has no room: nothing for either."""
    members = _street(mini_cluster_id=[None] * 5, gebied_cluster_id=[None] * 5, pand_id=["P7", "P7", "P3", "P9", "P9"],
                      buitenunit=["nee", "onzeker", "onzeker", "onzeker", "nee"])
    dwellings, _ = _advice(members, _clusters())
    assert list(dwellings["aanbevolen_optie"][:3]) == [BODEM, BODEM, LUCHT]
    assert dwellings.at["H2", "kosten_eur_jaar_luchtwarmtepomp"] == pytest.approx(by_hand(R)["H2"][LUCHT], abs=1)
    assert dwellings["aanbevolen_optie"][3:].isna().all()  # "geen aardgasvrije optie haalbaar"
    separate, _ = _advice(members.assign(pand_id=["P7", "P8", "P3", "P9", "P10"]), _clusters())
    assert list(separate["aanbevolen_optie"]) == [BODEM, LUCHT, LUCHT, LUCHT, pd.NA]


def test_no_feasible_option_is_said_not_invented():
    """An apartment without room for an outdoor unit outside any cluster: no aardgasvrije option; its costs of the
    gas boiler and the hybrid are shown, every other option is empty."""
    members = _street(mini_cluster_id=[None] * 5, gebied_cluster_id=[None] * 5, buitenunit=["ja"] * 4 + ["nee"],
                      pand_id=["P1", "P2", "P3", "P8", "P9"])
    dwellings, clusters = _advice(members, _clusters())
    a2 = dwellings.loc["A2"]
    assert pd.isna(a2["aanbevolen_optie"]) and pd.isna(a2["kosten_aanbevolen_eur_jaar"])
    assert a2["kosten_eur_jaar_cv_ketel"] == pytest.approx(by_hand(R)["A2"][CV], abs=1)
    assert a2[[f"kosten_eur_jaar_{o}" for o in (LUCHT, BODEM, GEDEELD, RINGNET, COLL_LUCHT, KLEIN, GROOT)]].isna().all()
    written = _recommend_dwellings(members, clusters.assign(score=np.nan), dwellings)
    assert written.at["A2", "aanbevolen"] == NO_OPTION == "geen aardgasvrije optie haalbaar"
    assert written.at["A1", "aanbevolen"] == "individuele luchtwarmtepomp"


def test_mini_level_shared_option_for_all_members_when_cheaper_than_their_own_choices():
    """No room for outdoor units in the row: the own loops (4 533, 4 084, 3 694: mean 4 104) against the gedeelde
    bodemlus (mean 4 060): every member takes the shared loop. In the building A2 has no room, so neither flat
    has an own option and the building takes its cheapest shared one, the gedeelde bodemlus (2 637)."""
    members = _street(buitenunit=["nee", "nee", "nee", "onzeker", "nee"])
    dwellings, clusters = _advice(members, _clusters())
    assert list(dwellings["aanbevolen_optie"]) == [GEDEELD] * 5
    assert list(dwellings["gekozen_cluster"]) == ["M1"] * 3 + ["B1"] * 2
    assert set(dwellings["aanbevolen"]) == {"gedeelde bodemlus"} and set(dwellings["aanbevolen_schaal"]) == {"mini"}
    m1, b1 = clusters.loc["M1"], clusters.loc["B1"]
    assert m1["collectief_gekozen"] and m1["goedkoopste"] == GEDEELD and m1["beslist_op"] == "eindgebruiker"
    assert m1["eur_jaar_gekozen"] == pytest.approx(_mean(R, NAMES[:3], GEDEELD), abs=1)
    assert m1["kosten_eigen_keuze_eur_jaar"] == pytest.approx(_mean(R, NAMES[:3], BODEM), abs=1)
    assert m1["tweede"] == BODEM  # the members' own choice, named by the most common
    assert b1["collectief_gekozen"] and pd.isna(b1["kosten_eigen_keuze_eur_jaar"])
    assert b1["eur_jaar_gekozen"] == pytest.approx(_mean(R, NAMES[3:], GEDEELD), abs=1)
    # the area still compares, on the national view, the network with what they chose
    assert clusters.at["G1", "kosten_eigen_keuze_eur_jaar"] == pytest.approx(_mean(N, NAMES, GEDEELD), abs=1)
    assert not clusters.at["G1", "collectief_gekozen"]


def test_ties_keep_the_own_choices_and_a_shared_option_goes_to_all_or_none():
    """decide() on a made-up table: a shared option as cheap as the own choices is not taken; one cheaper by 1 €
    is taken by every member, also the one whose own choice was cheaper than the shared option."""
    dwellings = pd.DataFrame({"pand_id": ["P1", "P2"], "mini_cluster_id": ["M", "M"], "gebied_cluster_id": [None] * 2})
    feasible = pd.DataFrame(True, index=dwellings.index, columns=[LUCHT, BODEM, HYBRIDE, GEDEELD, RINGNET,
                                                                 COLL_LUCHT, KLEIN, GROOT, CV])
    feasible[[HYBRIDE, KLEIN, GROOT]] = False
    costs = pd.DataFrame({LUCHT: [1000.0, 2000.0], BODEM: [3000.0, 3000.0], HYBRIDE: [500.0, 500.0],
                          GEDEELD: [1500.0, 1500.0], RINGNET: [9000.0] * 2, COLL_LUCHT: [9000.0] * 2,
                          KLEIN: [np.nan] * 2, GROOT: [np.nan] * 2, CV: [100.0] * 2})
    clusters = pd.DataFrame(index=["M"])
    choice, table = decide(dwellings, clusters, costs, costs, feasible)
    assert list(choice["keuze"]) == [LUCHT, LUCHT] and not table.at["M", "collectief_gekozen"]  # 1 500 = 1 500
    cheaper = costs.assign(**{GEDEELD: [1499.0, 1499.0]})
    choice, table = decide(dwellings, clusters, cheaper, cheaper, feasible)
    assert list(choice["keuze"]) == [GEDEELD, GEDEELD] and list(choice["gekozen_cluster"]) == ["M", "M"]
    assert list(choice["eigen_keuze"]) == [LUCHT, LUCHT]
    # the shared option infeasible for one member: for none of them
    feasible.loc[1, GEDEELD] = False
    choice, table = decide(dwellings, clusters, cheaper, cheaper, feasible)
    assert list(choice["keuze"]) == [LUCHT, LUCHT] and table.at["M", "tweede"] == RINGNET


def test_area_level_is_decided_on_the_national_view():
    """Three label-D tussenwoningen in area G2 on outside air (an MT network; 20 m of street per WEQ). The resident
    would pay less on the network (tariffs 3 320 against the air heat pump's 3 403 €/yr), the nation more (pipes
    and plant 3 663 against 3 073): the national view decides, so they keep their air heat pumps; with
    costs.area_view 'eindgebruiker' the same area takes the network, for all three."""
    house = H2._replace(straat_m=20.0)
    g2 = hand.Area(n=60, street_m=1200.0, peak_kw=330.0, capacity_kw=0.0)
    members = pd.DataFrame([hand.member_row(house, woningtype="tussenwoning", pand=f"P{i}", area="G2", metres=130.0)
                            for i in range(3)])
    clusters = pd.DataFrame({"G2": hand.area_cluster(g2, panden=40)}).T
    own = {view.name: hand.luchtwarmtepomp(house, view).total for view in (R, N)}
    network = {view.name: hand.mt_network(house, view, g2).total for view in (R, N)}
    assert (round(own["eindgebruiker"]), round(network["eindgebruiker"])) == (3403, 3320)
    assert (round(own["nationaal"]), round(network["nationaal"])) == (3073, 3663)
    dwellings, decided = _advice(members, clusters)
    g2_row = decided.loc["G2"]
    assert not g2_row["collectief_gekozen"] and g2_row["beslist_op"] == "nationaal"
    assert g2_row["kosten_eigen_keuze_eur_jaar"] == pytest.approx(own["nationaal"], abs=1)
    assert (g2_row["tweede"], g2_row["eur_jaar_tweede"]) == (KLEIN, pytest.approx(network["nationaal"], abs=1))
    assert list(dwellings["aanbevolen_optie"]) == [LUCHT] * 3
    assert list(dwellings["kosten_eur_jaar_kleinschalig_warmtenet"]) == [pytest.approx(network["eindgebruiker"],
                                                                                       abs=1)] * 3
    dwellings, decided = _advice(members, clusters, area_view="eindgebruiker")
    assert decided.at["G2", "collectief_gekozen"] and decided.at["G2", "beslist_op"] == "eindgebruiker"
    assert decided.at["G2", "eur_jaar_gekozen"] == pytest.approx(network["eindgebruiker"], abs=1)
    assert list(dwellings["aanbevolen_optie"]) == [KLEIN] * 3 and list(dwellings["gekozen_cluster"]) == ["G2"] * 3
    assert set(dwellings["aanbevolen"]) == {"kleinschalig warmtenet (buitenlucht)"}


def test_a_large_network_is_advised_to_every_member_of_its_area():
    """200 label-G 2-onder-1-kapwoningen (130 m²) in a grootschalig area on outside air, the first four also a mini
    cluster: nationally the network (3 392 €/yr) beats their air heat pumps (3 601), so all 200 take it, the
    mini cluster's members too (the area decides after the mini cluster)."""
    house = hand.Dwelling(42.0, 7.7, 8.605, 2.0, "G", True, "2 onder 1 kap", 1970, 130.0, 32.0, straat_m=10.0)
    area = hand.Area(n=200, street_m=2000.0, peak_kw=hand.collective_peak_kw([house] * 200),
                     capacity_kw=200 * 10.605, large=True)
    members = pd.DataFrame([hand.member_row(house, woningtype="twee_onder_een_kap", pand=f"P{i}",
                                            mini="M3" if i < 4 else None, area="G3") for i in range(200)])
    clusters = pd.DataFrame({"M3": hand.mini_cluster([house] * 4, street_m=40.0, loops=2),
                             "G3": hand.area_cluster(area, panden=200)}).T
    dwellings, per_cluster = _advice(members, clusters)
    air, network = hand.luchtwarmtepomp(house, N).total, hand.mt_network(house, N, area).total
    assert network == pytest.approx(3392, abs=1) and air == pytest.approx(3601, abs=1)
    g3 = per_cluster.loc["G3"]
    assert g3["collectief_gekozen"] and g3["goedkoopste"] == GROOT and g3["beslist_op"] == "nationaal"
    assert g3["eur_jaar_gekozen"] == pytest.approx(network, abs=1)
    assert set(dwellings["aanbevolen_optie"]) == {GROOT} and set(dwellings["gekozen_cluster"]) == {"G3"}
    assert not per_cluster.at["M3", "collectief_gekozen"]  # the row itself kept its air heat pumps
    assert dwellings.iloc[10]["kosten_aanbevolen_eur_jaar"] == pytest.approx(hand.mt_network(house, R, area).total,
                                                                             abs=1)


# --- Reasons ---------------------------------------------------------------------------------------------------

def test_cost_reasons_name_the_options_their_costs_and_the_view_that_decided():
    _, clusters = _advice(_street(), _clusters())
    row = clusters.loc["M1"]
    assert_in_order(cost_reason(row), [
        "gedeelde bodemlus", euros(_mean(R, NAMES[:3], GEDEELD)), "eigen keuze (luchtwarmtepomp)",
        euros(_mean(R, NAMES[:3], LUCHT)), "(eindgebruiker)", "eigen keuze (luchtwarmtepomp)"])
    area = cost_reason(clusters.loc["G1"])
    assert_in_order(area, ["kleinschalig warmtenet", euros(_mean(N, NAMES, KLEIN)), "eigen keuze",
                           euros(_mean(N, NAMES, LUCHT)), "(nationaal)"])
    alone = SimpleNamespace(goedkoopste=LUCHT, tweede=None, marge_eur_jaar=np.nan, eur_jaar_gekozen=2360.0,
                            beslist_op="eindgebruiker", collectief_gekozen=False)
    assert cost_reason(alone) == "alleen eigen keuze (luchtwarmtepomp) mogelijk: €2 360/jr (eindgebruiker)"
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
