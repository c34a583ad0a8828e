"""The vectorised draws against the reference path on the sample: for a few sampled draws, the whole cost model
again with the drawn kentallen (as ``costs.overrides``) and settings, and the single decision on those costs.
Both must give the same cost of every option for every dwelling, and the same decision for every cluster."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from warmtekans.config.loader import validate_config
from warmtekans.config.method import MethodSettings
from warmtekans.decision import draws as drawing
from warmtekans.decision.advice import cost_tables, decide
from warmtekans.decision.draw_decisions import NONE, decide_draws
from warmtekans.decision.kentallen import default_kentallen_path
from warmtekans.decision.options import COSTED

#: Kentallen priced together by one draw factor (the factor of the first): a unit's fixed and per-kW part.
GROUPS = {
    "lucht_wp_vast": ("lucht_wp_vast", "lucht_wp_per_kw"),
    "bodem_wp_vast": ("bodem_wp_vast", "bodem_wp_per_kw", "warmtepomp_lt_net"),
    "hybride_wp_per_kw": ("hybride_wp_vast", "hybride_wp_per_kw"),
    "lt_afgifte_eengezins": ("lt_afgifte_eengezins", "lt_afgifte_meergezins"),
    "gasaansluiting_verwijderen_laagbouw": ("gasaansluiting_verwijderen_laagbouw",
                                            "gasaansluiting_verwijderen_hoogbouw"),
    "wko_vast": ("wko_vast", "wko_per_kw"),
    "teo_vast": ("teo_vast", "teo_per_kw"),
}
#: The SPF kentallen of each heat-pump family (space heating per label and tap water).
SPF_ROWS = {
    "lucht": [f"lucht_wp_spf_rv_{x}" for x in "ABCD"] + ["lucht_wp_spf_tw"],
    "bodem": [f"bodem_wp_spf_rv_{x}" for x in "ABCD"] + ["bodem_wp_spf_tw"],
    "hybride": [f"hybride_wp_spf_rv_{x}" for x in "ABCD"],
    "collectief_lucht": ["collectieve_lucht_wp_spf"],
    "collectief_bron": ["collectieve_bron_wp_spf"],
    "bronnet": ["bronnet_spf_rv", "bronnet_spf_tw"],
}
PRICES = {"gas": "gasprijs", "elektriciteit": "elektriciteitsprijs", "warmte_tarief": "warmteprijs_mt",
          "warmte_inkoop": "warmte_inkoop_per_gj"}


def _categories(options: dict[str, dict[str, pd.DataFrame]]) -> set[str]:
    """Every kental a term of the costs is priced by (``kap|<category>|…``, categories ``a*b``, ``x@meter``)."""
    found = set()
    for per_view in options.values():
        for frame in per_view.values():
            for column in frame.columns:
                if column.startswith("t|kap|") or column.startswith("t|ond|"):
                    category = column.split("|")[2].split("@")[0]
                    found.update(category.split("*"))
    return found - {"vast", "isolatie", "netverzwaring", "beheer"}


def _reference_settings(method: MethodSettings, draws: drawing.Draws, d: int, categories: set[str]) -> MethodSettings:
    raw = pd.read_csv(default_kentallen_path()).set_index("parameter")["waarde"]
    overrides = {}
    for category in categories:
        factor = draws.kental.get(category, np.ones(draws.n))[d]
        for name in GROUPS.get(category, (category,)):
            overrides[name] = float(raw[name]) * factor
    for family, rows in SPF_ROWS.items():
        for name in rows:
            overrides[name] = float(raw[name]) * draws.spf[family][d]
    for carrier, name in PRICES.items():
        overrides[name] = float(raw[name]) * draws.price[carrier][d]
    for name in ("lsnet_verzwaren_per_m", "ms_ruimte"):
        overrides[name] = float(raw[name]) * draws.kental.get(name, np.ones(draws.n))[d]
    costs = method.costs.model_copy(update={
        "overrides": overrides, "end_user_rate": float(draws.rate[d]), "end_user_years": int(draws.years[d]),
        "national_rate": float(draws.national_rate[d]), "grid_spare_kw_per_dwelling": float(draws.spare_kw[d])})
    return method.model_copy(update={"costs": costs})


@pytest.mark.workflow
def test_vectorised_draws_equal_the_reference_costs_and_decisions(sample_run):
    processed = sample_run / "data" / "processed" / "GM9999"
    members = gpd.read_parquet(processed / "woningen_beoordeeld.parquet")
    clusters = gpd.read_parquet(processed / "clusters_beoordeeld.parquet").set_index("cluster_id", drop=False)
    config = validate_config({"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "x", "sample": True}}})
    method = MethodSettings.model_validate({name: getattr(config, name).model_dump()
                                            for name in MethodSettings.model_fields})
    base = cost_tables(members, clusters, method)
    sampled = drawing.sample(base.k, method, 4, seed=11)
    draws = drawing.Draws(**{**{f: getattr(sampled, f) for f in sampled.__dataclass_fields__},
                             "insulation": np.full(4, 0.5), "loop_energy": np.ones(4), "loop_peak": np.ones(4)})
    metres = base.inputs[["boormeters_energie_m", "boormeters_piek_m"]]
    vectorised = {view: np.stack([np.round(drawing.totals(base.options[view][o], draws, base.views[view], metres))
                                  for o in COSTED], axis=2) for view in base.views}
    decided = decide_draws(base.inputs, COSTED, vectorised["eindgebruiker"], vectorised["nationaal"], base.allowed)
    categories = _categories(base.options)
    checked = 0
    for d in range(draws.n):
        reference = cost_tables(members, clusters, _reference_settings(method, draws, d, categories))
        for view in base.views:
            expected = reference.totals[view][list(COSTED)].to_numpy(dtype=float)
            found = vectorised[view][d]
            both = ~np.isnan(expected)
            assert np.array_equal(both, ~np.isnan(found)), view
            assert np.abs(found[both] - expected[both]).max() <= 1.0, (view, d)  # rounding of equal sums
        _, table = decide(reference.inputs, reference.prepared, reference.totals["eindgebruiker"],
                          reference.totals["nationaal"], reference.allowed)
        for level in decided.values():
            keys = pd.Series([COSTED[i] if i != NONE else None for i in level.decided[d]], index=level.clusters)
            want = table["goedkoopste"].reindex(level.clusters)
            agree = (keys.fillna("-") == want.astype(object).fillna("-")).mean()
            assert agree >= 0.99, (d, agree)
            checked += len(keys)
    assert checked > 400
