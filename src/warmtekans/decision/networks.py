"""Yearly cost per dwelling of an area heat network with its real source (docs/method.md §8 'Kosten').

Two kinds of network:

* **LT** (bronnet, kleinschalig on a low-temperature source: riothermie, open WKO, TEO, LT restwarmte): the
  supplier builds the source, an uninsulated PE network and the house connections; every dwelling has its own
  water heat pump (Startanalyse 2025 ``Ki_eWP_B_i``), is insulated to the low-temperature label and gets LT
  emitters. A source that covers less than the area's demand (``bron_dekking`` < 1) gets a collective air heat
  pump for the rest.
* **MT** (70 °C, kleinschalig on outside air, every grootschalig network): an insulated network with delivery
  sets; heat from a planned network or MT restwarmte (bought per GJ), or from a collective heat pump on an LT
  source or on outside air (``bron: buitenlucht``). No insulation step. A grootschalig network adds substations.

The supplier's investment (source, collective heat pump, technical room, pipes, connections, substations) ×
(1 + 8 % execution) × (1 + 28 % profit, risk and contingencies) [S4 Tabel 6-2] is divided over the
connections. Nationally it is annualised over its lifetime at 3 %; the resident pays the regulated tariffs
instead (connection contribution, standing charge, for MT a heat price per GJ; seed 004, ACM 2023) plus what
stays in the dwelling. :func:`network_investment` is the supplier's investment for one network (the seed-004
calibration checks it: bronnet €7 600, MT network €16 800 per connection).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from warmtekans.core.units import GJ_PER_KWH
from warmtekans.core.vocabulary import (
    BUITENLUCHT,
    NETWORK_SOURCES,
    OPEN_WKO,
    RESTWARMTE,
    RIOOL_DIRECT,
    RIOOL_WKO,
    TEO,
    WARMTENET_GEPLAND,
)
from warmtekans.decision.costs import (
    family,
    gas_free,
    grid_reinforcement,
    insulate,
    lt_emitters,
)
from warmtekans.decision.kentallen import CostKentallen
from warmtekans.decision.ledger import CostView, Ledger

#: Sources that are bought as MT heat (no heat pump): a planned network.
PURCHASED_SOURCES = (WARMTENET_GEPLAND,)


def source_parts(k: CostKentallen, source: str, base_load_kw) -> dict[str, np.ndarray]:
    """The investment (euros) of an LT source on its base load (kW) by the kental that prices each part:
    riothermie 873 €/kW [S4] (+ an open WKO to buffer it: Startanalyse 2025 ``Ki_WKO_vast`` + ``Ki_WKO_var`` ×
    kW); open WKO alone × 1.25 for regeneration; TEO ``Ki_TEO_vast`` + ``Ki_TEO_var`` × kW; LT restwarmte
    150 €/kW [V]. Outside air and a planned network: none."""
    base = np.asarray(base_load_kw, dtype=float)
    wko = k["wko_vast"] + k["wko_per_kw"] * base
    if source == RIOOL_WKO:
        return {"riothermie_per_kw": k["riothermie_per_kw"] * base, "wko_vast": wko}
    if source == RIOOL_DIRECT:
        return {"riothermie_per_kw": k["riothermie_per_kw"] * base}
    if source == OPEN_WKO:
        return {"wko_vast": wko * k["wko_regeneratie"]}
    if source == TEO:
        return {"teo_vast": k["teo_vast"] + k["teo_per_kw"] * base}
    if source == RESTWARMTE:
        return {"lt_puntbron_per_kw": k["lt_puntbron_per_kw"] * base}
    if source in (BUITENLUCHT, WARMTENET_GEPLAND):
        return {}
    raise ValueError(
        f"unknown source '{source}'; known: {', '.join((*NETWORK_SOURCES, BUITENLUCHT, WARMTENET_GEPLAND))}"
    )


def source_investment(k: CostKentallen, source: str, base_load_kw) -> np.ndarray:
    """Investment (euros) of an LT source on its base load (kW): the sum of :func:`source_parts`."""
    base = np.asarray(base_load_kw, dtype=float)
    return sum(source_parts(k, source, base).values(), np.zeros_like(base))


def source_maintenance(k: CostKentallen, source: str) -> float:
    """Yearly maintenance share of an LT source's investment."""
    return {
        RIOOL_WKO: (k["riothermie_onderhoud"] + k["wko_onderhoud"]) / 2,
        OPEN_WKO: k["wko_onderhoud"],
        RIOOL_DIRECT: k["riothermie_onderhoud"],
        TEO: k["teo_onderhoud"],
        RESTWARMTE: k["bron_onderhoud"],
    }.get(source, 0.0)


def source_pumping(k: CostKentallen, source: str) -> float:
    """Pumping electricity of the source (GJe per GJ of heat): WKO (also buffering riothermie) 0.025, TEO 0.017."""
    return {TEO: k["teo_elektriciteit"], OPEN_WKO: k["wko_elektriciteit"], RIOOL_WKO: k["wko_elektriciteit"]}.get(
        source, 0.0
    )


def is_lt_network(option_is_small: bool, source: str) -> bool:
    """A kleinschalig network on a named LT source is a bronnet (LT); everything else is MT (70 °C)."""
    return option_is_small and source in NETWORK_SOURCES


def network_investment(
    k: CostKentallen,
    *,
    source: str,
    lt: bool,
    connections: float,
    collective_peak_kw: float,
    connection_kw: float,
    street_m: float,
    coverage: float = 1.0,
    base_load_share: float = 0.3,
    substations: bool = False,
) -> dict[str, float]:
    """The supplier's investment in one network (euros excl. VAT), by part and in total.

    ``connections`` (WEQ), ``collective_peak_kw`` (with simultaneity), ``connection_kw`` (Σ of the dwellings'
    connection capacity, for substations), ``street_m`` (street trench, house connections are per connection),
    ``coverage`` (share of the demand the named source covers; the rest from a collective air heat pump).
    """
    base = base_load_share * collective_peak_kw
    sub_parts = {f"bron:{key}": float(value) for key, value in source_parts(k, source, base).items()}
    parts = {
        "bron": float(source_investment(k, source, base)),
        "technische_ruimte": 0.0 if source in PURCHASED_SOURCES else k["technische_ruimte"],
    }
    if lt:
        parts["bijstook"] = k["collectieve_wp_per_kw"] * max(1.0 - coverage, 0.0) * collective_peak_kw
        sub_parts.update({"leidingen:leiding_lt_per_m": street_m * k["leiding_lt_per_m"],
                          "leidingen:aansluiting_lt": connections * k["aansluiting_lt"]})
        parts["leidingen"] = street_m * k["leiding_lt_per_m"] + connections * k["aansluiting_lt"]
    else:
        heat_pump = source not in PURCHASED_SOURCES
        parts["collectieve_warmtepomp"] = k["collectieve_wp_per_kw"] * collective_peak_kw if heat_pump else 0.0
        parts["warmteoverdracht"] = 0.0 if heat_pump else k["wos_per_kw"] * k["wos_aandeel_piek"] * collective_peak_kw
        sub_parts.update({"leidingen:leiding_mt_per_m": street_m * k["leiding_mt_per_m"],
                          "leidingen:aansluiting_mt": connections * k["aansluiting_mt"]})
        parts["leidingen"] = street_m * k["leiding_mt_per_m"] + connections * k["aansluiting_mt"]
        parts["onderstations"] = k["onderstation_per_kw"] * connection_kw if substations else 0.0
        parts["afleversets"] = connections * k["afleverset"]
    markup = (1 + k["opslag_uitvoering"]) * (1 + k["opslag_winst_risico_onvoorzien"])
    parts = {name: value * markup for name, value in parts.items()}
    parts["totaal"] = sum(parts.values())
    parts["per_aansluiting"] = parts["totaal"] / max(connections, 1e-9)
    # the parts of the source and the pipes by the kental that prices them (for the sensitivity draws)
    parts.update({name: value * markup for name, value in sub_parts.items()})
    return parts


def area_network(
    dwellings: pd.DataFrame,
    k: CostKentallen,
    view: CostView,
    *,
    small: bool,
    source: pd.Series,
    connections: pd.Series,
    collective_peak_kw: pd.Series,
    connection_kw: pd.Series,
    street_m: pd.Series,
    coverage: pd.Series,
    base_load_share: float = 0.3,
    spare_kw: float = 0.0,
) -> pd.DataFrame:
    """Every dwelling's yearly cost of its area's network (``small``: kleinschalig, else grootschalig) on ``source``
    (a key of :data:`~warmtekans.core.vocabulary.HEAT_SOURCES`, or :data:`BUITENLUCHT`); the cluster quantities
    per dwelling (the same for every dwelling of an area)."""
    parts = []
    for name in source.fillna(BUITENLUCHT).unique():
        rows = source.fillna(BUITENLUCHT) == name
        parts.append(
            _network(
                dwellings[rows],
                k,
                view,
                small=small,
                source=name,
                connections=connections[rows],
                collective_peak_kw=collective_peak_kw[rows],
                connection_kw=connection_kw[rows],
                street_m=street_m[rows],
                coverage=coverage[rows],
                base_load_share=base_load_share,
                spare_kw=spare_kw,
            )
        )
    if not parts:
        return Ledger(view, dwellings.index).result()
    for frame in parts:
        frame.attrs = {}  # the components per part do not concatenate
    return pd.concat(parts).reindex(dwellings.index)


def _network(
    dwellings: pd.DataFrame,
    k: CostKentallen,
    view: CostView,
    *,
    small: bool,
    source: str,
    connections,
    collective_peak_kw,
    connection_kw,
    street_m,
    coverage,
    base_load_share: float,
    spare_kw: float,
) -> pd.DataFrame:
    lt = is_lt_network(small, source)
    every = _investment_per_connection(k, source, lt, small, connections, collective_peak_kw, connection_kw, street_m,
                                       coverage, base_load_share)
    per = every.reindex(columns=list(NETWORK_PARTS), fill_value=0.0)
    ledger = Ledger(view, dwellings.index)
    # heat the network delivers (GJ/yr): an LT network's dwellings are insulated first
    heat = dwellings["rv_gj_lt" if lt else "rv_gj"] + dwellings["tw_gj"]
    if lt:
        _lt_dwelling(ledger, dwellings, k)
        # the source's and the network's pumps: the supplier's cost (in the tariffs for the resident)
        ledger.electricity(
            heat * (source_pumping(k, source) + k["pompenergie"]) / GJ_PER_KWH, paid=not view.is_end_user
        )
        backup = (1 - coverage.clip(upper=1.0)).clip(lower=0.0)
        ledger.electricity(backup * heat / k["collectieve_lucht_wp_spf"] / GJ_PER_KWH, paid=not view.is_end_user,
                           family="collectief_lucht")
        ledger.peak_el = (
            k["net_gelijktijdigheid"] * dwellings["piek_rv_kw"] / k["ontwerp_cop_bodem"]
            + backup * collective_peak_kw / connections / k["ontwerp_cop_collectief"]
        )
    else:
        gas_free(ledger, dwellings, k, own_heat_pump=False)
        delivered = heat + k["warmteverlies_mt"]
        if view.is_end_user:
            ledger.heat_purchase(heat, k["warmteprijs_mt"], kind="tarief")
        elif source in PURCHASED_SOURCES:
            ledger.heat_purchase(delivered, k["warmte_inkoop_per_gj"], kind="inkoop")
        else:
            # the collective heat pump: on the LT source for the share it covers, on outside air for the rest
            covered = coverage.clip(0.0, 1.0) if source != BUITENLUCHT else pd.Series(0.0, index=coverage.index)
            ledger.electricity(delivered * covered / k["collectieve_bron_wp_spf"] / GJ_PER_KWH,
                               family="collectief_bron")
            ledger.electricity(delivered * (1 - covered) / k["collectieve_lucht_wp_spf"] / GJ_PER_KWH,
                               family="collectief_lucht")
        ledger.electricity(
            heat * (source_pumping(k, source) + k["pompenergie"]) / GJ_PER_KWH, paid=not view.is_end_user
        )
        if source not in PURCHASED_SOURCES:
            ledger.peak_el = collective_peak_kw / connections / k["ontwerp_cop_collectief"]
    if view.is_end_user:
        _tariffs(ledger, k, lt)
        if not lt:
            ledger.invest(
                "inpandig",
                family(dwellings, k, "inpandig_grondgebonden", "inpandig_meergezins"),
                lifetime=k["levensduur_net"],  # pipework: 30 years (Vesta: inpandig 2..30)
                maintenance=k["inpandig_onderhoud"],
            )
    else:
        maintenance = {
            "bron": source_maintenance(k, source),
            "technische_ruimte": k["onderstation_onderhoud"],
            "bijstook": k["collectieve_wp_onderhoud"] + k["collectieve_wp_administratie"],
            "collectieve_warmtepomp": k["collectieve_wp_onderhoud"] + k["collectieve_wp_administratie"],
            "warmteoverdracht": k["onderstation_onderhoud"],
            "leidingen": k["net_onderhoud"],
            "onderstations": k["onderstation_onderhoud"],
            "afleversets": k["inpandig_onderhoud"],
        }
        lifetime = {
            "bijstook": k["levensduur_installatie"],
            "collectieve_warmtepomp": k["levensduur_installatie"],
            "afleversets": k["levensduur_installatie"],
        }
        for name in per.columns:
            ledger.invest(
                name,
                per[name],
                lifetime=lifetime.get(name, k["levensduur_net"]),
                maintenance=maintenance[name],
                supplier=True,
                category=_part_categories(every, name),
            )
        if not lt:
            ledger.invest(
                "inpandig",
                family(dwellings, k, "inpandig_grondgebonden", "inpandig_meergezins"),
                lifetime=k["levensduur_net"],  # pipework: 30 years (Vesta: inpandig 2..30)
                maintenance=k["inpandig_onderhoud"],
            )
        ledger.yearly(k["administratie_per_aansluiting"])
    grid_reinforcement(ledger, dwellings, k, spare_kw)
    return ledger.result()


#: The parts of a network's investment (:func:`network_investment`).
NETWORK_PARTS = ("bron", "technische_ruimte", "bijstook", "collectieve_warmtepomp", "warmteoverdracht", "leidingen",
                 "onderstations", "afleversets")
#: The kental whose range a sensitivity draw applies to a part without sub-parts (docs/method.md, "Sensitivity").
PART_KENTALLEN = {"technische_ruimte": "technische_ruimte", "bijstook": "collectieve_wp_per_kw",
                  "collectieve_warmtepomp": "collectieve_wp_per_kw", "warmteoverdracht": "wos_per_kw",
                  "onderstations": "onderstation_per_kw"}


def _part_categories(every: pd.DataFrame, part: str) -> str | dict[str, pd.Series] | None:
    """The kentallen behind one part: its sub-parts' shares (the source, the pipes) or its single kental."""
    subs = [column for column in every.columns if column.startswith(f"{part}:")]
    if not subs:
        return PART_KENTALLEN.get(part)
    total = every[part].where(every[part] != 0)
    return {column.split(":", 1)[1]: (every[column] / total).fillna(0.0) for column in subs}


def _investment_per_connection(k, source, lt, small, connections, peak, connection_kw, street, coverage,
                               base_load_share) -> pd.DataFrame:
    """Every part of :func:`network_investment` (and its sub-parts ``<part>:<kental>``), per connection, for every
    dwelling (one calculation per distinct area)."""
    frame = pd.DataFrame({"n": connections, "peak": peak, "kw": connection_kw, "street": street, "cover": coverage})
    values = {}
    for row in frame.drop_duplicates().itertuples(index=False):
        parts = network_investment(k, source=source, lt=lt, connections=row.n, collective_peak_kw=row.peak,
                                   connection_kw=row.kw, street_m=row.street, coverage=row.cover,
                                   base_load_share=base_load_share, substations=not small)
        values[tuple(row)] = {name: value / max(row.n, 1e-9) for name, value in parts.items()
                              if name not in ("totaal", "per_aansluiting")}
    rows = [values[tuple(row)] for row in frame.itertuples(index=False)]
    return pd.DataFrame(rows, index=frame.index).fillna(0.0)


def _lt_dwelling(ledger: Ledger, dwellings: pd.DataFrame, k: CostKentallen) -> None:
    """What a dwelling on a bronnet has itself: the insulation step, its water heat pump (incl. buffer and a
    heavier connection), LT emitters, the gas-free extras; the heat pump's electricity at the bronnet's SPF."""
    view = ledger.view
    insulate(ledger, dwellings, k)
    ledger.invest(
        "warmtepomp",
        k["warmtepomp_lt_net"],
        lifetime=k["levensduur_installatie"],
        maintenance=k["bodem_wp_onderhoud"],
        subsidy=view.heat_pump_subsidy,
        category="bodem_wp_vast",
    )
    lt_emitters(ledger, dwellings, k)
    gas_free(ledger, dwellings, k, own_heat_pump=False)
    ledger.electricity(
        (dwellings["rv_gj_lt"] / k["bronnet_spf_rv"] + dwellings["tw_gj"] / k["bronnet_spf_tw"]) / GJ_PER_KWH,
        family="bronnet",
    )


def _tariffs(ledger: Ledger, k: CostKentallen, lt: bool) -> None:
    """The resident's regulated tariffs (seed 004, ACM 2023): connection contribution (less the ISDE amount for a
    heat-network connection) and the standing charge (the heat price is added with the heat)."""
    gross = k["aansluitbijdrage_warmtenet"] * (1 + ledger.view.vat)
    subsidy = min(k["isde_warmtenet"] / gross, 1.0) if ledger.view.heat_pump_subsidy else 0.0
    ledger.invest("aansluitbijdrage", k["aansluitbijdrage_warmtenet"], lifetime=k["levensduur_net"], subsidy=subsidy)
    ledger.charge(k["vastrecht_warmtenet_lt"] if lt else k["vastrecht_warmtenet_mt"], carrier="heat")
