"""Yearly cost per dwelling of the individual and mini options, in euros (docs/method.md §8 'Kosten').

Every option is a list of components in a :class:`~warmtekans.decision.ledger.Ledger`; the kentallen, each
with its source, are in ``src/warmtekans/data/kosten.csv`` (PBL Startanalyse 2025 where it has a figure;
Vesta MAIS 5.0, the seeds or our estimates otherwise). The area networks are in
:mod:`warmtekans.decision.networks`; :mod:`warmtekans.decision.option_costs` costs every option for every
dwelling.

Each cost function takes ``dwellings`` (one row per dwelling, the columns of :data:`DWELLING_INPUTS`), the
kentallen ``k`` and a :class:`~warmtekans.decision.ledger.CostView`; shared parts are given per dwelling by
the caller (a cluster's total divided over the connections that take it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from warmtekans.core.units import GJ_PER_KWH
from warmtekans.decision.kentallen import CostKentallen
from warmtekans.decision.ledger import CostView, Ledger

#: Term categories with a range of their own beyond a kental (docs/method.md, "Sensitivity"): the insulation step
#: (each dwelling's Startanalyse min-max), the grid (costed again for a drawn spare capacity) and a loop's parts
#: (the ground heat pump's range, and the borehole metres a drawn extraction rate needs).
INSULATION = "isolatie"
GRID = "netverzwaring"
LOOP_METRES = "bodem_wp_vast@meter"
LOOP_BOREHOLE = "bodem_wp_vast@boring"

#: Columns every cost function reads (the orchestrator prepares them).
DWELLING_INPUTS = ("rv_gj", "tw_gj", "piek_rv_kw", "piek_kw", "labelklasse", "eengezins", "rv_gj_lt", "label_lt",
                   "isolatie_eur", "straat_m")


# ---------------------------------------------------------------------------------------------
# Shared helpers


def family(dwellings: pd.DataFrame, k: CostKentallen, single: str, multi: str) -> pd.Series:
    """Kental ``single`` for ground-bound dwellings, ``multi`` for apartments."""
    return pd.Series(np.where(dwellings["eengezins"], k[single], k[multi]), index=dwellings.index, dtype=float)


def tap_peak_kw(dwellings: pd.DataFrame) -> pd.Series:
    """The tap-water part of the connection capacity (kW): ``piek_kw`` − ``piek_rv_kw``."""
    return (dwellings["piek_kw"] - dwellings["piek_rv_kw"]).astype(float)


def label_spf(k: CostKentallen, prefix: str, labels: pd.Series) -> pd.Series:
    """Seasonal performance for space heating by label: A, B, C, or D (D and worse), ``<prefix>_spf_rv_<X>``."""
    letter = labels.astype("string").fillna("C").str[:1]
    letter = letter.where(letter.isin(["A", "B", "C"]), "D")
    return letter.map({x: k[f"{prefix}_spf_rv_{x}"] for x in "ABCD"}).astype(float)


def insulate(ledger: Ledger, dwellings: pd.DataFrame, k: CostKentallen) -> None:
    """The insulation step to the low-temperature label (``isolatie_eur``, 0 when none is needed): 15 % VAT and
    the ISDE insulation subsidy for the resident, who spreads it over ``costs.insulation_years`` (30: its
    lifetime, as Vesta annualises it), not over the 15 years of an appliance."""
    view = ledger.view
    ledger.invest("isolatie", dwellings["isolatie_eur"], lifetime=k["levensduur_isolatie"],
                  vat=view.insulation_vat, subsidy=view.insulation_subsidy, loan_years=view.insulation_years,
                  category=INSULATION)
    if "isolatie_eur_laag" in dwellings:  # the step's own range (Startanalyse min and max) for the draws
        middle = dwellings["isolatie_eur"].where(dwellings["isolatie_eur"] > 0)
        ledger.info("isolatie_laag", (dwellings["isolatie_eur_laag"] / middle).fillna(1.0))
        ledger.info("isolatie_hoog", (dwellings["isolatie_eur_hoog"] / middle).fillna(1.0))


def lt_emitters(ledger: Ledger, dwellings: pd.DataFrame, k: CostKentallen) -> None:
    """Low-temperature emitters (Startanalyse 2025 LTAS, Arcadis 2023) for a low-temperature option."""
    if ledger.view.lt_emitters:
        ledger.invest("LT-afgifte", family(dwellings, k, "lt_afgifte_eengezins", "lt_afgifte_meergezins"),
                      lifetime=k["levensduur_afgifte"], category="lt_afgifte_eengezins")


def gas_free(ledger: Ledger, dwellings: pd.DataFrame, k: CostKentallen, *, own_heat_pump: bool) -> None:
    """What every aardgasvrij option adds to the dwelling: the meter cupboard (all-electric with an own heat pump
    or connected to a collective option), the 3×25 A connection for an own heat pump, and the gas connection
    removed (resident: the installer's work; nationally: the grid operator's cost, and the gas main in the
    street). Without ``dwelling_adaptations`` (``costs.woningaanpassingen: false``, to compare heating systems
    alone as seed 002 does) the resident's meter cupboard, connection fee and pipe removal are left out."""
    kind = "all_electric" if own_heat_pump else "warmtenet"
    adapt = ledger.view.dwelling_adaptations
    if adapt:
        ledger.invest("meterkast", family(dwellings, k, f"meterkast_{kind}_eengezins", f"meterkast_{kind}_meergezins"),
                      lifetime=k["levensduur_afgifte"])
    if ledger.view.is_end_user:
        if not adapt:
            return
        if own_heat_pump:
            ledger.invest("verzwaren aansluiting", k["verzwaren_aansluiting_bewoner"], lifetime=k["levensduur_net"])
        ledger.invest("gasleiding verwijderen", k["gasleiding_verwijderen_bewoner"], lifetime=k["levensduur_net"])
        return
    if own_heat_pump:
        ledger.invest("verzwaren aansluiting", k["verzwaren_aansluiting"], lifetime=k["levensduur_net"],
                      category="verzwaren_aansluiting")
    ledger.invest(
        "gasaansluiting verwijderen",
        family(dwellings, k, "gasaansluiting_verwijderen_laagbouw", "gasaansluiting_verwijderen_hoogbouw"),
        lifetime=k["levensduur_net"],
        category="gasaansluiting_verwijderen_laagbouw",
    )
    ledger.invest(
        "gasnet verwijderen", dwellings["straat_m"] * k["gasnet_verwijderen_per_m"], lifetime=k["levensduur_net"],
        category="gasnet_verwijderen_per_m",
    )


def grid_reinforcement(ledger: Ledger, dwellings: pd.DataFrame, k: CostKentallen, spare_kw: float) -> None:
    """National view: the low-voltage cable along the dwelling's street is reinforced when the option's extra
    design-day peak at the transformer (``ledger.peak_el``, kW) exceeds today's spare capacity ``spare_kw``;
    the part above it takes a share of a new MV station (Netbeheer Nederland 2024 kentallen)."""
    if ledger.view.is_end_user:
        return
    extra = ledger.peak_el.astype(float)
    cable = np.where(extra > spare_kw, dwellings["lsnet_m"] * k["lsnet_verzwaren_per_m"], 0.0)
    station = np.maximum(extra - spare_kw, 0.0) * k["ms_ruimte"] / k["ms_ruimte_kw"]
    ledger.invest("netverzwaring", pd.Series(cable + station, index=dwellings.index), lifetime=k["levensduur_net"],
                  category=GRID)
    # what a draw of the spare capacity needs to cost the grid again (docs/method.md, "Sensitivity")
    ledger.info("net_piek_kw", extra)
    ledger.info("net_kabel_eur", dwellings["lsnet_m"] * k["lsnet_verzwaren_per_m"])
    ledger.info("net_station_eur_per_kw", k["ms_ruimte"] / k["ms_ruimte_kw"])


def own_heat_pump_peak(dwellings: pd.DataFrame, k: CostKentallen, design_cop: float) -> pd.Series:
    """Design-day electric peak of an own heat pump at the transformer (kW):
    net simultaneity × (P_rv + 0.1 × P_tw) / COP_design."""
    return (
        k["net_gelijktijdigheid"]
        * (dwellings["piek_rv_kw"] + k["gelijktijdigheid_tw_individueel"] * tap_peak_kw(dwellings))
        / design_cop
    )


def own_loop_metres(peak_rv_kw: pd.Series, scop: float = 4.0, extraction_w_per_m: float = 40.0) -> pd.Series:
    """Borehole metres of a dwelling's own loop: P_rv × (1 − 1/SCOP) / q (docs/method.md §4)."""
    return peak_rv_kw * 1000 * (1 - 1 / scop) / extraction_w_per_m


def loop_cost_parts(k: CostKentallen) -> tuple[float, float]:
    """Fixed euros per borehole and euros per borehole metre of the ground heat pump's loop.

    The loop is ``bodem_wp_aandeel_bodemlus`` (Startanalyse 2025 AT30: 0.47) of the investment of the
    reference dwelling (7.555 kW, ``referentie_boormeters_m`` of loop); ``bodemlus_aandeel_vast_per_boring``
    of that is fixed per borehole, the rest per metre.
    """
    reference = k["bodem_wp_vast"] + k["bodem_wp_per_kw"] * k["referentie_piek_rv_kw"]
    loop = k["bodem_wp_aandeel_bodemlus"] * reference
    fixed = k["bodemlus_aandeel_vast_per_boring"] * loop
    return fixed, (loop - fixed) / k["referentie_boormeters_m"]


def water_heat_pump_unit(k: CostKentallen, peak_rv_kw: pd.Series) -> pd.Series:
    """The water-water heat pump itself: the ground heat pump without its loop (the 15-year part)."""
    return (1 - k["bodem_wp_aandeel_bodemlus"]) * (k["bodem_wp_vast"] + k["bodem_wp_per_kw"] * peak_rv_kw)


def diversity_reduction(k: CostKentallen, dwellings_sharing) -> pd.Series | float:
    """Share fewer borehole metres when dwellings share a source: 0 for 1, up to 15 % at ≥ 10 (seed 003)."""
    n = np.clip(np.asarray(dwellings_sharing, dtype=float) - 1, 0, 9)
    result = k["bodemlus_spreiding_max"] * n / 9
    if isinstance(dwellings_sharing, pd.Series):
        return pd.Series(result, index=dwellings_sharing.index)
    return float(result)


def heat_pump_electricity(
    ledger: Ledger, space_heating_gj: pd.Series, tap_water_gj: pd.Series, spf_rv: pd.Series, spf_tw: float,
    family: str
) -> None:
    """The heat pump's electricity (kWh) for space heating and tap water at their SPFs; ``family`` names the SPF
    range a sensitivity draw applies."""
    ledger.electricity((space_heating_gj / spf_rv + tap_water_gj / spf_tw) / GJ_PER_KWH, family=family)


# ---------------------------------------------------------------------------------------------
# Individual options


def cv_ketel(dwellings: pd.DataFrame, k: CostKentallen, view: CostView) -> pd.DataFrame:
    """Reference: HR boiler on natural gas. Gas m³ = RV / (1.04 × 0.03165) + TW / (0.72 × 0.03165)."""
    ledger = Ledger(view, dwellings.index)
    ledger.invest(
        "ketel", k["hr_ketel_vast"], lifetime=k["levensduur_installatie"], maintenance=k["hr_ketel_onderhoud"],
        category="hr_ketel_vast",
    )
    gas = (dwellings["rv_gj"] / k["hr_rendement_rv"] + dwellings["tw_gj"] / k["hr_rendement_tw"]) / k["gas_gj_per_m3"]
    ledger.natural_gas(gas)
    return ledger.result()


def hybride_warmtepomp(
    dwellings: pd.DataFrame, k: CostKentallen, view: CostView, *, spare_kw: float = 0.0
) -> pd.DataFrame:
    """Hybrid heat pump beside an HR boiler (Startanalyse 2025 BasisHWP_w + hHR): the heat pump gives
    ``hybride_aandeel_rv`` (0.78) of the space heating at its label's SPF, the boiler the rest and the tap water;
    the gas connection stays. No insulation step (70 °C emitters stay). Not aardgasvrij."""
    ledger = Ledger(view, dwellings.index)
    unit = k["hybride_wp_vast"] + k["hybride_wp_per_kw"] * dwellings["piek_rv_kw"]
    ledger.invest(
        "hybride warmtepomp",
        unit,
        lifetime=k["levensduur_installatie"],
        maintenance=k["hybride_wp_onderhoud"],
        subsidy=view.heat_pump_subsidy,
        category="hybride_wp_per_kw",
    )
    ledger.invest(
        "ketel", k["hr_ketel_vast"], lifetime=k["levensduur_installatie"], maintenance=k["hybride_wp_onderhoud"],
        category="hr_ketel_vast",
    )
    share = k["hybride_aandeel_rv"]
    ledger.electricity(dwellings["rv_gj"] * share / label_spf(k, "hybride_wp", dwellings["labelklasse"]) / GJ_PER_KWH,
                       family="hybride")
    gas = (dwellings["rv_gj"] * (1 - share) / k["hr_rendement_rv"] + dwellings["tw_gj"] / k["hr_rendement_tw"]) / k[
        "gas_gj_per_m3"
    ]
    ledger.natural_gas(gas)
    ledger.peak_el = k["net_gelijktijdigheid"] * dwellings["piek_rv_kw"] * share / k["ontwerp_cop_lucht"]
    grid_reinforcement(ledger, dwellings, k, spare_kw)
    return ledger.result()


def luchtwarmtepomp(
    dwellings: pd.DataFrame, k: CostKentallen, view: CostView, *, spare_kw: float = 0.0
) -> pd.DataFrame:
    """Individual air-water heat pump (all-electric, low temperature): the insulation step first, the unit sized
    on the space-heating peak (Startanalyse 2025 eWP_lw), LT emitters; energy at the label after the step."""
    ledger = Ledger(view, dwellings.index)
    insulate(ledger, dwellings, k)
    unit = k["lucht_wp_vast"] + k["lucht_wp_per_kw"] * dwellings["piek_rv_kw"]
    ledger.invest(
        "warmtepomp",
        unit,
        lifetime=k["levensduur_installatie"],
        maintenance=k["lucht_wp_onderhoud"],
        subsidy=view.heat_pump_subsidy,
        category="lucht_wp_vast",
    )
    lt_emitters(ledger, dwellings, k)
    gas_free(ledger, dwellings, k, own_heat_pump=True)
    heat_pump_electricity(
        ledger,
        dwellings["rv_gj_lt"],
        dwellings["tw_gj"],
        label_spf(k, "lucht_wp", dwellings["label_lt"]),
        k["lucht_wp_spf_tw"],
        family="lucht",
    )
    ledger.peak_el = own_heat_pump_peak(dwellings, k, k["ontwerp_cop_lucht"])
    grid_reinforcement(ledger, dwellings, k, spare_kw)
    return ledger.result()


def bodemwarmtepomp(
    dwellings: pd.DataFrame, k: CostKentallen, view: CostView, metres: pd.Series | None = None, *, spare_kw: float = 0.0
) -> pd.DataFrame:
    """Individual ground-source heat pump with its own loop of ``metres`` (default :func:`own_loop_metres`).

    The unit is the Startanalyse's eWP_bw without its loop; the loop a fixed part per borehole plus a part per
    metre (:func:`loop_cost_parts`), so Vesta's reference dwelling costs exactly its eWP_bw investment.
    """
    metres = own_loop_metres(dwellings["piek_rv_kw"]) if metres is None else metres
    fixed, per_metre = loop_cost_parts(k)
    parts = {LOOP_BOREHOLE: pd.Series(fixed, index=dwellings.index), LOOP_METRES: per_metre * metres}
    return ground_source_heat_pump(dwellings, k, view, parts, part="bodemlus", spare_kw=spare_kw)


def ground_source_heat_pump(
    dwellings: pd.DataFrame,
    k: CostKentallen,
    view: CostView,
    source_eur: dict[str, pd.Series],
    *,
    part: str = "gedeelde bron",
    spare_kw: float = 0.0,
) -> pd.DataFrame:
    """An own water heat pump per dwelling on a ground source costing the sum of ``source_eur`` per dwelling (its
    own loop, or its share of a shared loop or ring; keyed by the kental whose range a draw applies), with the
    insulation step, LT emitters and the gas-free extras."""
    ledger = Ledger(view, dwellings.index)
    insulate(ledger, dwellings, k)
    maintenance = k["bodem_wp_onderhoud"]
    ledger.invest(
        "warmtepomp",
        water_heat_pump_unit(k, dwellings["piek_rv_kw"]),
        lifetime=k["levensduur_installatie"],
        maintenance=maintenance,
        subsidy=view.heat_pump_subsidy,
        category="bodem_wp_vast",
    )
    total = sum(source_eur.values())
    shares = {key: (value / total.where(total != 0)).fillna(0.0) for key, value in source_eur.items()}
    ledger.invest(
        part, total, lifetime=k["levensduur_bodemlus"], maintenance=maintenance, subsidy=view.heat_pump_subsidy,
        category=shares,
    )
    lt_emitters(ledger, dwellings, k)
    gas_free(ledger, dwellings, k, own_heat_pump=True)
    heat_pump_electricity(
        ledger,
        dwellings["rv_gj_lt"],
        dwellings["tw_gj"],
        label_spf(k, "bodem_wp", dwellings["label_lt"]),
        k["bodem_wp_spf_tw"],
        family="bodem",
    )
    ledger.peak_el = own_heat_pump_peak(dwellings, k, k["ontwerp_cop_bodem"])
    grid_reinforcement(ledger, dwellings, k, spare_kw)
    return ledger.result()


# ---------------------------------------------------------------------------------------------
# Mini options (shared parts given per dwelling: the cluster's total over the connections that take it)


def gedeelde_bodemlus(
    dwellings: pd.DataFrame,
    k: CostKentallen,
    view: CostView,
    *,
    connections: pd.Series,
    loops: pd.Series,
    metres: pd.Series | None = None,
    spare_kw: float = 0.0,
) -> pd.DataFrame:
    """Own water heat pump on a loop shared by neighbours (at most ``clusters.shared_loop_max_dwellings`` per loop),
    no ring. Per dwelling: own metres × (1 − spreiding(dwellings per loop)) of drilling, (fixed part per borehole +
    distributor) × loops / n, ``leiding_gedeelde_lus_per_woning`` m of garden pipe (neighbours arrange it
    themselves: no project overhead)."""
    metres = own_loop_metres(dwellings["piek_rv_kw"]) if metres is None else metres
    fixed, per_metre = loop_cost_parts(k)
    n = connections.astype(float)
    loops = loops.astype(float).clip(lower=1)
    shared_metres = metres * (1 - diversity_reduction(k, n / loops))
    source = {
        LOOP_METRES: per_metre * shared_metres,
        LOOP_BOREHOLE: fixed * loops / n,
        "verdeler_gedeelde_lus": k["verdeler_gedeelde_lus"] * loops / n,
        "leiding_gedeelde_lus_per_woning*leiding_prive_per_m": pd.Series(
            k["leiding_gedeelde_lus_per_woning"] * k["leiding_prive_per_m"], index=dwellings.index),
    }
    return ground_source_heat_pump(dwellings, k, view, source, spare_kw=spare_kw)


def ringnet(
    dwellings: pd.DataFrame,
    k: CostKentallen,
    view: CostView,
    *,
    connections: pd.Series,
    loops: pd.Series,
    street_m: pd.Series,
    metres: pd.Series | None = None,
    spare_kw: float = 0.0,
) -> pd.DataFrame:
    """Own water heat pumps on a ring of uninsulated PE pipe along the street that connects the cluster's loops.

    Per cluster: Σ metres × (1 − spreiding(n)), ``loops`` boreholes, controls, the street length of ring pipe at
    ``leiding_lt_per_m`` and a house connection each (``aansluiting_lt``); + 8 % execution, over the connections.
    """
    metres = own_loop_metres(dwellings["piek_rv_kw"]) if metres is None else metres
    fixed, per_metre = loop_cost_parts(k)
    n = connections.astype(float)
    loops = loops.astype(float).clip(lower=1)
    shared_metres = metres * (1 - diversity_reduction(k, n))
    markup = 1 + k["opslag_uitvoering"]
    source = {
        LOOP_METRES: per_metre * shared_metres * markup,
        LOOP_BOREHOLE: fixed * loops / n * markup,
        "regeling_ringnet": k["regeling_ringnet"] / n * markup,
        "leiding_lt_per_m": street_m * k["leiding_lt_per_m"] / n * markup,
        "aansluiting_lt": pd.Series(k["aansluiting_lt"] * markup, index=dwellings.index),
    }
    return ground_source_heat_pump(dwellings, k, view, source, spare_kw=spare_kw)


def collectieve_luchtwarmtepomp(
    dwellings: pd.DataFrame,
    k: CostKentallen,
    view: CostView,
    *,
    connections: pd.Series,
    collective_peak_kw: pd.Series,
    street_m: pd.Series,
    in_building: pd.Series,
    spare_kw: float = 0.0,
) -> pd.DataFrame:
    """One air heat pump to 70 °C for a row (mini cluster) or an apartment building, owned by its residents.

    Collective heat pump ``collectieve_wp_per_kw`` × the collective peak (Startanalyse 2025), for a row a small
    insulated network along the street at ``leiding_mini_per_m`` *(estimate)* (no pipe in a building), + 8 %
    execution, over the connections; per dwelling a delivery set and in-house pipework (a building: the
    meergezins figure), administration. No insulation step: the dwelling keeps its radiators. Heat at the plant =
    demand + loss (a row: the 70 °C network's; a building: the LT figure for pipes inside) / SPF 3.0 + pumps.
    """
    n = connections.astype(float)
    markup = 1 + k["opslag_uitvoering"]
    ledger = Ledger(view, dwellings.index)
    ledger.invest(
        "collectieve warmtepomp",
        k["collectieve_wp_per_kw"] * collective_peak_kw / n * markup,
        lifetime=k["levensduur_installatie"],
        maintenance=k["collectieve_wp_onderhoud"] + k["collectieve_wp_administratie"],
        subsidy=view.heat_pump_subsidy,
        category="collectieve_wp_per_kw",
    )
    pipe = pd.Series(np.where(in_building, 0.0, street_m * k["leiding_mini_per_m"] / n * markup), index=dwellings.index)
    ledger.invest("leidingen", pipe, lifetime=k["levensduur_net"], maintenance=k["net_onderhoud"],
                  category="leiding_mini_per_m")
    # the delivery set is an appliance (15 years), the in-house pipework a pipe (30 years; Vesta: inpandig 2..30)
    ledger.invest(
        "afleverset", k["afleverset"], lifetime=k["levensduur_installatie"], maintenance=k["inpandig_onderhoud"]
    )
    inhouse = pd.Series(
        np.where(
            in_building, k["inpandig_meergezins"], family(dwellings, k, "inpandig_grondgebonden", "inpandig_meergezins")
        ),
        index=dwellings.index,
    )
    ledger.invest("inpandig", inhouse, lifetime=k["levensduur_net"], maintenance=k["inpandig_onderhoud"])
    gas_free(ledger, dwellings, k, own_heat_pump=False)
    ledger.yearly(k["administratie_per_aansluiting"])
    heat = dwellings["rv_gj"] + dwellings["tw_gj"]
    loss = pd.Series(np.where(in_building, k["warmteverlies_lt"], k["warmteverlies_mt"]), index=dwellings.index)
    ledger.electricity((heat + loss) / k["collectieve_lucht_wp_spf"] / GJ_PER_KWH, family="collectief_lucht")
    ledger.electricity(heat * k["pompenergie"] / GJ_PER_KWH)
    ledger.peak_el = collective_peak_kw / n / k["ontwerp_cop_collectief"]
    grid_reinforcement(ledger, dwellings, k, spare_kw)
    return ledger.result()
