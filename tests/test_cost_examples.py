"""docs/method.md §8 "Worked examples": the numbers printed there, by hand (tests/hand_costs.py) and by the package.

A label-G tussenwoning (alone, in a row of 8, in an area of 355) and a portiek block of 40 label-D flats, in the
resident's and the national view. When §8's numbers change, change them here too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests import hand_costs as hand
from warmtekans.config.models import Config
from warmtekans.decision.advice import cost_advice
from warmtekans.decision.kentallen import load_cost_kentallen
from warmtekans.decision.networks import network_investment
from warmtekans.decision.options import BODEM, COLL_LUCHT, CV, GEDEELD, GROOT, HYBRIDE, KLEIN, LUCHT, RINGNET

R, N = hand.RESIDENT, hand.NATIONAL

#: §8: "Tussenwoning, 1970, 100 m², label G": RV 35.97, TW 7.7 GJ, P_rv 7.555, P_tw 2.0 kW, RV at label B 27.51 GJ;
#: in the row of 8, 5.5 m of street per dwelling.
TUSSEN = hand.Dwelling(35.97, 7.7, 7.555, 2.0, "G", True, "rijwoning tussen", 1970, 100.0, 27.51, straat_m=5.5)
#: The area of 355 such houses, 10 m of street each, collective peak g_rv(355) × 355 × 7.555 + g_tw(355) × 355 × 2.
AREA = hand.Area(n=355, street_m=3550.0, peak_kw=hand.collective_peak_kw([TUSSEN] * 355), capacity_kw=355 * 9.555)
#: "Portiek block of 40 flats, 1970, 70 m², label D": on its own, so the national average street per flat.
FLAT = hand.Dwelling(25.08, 7.3, 4.645, 4.0, "D", False, "meergezins: laag en midden", 1970, 70.0, 21.10,
                     straat_m=14.7, lsnet_m=22.7)

# The numbers printed in §8 (€/yr; supplier's investment € per connection).
TUSSEN_RESIDENT = {CV: 2528.54, HYBRIDE: 2794.30, LUCHT: 3695.63, BODEM: 4412.13,
                   GEDEELD: 4208, RINGNET: 4439, COLL_LUCHT: 4213, "bronnet": 4101, "mt": 3461}
TUSSEN_NATIONAL = {CV: 1242, HYBRIDE: 1883, LUCHT: 3229, BODEM: 3770, "bronnet": 3540, "mt_klein": 2912,
                   "mt_groot": 3017, "mt_gepland": 1753}
SUPPLIER = {"bronnet": 7131, "mt_klein": 15987, "mt_groot": 17281}
FLAT_RESIDENT = {LUCHT: 2418.04, GEDEELD: 2695.88, RINGNET: 2803.15, COLL_LUCHT: 2848.76, CV: 2064.48}
FLAT_NATIONAL = {LUCHT: 2121, GEDEELD: 2341, RINGNET: 2415.5, COLL_LUCHT: 2176, CV: 1062}

#: The area variants of §8: (option key, source, grootschalig, share in a planned network).
AREA_VARIANTS = {"bronnet": (KLEIN, "riothermie_wko", False, 0.0), "mt_klein": (KLEIN, None, False, 0.0),
                 "mt_groot": (GROOT, None, True, 0.0), "mt_gepland": (GROOT, "warmtenet_gepland", True, 1.0)}


def _area(variant: str) -> hand.Area:
    _, source, large, _ = AREA_VARIANTS[variant]
    return AREA._replace(source=source or "buitenlucht", large=large)


def _hand_tussen(view: hand.View) -> dict[str, float]:
    row = dict(metres=hand.own_loop_metres(TUSSEN), n=8, loops=3)
    costs = {CV: hand.cv_ketel(TUSSEN, view), HYBRIDE: hand.hybride_warmtepomp(TUSSEN, view),
             LUCHT: hand.luchtwarmtepomp(TUSSEN, view), BODEM: hand.bodemwarmtepomp(TUSSEN, view),
             GEDEELD: hand.gedeelde_bodemlus(TUSSEN, view, **row),
             RINGNET: hand.ringnet(TUSSEN, view, **row, street_m=44),
             COLL_LUCHT: hand.collectieve_luchtwarmtepomp(TUSSEN, view, 8, hand.collective_peak_kw([TUSSEN] * 8), 44),
             "bronnet": hand.bronnet(TUSSEN, view, _area("bronnet"))}
    for variant in ("mt_klein", "mt_groot", "mt_gepland"):
        costs[variant] = hand.mt_network(TUSSEN, view, _area(variant))
    costs["mt"] = costs["mt_klein"]
    return {name: parts.total for name, parts in costs.items()}


def _hand_flat(view: hand.View) -> dict[str, float]:
    block = dict(metres=hand.own_loop_metres(FLAT), n=40, loops=10)
    return {name: parts.total for name, parts in {
        CV: hand.cv_ketel(FLAT, view), LUCHT: hand.luchtwarmtepomp(FLAT, view),
        GEDEELD: hand.gedeelde_bodemlus(FLAT, view, **block), RINGNET: hand.ringnet(FLAT, view, **block, street_m=0),
        COLL_LUCHT: hand.collectieve_luchtwarmtepomp(FLAT, view, 40, hand.collective_peak_kw([FLAT] * 40),
                                                      building=True)}.items()}


def _close(found: dict[str, float], printed: dict[str, float]) -> None:
    for name, value in printed.items():
        assert found[name] == pytest.approx(value, abs=1), f"{name}: {found[name]:.2f}, §8 prints {value}"


# --- By hand ---------------------------------------------------------------------------------------------------

def test_hand_annuities_steps_and_peaks_are_those_printed_in_method_md():
    assert [round(hand.annuity(r, n), 6) for r, n in ((0.04, 15), (0.04, 30), (0.03, 15), (0.03, 30))] == \
        [0.089941, 0.05783, 0.083767, 0.051019]
    assert hand.cpi(2018) == pytest.approx(1.2590, abs=5e-5) and hand.cpi(2023) == pytest.approx(1.033)
    assert hand.step_range(TUSSEN) == (22575.0, 32425.0) and hand.step_eur(TUSSEN) == 27500.0
    assert hand.step_range(FLAT) == (7316.0, 11416.0) and hand.step_eur(FLAT) == 9366.0
    assert hand.loop_parts() == (pytest.approx(4874.18, abs=0.01), pytest.approx(34.408, abs=0.001))
    assert hand.collective_peak_kw([TUSSEN] * 8) == pytest.approx(65.3, abs=0.05)
    assert AREA.peak_kw == pytest.approx(1523, abs=0.5)
    assert hand.collective_peak_kw([FLAT] * 40) == pytest.approx(191.8, abs=0.05)
    assert hand.own_heat_pump_peak(TUSSEN, 2.0) == pytest.approx(1.94, abs=0.005)
    assert hand.luchtwarmtepomp(TUSSEN, N)["netverzwaring"] == pytest.approx(39.50, abs=0.01)


def test_hand_tussenwoning_comes_out_at_the_printed_numbers():
    _close(_hand_tussen(R), TUSSEN_RESIDENT)
    _close(_hand_tussen(N), TUSSEN_NATIONAL)
    assert hand.shared_loop_source(141.66, 8, 3) == pytest.approx(7442, abs=1)
    assert hand.ring_source(141.66, 8, 3, 44) == pytest.approx(10055, abs=1)
    supplier = {variant: hand.per_connection(hand.bronnet_investment(_area(variant)) if variant == "bronnet"
                                             else hand.mt_investment(_area(variant))) for variant in SUPPLIER}
    _close(supplier, SUPPLIER)


def test_hand_portiek_block_comes_out_at_the_printed_numbers():
    _close(_hand_flat(R), FLAT_RESIDENT)
    _close(_hand_flat(N), FLAT_NATIONAL)


# --- By the package --------------------------------------------------------------------------------------------

def _config(view: str) -> Config:
    return Config(gemeenten=["GM9999"], areas={"GM9999": {"naam": "x", "sample": True}}, costs={"dwelling_view": view})


def _street_of_355(variant: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """355 tussenwoningen in one area; the first 8 a row (mini cluster M8) on 44 m of street."""
    _, source, large, planned = AREA_VARIANTS[variant]
    members = pd.DataFrame([hand.member_row(TUSSEN, woningtype="tussenwoning", pand=f"P{i}",
                                            mini="M8" if i < 8 else None, area="G", metres=141.66)
                            for i in range(355)])
    clusters = pd.DataFrame({"M8": hand.mini_cluster([TUSSEN] * 8, street_m=44.0, loops=3),
                             "G": hand.area_cluster(_area(variant), panden=355, source=source,
                                                    planned_share=planned)}).T
    return members, clusters


def _package(members: pd.DataFrame, clusters: pd.DataFrame, view: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    dwellings, per_cluster = cost_advice(members, clusters, _config(view))
    return dwellings, per_cluster


@pytest.mark.parametrize("variant", list(AREA_VARIANTS))
def test_package_tussenwoning_comes_out_at_the_printed_numbers(variant):
    option = AREA_VARIANTS[variant][0]
    members, clusters = _street_of_355(variant)
    for view, printed in (("eindgebruiker", TUSSEN_RESIDENT), ("nationaal", TUSSEN_NATIONAL)):
        dwellings, _ = _package(members, clusters, view)
        house = dwellings.iloc[0]  # a member of the row of 8: 5.5 m of street
        own = [o for o in (CV, HYBRIDE, LUCHT, BODEM, GEDEELD, RINGNET, COLL_LUCHT) if o in printed]
        # the resident pays the same tariffs on every MT network ("mt"); nationally each variant has its own cost
        network = variant if view == "nationaal" or variant == "bronnet" else "mt"
        found = {o: house[f"kosten_eur_jaar_{o}"] for o in own} | {network: house[f"kosten_eur_jaar_{option}"]}
        _close(found, {name: printed[name] for name in found})
        # a house outside the row: the area's 10 m of street for its gas main and LV cable (national view)
        other = TUSSEN._replace(straat_m=10.0)
        expected = (hand.bronnet if variant == "bronnet" else hand.mt_network)(other, hand.View(view), _area(variant))
        assert dwellings.iloc[100][f"kosten_eur_jaar_{option}"] == pytest.approx(expected.total, abs=1)
    k = load_cost_kentallen()
    if variant in SUPPLIER:
        investment = network_investment(k, source=AREA_VARIANTS[variant][1] or "buitenlucht", lt=variant == "bronnet",
                                        connections=355, collective_peak_kw=AREA.peak_kw,
                                        connection_kw=AREA.capacity_kw, street_m=AREA.street_m,
                                        substations=AREA_VARIANTS[variant][2])
        assert investment["per_aansluiting"] == pytest.approx(SUPPLIER[variant], abs=1)


@pytest.mark.parametrize("variant, advised", [("bronnet", False), ("mt_klein", True)])
def test_package_tussenwoning_decisions(variant, advised):
    """§8: the air heat pump stays cheapest for the resident in the row; on outside air the area is advised its
    network (2 912 < 3 229, national view), on the sewer it keeps the air heat pumps (3 540 > 3 229)."""
    dwellings, clusters = _package(*_street_of_355(variant), "eindgebruiker")
    assert not clusters.at["M8", "collectief_gekozen"] and clusters.at["M8", "goedkoopste"] == LUCHT
    assert clusters.at["G", "collectief_gekozen"] == advised and clusters.at["G", "beslist_op"] == "nationaal"
    assert set(dwellings["aanbevolen_optie"]) == {KLEIN if advised else LUCHT}


def _block(no_room: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The portiek block: 40 flats in pand B1, one mini cluster (the building), no area; ``no_room`` flats without
    room for an outdoor unit."""
    members = pd.DataFrame([hand.member_row(FLAT, woningtype="appartement", pand="B1", mini="B",
                                            buitenunit="nee" if i < no_room else "onzeker") for i in range(40)])
    clusters = pd.DataFrame({"B": hand.mini_cluster([FLAT] * 40, street_m=0.0, loops=10, building=True)}).T
    return members, clusters


def test_package_portiek_block_comes_out_at_the_printed_numbers():
    for view, printed in (("eindgebruiker", FLAT_RESIDENT), ("nationaal", FLAT_NATIONAL)):
        dwellings, _ = _package(*_block(), view)
        assert not dwellings["kosten_eur_jaar_bodemwarmtepomp"].notna().any()  # apartments: no own loop
        for flat in (0, 39):
            _close({o: dwellings.iloc[flat][f"kosten_eur_jaar_{o}"] for o in printed}, printed)


def test_package_portiek_block_decides_as_one_building():
    """Every flat with room: individual air heat pumps (2 418 against 2 696, 2 803 and 2 849); one flat without:
    no individual option for the building, which takes its cheapest shared option, the gedeelde bodemlus."""
    dwellings, clusters = _package(*_block(), "eindgebruiker")
    assert set(dwellings["aanbevolen_optie"]) == {LUCHT} and not clusters.at["B", "collectief_gekozen"]
    dwellings, clusters = _package(*_block(no_room=1), "eindgebruiker")
    assert set(dwellings["aanbevolen_optie"]) == {GEDEELD} and set(dwellings["gekozen_cluster"]) == {"B"}
    assert clusters.at["B", "eur_jaar_gekozen"] == pytest.approx(FLAT_RESIDENT[GEDEELD], abs=1)
    assert np.isnan(clusters.at["B", "kosten_eigen_keuze_eur_jaar"])
