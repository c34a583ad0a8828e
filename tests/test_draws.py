"""Sensitivity draws as an array dimension: the terms of every option add up to its cost, a draw scales each term
by what it depends on (worked by hand), and the decision over draws is the single decision, draw by draw."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.test_costs import dwelling
from warmtekans.decision import costs as cost_functions, draws as drawing
from warmtekans.decision.advice import decide
from warmtekans.decision.draw_decisions import NONE, decide_draws
from warmtekans.decision.kentallen import load_cost_kentallen
from warmtekans.decision.ledger import annuity, end_user_view, national_view
from warmtekans.decision.options import COSTED

K = load_cost_kentallen()


def _options(view) -> dict[str, pd.DataFrame]:
    """A label-D tussenwoning insulated to B (€10 000), on every individual and mini option, in ``view``."""
    d = dwelling(30.0, 7.7, 7.5, "D", 3, rv_lt=24.0, insulation=10_000.0, label_lt="B")
    d["isolatie_eur_laag"], d["isolatie_eur_hoog"] = 8_000.0, 12_000.0
    three = pd.Series([3.0] * 3)
    return {
        "cv": cost_functions.cv_ketel(d, K, view),
        "hybride": cost_functions.hybride_warmtepomp(d, K, view, spare_kw=0.7),
        "lucht": cost_functions.luchtwarmtepomp(d, K, view, spare_kw=0.7),
        "bodem": cost_functions.bodemwarmtepomp(d, K, view, spare_kw=0.7),
        "gedeeld": cost_functions.gedeelde_bodemlus(d, K, view, connections=three, loops=pd.Series([1.0] * 3)),
        "ring": cost_functions.ringnet(d, K, view, connections=three, loops=pd.Series([1.0] * 3),
                                       street_m=pd.Series([15.0] * 3)),
        "collectief": cost_functions.collectieve_luchtwarmtepomp(
            d, K, view, connections=three, collective_peak_kw=pd.Series([20.0] * 3), street_m=pd.Series([15.0] * 3),
            in_building=pd.Series([False] * 3), spare_kw=0.7),
    }


@pytest.mark.parametrize("view", [end_user_view(K), national_view(K)], ids=["eindgebruiker", "nationaal"])
def test_terms_add_up_to_the_cost_and_unit_draws_change_nothing(view):
    for name, frame in _options(view).items():
        found = drawing.totals(frame, drawing.unit(4), view)
        assert np.allclose(found, frame["totaal_eur_jaar"].to_numpy()[None, :], atol=1e-6), name


def _one_draw(**changes) -> drawing.Draws:
    base = drawing.unit(1)
    values = {field: getattr(base, field) for field in base.__dataclass_fields__}
    values.update(changes)
    return drawing.Draws(**values)


def test_a_drawn_electricity_price_and_spf_scale_the_heat_pump_electricity_only():
    view = end_user_view(K)
    air = _options(view)["lucht"]
    electricity = air["t|el|lucht"].iloc[0]  # the heat pump's kWh × 0.32 €/kWh
    draw = _one_draw(price={"elektriciteit": np.array([1.25])}, spf={"lucht": np.array([0.8])})
    found = drawing.totals(air, draw, view)[0, 0]
    # by hand: 1.25 × the price, the SPF 0.8 × as high → the electricity × 1.25 / 0.8
    assert found == pytest.approx(air["totaal_eur_jaar"].iloc[0] + electricity * (1.25 / 0.8 - 1), abs=1e-6)


def test_a_drawn_loan_rescales_the_resident_capital_by_the_annuities():
    view = end_user_view(K)
    air = _options(view)["lucht"]
    loan = air[[c for c in air.columns if c.startswith("t|kap|") and c.endswith("|lening15")]].sum(axis=1).iloc[0]
    insulation = air["t|kap|isolatie|lening30"].iloc[0]
    draw = _one_draw(rate=np.array([0.06]), years=np.array([10.0]))
    found = drawing.totals(air, draw, view)[0, 0]
    # the 15-year loan becomes a(6 %, 10); the insulation keeps its 30 years at 6 %
    expected = (air["totaal_eur_jaar"].iloc[0] + loan * (annuity(0.06, 10) / annuity(0.04, 15) - 1)
                + insulation * (annuity(0.06, 30) / annuity(0.04, 30) - 1))
    assert found == pytest.approx(expected, abs=1e-6)


def test_the_insulation_step_is_drawn_within_its_own_min_max():
    view = end_user_view(K)
    air = _options(view)["lucht"]
    capital = air["t|kap|isolatie|lening30"].iloc[0]
    for position, factor in ((0.0, 0.8), (1.0, 1.2), (0.5, 1.0)):
        found = drawing.totals(air, _one_draw(insulation=np.array([position])), view)[0, 0]
        assert found == pytest.approx(air["totaal_eur_jaar"].iloc[0] + capital * (factor - 1), abs=1e-6)


def test_the_grid_is_costed_again_for_a_drawn_spare_capacity():
    view = national_view(K)
    air = _options(view)["lucht"]
    peak = air["t|info|net_piek_kw"].iloc[0]
    base_grid = air["t|kap|netverzwaring|lev30"].iloc[0]
    assert peak > 0.7 and base_grid > 0
    # spare capacity above the peak: no reinforcement at all
    none = drawing.totals(air, _one_draw(spare_kw=np.array([peak + 0.1])), view)[0, 0]
    assert none == pytest.approx(air["totaal_eur_jaar"].iloc[0] - base_grid, abs=1e-6)
    # no spare capacity: the cable and the station share of the whole peak
    full = drawing.totals(air, _one_draw(spare_kw=np.array([0.0])), view)[0, 0]
    investment = 5.5 * K["lsnet_verzwaren_per_m"] + peak * K["ms_ruimte"] / K["ms_ruimte_kw"]
    expected = air["totaal_eur_jaar"].iloc[0] - base_grid + investment * annuity(0.03, 30)
    assert full == pytest.approx(expected, abs=1e-6)


def test_sampled_draws_are_seeded_and_within_their_ranges():
    from warmtekans.config.loader import validate_config

    config = validate_config({"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "x", "sample": True}}})
    one, two = drawing.sample(K, config, 50, 7), drawing.sample(K, config, 50, 7)
    assert np.array_equal(one.kental["lucht_wp_vast"], two.kental["lucht_wp_vast"])
    low, high = K.ranges["lucht_wp_vast"]
    assert (one.kental["lucht_wp_vast"] >= low / K["lucht_wp_vast"]).all()
    assert (one.kental["lucht_wp_vast"] <= high / K["lucht_wp_vast"]).all()
    assert ((one.rate >= 0.02) & (one.rate <= 0.06)).all() and ((one.spare_kw >= 0) & (one.spare_kw <= 1.5)).all()
    assert not np.array_equal(one.rate, drawing.sample(K, config, 50, 8).rate)


@pytest.mark.parametrize("seed", range(12))
def test_the_decision_over_draws_is_the_single_decision_draw_by_draw(seed):
    """Random costs and feasibility on random rows, buildings, mini clusters and areas: every draw decides as
    :func:`warmtekans.decision.advice.decide` does on that draw's costs."""
    rng = np.random.default_rng(seed)
    n = 60
    dwellings = pd.DataFrame({
        "pand_id": rng.choice([f"P{i}" for i in range(35)], n),
        "mini_cluster_id": pd.Series(rng.choice(["M1", "M2", "M3", "M4", None], n), dtype="object"),
        "gebied_cluster_id": pd.Series(rng.choice(["G1", "G2", None], n), dtype="object"),
    })
    feasible = pd.DataFrame(rng.random((n, len(COSTED))) > 0.25, columns=list(COSTED))
    draws = 3
    dwelling_costs = np.round(rng.uniform(1500, 3500, (draws, n, len(COSTED))))
    area_costs = np.round(rng.uniform(1000, 3000, (draws, n, len(COSTED))))
    dwelling_costs[:, :, COSTED.index("gedeelde_bodemlus")] = 2000.0  # ties: the members' own choice wins
    found = decide_draws(dwellings, COSTED, dwelling_costs, area_costs, feasible)
    clusters = pd.DataFrame(index=["M1", "M2", "M3", "M4", "G1", "G2"])
    for d in range(draws):
        _, expected = decide(dwellings, clusters, pd.DataFrame(dwelling_costs[d], columns=list(COSTED)),
                             pd.DataFrame(area_costs[d], columns=list(COSTED)), feasible)
        for level in found.values():
            keys = [COSTED[i] if i != NONE else None for i in level.decided[d]]
            for cluster, key in zip(level.clusters, keys):
                want = expected.at[cluster, "goedkoopste"]
                assert (None if pd.isna(want) else want) == key, (d, cluster)
