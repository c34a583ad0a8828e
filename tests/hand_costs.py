"""Yearly cost per dwelling worked out by hand from docs/method.md §8 "Kosten" (price level 2024, annuity method).

Independent of ``warmtekans``: it reads ``src/warmtekans/data/kosten.csv`` and ``isolatiestappen.csv`` with the
csv module, indexes the amounts itself and writes every part §8 lists once, one line per part. The tests compare
the package with these numbers, so a wrong production formula fails a test. When the cost model changes on
purpose, change docs/method.md §8 and this file together.

Settings are the defaults of ``costs`` in the config: LT emitters and the all-electric adaptations counted,
``lt_min_label`` B, ``grid_spare_kw_per_dwelling`` 0.7 kW, ``sewer.base_load_share`` 0.3; simultaneity of §3
(0.5 / 0.1, n_half 21). Every option returns its :class:`Parts` (name → €/yr) so a failing comparison shows
which part differs; ``.total`` is the yearly cost.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parents[1] / "src" / "warmtekans" / "data"
PRICE_YEAR = 2024

with (DATA / "kosten.csv").open(encoding="utf-8") as handle:
    _ROWS = {row["parameter"]: row for row in csv.DictReader(handle)}
with (DATA / "isolatiestappen.csv").open(encoding="utf-8") as handle:
    _STEPS: dict[tuple[str, str, str], list[dict]] = {}  # (Vesta type, from, to) → its bouwjaar classes
    for _row in csv.DictReader(handle):
        _STEPS.setdefault((_row["woningtype_vesta"], _row["van_label"], _row["naar_label"]), []).append(_row)


# --- §8 "Price level and sources" -----------------------------------------------------------------------------

def cpi(from_year: int, to_year: int = PRICE_YEAR) -> float:
    """CBS CPI factor Π (1 + cpi_mutatie_y / 100) for the years after ``from_year`` (2018 → 2024: 1.2590,
    2023 → 2024: 1.033)."""
    factor = 1.0
    for year in range(from_year + 1, to_year + 1):
        factor *= 1 + float(_ROWS[f"cpi_mutatie_{year}"]["waarde"]) / 100
    return factor


def kt(name: str) -> float:
    """A kentallen value at price level 2024: CPI-indexed when its row says ``indexeren = ja``."""
    row = _ROWS[name]
    value = float(row["waarde"])
    return value * cpi(int(row["prijspeil"])) if row["indexeren"] == "ja" else value


def annuity(rate: float, years: float) -> float:
    """a(r, n) = r / (1 − (1 + r)^−n): a(4 %, 15) = 0.089941, a(4 %, 30) = 0.057830, a(3 %, 15) = 0.083767,
    a(3 %, 30) = 0.051019."""
    return rate / (1 - (1 + rate) ** -years)


GJ_PER_KWH = 0.0036
SHORT, LONG = 15, 30  # lifetimes [V, A]: appliances and collective heat pumps; everything else


# --- §8 "Views, methods and which view decides" ----------------------------------------------------------------

@dataclass(frozen=True)
class View:
    """``eindgebruiker`` (resident: VAT, ISDE, a(4 %, 15), insulation a(4 %, 30), taxed energy, tariffs) or
    ``nationaal`` (a(3 %, lifetime), no taxes or subsidy, grid reinforcement, the supplier's parts)."""

    name: str

    @property
    def resident(self) -> bool:
        return self.name == "eindgebruiker"

    @property
    def gas_eur_m3(self) -> float:
        """1.332 €/m³ incl. taxes; national 1.332 / 1.21 − 0.583 = 0.518."""
        return kt("gasprijs") if self.resident else kt("gasprijs") / VAT - kt("energiebelasting_gas")

    @property
    def gas_fixed(self) -> float:
        """Gas standing charge 250 €/yr incl. VAT; national 250 / 1.21 = 206.61."""
        return kt("gas_vastrecht") if self.resident else kt("gas_vastrecht") / VAT

    @property
    def eur_kwh(self) -> float:
        """0.32 €/kWh incl. taxes; national 0.32 / 1.21 − 0.1088 = 0.156."""
        return kt("elektriciteitsprijs") if self.resident else (
            kt("elektriciteitsprijs") / VAT - kt("energiebelasting_elektriciteit"))


RESIDENT, NATIONAL = View("eindgebruiker"), View("nationaal")
VAT = 1 + kt("btw") / 100  # 1.21 on investment and maintenance (resident)


def own(view: View, invest: float, lifetime: int, maintenance: float = 0.0, subsidy: bool = False) -> float:
    """A part the dwelling (or its residents together) pays, kentallen € excl. VAT, per year.

    Resident: invest × 1.21 (× 0.7 with ISDE on heat pumps and loops) × a(4 %, 15) + invest × 1.21 × maintenance.
    National: invest × a(3 %, lifetime) + invest × maintenance."""
    if view.resident:
        gross = invest * VAT
        paid = gross * (1 - kt("isde_warmtepomp")) if subsidy else gross
        return paid * annuity(0.04, 15) + gross * maintenance
    return invest * annuity(0.03, lifetime) + invest * maintenance


def insulation_part(view: View, invest: float) -> float:
    """The insulation step: resident × 1.15 VAT × 0.7 ISDE × a(4 %, 30); national × a(3 %, 30)."""
    if view.resident:
        return invest * (1 + kt("btw_isolatie") / 100) * (1 - kt("isde_isolatie")) * annuity(0.04, 30)
    return invest * annuity(0.03, 30)


def supplier(invest: float, lifetime: int, maintenance: float = 0.0) -> float:
    """A network supplier's part per connection in the national view: invest × a(3 %, lifetime) + maintenance."""
    return invest * annuity(0.03, lifetime) + invest * maintenance


class Parts(dict):
    """€/yr per named part of one option for one dwelling."""

    @property
    def total(self) -> float:
        return sum(self.values())


# --- The dwelling, §1 and §8 "Insulation before low temperature" -----------------------------------------------

class Dwelling(NamedTuple):
    rv_gj: float                      # space heating, GJ/yr (current label)
    tw_gj: float                      # tap water, GJ/yr
    piek_rv_kw: float                 # space-heating peak P_rv
    piek_tw_kw: float                 # tap-water peak P_tw
    label: str                        # energy label letter
    eengezins: bool = True            # ground-bound (else an apartment)
    woningtype_vesta: str = ""        # Vesta type for the insulation step
    bouwjaar: int = 1970
    oppervlakte: float = 100.0        # m²
    rv_gj_label_b: float | None = None  # §1 demand at label B (never above rv_gj); None: no step needed
    straat_m: float = 14.7            # street per dwelling: its cluster's, else the national gas main 14.7 m
    lsnet_m: float | None = None      # LV cable per dwelling: None = straat_m (a cluster's street); outside any
                                      # cluster give the national average, 22.7 m


LABELS = "ABCDEFG"


def needs_step(d: Dwelling, target: str = "B") -> bool:
    """Below ``costs.lt_min_label`` (B): 'A+++' is A."""
    return LABELS.index(d.label[:1]) > LABELS.index(target)


def step_range(d: Dwelling, target: str = "B") -> tuple[float, float]:
    """(min, max) of the step: Ki_S<van><naar>_asl + _opp × floor area (clamped 50–200 m²) from isolatiestappen.csv
    (Vesta type, bouwjaar class with open ends, from-label, to-label)."""
    area = min(max(d.oppervlakte, 50.0), 200.0)
    for row in _STEPS[(d.woningtype_vesta, d.label[:1], target)]:
        low = int(row["bouwjaar_van"]) if row["bouwjaar_van"] else -10_000
        high = int(row["bouwjaar_tot"]) if row["bouwjaar_tot"] else 10_000
        if low <= d.bouwjaar <= high:
            return (float(row["eur_min_asl"]) + float(row["eur_min_opp"]) * area,
                    float(row["eur_max_asl"]) + float(row["eur_max_opp"]) * area)
    raise KeyError(f"no step for {d}")


def step_eur(d: Dwelling) -> float:
    """The middle of the min/max pair; 0 when the dwelling is at B or better (G tussenwoning 1970 100 m²: 27 500)."""
    return sum(step_range(d)) / 2 if needs_step(d) else 0.0


def rv_after(d: Dwelling) -> float:
    """Space heating after the step: rv_gj_label_B (never above the current)."""
    return min(d.rv_gj, d.rv_gj_label_b) if needs_step(d) and d.rv_gj_label_b is not None else d.rv_gj


def label_after(d: Dwelling) -> str:
    return "B" if needs_step(d) else d.label[:1]


def spf_rv(kind: str, label: str) -> float:
    """SPF for space heating by label (§8 'Energy'): A, B, C, or D for D and worse."""
    letter = label[:1] if label[:1] in "ABC" else "D"
    return kt(f"{kind}_spf_rv_{letter}")


def gas_m3(rv: float, tw: float) -> float:
    """m³ = RV / (1.04 × 0.03165) + TW / (0.72 × 0.03165)."""
    gj = kt("gas_gj_per_m3")
    return rv / (kt("hr_rendement_rv") * gj) + tw / (kt("hr_rendement_tw") * gj)


# --- Parts every option of one kind shares (§8 "All-electric and gas-free adaptations", "Electricity peak") ------

def lt_step(parts: Parts, view: View, d: Dwelling) -> None:
    """Insulation step and LT emitters (2 243.5 € ground-bound / 1 486 € apartment, 2023): every LT option."""
    if needs_step(d):
        parts["isolatie"] = insulation_part(view, step_eur(d))
    emitters = kt("lt_afgifte_eengezins") if d.eengezins else kt("lt_afgifte_meergezins")
    parts["lt_afgifte"] = own(view, emitters, LONG)


def gas_free(parts: Parts, view: View, d: Dwelling, own_heat_pump: bool) -> None:
    """Meter cupboard (all-electric 1 200 / 850 €, warmtenet 400 / 300 €); resident: 3×25 A fee 277 € (own heat
    pump) and gas-pipe removal 640 € (2023); national: 3×25 A 765 € (own heat pump), removing the gas connection
    1 212 € laagbouw / 479 € hoogbouw and the gas main 104 €/m × the street per dwelling."""
    kind = "all_electric" if own_heat_pump else "warmtenet"
    family = "eengezins" if d.eengezins else "meergezins"
    parts["meterkast"] = own(view, kt(f"meterkast_{kind}_{family}"), LONG)
    if view.resident:
        if own_heat_pump:
            parts["aansluiting_3x25A"] = own(view, kt("verzwaren_aansluiting_bewoner"), LONG)
        parts["gasleiding"] = own(view, kt("gasleiding_verwijderen_bewoner"), LONG)
    else:
        if own_heat_pump:
            parts["aansluiting_3x25A"] = own(view, kt("verzwaren_aansluiting"), LONG)
        building = "laagbouw" if d.eengezins else "hoogbouw"
        parts["gasaansluiting"] = own(view, kt(f"gasaansluiting_verwijderen_{building}"), LONG)
        parts["gasnet"] = own(view, kt("gasnet_verwijderen_per_m") * d.straat_m, LONG)


def grid(parts: Parts, view: View, d: Dwelling, peak_kw: float) -> None:
    """National view: above today's spare 0.7 kW the LV cable along the street per dwelling (118 €/m) and the
    share above the spare of a new MV station (63 673 € per 630 kW), over a(3 %, 30)."""
    spare = 0.7
    if view.resident or peak_kw <= spare:
        return
    cable = d.straat_m if d.lsnet_m is None else d.lsnet_m
    invest = kt("lsnet_verzwaren_per_m") * cable + (peak_kw - spare) * kt("ms_ruimte") / kt("ms_ruimte_kw")
    parts["netverzwaring"] = own(view, invest, LONG)


def own_heat_pump_peak(d: Dwelling, design_cop: float) -> float:
    """0.5 × (P_rv + 0.1 × P_tw) / COP_design at the transformer."""
    return kt("net_gelijktijdigheid") * (d.piek_rv_kw + kt("gelijktijdigheid_tw_individueel") * d.piek_tw_kw) \
        / design_cop


# --- Individual options (§8 "The options and their parts") ----------------------------------------------------

def cv_ketel(d: Dwelling, view: View = RESIDENT) -> Parts:
    """Reference: HR boiler 2 202 € (5 %/yr) and gas at the current demand + standing charge."""
    p = Parts()
    p["ketel"] = own(view, kt("hr_ketel_vast"), SHORT, kt("hr_ketel_onderhoud"))
    p["gas"] = gas_m3(d.rv_gj, d.tw_gj) * view.gas_eur_m3 + view.gas_fixed
    return p


def hybride_warmtepomp(d: Dwelling, view: View = RESIDENT) -> Parts:
    """3 520 + 315 × P_rv € (4 %/yr, ISDE) beside the boiler (kept, its maintenance at 4 %/yr as §8's example);
    the heat pump gives 78 % of RV at its SPF (current label), the boiler the rest and the tap water."""
    share = kt("hybride_aandeel_rv")
    p = Parts()
    unit = kt("hybride_wp_vast") + kt("hybride_wp_per_kw") * d.piek_rv_kw
    p["warmtepomp"] = own(view, unit, SHORT, kt("hybride_wp_onderhoud"), subsidy=True)
    p["ketel"] = own(view, kt("hr_ketel_vast"), SHORT, kt("hybride_wp_onderhoud"))
    p["elektriciteit"] = share * d.rv_gj / spf_rv("hybride_wp", d.label) / GJ_PER_KWH * view.eur_kwh
    p["gas"] = gas_m3((1 - share) * d.rv_gj, d.tw_gj) * view.gas_eur_m3 + view.gas_fixed
    grid(p, view, d, kt("net_gelijktijdigheid") * share * d.piek_rv_kw / kt("ontwerp_cop_lucht"))
    return p


def luchtwarmtepomp(d: Dwelling, view: View = RESIDENT) -> Parts:
    """Step; 5 747.5 + 537 × P_rv € (2 %/yr, ISDE); LT emitters; adaptations;
    kWh = (RV_B / SPF_air(label after) + TW / 1.85) / 0.0036; peak with COP 2.0."""
    p = Parts()
    lt_step(p, view, d)
    unit = kt("lucht_wp_vast") + kt("lucht_wp_per_kw") * d.piek_rv_kw
    p["warmtepomp"] = own(view, unit, SHORT, kt("lucht_wp_onderhoud"), subsidy=True)
    gas_free(p, view, d, own_heat_pump=True)
    kwh = (rv_after(d) / spf_rv("lucht_wp", label_after(d)) + d.tw_gj / kt("lucht_wp_spf_tw")) / GJ_PER_KWH
    p["elektriciteit"] = kwh * view.eur_kwh
    grid(p, view, d, own_heat_pump_peak(d, kt("ontwerp_cop_lucht")))
    return p


def loop_parts() -> tuple[float, float]:
    """(F, m): the loop is 47 % of eWP_bw for the reference dwelling (7.555 kW, 141.66 m); F = 0.5 × loop =
    4 874.18 €, m = (loop − F) / 141.66 = 34.41 €/m."""
    loop = kt("bodem_wp_aandeel_bodemlus") * (kt("bodem_wp_vast") + kt("bodem_wp_per_kw") * kt("referentie_piek_rv_kw"))
    fixed = kt("bodemlus_aandeel_vast_per_boring") * loop
    return fixed, (loop - fixed) / kt("referentie_boormeters_m")


def own_loop_metres(d: Dwelling) -> float:
    """L without §4's borehole metres: P_rv × (1 − 1/4) / 40 W/m (7.555 kW: 141.66 m)."""
    return d.piek_rv_kw * 1000 * (1 - 1 / 4) / 40


def diversity(k: float) -> float:
    """s(k) = 15 % × min(k − 1, 9) / 9: fewer borehole metres when k dwellings share a source."""
    return kt("bodemlus_spreiding_max") * min(max(k - 1, 0), 9) / 9


def _on_ground(d: Dwelling, view: View, source_eur: float) -> Parts:
    """An own water heat pump ((1 − 0.47) × eWP_bw, 1 %/yr, ISDE) on a ground source of ``source_eur`` for this
    dwelling (30 years, 1 %/yr, ISDE); step, emitters, adaptations; kWh = (RV_B / SPF_ground + TW / 2.1) / 0.0036;
    peak with COP 3.5."""
    p = Parts()
    lt_step(p, view, d)
    unit = (1 - kt("bodem_wp_aandeel_bodemlus")) * (kt("bodem_wp_vast") + kt("bodem_wp_per_kw") * d.piek_rv_kw)
    p["warmtepomp"] = own(view, unit, SHORT, kt("bodem_wp_onderhoud"), subsidy=True)
    p["bodemlus"] = own(view, source_eur, LONG, kt("bodem_wp_onderhoud"), subsidy=True)
    gas_free(p, view, d, own_heat_pump=True)
    kwh = (rv_after(d) / spf_rv("bodem_wp", label_after(d)) + d.tw_gj / kt("bodem_wp_spf_tw")) / GJ_PER_KWH
    p["elektriciteit"] = kwh * view.eur_kwh
    grid(p, view, d, own_heat_pump_peak(d, kt("ontwerp_cop_bodem")))
    return p


def bodemwarmtepomp(d: Dwelling, view: View = RESIDENT, metres: float | None = None) -> Parts:
    """Own loop F + m × L (L = §4's borehole metres, else :func:`own_loop_metres`)."""
    fixed, per_metre = loop_parts()
    metres = own_loop_metres(d) if metres is None else metres
    return _on_ground(d, view, fixed + per_metre * metres)


# --- Mini options (a row or an apartment building; shared parts ÷ n connections) ------------------------------

def shared_loop_source(metres: float, n: float, loops: float) -> float:
    """Gedeelde bodemlus per dwelling: L × (1 − s(n / loops)) × m + 10 m × 50 €/m garden pipe
    + (F + distributor 1 000 €) × loops / n (row of 8 on 3 loops: 7 441 €)."""
    fixed, per_metre = loop_parts()
    return (metres * (1 - diversity(n / loops)) * per_metre
            + kt("leiding_gedeelde_lus_per_woning") * kt("leiding_prive_per_m")
            + (fixed + kt("verdeler_gedeelde_lus")) * loops / n)


def gedeelde_bodemlus(d: Dwelling, view: View, metres: float, n: float, loops: float) -> Parts:
    """Own water heat pump on its share of a loop shared by neighbours."""
    return _on_ground(d, view, shared_loop_source(metres, n, loops))


def ring_source(metres: float, n: float, loops: float, street_m: float) -> float:
    """Ringnet per dwelling: [L × (1 − s(n)) × m + LT house connection 1 639 € (2023)
    + (F × loops + controls 5 000 € + street × 151 €/m (2023)) / n] × 1.08."""
    fixed, per_metre = loop_parts()
    return (metres * (1 - diversity(n)) * per_metre + kt("aansluiting_lt")
            + (fixed * loops + kt("regeling_ringnet") + street_m * kt("leiding_lt_per_m")) / n) \
        * (1 + kt("opslag_uitvoering"))


def ringnet(d: Dwelling, view: View, metres: float, n: float, loops: float, street_m: float) -> Parts:
    """Own water heat pumps on a ring of uninsulated PE pipe along the street connecting the cluster's loops."""
    return _on_ground(d, view, ring_source(metres, n, loops, street_m))


def simultaneity(n: float, large: float, half_n: float = 21.0) -> float:
    """§3: g(n) = g_groot + (1 − g_groot) / (1 + (n − 1) / n_half)."""
    return large + (1 - large) / (1 + (n - 1) / half_n)


def collective_peak_kw(dwellings: list[Dwelling]) -> float:
    """§3: g_rv(n) × Σ P_rv + g_tw(n) × Σ P_tw with g_groot 0.5 / 0.1 (8 row houses: 65.3 kW)."""
    n = len(dwellings)
    return (simultaneity(n, 0.5) * sum(d.piek_rv_kw for d in dwellings)
            + simultaneity(n, 0.1) * sum(d.piek_tw_kw for d in dwellings))


def collectieve_luchtwarmtepomp(d: Dwelling, view: View, n: float, peak_kw: float, street_m: float = 0.0,
                                building: bool = False) -> Parts:
    """One air heat pump to 70 °C, owned by the residents: 1 250 €/kW × collective peak / n × 1.08 (3.5 % + 2.5 %/yr,
    ISDE); a row's pipe street × 200 €/m / n × 1.08 (1 %/yr); delivery set 1 800 € + in-house pipework 2 700 € /
    3 000 € (2.5 %/yr); warmtenet cupboard; adaptations; administration 45 €/yr (2023); no step.
    kWh = ((RV + TW + loss) / 3.0 + 0.0072 × (RV + TW)) / 0.0036, loss 10.5 GJ (row) / 2.6 GJ (building).
    National peak: collective peak / n / 2.5."""
    markup = 1 + kt("opslag_uitvoering")
    p = Parts()
    heat_pump = kt("collectieve_wp_per_kw") * peak_kw / n * markup
    p["warmtepomp"] = own(view, heat_pump, SHORT, kt("collectieve_wp_onderhoud") + kt("collectieve_wp_administratie"),
                          subsidy=True)
    if not building:
        p["leiding"] = own(view, street_m * kt("leiding_mini_per_m") / n * markup, LONG, kt("net_onderhoud"))
    p["afleverset"] = own(view, kt("afleverset"), SHORT, kt("inpandig_onderhoud"))
    inhouse = kt("inpandig_grondgebonden") if d.eengezins else kt("inpandig_meergezins")
    p["inpandig"] = own(view, inhouse, LONG, kt("inpandig_onderhoud"))
    gas_free(p, view, d, own_heat_pump=False)
    p["administratie"] = kt("administratie_per_aansluiting") * (VAT if view.resident else 1)
    heat = d.rv_gj + d.tw_gj
    loss = kt("warmteverlies_lt") if building else kt("warmteverlies_mt")
    gje = (heat + loss) / kt("collectieve_lucht_wp_spf") + kt("pompenergie") * heat
    p["elektriciteit"] = gje / GJ_PER_KWH * view.eur_kwh
    grid(p, view, d, peak_kw / n / kt("ontwerp_cop_collectief"))
    return p


# --- Area networks (§8 "Area networks with their real source") ------------------------------------------------

class Area(NamedTuple):
    n: float                  # connections (WEQ)
    street_m: float           # the area's street (trench without the house connections), m
    peak_kw: float            # collective peak
    capacity_kw: float        # Σ (P_rv + P_tw) of the connections (substations, grootschalig)
    source: str = "buitenlucht"  # riothermie_wko, riothermie, open_wko, teo, restwarmte, warmtenet_gepland
    coverage: float = 1.0     # bron_dekking of a named LT source
    large: bool = False       # grootschalig (substations)


NETWORK_MARKUP = (1 + kt("opslag_uitvoering")) * (1 + kt("opslag_winst_risico_onvoorzien"))  # 1.08 × 1.28
LT_SOURCES = ("riothermie_wko", "riothermie", "open_wko", "teo", "restwarmte")


def source_investment(source: str, base_kw: float) -> tuple[float, float]:
    """(investment €, maintenance share) of an LT source on its base load B: riothermie 873 €/kW × B (2023), 1.3 %;
    riothermie met WKO adds a WKO 120 000 + 90 €/kW × B, maintenance the mean of 1.3 % and 2 %; open WKO
    (120 000 + 90 × B) × 1.25, 2 %; TEO 125 000 + 135 €/kW × B, 4.5 %; LT residual heat 150 €/kW × B (2018), 5 %."""
    wko = kt("wko_vast") + kt("wko_per_kw") * base_kw
    sewer = kt("riothermie_per_kw") * base_kw
    return {
        "riothermie_wko": (sewer + wko, (kt("riothermie_onderhoud") + kt("wko_onderhoud")) / 2),
        "riothermie": (sewer, kt("riothermie_onderhoud")),
        "open_wko": (wko * kt("wko_regeneratie"), kt("wko_onderhoud")),
        "teo": (kt("teo_vast") + kt("teo_per_kw") * base_kw, kt("teo_onderhoud")),
        "restwarmte": (kt("lt_puntbron_per_kw") * base_kw, kt("bron_onderhoud")),
    }[source]


def source_pumping(source: str) -> float:
    """GJe per GJ delivered: WKO (also buffering riothermie) 0.025, TEO 0.017, else 0."""
    if source in ("riothermie_wko", "open_wko"):
        return kt("wko_elektriciteit")
    return kt("teo_elektriciteit") if source == "teo" else 0.0


COLLECTIVE_HP_UPKEEP = kt("collectieve_wp_onderhoud") + kt("collectieve_wp_administratie")  # 3.5 % + 2.5 %
INSTALLATION_UPKEEP = kt("onderstation_onderhoud")  # 3 %: technical room, heat exchanger, substations


def bronnet_investment(area: Area) -> dict[str, tuple[float, int, float]]:
    """Supplier's parts of an LT network per connection: (€ incl. 1.08 × 1.28, lifetime, maintenance share).
    Source on B = 0.3 × peak (30 years); technical room 100 000 € (2023; 30 years, 3 %); street × 151 €/m (2023) and
    house connections 1 639 € (2023) (30 years, 1 %); a collective air heat pump backup 1 250 €/kW × (1 − dekking)
    × peak (15 years, 3.5 % + 2.5 %)."""
    source, upkeep = source_investment(area.source, 0.3 * area.peak_kw)
    parts = {
        "bron": (source, LONG, upkeep),
        "technische_ruimte": (kt("technische_ruimte"), LONG, INSTALLATION_UPKEEP),
        "leidingen": (area.street_m * kt("leiding_lt_per_m") + kt("aansluiting_lt") * area.n, LONG,
                      kt("net_onderhoud")),
    }
    if area.coverage < 1:
        parts["bijstook"] = (kt("collectieve_wp_per_kw") * (1 - area.coverage) * area.peak_kw, SHORT,
                             COLLECTIVE_HP_UPKEEP)
    return {name: (eur * NETWORK_MARKUP / area.n, life, share) for name, (eur, life, share) in parts.items()}


def mt_investment(area: Area) -> dict[str, tuple[float, int, float]]:
    """Supplier's parts of a 70 °C network per connection, like :func:`bronnet_investment`: insulated pipe
    street × 192 €/m and house connections 2 060 € (2023) (30 years, 1 %); delivery sets 1 800 € (15 years, 2.5 %);
    a collective heat pump 1 250 €/kW × peak (15 years, 3.5 % + 2.5 %) on outside air or on a named LT source (its
    source on B as for a bronnet) with a technical room, or a planned network's heat exchanger 274 €/kW × 0.85 ×
    peak (30 years, 3 %); grootschalig: substations 98 €/kW × capacity (30 years, 3 %)."""
    parts: dict[str, tuple[float, int, float]] = {
        "leidingen": (area.street_m * kt("leiding_mt_per_m") + kt("aansluiting_mt") * area.n, LONG,
                      kt("net_onderhoud")),
        "afleversets": (kt("afleverset") * area.n, SHORT, kt("inpandig_onderhoud")),
    }
    if area.source == "warmtenet_gepland":
        parts["warmteoverdracht"] = (kt("wos_per_kw") * kt("wos_aandeel_piek") * area.peak_kw, LONG,
                                     INSTALLATION_UPKEEP)
    else:
        parts["collectieve_warmtepomp"] = (kt("collectieve_wp_per_kw") * area.peak_kw, SHORT, COLLECTIVE_HP_UPKEEP)
        parts["technische_ruimte"] = (kt("technische_ruimte"), LONG, INSTALLATION_UPKEEP)
        if area.source in LT_SOURCES:
            source, upkeep = source_investment(area.source, 0.3 * area.peak_kw)
            parts["bron"] = (source, LONG, upkeep)
    if area.large:
        parts["onderstations"] = (kt("onderstation_per_kw") * area.capacity_kw, LONG, INSTALLATION_UPKEEP)
    return {name: (eur * NETWORK_MARKUP / area.n, life, share) for name, (eur, life, share) in parts.items()}


def per_connection(parts: dict[str, tuple[float, int, float]]) -> float:
    """The supplier's investment per connection (seed 004 check: bronnet 7 131 €, MT 15 987 / 17 281 €)."""
    return sum(eur for eur, _, _ in parts.values())


def _tariffs(p: Parts, view: View, lt: bool) -> None:
    """Resident: contribution (4 411 × 1.21 − ISDE 3 325) × a(4 %, 15) and the standing charge 606 (bronnet) /
    720 €/yr (MT); the heat price follows in :func:`mt_network`."""
    contribution = kt("aansluitbijdrage_warmtenet") * VAT - kt("isde_warmtenet")
    p["aansluitbijdrage"] = contribution * annuity(0.04, 15)
    p["vastrecht"] = kt("vastrecht_warmtenet_lt") if lt else kt("vastrecht_warmtenet_mt")


def bronnet(d: Dwelling, view: View, area: Area) -> Parts:
    """Kleinschalig network on a named LT source. The dwelling: step, own water heat pump 10 000 € (1 %/yr, ISDE),
    LT emitters, warmtenet cupboard, adaptations; kWh = (RV_B / 4.8 + TW / 2.5) / 0.0036. Resident: the tariffs.
    National: the supplier's parts, administration 45 €/yr (2023), the plant's pumping (source + 0.0072 GJe per GJ
    delivered, RV_B + TW) and the backup's electricity at SPF 3.0; peak 0.5 × P_rv / 3.5 + the backup's share."""
    p = Parts()
    lt_step(p, view, d)
    p["warmtepomp"] = own(view, kt("warmtepomp_lt_net"), SHORT, kt("bodem_wp_onderhoud"), subsidy=True)
    gas_free(p, view, d, own_heat_pump=False)
    kwh = (rv_after(d) / kt("bronnet_spf_rv") + d.tw_gj / kt("bronnet_spf_tw")) / GJ_PER_KWH
    p["elektriciteit"] = kwh * view.eur_kwh
    if view.resident:
        _tariffs(p, view, lt=True)
        return p
    for name, (eur, life, share) in bronnet_investment(area).items():
        p[f"net_{name}"] = supplier(eur, life, share)
    p["administratie"] = kt("administratie_per_aansluiting")
    heat = rv_after(d) + d.tw_gj
    gje = heat * (source_pumping(area.source) + kt("pompenergie")) + (1 - area.coverage) * heat / kt(
        "collectieve_lucht_wp_spf")
    p["elektriciteit_net"] = gje / GJ_PER_KWH * view.eur_kwh
    backup_kw = (1 - area.coverage) * area.peak_kw / area.n / kt("ontwerp_cop_collectief")
    grid(p, view, d, kt("net_gelijktijdigheid") * d.piek_rv_kw / kt("ontwerp_cop_bodem") + backup_kw)
    return p


def mt_network(d: Dwelling, view: View, area: Area) -> Parts:
    """70 °C network (kleinschalig on outside air, grootschalig). The dwelling: in-house pipework 2 700 / 3 000 €
    (2.5 %/yr), warmtenet cupboard, adaptations; no step. Resident: the tariffs and heat 47.38 €/GJ × (RV + TW).
    National: the supplier's parts, administration 45 €/yr (2023), the collective heat pump's electricity
    (RV + TW + 10.5 GJ loss) / SPF (4.0 on the covered share of an LT source, 3.0 on outside air) or a planned
    network's heat at 10 €/GJ on the same, and pumps (source + 0.0072 GJe per GJ delivered, RV + TW); peak:
    collective peak / n / 2.5 (none for bought heat)."""
    p = Parts()
    inhouse = kt("inpandig_grondgebonden") if d.eengezins else kt("inpandig_meergezins")
    p["inpandig"] = own(view, inhouse, LONG, kt("inpandig_onderhoud"))
    gas_free(p, view, d, own_heat_pump=False)
    heat = d.rv_gj + d.tw_gj
    if view.resident:
        _tariffs(p, view, lt=False)
        p["warmte"] = kt("warmteprijs_mt") * heat
        return p
    for name, (eur, life, share) in mt_investment(area).items():
        p[f"net_{name}"] = supplier(eur, life, share)
    p["administratie"] = kt("administratie_per_aansluiting")
    produced = heat + kt("warmteverlies_mt")
    pumps = heat * (source_pumping(area.source) + kt("pompenergie"))
    if area.source == "warmtenet_gepland":
        p["warmte_inkoop"] = kt("warmte_inkoop_per_gj") * produced
        p["elektriciteit_net"] = pumps / GJ_PER_KWH * view.eur_kwh
        return p
    covered = area.coverage if area.source in LT_SOURCES else 0.0
    gje = produced * (covered / kt("collectieve_bron_wp_spf") + (1 - covered) / kt("collectieve_lucht_wp_spf"))
    p["elektriciteit_net"] = (gje + pumps) / GJ_PER_KWH * view.eur_kwh
    grid(p, view, d, area.peak_kw / area.n / kt("ontwerp_cop_collectief"))
    return p


# --- The same dwellings as rows for the package (tests only; no formula here) ----------------------------------

def member_row(d: Dwelling, *, woningtype: str, pand: str, mini: str | None = None, area: str | None = None,
               metres: float | None = None, **extra) -> dict:
    """``d`` as a row of the package's cluster members (cluster_leden): the inputs the cost model reads."""
    return {"objecttype": "woning", "woningtype": woningtype, "woningtype_vesta": d.woningtype_vesta,
            "bouwjaar": d.bouwjaar, "oppervlakte": d.oppervlakte, "labelklasse": d.label, "rv_gj": d.rv_gj,
            "tw_gj": d.tw_gj, "rv_gj_label_B": d.rv_gj if d.rv_gj_label_b is None else d.rv_gj_label_b,
            "piek_rv_kw": d.piek_rv_kw, "piek_kw": d.piek_rv_kw + d.piek_tw_kw,
            "boormeters_m": own_loop_metres(d) if metres is None else metres, "beperking": "",
            "max_boordiepte_m": float("nan"), "buitenunit": "onzeker", "eigen_boring_past": woningtype != "appartement",
            "pand_id": pand, "mini_cluster_id": mini, "gebied_cluster_id": area, **extra}


def mini_cluster(members: list[Dwelling], *, street_m: float, loops: float, building: bool = False,
                 forbidden: float = 0.0, fits: bool = True) -> dict:
    """A mini cluster row (a row, or one apartment building) with §3's trench (street + 15 m per pand) and peak."""
    n, panden = len(members), 1 if building else len(members)
    return {"schaal": "mini", "niveau": "mini", "weq": float(n), "n_woningen": n, "n_panden": panden,
            "n_appartement": n if building else 0, "tracelengte_m": street_m + 15.0 * panden,
            "gelijktijdig_piek_kw": collective_peak_kw(members), "bodemlussen": float(loops),
            "woningen_per_lus": n / loops, "aandeel_verboden": forbidden, "boringen_passen": fits}


def area_cluster(area: Area, *, panden: int, source: str | None = None, planned_share: float = 0.0) -> dict:
    """An area cluster row for :class:`Area` (kleinschalig, or grootschalig when ``area.large``)."""
    return {"schaal": "grootschalig" if area.large else "kleinschalig", "niveau": "gebied", "weq": float(area.n),
            "n_woningen": int(area.n), "n_panden": panden, "n_appartement": 0,
            "tracelengte_m": area.street_m + 15.0 * panden, "gelijktijdig_piek_kw": area.peak_kw,
            "warmtebron_sleutel": source, "bron_dekking": area.coverage, "aandeel_in_gepland_warmtenet": planned_share}
