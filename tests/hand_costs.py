"""Yearly cost per dwelling worked out by hand from docs/method.md §8 "Kosten" (resident's view, 2024).

Independent of ``warmtekans``: it reads ``src/warmtekans/data/kosten.csv`` as plain numbers, indexes
them itself and writes each documented formula out once, one line per component. The decision-path
tests compare production with these numbers, so a wrong production formula fails a test. When the
cost model changes on purpose, change docs/method.md §8 and this file together.

Settings are the defaults of ``costs`` in the config: resident's view (``eindgebruiker``), own
investment at 4 % over 15 years, a supplier's network and source at 6 % over 30 years, ISDE and LT
emitters counted, price level 2024. Where §8 is silent the line says what is assumed.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

KOSTEN_CSV = Path(__file__).resolve().parents[1] / "src" / "warmtekans" / "data" / "kosten.csv"
PRICE_YEAR = 2024

with KOSTEN_CSV.open(encoding="utf-8") as handle:
    _ROWS = {row["parameter"]: row for row in csv.DictReader(handle)}


def cpi(from_year: int, to_year: int = PRICE_YEAR) -> float:
    """CBS CPI factor: Π (1 + cpi_mutatie_y / 100) for y after ``from_year`` up to ``to_year`` (2018 → 2024: 1.2590)."""
    factor = 1.0
    for year in range(from_year + 1, to_year + 1):
        factor *= 1 + float(_ROWS[f"cpi_mutatie_{year}"]["waarde"]) / 100
    return factor


def kt(name: str) -> float:
    """A kentallen value at price level 2024: indexed with the CPI when its row says ``indexeren = ja``."""
    row = _ROWS[name]
    value = float(row["waarde"])
    return value * cpi(int(row["prijspeil"])) if row["indexeren"] == "ja" else value


def annuity(rate: float, years: float) -> float:
    """a(r, n) = r / (1 − (1 + r)^−n)."""
    return rate / (1 - (1 + rate) ** -years)


VAT = 1 + kt("btw") / 100             # 1.21 on investment and maintenance
ISDE = kt("isde_warmtepomp")          # 30 % off the heat pump and its loop
A_OWN = annuity(0.04, 15)             # 0.089941: every part the resident pays
A_SUPPLIER = annuity(0.06, 30)        # 0.072649: a supplier's network and source (lifetime 30)
EUR_KWH, EUR_M3, GAS_FIXED = kt("elektriciteitsprijs"), kt("gasprijs"), kt("gas_vastrecht")  # 0.32, 1.332, 250
GJ_PER_KWH = 0.0036


class Dwelling(NamedTuple):
    rv_gj: float          # space heating, GJ/yr
    tw_gj: float          # tap water, GJ/yr
    piek_rv_kw: float     # space-heating peak P_rv
    piek_tw_kw: float     # tap-water peak P_tw
    label: str            # energy label letter
    eengezins: bool       # single-family (else an apartment)


def own(invest: float, maintenance: float = 0.0, subsidised: bool = False) -> float:
    """A resident's investment (kentallen €, excl. VAT) per year: paid × a(4 %, 15) + maintenance × gross."""
    paid = invest * VAT * ((1 - ISDE) if subsidised else 1)
    return paid * A_OWN + invest * VAT * maintenance


def supplier(invest: float, maintenance: float = 0.0) -> float:
    """A supplier's investment per connection per year: gross × a(6 %, 30) + maintenance × gross."""
    return invest * VAT * A_SUPPLIER + invest * VAT * maintenance


def spf_rv(kind: str, label: str) -> float:
    """SPF for space heating by label: A, B, or C for C and worse (Vesta has no lower class)."""
    letter = str(label)[:1] if str(label)[:1] in ("A", "B") else "C"  # 'A+++' is A; unknown counts as C
    return kt(f"{kind}_spf_rv_{letter}")


def emitters_and_connection(d: Dwelling) -> float:
    """LT emitters (2 089.56 € eengezins / 1 208.09 € meergezins) + 3×25 A connection 227 €, every own heat pump."""
    emitters = kt("lt_afgifte_eengezins") if d.eengezins else kt("lt_afgifte_meergezins")
    return own(emitters) + own(kt("verzwaren_aansluiting"))


def loop_parts() -> tuple[float, float]:
    """Fixed € per borehole F and € per borehole metre, from Vesta's reference dwelling (7.555 kW, 141.66 m)."""
    loop = kt("bodem_wp_aandeel_bodemlus") * (kt("bodem_wp_vast") + kt("bodem_wp_per_kw") * 7.555)  # 0.4 × 12 784.43
    fixed = kt("bodemlus_aandeel_vast_per_boring") * loop                                            # F = 0.6 × loop
    return fixed, (loop - fixed) / kt("referentie_boormeters_m")                                    # 14.44 €/m (2018)


def water_heat_pump(d: Dwelling) -> float:
    """The water-water heat pump: Vesta's ground heat pump without its loop (60 %), 15 years."""
    return (1 - kt("bodem_wp_aandeel_bodemlus")) * (kt("bodem_wp_vast") + kt("bodem_wp_per_kw") * d.piek_rv_kw)


def spreiding(dwellings_sharing: float) -> float:
    """Fewer borehole metres when sharing: s = 15 % × min(n − 1, 9) / 9."""
    return kt("bodemlus_spreiding_max") * min(max(dwellings_sharing - 1, 0), 9) / 9


def cv_ketel(d: Dwelling) -> float:
    """Reference: HR boiler 1 775.85 €, 4.65 %/yr; gas m³ = RV / (1.04 × 0.03165) + TW / (0.72 × 0.03165)."""
    m3 = d.rv_gj / (1.04 * 0.03165) + d.tw_gj / (0.72 * 0.03165)
    return own(kt("hr_ketel_vast"), kt("hr_ketel_onderhoud")) + m3 * EUR_M3 + GAS_FIXED


def luchtwarmtepomp(d: Dwelling) -> float:
    """Own air heat pump 4 998 + 410 × P_rv €, 1.5 %/yr; kWh = (RV / SPF_air + TW / 2.2) / 0.0036."""
    unit = kt("lucht_wp_vast") + kt("lucht_wp_per_kw") * d.piek_rv_kw
    kwh = (d.rv_gj / spf_rv("lucht_wp", d.label) + d.tw_gj / 2.2) / GJ_PER_KWH
    return own(unit, kt("lucht_wp_onderhoud"), subsidised=True) + emitters_and_connection(d) + kwh * EUR_KWH


def _on_ground_source(d: Dwelling, source_eur: float, spf: float) -> float:
    """Own water heat pump + its (share of a) ground source, both with ISDE and 0.9 %/yr; emitters; electricity."""
    kwh = (d.rv_gj / spf + d.tw_gj / 2.5) / GJ_PER_KWH
    return (own(water_heat_pump(d) + source_eur, kt("bodem_wp_onderhoud"), subsidised=True)
            + emitters_and_connection(d) + kwh * EUR_KWH)


def bodemwarmtepomp(d: Dwelling, metres: float) -> float:
    """Own ground loop of L metres: F + 14.44 €/m × L on top of the water heat pump."""
    fixed, per_metre = loop_parts()
    return _on_ground_source(d, fixed + per_metre * metres, spf_rv("bodem_wp", d.label))


def gedeelde_bodemlus(d: Dwelling, metres: float, n: float, loops: float) -> float:
    """Per dwelling: L × (1 − s(n / loops)) × 14.44 €/m + (F + distributor 1 000 €) × loops / n + 10 m × 50 €/m.

    (The 0.9 % maintenance on the shared part: §8 is silent; taken as for the own loop.)
    """
    fixed, per_metre = loop_parts()
    share = (per_metre * metres * (1 - spreiding(n / loops))
             + (fixed + kt("verdeler_gedeelde_lus")) * loops / n
             + kt("leiding_gedeelde_lus_per_woning") * kt("leiding_prive_per_m"))
    return _on_ground_source(d, share, spf_rv("bodem_wp", d.label))


def ringnet(d: Dwelling, metres: float, n: float, loops: float, trench_m: float) -> float:
    """Per dwelling: [L × (1 − s(n)) × 14.44 + (F × loops + controls 5 000) / n + trench × 150 / n] × 1.08."""
    fixed, per_metre = loop_parts()
    share = (per_metre * metres * (1 - spreiding(n))
             + (fixed * loops + kt("regeling_ringnet")) / n
             + trench_m * kt("leiding_bronnet_per_m") / n) * (1 + kt("opslag_uitvoering"))
    return _on_ground_source(d, share, spf_rv("bodem_wp", d.label))


def mt_pipe_per_m(peak_kw: float) -> float:
    """Vesta's insulated pipe: 600 + 105 × P^0.5 + 100 × P^0.6 €/m, P in MW."""
    p = peak_kw / 1000
    return (kt("leiding_mt_vast_per_m") + kt("leiding_mt_wortel_per_m") * p ** 0.5
            + kt("leiding_mt_macht_per_m") * p ** 0.6)


def collectieve_luchtwarmtepomp(d: Dwelling, n: float, trench_m: float, collective_peak_kw: float) -> float:
    """Central air heat pump: 547.5 €/kW × collective peak and pipe × trench, × 1.08, shared over n.

    Delivery set and pipework 3 800 € (eengezins) / 2 680 € (meergezins); administration 45 €/yr;
    kWh = (heat × 1.18 / 3.0 + heat × 0.0072) / 0.0036. (§8 is silent on who finances the heat pump
    and pipes of a row or building: here the residents, a(4 %, 15); heat pump 3.5 %/yr, pipes 1 %/yr,
    in-house 2.5 %/yr as in kosten.csv; no LT emitters or 3×25 A.)
    """
    markup = 1 + kt("opslag_uitvoering")
    heat_pump = kt("collectieve_wp_per_kw") * collective_peak_kw / n * markup
    pipes = mt_pipe_per_m(collective_peak_kw) * trench_m / n * markup
    inhouse = kt("inpandig_mt_eengezins") if d.eengezins else kt("inpandig_mt_meergezins")
    heat = d.rv_gj + d.tw_gj
    kwh = (heat * (1 + kt("mt_verlies")) / kt("collectieve_lucht_wp_spf") + heat * kt("pompenergie")) / GJ_PER_KWH
    return (own(heat_pump, kt("collectieve_wp_onderhoud"), subsidised=True) + own(pipes, kt("net_onderhoud"))
            + own(inhouse, kt("inpandig_onderhoud")) + kt("administratie_per_aansluiting") * VAT + kwh * EUR_KWH)


def bronnet_riothermie_wko(d: Dwelling, n: float, trench_m: float, collective_peak_kw: float) -> float:
    """Bronnet on riothermie met WKO, financed by a supplier and shared over n connections (WEQ).

    Source on B = 0.3 × collective peak: 873 €/kW × B + WKO 165 000 + 126.5 €/kW × B + technical room
    100 000; pipes trench × 150 €/m; both × 1.08 × 1.2886. The dwelling: own water heat pump, emitters,
    3×25 A, administration 45 €/yr; kWh = RV / 4.8 + TW / 2.5 + heat × 1.05 × (0.025 + 0.0072) GJe/GJ.
    (Maintenance: source the mean of riothermie 1.3 % and WKO 2.5 %, pipes 1 %, as production takes it.)
    """
    base = 0.3 * collective_peak_kw
    markup = (1 + kt("opslag_uitvoering")) * (1 + kt("opslag_bijkomend_warmtenet"))
    source = (kt("riothermie_per_kw") * base + kt("wko_vast") + kt("wko_per_kw") * base + kt("technische_ruimte"))
    source_share = source / n * markup
    pipes_share = trench_m * kt("leiding_bronnet_per_m") / n * markup
    heat = d.rv_gj + d.tw_gj
    kwh = (d.rv_gj / kt("bronnet_spf_rv") + d.tw_gj / 2.5
           + heat * (1 + kt("bronnet_verlies")) * (kt("wko_elektriciteit") + kt("pompenergie"))) / GJ_PER_KWH
    return (own(water_heat_pump(d), kt("bodem_wp_onderhoud"), subsidised=True) + emitters_and_connection(d)
            + supplier(source_share, (kt("riothermie_onderhoud") + kt("wko_onderhoud")) / 2)
            + supplier(pipes_share, kt("net_onderhoud"))
            + kt("administratie_per_aansluiting") * VAT + kwh * EUR_KWH)


def grootschalig_warmtenet(d: Dwelling) -> float:
    """ACM tariffs: connection contribution 4 411 € (excl. VAT), standing charge 720 €/yr, heat 47.38 €/GJ,
    plus in-house pipework 2 500 € (eengezins; Vesta's 1 380 € meergezins), both over a(4 %, 15).
    Also the network's pump electricity, heat × 0.0072 GJe/GJ at 0.32 €/kWh, as production charges it: §8 lists
    no such part for the resident and the ACM heat price arguably includes it (an open question, not a fix here)."""
    inhouse = kt("inpandig_mt_eengezins") if d.eengezins else kt("inpandig_mt_meergezins")
    pipework = inhouse - kt("afleverset_mt")  # Vesta's in-house total minus the delivery set 1 300 € (2018)
    heat = d.rv_gj + d.tw_gj
    pumps_kwh = heat * kt("pompenergie") / GJ_PER_KWH
    return (own(kt("aansluitbijdrage_warmtenet")) + own(pipework)
            + kt("vastrecht_warmtenet_mt") + kt("warmteprijs_mt") * heat + pumps_kwh * EUR_KWH)


def collective_peak_kw(dwellings: list[Dwelling]) -> float:
    """Vesta's simultaneity: 0.5 × ΣP_rv + 0.1 × ΣP_tw."""
    return sum(0.5 * d.piek_rv_kw + 0.1 * d.piek_tw_kw for d in dwellings)


def own_loop_metres(d: Dwelling) -> float:
    """§4: L = P_rv × (1 − 1/4) / 40 W/m."""
    return d.piek_rv_kw * 1000 * (1 - 1 / 4) / 40
