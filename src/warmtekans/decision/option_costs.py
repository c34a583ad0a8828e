"""Every option's yearly cost for every dwelling, in one view (docs/method.md §8 'Kosten').

:func:`costing_inputs` prepares the per-dwelling columns the cost functions read (the insulation step to the
low-temperature label, street lengths for the gas main and the low-voltage cable); :func:`option_costs` costs
the individual options for every dwelling, the mini options for the members of a mini cluster (a row or an
apartment building) and the area networks for the members of an area, each shared part divided over all the
cluster's connections: a shared option is costed as the whole cluster taking it, because it is advised to a
cluster only as a whole (:mod:`warmtekans.decision.advice`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from warmtekans.core.vocabulary import BUITENLUCHT, NETWORK_SOURCES, WARMTENET_GEPLAND
from warmtekans.decision.costs import (
    DWELLING_INPUTS,
    bodemwarmtepomp,
    collectieve_luchtwarmtepomp,
    cv_ketel,
    gedeelde_bodemlus,
    hybride_warmtepomp,
    luchtwarmtepomp,
    own_loop_metres,
    ringnet,
)
from warmtekans.decision.insulation import STEP_COLUMNS, insulation_step
from warmtekans.decision.kentallen import CostKentallen
from warmtekans.decision.ledger import RESULT_PARTS, TERM, CostView
from warmtekans.decision.networks import area_network
from warmtekans.decision.options import (
    BODEM,
    COLL_LUCHT,
    COSTED,
    CV,
    GEDEELD,
    GROOT,
    HYBRIDE,
    KLEIN,
    LUCHT,
    RINGNET,
)
from warmtekans.model.scales import SCALE_LARGE, SCALE_SMALL


def costing_inputs(
    dwellings: pd.DataFrame, clusters: pd.DataFrame, k: CostKentallen, *, lt_min_label: str
) -> pd.DataFrame:
    """The dwellings with the columns the cost functions read (:data:`warmtekans.decision.costs.DWELLING_INPUTS`).

    ``eengezins`` (ground-bound), the insulation step to ``lt_min_label`` (``isolatie_*``, ``label_lt`` and
    ``rv_gj_lt``, the space heating after it), and ``straat_m`` / ``lsnet_m``: the street length per dwelling of
    its mini cluster, else its area (``straat_m`` of the cluster over its WEQ; a cluster without street, such as an
    apartment building, counts as unknown), else the national average of the gas main and the LV cable per dwelling.
    """
    out = dwellings.copy()
    out["eengezins"] = (out["woningtype"].astype("string") != "appartement").fillna(True).to_numpy(dtype=bool)
    step = insulation_step(out, lt_min_label)
    for column in STEP_COLUMNS:
        out[column] = step[column]
    out["rv_gj_lt"] = step["rv_gj_na_isolatie"]
    out["label_lt"] = step["label_na_isolatie"]
    street = pd.Series(np.nan, index=out.index)
    if {"straat_m", "weq"} <= set(clusters.columns):
        # a cluster without street of its own (an apartment building: its trench is one connection) says nothing
        # about the gas main and the LV cable in front of it: the area's street, else the national average
        per_dwelling = clusters["straat_m"].where(clusters["straat_m"] > 0) / clusters["weq"].where(clusters["weq"] > 0)
        for column in ("gebied_cluster_id", "mini_cluster_id"):  # the mini cluster's street wins where both are known
            if column in out:
                found = out[column].map(per_dwelling).astype(float)
                street = found.where(found.notna(), street)
    out["straat_m"] = street.fillna(k["gasnet_lengte_per_woning"])
    out["lsnet_m"] = street.fillna(k["lsnet_lengte_per_woning"])
    return out


def _cluster_value(dwellings: pd.DataFrame, clusters: pd.DataFrame, id_column: str, field: str) -> pd.Series:
    if field not in clusters or id_column not in dwellings:
        return pd.Series(np.nan, index=dwellings.index)
    return dwellings[id_column].map(clusters[field]).astype("float64")


def connections(dwellings: pd.DataFrame, clusters: pd.DataFrame, id_column: str) -> pd.Series:
    """Connections sharing a cluster's collective parts: its WEQ when known, else its dwellings here."""
    counts = dwellings[id_column].map(dwellings[id_column].value_counts()).astype(float)
    return _cluster_value(dwellings, clusters, id_column, "weq").fillna(counts).clip(lower=1)


def area_source(dwellings: pd.DataFrame, clusters: pd.DataFrame, small: bool) -> pd.Series:
    """The source each member's area network is costed on: a kleinschalig network on its named LT source, else on
    outside air; a grootschalig network on its named source or the planned network, else on outside air."""
    keys = (
        dwellings["gebied_cluster_id"].map(clusters["warmtebron_sleutel"])
        if "warmtebron_sleutel" in clusters
        else pd.Series(pd.NA, index=dwellings.index)
    )
    keys = keys.astype("string")
    usable = keys.isin(NETWORK_SOURCES if small else (*NETWORK_SOURCES, WARMTENET_GEPLAND)).fillna(False).astype(bool)
    return keys.where(usable, BUITENLUCHT).astype(object)


def option_costs(
    dwellings: pd.DataFrame,
    clusters: pd.DataFrame,
    k: CostKentallen,
    view: CostView,
    *,
    base_load_share: float,
    spare_kw: float,
    in_planned_network: pd.Series | None = None,
) -> dict[str, pd.DataFrame]:
    """Every option's cost per dwelling (:data:`RESULT_PARTS` columns), NaN where it does not apply.

    ``dwellings`` from :func:`costing_inputs` (with ``mini_cluster_id``, ``gebied_cluster_id``, ``boormeters_m``
    when known); ``clusters`` indexed by cluster id with ``schaal``, ``weq``, ``straat_m`` (street trench without
    the house connections), ``gelijktijdig_piek_kw``, ``bodemlussen``, ``bouwwerk`` (a mini cluster that is one
    apartment building), and for areas ``warmtebron_sleutel`` and ``bron_dekking``. ``in_planned_network`` (per
    dwelling) lets the members of a kleinschalig area join a planned large network.
    """
    missing = [column for column in DWELLING_INPUTS if column not in dwellings]
    if missing:
        raise ValueError(f"option_costs needs the columns of costing_inputs; missing: {', '.join(missing)}")
    empty = pd.DataFrame(np.nan, index=dwellings.index, columns=list(RESULT_PARTS))
    result = {option: empty.copy() for option in COSTED}
    metres = dwellings["boormeters_m"].astype(float) if "boormeters_m" in dwellings else None
    if metres is not None:
        metres = metres.fillna(own_loop_metres(dwellings["piek_rv_kw"]))
    result[CV] = cv_ketel(dwellings, k, view)
    result[HYBRIDE] = hybride_warmtepomp(dwellings, k, view, spare_kw=spare_kw)
    result[LUCHT] = luchtwarmtepomp(dwellings, k, view, spare_kw=spare_kw)
    result[BODEM] = bodemwarmtepomp(dwellings, k, view, metres, spare_kw=spare_kw)
    _mini_options(result, dwellings, clusters, k, view, metres, spare_kw)
    _area_options(result, dwellings, clusters, k, view, base_load_share, spare_kw, in_planned_network)
    return result


def _mini_options(result, dwellings, clusters, k, view, metres, spare_kw) -> None:
    mini = (
        dwellings["mini_cluster_id"].notna()
        if "mini_cluster_id" in dwellings
        else pd.Series(False, index=dwellings.index)
    )
    if not mini.any():
        return
    part = dwellings[mini]
    n = connections(part, clusters, "mini_cluster_id")
    loops = _cluster_value(part, clusters, "mini_cluster_id", "bodemlussen")
    loops = loops.fillna(
        np.ceil(own_loop_metres(part["piek_rv_kw"]).groupby(part["mini_cluster_id"]).transform("sum") / 400)
    )
    street = _cluster_value(part, clusters, "mini_cluster_id", "straat_m").fillna(0.0)
    peak = _cluster_value(part, clusters, "mini_cluster_id", "gelijktijdig_piek_kw")
    building = (
        part["mini_cluster_id"].map(clusters["bouwwerk"]).fillna(False).astype(bool)
        if "bouwwerk" in clusters
        else pd.Series(False, index=part.index)
    )
    part_metres = metres[mini] if metres is not None else None
    _assign(
        result[GEDEELD],
        gedeelde_bodemlus(part, k, view, connections=n, loops=loops, metres=part_metres, spare_kw=spare_kw),
    )
    _assign(
        result[RINGNET],
        ringnet(part, k, view, connections=n, loops=loops, street_m=street, metres=part_metres, spare_kw=spare_kw),
    )
    _assign(
        result[COLL_LUCHT],
        collectieve_luchtwarmtepomp(
            part,
            k,
            view,
            connections=n,
            collective_peak_kw=peak,
            street_m=street,
            in_building=building,
            spare_kw=spare_kw,
        ),
    )


def _area_options(result, dwellings, clusters, k, view, base_load_share, spare_kw, in_planned_network) -> None:
    if "gebied_cluster_id" not in dwellings or "schaal" not in clusters:
        return
    scale = dwellings["gebied_cluster_id"].map(clusters["schaal"])
    planned = (
        in_planned_network.reindex(dwellings.index).fillna(False).astype(bool)
        if in_planned_network is not None
        else pd.Series(False, index=dwellings.index)
    )
    for option, rows, small in (
        (KLEIN, scale == SCALE_SMALL, True),
        (GROOT, (scale == SCALE_LARGE) | ((scale == SCALE_SMALL) & planned), False),
    ):
        rows = rows.fillna(False).astype(bool)
        if not rows.any():
            continue
        part = dwellings[rows]
        source = area_source(part, clusters, small)
        if option == GROOT:
            source = source.where(~planned[rows], WARMTENET_GEPLAND)
        coverage = _cluster_value(part, clusters, "gebied_cluster_id", "bron_dekking").fillna(0.0)
        coverage = coverage.where(source.isin(NETWORK_SOURCES), 1.0)
        costs = area_network(
            part,
            k,
            view,
            small=small,
            source=source,
            connections=connections(part, clusters, "gebied_cluster_id"),
            collective_peak_kw=_cluster_value(part, clusters, "gebied_cluster_id", "gelijktijdig_piek_kw"),
            connection_kw=part["piek_kw"].groupby(part["gebied_cluster_id"]).transform("sum"),
            street_m=_cluster_value(part, clusters, "gebied_cluster_id", "straat_m").fillna(0.0),
            coverage=coverage,
            base_load_share=base_load_share,
            spare_kw=spare_kw,
        )
        _assign(result[option], costs)


def _assign(target: pd.DataFrame, values: pd.DataFrame) -> None:
    """Write ``values`` (the totals and the terms, :data:`~warmtekans.decision.ledger.TERM`) into ``target``'s
    rows; a term a row lacks is 0 there (NaN only outside the option)."""
    terms = [column for column in values.columns if column.startswith(TERM)]
    for column in terms:
        if column not in target:
            target[column] = np.where(target["totaal_eur_jaar"].notna(), 0.0, np.nan)
    columns = list(RESULT_PARTS) + terms
    target.loc[values.index, columns] = values[columns].fillna(0.0).to_numpy()
    others = [column for column in target.columns if column.startswith(TERM) and column not in terms]
    target.loc[values.index, others] = 0.0


def cheapest(costs: pd.DataFrame, feasible: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cheapest feasible option per row and its margin to the next feasible one.

    ``costs`` has one column per option (euros per year; NaN = not applicable), ``feasible`` the same columns as
    booleans (default: all). Returns ``goedkoopste`` (option key, NA when none), ``goedkoopste_eur_jaar``,
    ``tweede`` and ``marge_eur_jaar`` (NaN when only one option is feasible). Ties go to the first column.
    """
    values = costs.astype(float)
    if feasible is not None:
        values = values.where(feasible.reindex(columns=values.columns, fill_value=False).fillna(False).astype(bool))
    array = values.to_numpy()
    order = np.argsort(np.where(np.isnan(array), np.inf, array), axis=1, kind="stable")
    rows = np.arange(len(values))
    first, second = order[:, 0], order[:, 1] if array.shape[1] > 1 else order[:, 0]
    best = array[rows, first]
    runner = array[rows, second] if array.shape[1] > 1 else np.full(len(values), np.nan)
    names = np.asarray(values.columns, dtype=object)
    result = pd.DataFrame(index=values.index)
    result["goedkoopste"] = pd.Series(np.where(np.isnan(best), None, names[first]), index=values.index, dtype="string")
    result["goedkoopste_eur_jaar"] = best
    result["tweede"] = pd.Series(np.where(np.isnan(runner), None, names[second]), index=values.index, dtype="string")
    result["marge_eur_jaar"] = runner - best
    return result
