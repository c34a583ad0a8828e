"""Yearly cost per dwelling of every heating configuration, in euros (docs/method.md, 'Kosten').

Every configuration is a list of *components*: an investment with a lifetime and a yearly
maintenance share, owned by the resident or by a heat supplier, plus energy (gas, heat or
electricity) and fixed charges. The kentallen, each with its source, are in
``src/warmtekans/data/kosten.csv`` (Vesta MAIS 5.0 at price level 2018; seeds 002 and 004);
amounts are indexed to one price year with the CBS consumer price index rows of that file.

Two views (:class:`CostView`):

* **eindgebruiker** – what a resident pays: VAT on investments and maintenance, energy prices
  with energy tax and VAT, the ISDE heat-pump subsidy, the own investment spread over
  ``end_user_years`` at ``end_user_rate`` (seed 002: 15 years), a supplier's network and source
  recovered over their lifetime (at most ``supplier_years``) at ``supplier_rate``.
* **nationaal** – Vesta's *maatschappelijke kosten*: no VAT, energy tax or subsidy; every
  component over its own lifetime at the societal discount rate (3 %).

Per option the yearly electricity (kWh) and the design-day electric peak (kW) are returned
too; collective options with a central heat pump use the network's simultaneity.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from warmtekans.core.units import GJ_PER_KWH
from warmtekans.core.vocabulary import (
    NETWORK_SOURCES,
    OPEN_WKO,
    RESTWARMTE,
    RIOOL_DIRECT,
    RIOOL_WKO,
    TEO,
)
from warmtekans.decision.kentallen import CostKentallen
from warmtekans.decision.ledger import RESULT_PARTS, CostView, Ledger
from warmtekans.decision.options import (
    AREA_OPTIONS,
    BODEM,
    COLL_LUCHT,
    CV,
    GEDEELD,
    GROOT,
    KLEIN,
    LUCHT,
    MINI_OPTIONS,
    RINGNET,
)

#: Heat sources a bronnet is costed on (keys of :data:`~warmtekans.core.vocabulary.HEAT_SOURCES`).
SOURCES = NETWORK_SOURCES


def _label_spf(k: CostKentallen, prefix: str, label: pd.Series) -> pd.Series:
    """Seasonal performance for space heating by label: A, B, or C (C and worse; Vesta has no lower class)."""
    letter = label.astype("string").fillna("C").str[:1].where(lambda s: s.isin(["A", "B"]), "C")
    return letter.map({x: k[f"{prefix}_spf_rv_{x}"] for x in "ABC"}).astype(float)


def _single_family(dwellings: pd.DataFrame) -> pd.Series:
    if "woningtype" not in dwellings:
        return pd.Series(True, index=dwellings.index)
    return (dwellings["woningtype"].astype("string") != "appartement").fillna(True)


def _tap_peak_kw(dwellings: pd.DataFrame) -> pd.Series:
    if "piek_kw" in dwellings:
        return (dwellings["piek_kw"] - dwellings["piek_rv_kw"]).astype(float)
    return pd.Series(np.where(_single_family(dwellings), 2.0, 4.0), index=dwellings.index)


def _add_lt_emitters(ledger: "Ledger", k: CostKentallen, dwellings: pd.DataFrame) -> None:
    """Low-temperature emitters (Vesta LTAS) for every heat-pump option, unless the view leaves them out."""
    if ledger.view.lt_emitters:
        amount = pd.Series(np.where(_single_family(dwellings), k["lt_afgifte_eengezins"], k["lt_afgifte_meergezins"]),
                           index=dwellings.index)
        ledger.invest("LT-afgifte", amount, lifetime=k["levensduur_afgifte"])


def own_loop_metres(peak_rv_kw: pd.Series, scop: float = 4.0, extraction_w_per_m: float = 40.0) -> pd.Series:
    """Borehole metres of a dwelling's own loop: P_rv × (1 − 1/SCOP) / q (docs/method.md §4)."""
    return peak_rv_kw * 1000 * (1 - 1 / scop) / extraction_w_per_m


def loop_cost_parts(k: CostKentallen) -> tuple[float, float]:
    """Fixed euros per borehole and euros per borehole metre, from Vesta's ground heat pump.

    The loop is 40 % of Vesta's investment for the reference dwelling (100 m², 7.555 kW, whose
    loop is ``referentie_boormeters_m``); ``bodemlus_aandeel_vast_per_boring`` of that is fixed
    per borehole, the rest per metre.
    """
    reference = k["bodem_wp_vast"] + k["bodem_wp_per_kw"] * k["referentie_piek_rv_kw"]
    loop = k["bodem_wp_aandeel_bodemlus"] * reference
    fixed = k["bodemlus_aandeel_vast_per_boring"] * loop
    per_metre = (loop - fixed) / k["referentie_boormeters_m"]
    return fixed, per_metre


def diversity_reduction(k: CostKentallen, dwellings_sharing: pd.Series | float) -> pd.Series | float:
    """Share fewer borehole metres when dwellings share a source: 0 for 1, up to 15 % at ≥ 10 (seed 003)."""
    n = np.clip(np.asarray(dwellings_sharing, dtype=float) - 1, 0, 9)
    result = k["bodemlus_spreiding_max"] * n / 9
    if isinstance(dwellings_sharing, pd.Series):
        return pd.Series(result, index=dwellings_sharing.index)
    return float(result)


def mt_pipe_eur_per_m(k: CostKentallen, power_mw) -> np.ndarray:
    """Insulated network pipe, Vesta: 0.5·(K_min + K_max) = 600 + 105·P^0.5 + 100·P^0.6 €/m (2018), P in MW."""
    p = np.maximum(np.asarray(power_mw, dtype=float), 0)
    return k["leiding_mt_vast_per_m"] + k["leiding_mt_wortel_per_m"] * p ** 0.5 + k["leiding_mt_macht_per_m"] * p ** 0.6


def _heat_pump_electricity(ledger: Ledger, dwellings: pd.DataFrame, spf_rv: pd.Series, spf_tw: float,
                           design_cop: float, k: CostKentallen) -> None:
    kwh = (dwellings["rv_gj"] / spf_rv + dwellings["tw_gj"] / spf_tw) / GJ_PER_KWH
    ledger.electricity(kwh)
    tap_peak = k["gelijktijdigheid_tw_individueel"] * _tap_peak_kw(dwellings)
    ledger.peak_el = (dwellings["piek_rv_kw"] + tap_peak) / design_cop


def _sharing(cluster: pd.Series, connections: pd.Series | None) -> pd.Series:
    """Connections that share a cluster's collective parts (default: the rows of that cluster)."""
    if connections is not None:
        return connections.astype(float)
    return cluster.map(cluster.value_counts()).astype(float)


def _water_heat_pump_unit(k: CostKentallen, peak_rv_kw: pd.Series) -> pd.Series:
    """The water-water heat pump itself: Vesta's ground heat pump without its loop (the 60 % 15-year part)."""
    return (1 - k["bodem_wp_aandeel_bodemlus"]) * (k["bodem_wp_vast"] + k["bodem_wp_per_kw"] * peak_rv_kw)


def cv_ketel(dwellings: pd.DataFrame, k: CostKentallen, view: CostView) -> pd.DataFrame:
    """Reference: HR boiler on natural gas. Gas m³ = RV / (1.04·0.03165) + TW / (0.72·0.03165)."""
    ledger = Ledger(view, dwellings.index)
    ledger.invest("ketel", pd.Series(k["hr_ketel_vast"], index=dwellings.index), lifetime=k["levensduur_installatie"],
                  maintenance=k["hr_ketel_onderhoud"])
    gas = (dwellings["rv_gj"] / k["hr_rendement_rv"] + dwellings["tw_gj"] / k["hr_rendement_tw"]) / k["gas_gj_per_m3"]
    ledger.natural_gas(gas)
    return ledger.result()


def luchtwarmtepomp(dwellings: pd.DataFrame, k: CostKentallen, view: CostView) -> pd.DataFrame:
    """Individual air-water heat pump (all-electric), sized on the space-heating peak (Vesta)."""
    ledger = Ledger(view, dwellings.index)
    unit = k["lucht_wp_vast"] + k["lucht_wp_per_kw"] * dwellings["piek_rv_kw"]
    ledger.invest("warmtepomp", unit, lifetime=k["levensduur_installatie"], maintenance=k["lucht_wp_onderhoud"],
                  subsidised=True)
    _add_lt_emitters(ledger, k, dwellings)
    ledger.invest("verzwaren aansluiting", pd.Series(k["verzwaren_aansluiting"], index=dwellings.index),
                  lifetime=k["levensduur_net"])
    _heat_pump_electricity(ledger, dwellings, _label_spf(k, "lucht_wp", dwellings["labelklasse"]),
                           k["lucht_wp_spf_tw"], k["ontwerp_cop_lucht"], k)
    return ledger.result()


def bodemwarmtepomp(dwellings: pd.DataFrame, k: CostKentallen, view: CostView,
                    metres: pd.Series | None = None) -> pd.DataFrame:
    """Individual ground-source heat pump with its own loop: unit + one borehole of ``metres``.

    ``metres`` defaults to :func:`borehole_metres` of the dwelling's space-heating peak.
    For Vesta's reference dwelling this is exactly Vesta's 6 544 + 826 €/kW × 7.555 kW.
    """
    metres = own_loop_metres(dwellings["piek_rv_kw"]) if metres is None else metres
    fixed, per_metre = loop_cost_parts(k)
    return _own_heat_pump_on_ground_source(dwellings, k, view, fixed + per_metre * metres, part="bodemlus")


def gedeelde_bodemlus(dwellings: pd.DataFrame, k: CostKentallen, view: CostView, *, cluster: pd.Series,
                      loops: pd.Series, metres: pd.Series | None = None,
                      connections: pd.Series | None = None) -> pd.DataFrame:
    """Own water heat pump on a loop shared by neighbours (2–5 per loop), no ring.

    Per cluster: Σ own metres × (1 − spreiding(dwellings per loop)) of drilling, ``loops``
    boreholes (fixed part each), a distributor per loop, ``leiding_gedeelde_lus_per_woning`` m
    of garden pipe per dwelling; divided equally (neighbours arrange it themselves, no project overhead).
    """
    metres = own_loop_metres(dwellings["piek_rv_kw"]) if metres is None else metres
    fixed, per_metre = loop_cost_parts(k)
    n = _sharing(cluster, connections)
    loops = loops.astype(float).clip(lower=1)
    per_loop = n / loops
    shared_metres = metres * (1 - diversity_reduction(k, per_loop))
    collective = (per_metre * shared_metres + (fixed + k["verdeler_gedeelde_lus"]) * loops / n
                  + k["leiding_gedeelde_lus_per_woning"] * k["leiding_prive_per_m"])
    return _own_heat_pump_on_ground_source(dwellings, k, view, collective)


def ringnet(dwellings: pd.DataFrame, k: CostKentallen, view: CostView, *, cluster: pd.Series, loops: pd.Series,
            trench_m: pd.Series, metres: pd.Series | None = None,
            connections: pd.Series | None = None) -> pd.DataFrame:
    """Own water heat pumps on a ring along the street that connects the cluster's loops.

    Per cluster: Σ metres × (1 − spreiding(n)), ``loops`` boreholes, one distributor, and the
    cluster's trench length of ring pipe (``leiding_bronnet_per_m``); + 8 %, divided equally.
    """
    metres = own_loop_metres(dwellings["piek_rv_kw"]) if metres is None else metres
    fixed, per_metre = loop_cost_parts(k)
    n = _sharing(cluster, connections)
    loops = loops.astype(float).clip(lower=1)
    shared_metres = metres * (1 - diversity_reduction(k, n))
    collective = (per_metre * shared_metres + (fixed * loops + k["regeling_ringnet"]) / n
                  + trench_m * k["leiding_bronnet_per_m"] / n) * (1 + k["opslag_uitvoering"])
    return _own_heat_pump_on_ground_source(dwellings, k, view, collective)


def _own_heat_pump_on_ground_source(dwellings: pd.DataFrame, k: CostKentallen, view: CostView,
                                    source_eur: pd.Series, *, part: str = "gedeelde bron") -> pd.DataFrame:
    """An own water heat pump per dwelling on a ground source costing ``source_eur`` per dwelling (€):
    its own loop (``part`` 'bodemlus') or its share of a shared loop or ring ('gedeelde bron')."""
    ledger = Ledger(view, dwellings.index)
    maintenance = k["bodem_wp_onderhoud"]
    ledger.invest("warmtepomp", _water_heat_pump_unit(k, dwellings["piek_rv_kw"]), lifetime=k["levensduur_installatie"],
                  maintenance=maintenance, subsidised=True)
    ledger.invest(part, source_eur, lifetime=k["levensduur_bodemlus"], maintenance=maintenance, subsidised=True)
    _add_lt_emitters(ledger, k, dwellings)
    ledger.invest("verzwaren aansluiting", pd.Series(k["verzwaren_aansluiting"], index=dwellings.index),
                  lifetime=k["levensduur_net"])
    _heat_pump_electricity(ledger, dwellings, _label_spf(k, "bodem_wp", dwellings["labelklasse"]),
                           k["bodem_wp_spf_tw"], k["ontwerp_cop_bodem"], k)
    return ledger.result()


def collectieve_luchtwarmtepomp(dwellings: pd.DataFrame, k: CostKentallen, view: CostView, *, cluster: pd.Series,
                                trench_m: pd.Series, collective_peak_kw: pd.Series,
                                connections: pd.Series | None = None) -> pd.DataFrame:
    """A central air heat pump (to 70 °C) on a small insulated network, a delivery set per dwelling.

    For a row of houses (mini cluster) the network runs along the street (``trench_m``); for
    an apartment building the trench is 0 and the in-building pipework is Vesta's in-house part.

    Collective parts (heat pump 547.5 €/kW × collective peak; Vesta pipe cost at that peak ×
    trench length; + 8 %) divided equally; in-house delivery set and pipework per dwelling.
    Heat at the plant = demand × (1 + 18 % loss), electricity = that / SPF 3.0 + pumps.
    """
    n = _sharing(cluster, connections)
    heat_pump = k["collectieve_wp_per_kw"] * collective_peak_kw / n * (1 + k["opslag_uitvoering"])
    pipes = mt_pipe_eur_per_m(k, collective_peak_kw / 1000) * trench_m / n * (1 + k["opslag_uitvoering"])
    ledger = Ledger(view, dwellings.index)
    ledger.invest("collectieve warmtepomp", heat_pump, lifetime=k["levensduur_installatie"],
                  maintenance=k["collectieve_wp_onderhoud"],
                  subsidised=True)
    ledger.invest("leidingen", pipes, lifetime=k["levensduur_net"], maintenance=k["net_onderhoud"])
    inhouse = pd.Series(np.where(_single_family(dwellings), k["inpandig_mt_eengezins"], k["inpandig_mt_meergezins"]),
                        index=dwellings.index)
    ledger.invest("inpandig", inhouse, lifetime=k["levensduur_installatie"], maintenance=k["inpandig_onderhoud"])
    ledger.yearly(pd.Series(k["administratie_per_aansluiting"], index=dwellings.index))
    heat = dwellings["rv_gj"] + dwellings["tw_gj"]
    plant = heat * (1 + k["mt_verlies"])
    ledger.electricity((plant / k["collectieve_lucht_wp_spf"] + heat * k["pompenergie"]) / GJ_PER_KWH)
    ledger.peak_el = collective_peak_kw / n / k["ontwerp_cop_collectief"]
    return ledger.result()


def source_investment(k: CostKentallen, source: str, base_load_kw) -> np.ndarray:
    """Investment (euros) of a bronnet's named source on its base load (0.3 × collective peak).

    riothermie met WKO: 873 €/kW (seed 004) + WKO (Vesta 165 000 + 126.5 €/kW) + technical room;
    riothermie (direct): 873 €/kW + room; WKO: Vesta WKO + room; TEO: Vesta 100 000 + 220 €/kW +
    room; restwarmte (a low-temperature point source): Vesta 150 €/kW + room.
    """
    base = np.asarray(base_load_kw, dtype=float)
    wko = k["wko_vast"] + k["wko_per_kw"] * base
    if source == RIOOL_WKO:
        return k["riothermie_per_kw"] * base + wko + k["technische_ruimte"]
    if source == RIOOL_DIRECT:
        return k["riothermie_per_kw"] * base + k["technische_ruimte"]
    if source == RESTWARMTE:
        return k["lt_puntbron_per_kw"] * base + k["technische_ruimte"]
    if source == OPEN_WKO:
        return wko + k["technische_ruimte"]
    if source == TEO:
        return k["teo_vast"] + k["teo_per_kw"] * base + k["technische_ruimte"]
    raise ValueError(f"unknown source '{source}'; known: {', '.join(SOURCES)}")


def _source_maintenance(k: CostKentallen, source: str) -> float:
    return {RIOOL_WKO: (k["riothermie_onderhoud"] + k["wko_onderhoud"]) / 2, OPEN_WKO: k["wko_onderhoud"],
            RIOOL_DIRECT: k["riothermie_onderhoud"], TEO: k["teo_onderhoud"],
            RESTWARMTE: k["mt_bron_onderhoud"]}[source]


def _source_electricity_gj_per_gj(k: CostKentallen, source: str) -> float:
    """Pumping electricity of the source (GJe per GJ): WKO 0.025 (also with riothermie), TEO 0.017, else 0."""
    return {TEO: k["teo_elektriciteit"], OPEN_WKO: k["wko_elektriciteit"],
            RIOOL_WKO: k["wko_elektriciteit"]}.get(source, 0.0)


def kleinschalig_warmtenet(dwellings: pd.DataFrame, k: CostKentallen, view: CostView, *, cluster: pd.Series,
                           trench_m: pd.Series, collective_peak_kw: pd.Series, source: pd.Series,
                           base_load_share: float = 0.3, connections: pd.Series | None = None) -> pd.DataFrame:
    """A bronnet (low-temperature source network) with a named source; own water heat pump per dwelling.

    The supplier's investment (the source on ``base_load_share`` × the collective peak and the pipes,
    × 1.08 × 1.2886) is divided over the connections and recovered at the supplier's rate (components
    'bron' and 'leidingen' of ``attrs['parts']``); the dwelling pays its own heat pump unit.
    Electricity: RV / 4.8 + TW / 2.5 (seed 004, Vesta) + source pumps + network pumps.
    """
    n = _sharing(cluster, connections)
    markup = (1 + k["opslag_uitvoering"]) * (1 + k["opslag_bijkomend_warmtenet"])
    base = base_load_share * collective_peak_kw
    source_eur = pd.Series(0.0, index=dwellings.index)
    maintenance_share = pd.Series(0.0, index=dwellings.index)
    electricity_share = pd.Series(0.0, index=dwellings.index)
    for name in source.dropna().unique():
        rows = source == name
        source_eur[rows] = source_investment(k, name, base[rows]) / n[rows] * markup
        maintenance_share[rows] = _source_maintenance(k, name)
        electricity_share[rows] = _source_electricity_gj_per_gj(k, name)
    pipes = trench_m * k["leiding_bronnet_per_m"] / n * markup
    ledger = Ledger(view, dwellings.index)
    ledger.invest("warmtepomp", _water_heat_pump_unit(k, dwellings["piek_rv_kw"]), lifetime=k["levensduur_installatie"],
                  maintenance=k["bodem_wp_onderhoud"], subsidised=True)
    _add_lt_emitters(ledger, k, dwellings)
    ledger.invest("verzwaren aansluiting", pd.Series(k["verzwaren_aansluiting"], index=dwellings.index),
                  lifetime=k["levensduur_net"])
    ledger.invest("bron", source_eur, lifetime=k["levensduur_net"], maintenance=maintenance_share, supplier=True)
    ledger.invest("leidingen", pipes, lifetime=k["levensduur_net"], maintenance=k["net_onderhoud"], supplier=True)
    ledger.yearly(pd.Series(k["administratie_per_aansluiting"], index=dwellings.index))
    spf_rv = pd.Series(k["bronnet_spf_rv"], index=dwellings.index)
    _heat_pump_electricity(ledger, dwellings, spf_rv, k["bodem_wp_spf_tw"], k["ontwerp_cop_bodem"], k)
    heat = dwellings["rv_gj"] + dwellings["tw_gj"]
    ledger.electricity(heat * (1 + k["bronnet_verlies"]) * (electricity_share + k["pompenergie"]) / GJ_PER_KWH)
    return ledger.result()


def grootschalig_warmtenet(dwellings: pd.DataFrame, k: CostKentallen, view: CostView, *, cluster: pd.Series,
                           trench_m: pd.Series, collective_peak_kw: pd.Series,
                           connections: pd.Series | None = None) -> pd.DataFrame:
    """A large (MT) heat network.

    Resident: ACM-regulated tariffs (connection contribution, standing charge, heat price per
    GJ; seed 004, 2023) + in-house pipework. National: Vesta costs: pipes (Vesta formula at the
    collective peak × trench), substation 135 €/kW on the connection capacity, in-house set and
    pipework, an MT source (restwarmte, 250 €/kW on 0.3 × peak) and its heat (estimate).
    """
    ledger = Ledger(view, dwellings.index)
    heat = dwellings["rv_gj"] + dwellings["tw_gj"]
    n = _sharing(cluster, connections)
    ledger.electricity(heat * k["pompenergie"] / GJ_PER_KWH)
    ledger.peak_el = k["pompenergie"] * collective_peak_kw / n
    if view.is_end_user:
        ledger.invest("aansluitbijdrage", pd.Series(k["aansluitbijdrage_warmtenet"], index=dwellings.index), lifetime=k["levensduur_net"])
        # in-house pipework without the delivery set (the connection contribution pays for that), both indexed
        inhouse = pd.Series(np.where(_single_family(dwellings), k["inpandig_mt_eengezins"] - k["afleverset_mt"],
                                     k["inpandig_mt_meergezins"] - k["afleverset_mt"]), index=dwellings.index)
        ledger.invest("inpandig", inhouse, lifetime=k["levensduur_installatie"])
        ledger.charge(k["vastrecht_warmtenet_mt"] + k["warmteprijs_mt"] * heat)
        return ledger.result()
    markup = 1 + k["opslag_uitvoering"]
    pipes = mt_pipe_eur_per_m(k, collective_peak_kw / 1000) * trench_m / n * markup
    ledger.invest("leidingen", pipes, lifetime=k["levensduur_net"], maintenance=k["net_onderhoud"], supplier=True)
    peak = dwellings["piek_kw"] if "piek_kw" in dwellings else dwellings["piek_rv_kw"] + _tap_peak_kw(dwellings)
    ledger.invest("onderstation", k["onderstation_per_kw"] * peak, lifetime=k["levensduur_net"],
                  maintenance=k["onderstation_onderhoud"], supplier=True)
    inhouse = pd.Series(np.where(_single_family(dwellings), k["inpandig_mt_eengezins"], k["inpandig_mt_meergezins"]),
                        index=dwellings.index)
    ledger.invest("inpandig", inhouse, lifetime=k["levensduur_installatie"], maintenance=k["inpandig_onderhoud"],
                  supplier=True)
    ledger.invest("bron", k["mt_bron_per_kw"] * 0.3 * collective_peak_kw / n, lifetime=k["levensduur_net"],
                  maintenance=k["mt_bron_onderhoud"], supplier=True)
    ledger.charge(heat * (1 + k["mt_verlies"]) * k["mt_warmte_bron_per_gj"])
    return ledger.result()








def _cluster_value(dwellings: pd.DataFrame, clusters: pd.DataFrame, id_column: str, field: str) -> pd.Series:
    if field not in clusters:
        return pd.Series(np.nan, index=dwellings.index)
    return dwellings[id_column].map(clusters[field]).astype("float64")


def _connections(dwellings: pd.DataFrame, clusters: pd.DataFrame, id_column: str) -> pd.Series:
    """Connections sharing a cluster's collective parts: its WEQ when known, else its dwellings here."""
    counts = dwellings[id_column].map(dwellings[id_column].value_counts()).astype(float)
    weq = _cluster_value(dwellings, clusters, id_column, "weq")
    return weq.fillna(counts).clip(lower=1)


def dwelling_option_costs(dwellings: pd.DataFrame, clusters: pd.DataFrame, k: CostKentallen,
                          view: CostView) -> dict[str, pd.DataFrame]:
    """Every option's yearly cost per dwelling (:data:`RESULT_PARTS` columns), NaN where it does not apply.

    ``dwellings`` needs ``rv_gj``, ``tw_gj``, ``piek_rv_kw``, ``labelklasse`` (``piek_kw``,
    ``woningtype``, ``boormeters_m`` when available) and ``mini_cluster_id`` /
    ``gebied_cluster_id``; ``clusters`` is indexed by cluster id with ``tracelengte_m``,
    ``gelijktijdig_piek_kw``, ``bodemlussen``, ``schaal``, ``weq`` and, for a bronnet,
    ``bronnet_bron`` (a key of :data:`SOURCES`; NA = no named source, no bronnet).
    Mini options apply to members of a mini cluster (and the collective air heat pump to
    apartments sharing a building); the bronnet to members of a kleinschalig area with a source,
    the large network to members of any area (whether they may join is decided elsewhere).
    Shared parts are divided equally over the connections.
    """
    dwellings = dwellings.copy()
    if "piek_kw" not in dwellings:
        dwellings["piek_kw"] = dwellings["piek_rv_kw"] + _tap_peak_kw(dwellings)
    metres = dwellings["boormeters_m"].astype(float) if "boormeters_m" in dwellings else None
    if metres is not None:
        metres = metres.fillna(own_loop_metres(dwellings["piek_rv_kw"]))
    empty = pd.DataFrame(np.nan, index=dwellings.index, columns=list(RESULT_PARTS))
    result = {CV: cv_ketel(dwellings, k, view), LUCHT: luchtwarmtepomp(dwellings, k, view),
              BODEM: bodemwarmtepomp(dwellings, k, view, metres)}
    for option in MINI_OPTIONS + AREA_OPTIONS:
        result[option] = empty.copy()

    mini = (dwellings["mini_cluster_id"].notna() if "mini_cluster_id" in dwellings
            else pd.Series(False, index=dwellings.index))
    if mini.any():
        part = dwellings[mini]
        cluster = part["mini_cluster_id"].astype(str)
        n = _connections(part, clusters, "mini_cluster_id")
        loops = _cluster_value(part, clusters, "mini_cluster_id", "bodemlussen")
        trench = _cluster_value(part, clusters, "mini_cluster_id", "tracelengte_m")
        peak = _cluster_value(part, clusters, "mini_cluster_id", "gelijktijdig_piek_kw")
        part_metres = metres[mini] if metres is not None else None
        fallback_loops = np.ceil(own_loop_metres(part["piek_rv_kw"]).groupby(cluster).transform("sum") / 400)
        loops = loops.fillna(fallback_loops)
        _assign(result[GEDEELD], gedeelde_bodemlus(part, k, view, cluster=cluster, loops=loops, metres=part_metres,
                                                   connections=n))
        _assign(result[RINGNET], ringnet(part, k, view, cluster=cluster, loops=loops, trench_m=trench,
                                         metres=part_metres, connections=n))
        _assign(result[COLL_LUCHT], collectieve_luchtwarmtepomp(part, k, view, cluster=cluster, trench_m=trench,
                                                                collective_peak_kw=peak, connections=n))

    building = apartment_buildings(dwellings) & ~mini
    if building.any():
        part = dwellings[building]
        key = "pand:" + part["pand_id"].astype(str)
        peak = building_collective_peak_kw(part, key)
        _assign(result[COLL_LUCHT], collectieve_luchtwarmtepomp(part, k, view, cluster=key,
                                                                trench_m=pd.Series(0.0, index=part.index),
                                                                collective_peak_kw=peak))

    if "gebied_cluster_id" in dwellings and "schaal" in clusters:
        scale = dwellings["gebied_cluster_id"].map(clusters["schaal"])
        for option, wanted in ((KLEIN, ("kleinschalig",)), (GROOT, ("kleinschalig", "grootschalig"))):
            rows = scale.isin(wanted)
            if option == KLEIN:
                source = dwellings["gebied_cluster_id"].map(clusters["bronnet_bron"]) if "bronnet_bron" in clusters \
                    else pd.Series(pd.NA, index=dwellings.index)
                rows = rows & source.isin(SOURCES)
            if not rows.any():
                continue
            part = dwellings[rows]
            cluster = part["gebied_cluster_id"].astype(str)
            n = _connections(part, clusters, "gebied_cluster_id")
            trench = _cluster_value(part, clusters, "gebied_cluster_id", "tracelengte_m")
            peak = _cluster_value(part, clusters, "gebied_cluster_id", "gelijktijdig_piek_kw")
            if option == KLEIN:
                costs = kleinschalig_warmtenet(part, k, view, cluster=cluster, trench_m=trench, collective_peak_kw=peak,
                                               source=source[rows], connections=n)
            else:
                costs = grootschalig_warmtenet(part, k, view, cluster=cluster, trench_m=trench, collective_peak_kw=peak,
                                               connections=n)
            _assign(result[option], costs)
    return result


def apartment_buildings(dwellings: pd.DataFrame) -> pd.Series:
    """Apartments in a pand with at least two apartments: they can share a collective air heat pump
    in the building (seed 003: 'voor gestapelde bouw is minicollectief een prima oplossing')."""
    if "pand_id" not in dwellings or "woningtype" not in dwellings:
        return pd.Series(False, index=dwellings.index)
    apartment = (dwellings["woningtype"].astype("string") == "appartement").fillna(False) & dwellings["pand_id"].notna()
    counts = dwellings.loc[apartment, "pand_id"].map(dwellings.loc[apartment, "pand_id"].value_counts())
    return pd.Series(False, index=dwellings.index).mask(apartment, counts.reindex(dwellings.index) >= 2).astype(bool)


def building_collective_peak_kw(dwellings: pd.DataFrame, key: pd.Series, space_heating: float = 0.5,
                                tap_water: float = 0.1) -> pd.Series:
    """Collective peak of each building's apartments (kW), Vesta's simultaneity 0.5 × ΣP_rv + 0.1 × ΣP_tw."""
    peak = space_heating * dwellings["piek_rv_kw"] + tap_water * _tap_peak_kw(dwellings)
    return peak.groupby(key).transform("sum")


def _assign(target: pd.DataFrame, values: pd.DataFrame) -> None:
    target.loc[values.index, list(RESULT_PARTS)] = values[list(RESULT_PARTS)].to_numpy()


def cheapest(costs: pd.DataFrame, feasible: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cheapest feasible option per row and its margin to the next feasible one.

    ``costs`` has one column per option (euros per year; NaN = not applicable), ``feasible``
    the same columns as booleans (default: all). Returns ``goedkoopste`` (option key, NA
    when none), ``goedkoopste_eur_jaar``, ``tweede`` and ``marge_eur_jaar`` (NaN when only one
    option is feasible). Ties go to the first column.
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
