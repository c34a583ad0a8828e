"""Write the package's cost kentallen (``src/warmtekans/data/kosten.csv``), every row with its source.

Rows from PBL's Startanalyse 2025 kentallen (``../shared/data/kentallen/asa2025/``) are looked up by
name in their file, so each value, its range (the ``_min``/``_max`` pair: ``laag``/``hoog``) and its
source row are traceable; the middle of the range is the value used (Vesta's default slider 0.5). Rows
2025 has no figure for come from Vesta MAIS 5.0 (price level 2018, indexed), from the seeds (the
Leusden study [S4], the Utrecht leaflet [S2]) or are our estimates (``bron`` starts with
``(schatting``), each with a range. Run from the project root: ``python tools/make_cost_kentallen.py``.

Price level: the Startanalyse 2025 figures are the 2024 validation sessions, Netbeheer Nederland's 2024
inventory and Arcadis 2023; we take them as price level 2024, except Arcadis (2023, indexed with the CBS
CPI), because the model's unit file ("prijspeil 2010") was not updated with them (asa2025 README).
"""

from __future__ import annotations

import csv
from pathlib import Path

SHARED = Path("../shared/data/kentallen/asa2025")
TARGET = Path("src/warmtekans/data/kosten.csv")
VERSION = "2026-12-06"
ASA = "Vesta MAIS Startanalyse 2025"

COLUMNS = ("parameter", "waarde", "laag", "hoog", "eenheid", "prijspeil", "indexeren", "btw", "bron", "toelichting")


def _asa_table(name: str) -> dict[str, tuple[float, int]]:
    """``Naam → (Waarde, line)`` of one Startanalyse kentallen file."""
    path = SHARED / name
    with open(path, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return {row["Naam"]: (float(row["Waarde"]), line) for line, row in enumerate(rows, start=2)
            if row["Waarde"] not in ("", "nvt")}


def _asa_installations() -> dict[str, tuple[dict[str, str], int]]:
    with open(SHARED / "installaties_Installatie.csv", encoding="utf-8-sig") as handle:
        return {row["name"]: (row, line) for line, row in enumerate(csv.DictReader(handle, delimiter=";"), start=2)}


def _asa_performance() -> dict[tuple[str, str, str], tuple[float, int]]:
    with open(SHARED / "installaties_Performance.csv", encoding="utf-8-sig") as handle:
        return {(row["Installatie_name"], row["schillabel_name"], row["ProductType_name"]): (float(row["SPF_b"]), line)
                for line, row in enumerate(csv.DictReader(handle, delimiter=";"), start=2)}


def main() -> None:
    files = {name: _asa_table(f"Kentallen_20250120_{name}.csv")
             for name in ("LT_warmtenetten", "MT_warmtenetten", "BC_Kentallen", "Netbeheer", "Efficiency", "Onderhoud",
                          "Vermogens")}
    installations = _asa_installations()
    performance = _asa_performance()
    rows: list[dict[str, str]] = []

    def row(parameter, waarde, eenheid, bron, toelichting="", *, laag="", hoog="", prijspeil="", indexeren="",
            btw="") -> None:
        rows.append({"parameter": parameter, "waarde": _fmt(waarde), "laag": _fmt(laag), "hoog": _fmt(hoog),
                     "eenheid": eenheid, "prijspeil": str(prijspeil), "indexeren": indexeren, "btw": btw, "bron": bron,
                     "toelichting": toelichting})

    def asa(parameter, file, low_name, high_name=None, eenheid="", toelichting="", *, prijspeil=2024, indexeren="ja",
            btw="excl"):
        """A Startanalyse row (or a min/max pair): waarde = the middle, laag/hoog = the pair."""
        low, line = files[file][low_name]
        high, line_high = files[file][high_name] if high_name else (low, line)
        bron = f"{ASA}, Kentallen_20250120_{file}.csv:{line}" + (f",{line_high}" if high_name else "") + \
            f" ({low_name}{'/' + high_name if high_name else ''})"
        kwargs = dict(laag=min(low, high), hoog=max(low, high)) if high_name else {}
        row(parameter, (low + high) / 2, eenheid, bron, toelichting, prijspeil=prijspeil if indexeren else "",
            indexeren=indexeren, btw=btw, **kwargs)

    def installation(prefix, name, toelichting):
        values, line = installations[name]
        bron = f"{ASA}, installaties/Installatie.csv:{line} ({name}"
        low, high = float(values["Ki_asl_min_w"]), float(values["Ki_asl_max_w"])
        row(f"{prefix}_vast", (low + high) / 2, "EUR/woning", bron + " Ki_asl_min_w/max_w)", toelichting,
            laag=min(low, high), hoog=max(low, high), prijspeil=2024, indexeren="ja", btw="excl")
        low, high = float(values["Ki_cap_min_w"]), float(values["Ki_cap_max_w"])
        if low or high:
            row(f"{prefix}_per_kw", (low + high) / 2, "EUR/kW", bron + " Ki_cap_min_w/max_w)",
                "capaciteit = piek ruimteverwarming", laag=min(low, high), hoog=max(low, high), prijspeil=2024,
                indexeren="ja", btw="excl")
        row(f"{prefix}_onderhoud", float(values["R_OH"]), "fractie investering/jaar", bron + " R_OH)")
        return values

    def spf(parameter, name, label, product, toelichting=""):
        value, line = performance[(name, label, product)]
        row(parameter, value, "SPF", f"{ASA}, installaties/Performance.csv:{line} ({name} {label} {product})",
            toelichting)

    row("versie", VERSION, "", "warmtekans", "versie van deze kentallentabel; wijzig bij elke aanpassing")
    for year, change, source in ((2019, 2.6, "CBS, Consumentenprijzen jaarmutatie CPI"), (2020, 1.3, "CBS, idem"),
                                 (2021, 2.7, "CBS, idem"), (2022, 10.0, "CBS, idem"),
                                 (2023, 3.8, "CBS, nieuws 2024/02 'Inflatie 3,8 procent in 2023'"),
                                 (2024, 3.3, "CBS, nieuws 2025/03 'Inflatie 3,3 procent in 2024'")):
        row(f"cpi_mutatie_{year}", change, "%", source, "indexeert bedragen naar het prijspeil van costs.price_year")

    # --- general -------------------------------------------------------------------------------------------
    row(
        "btw", 21, "%", "Vesta Runs/DefaultSettings/Basis.dms:42 (VAT)", "op investeringen en onderhoud (eindgebruiker)"
    )
    row(
        "btw_isolatie",
        15,
        "%",
        "Vesta MAIS 5.0 (kentallen README: 15 % op isolatie, mix van 9 % arbeid en 21 % materiaal)",
        "op isolatiestappen (eindgebruiker)",
    )
    row(
        "discontovoet_maatschappelijk",
        0.03,
        "fractie/jaar",
        "Vesta Runs/DefaultSettings/Basis.dms:299 (Discontovoet/mr)",
        "nationale-kostenblik",
    )
    for name, years, source, note in (
        (
            "levensduur_installatie",
            15,
            "Vesta installaties/Installatie.csv (rest na AT30/AT20)",
            "toestellen, afleversets, collectieve warmtepompen (Vesta: jaar 2-15)",
        ),
        ("levensduur_bodemlus", 30, "Vesta installaties/Installatie.csv (AT30)", "boringen"),
        (
            "levensduur_net",
            30,
            "Vesta Runs/DefaultSettings/Basis.dms:293 (opbrengstjaar 2..30)",
            "leidingen, bronnen, technische ruimte, netverzwaring",
        ),
        ("levensduur_afgifte", 30, "Vesta GebouwOptieT.dms:295 (Kji_GV)", "LT-afgifte, meterkast"),
        ("levensduur_isolatie", 30, "Vesta MAIS 5.0 (label_steps: annuiteit over 30 jaar)", "isolatiestappen"),
    ):
        row(name, years, "jaar", source, note)

    # --- individual installations --------------------------------------------------------------------------
    installation("hr_ketel", "HR", "HR-ketel (referentie en hybride)")
    spf("hr_rendement_rv", "HR", "x", "RV", "ruimteverwarming (op onderwaarde)")
    spf("hr_rendement_tw", "HR", "x", "TW", "tapwater")
    row("gas_gj_per_m3", 0.03165, "GJ/m3", "kentallen README (31.65 MJ/m3)", "omrekening aardgas")
    installation("lucht_wp", "eWP_lw", "individuele lucht-water warmtepomp (all-electric)")
    for label in "ABC":
        spf(f"lucht_wp_spf_rv_{label}", "eWP_lw", label, "RV", f"label {label}")
    spf("lucht_wp_spf_rv_D", "eWP_lw", "x", "RV", "label D en slechter (zonder isolatiestap)")
    spf("lucht_wp_spf_tw", "eWP_lw", "x", "TW", "tapwater")
    bodem = installation("bodem_wp", "eWP_bw", "individuele bodem-water warmtepomp incl. gesloten bodemlus")
    values, line = installations["eWP_bw"]
    row(
        "bodem_wp_aandeel_bodemlus",
        float(bodem["AT30"]),
        "fractie investering",
        f"{ASA}, installaties/Installatie.csv:{line} (eWP_bw AT30)",
        "het 30-jaarsdeel: de bodemlus; de rest is het toestel",
    )
    for label in "ABC":
        spf(f"bodem_wp_spf_rv_{label}", "eWP_bw", label, "RV", f"label {label}")
    row(
        "bodem_wp_spf_rv_D",
        performance[("eWP_bw", "C", "RV")][0],
        "SPF",
        "(schatting: waarde van label C; Startanalyse 2025 geeft geen lagere klasse)",
        "label D en slechter",
        laag=3.5,
        hoog=4.5,
    )
    spf("bodem_wp_spf_tw", "eWP_bw", "x", "TW", "tapwater")
    installation("hybride_wp", "BasisHWP_w", "hybride warmtepomp (naast de HR-ketel)")
    for label in "ABCD":
        spf(
            f"hybride_wp_spf_rv_{label}",
            "BasisHWP_w",
            label,
            "RV",
            f"label {label}" + (" en slechter" if label == "D" else ""),
        )
    perf_line = performance[("BasisHWP_w", "B", "RV")][1]
    row(
        "hybride_aandeel_rv",
        0.78,
        "fractie",
        f"{ASA}, installaties/Performance.csv:{perf_line} (BasisHWP_w P_vol)",
        "deel van de ruimteverwarming door de warmtepomp; de rest en het tapwater door de ketel",
    )
    asa(
        "lt_afgifte_eengezins",
        "BC_Kentallen",
        "Ki_LTAS_wl_min",
        "Ki_LTAS_wl_max",
        "EUR/woning",
        "lage-temperatuurafgifte (Arcadis 2023)",
        prijspeil=2023,
    )
    asa(
        "lt_afgifte_meergezins",
        "BC_Kentallen",
        "Ki_LTAS_wh_min",
        "Ki_LTAS_wh_max",
        "EUR/woning",
        "lage-temperatuurafgifte (Arcadis 2023)",
        prijspeil=2023,
    )
    asa(
        "meterkast_all_electric_eengezins",
        "BC_Kentallen",
        "Ki_Meterkast_wl_S1",
        None,
        "EUR/woning",
        "meterkast bij een eigen all-electric warmtepomp",
    )
    asa("meterkast_all_electric_meergezins", "BC_Kentallen", "Ki_Meterkast_wh_S1", None, "EUR/woning", "idem")
    asa(
        "meterkast_warmtenet_eengezins",
        "BC_Kentallen",
        "Ki_Meterkast_wl_Sx",
        None,
        "EUR/woning",
        "meterkast bij een collectieve optie",
    )
    asa("meterkast_warmtenet_meergezins", "BC_Kentallen", "Ki_Meterkast_wh_Sx", None, "EUR/woning", "idem")

    # --- the electricity and gas grid (netbeheer) -------------------------------------------------------------
    asa(
        "verzwaren_aansluiting",
        "Netbeheer",
        "Ki_verzw_e_min",
        "Ki_verzw_e_max",
        "EUR/woning",
        "naar 3x25 A bij een eigen warmtepomp; nationale blik (kosten netbeheerder)",
    )
    row(
        "verzwaren_aansluiting_bewoner",
        277,
        "EUR/woning",
        "seed 004 Tabel 6-5 (netbeheerderskosten 3x25 A)",
        "eindgebruiker (bijdrage aan de netbeheerder)",
        prijspeil=2023,
        indexeren="ja",
        btw="excl",
    )
    asa(
        "gasaansluiting_verwijderen_laagbouw",
        "Netbeheer",
        "Ki_verw_g_laagb_min",
        "Ki_verw_g_laagb_max",
        "EUR/woning",
        "nationale blik, bij elke aardgasvrije optie",
    )
    asa(
        "gasaansluiting_verwijderen_hoogbouw",
        "Netbeheer",
        "Ki_verw_g_hoogb_min",
        "Ki_verw_g_hoogb_max",
        "EUR/woning",
        "nationale blik, bij elke aardgasvrije optie",
    )
    row(
        "gasleiding_verwijderen_bewoner",
        640,
        "EUR/woning",
        "seed 004 Tabel 6-5 (installateurskosten verwijderen gasleiding)",
        "eindgebruiker, bij elke aardgasvrije optie",
        prijspeil=2023,
        indexeren="ja",
        btw="excl",
    )
    asa(
        "gasnet_verwijderen_per_m",
        "Netbeheer",
        "Ki_verw_LD_min",
        "Ki_verw_LD_max",
        "EUR/m",
        "lagedruk-gasnet in de straat; nationale blik, bij elke aardgasvrije optie",
    )
    row(
        "gasnet_lengte_per_woning",
        14.7,
        "m/woning",
        "Startanalyse 2025 Infra (Km_lengte_LD_net_NL 117 662 km) / 8,0 mln woningen (CBS 2024) (schatting)",
        "alleen zonder tracelengte van een cluster",
        laag=10,
        hoog=20,
    )
    asa(
        "lsnet_verzwaren_per_m",
        "Netbeheer",
        "Ki_verzw_LS_min",
        "Ki_verzw_LS_max",
        "EUR/m",
        "laagspanningskabel in de straat; nationale blik",
    )
    asa(
        "ms_ruimte",
        "Netbeheer",
        "Ki_MSR_min",
        "Ki_MSR_max",
        "EUR/station",
        "nieuwe middenspanningsruimte; nationale blik",
    )
    asa(
        "ms_ruimte_kw",
        "Netbeheer",
        "P_MSR_kw",
        None,
        "kW/station",
        "capaciteit van een nieuwe MS-ruimte",
        indexeren="",
        btw="",
    )
    asa(
        "net_gelijktijdigheid",
        "Vermogens",
        "GTF_w_Enet",
        None,
        "fractie",
        "gelijktijdigheid op het elektriciteitsnet",
        indexeren="",
        btw="",
    )
    row(
        "lsnet_lengte_per_woning",
        22.7,
        "m/woning",
        "Startanalyse 2025 Infra (Km_lengte_LS_net_NL 181 620 km) / 8,0 mln woningen (CBS 2024) (schatting)",
        "alleen zonder tracelengte van een cluster",
        laag=15,
        hoog=30,
    )

    # --- insulation --------------------------------------------------------------------------------------
    row(
        "isde_isolatie",
        0.3,
        "fractie investering",
        "seed 004 par. 6.5.1 (ISDE isolatie 30 % bij twee maatregelen)",
        "eindgebruikersblik; op de isolatiestap",
    )
    row(
        "isde_warmtepomp",
        0.3,
        "fractie investering",
        "seed 004 par. 6.5.1 (ISDE warmtepomp 30 % van de aanschafkosten)",
        "eindgebruikersblik; op het warmtepomptoestel",
    )
    row(
        "isde_warmtenet",
        3325,
        "EUR/aansluiting",
        "seed 004 par. 6.5.1 (ISDE aansluiting warmtenet)",
        "eindgebruikersblik; bij aansluiting op een warmtenet",
        prijspeil=2023,
        indexeren="nee",
        btw="excl",
    )

    # --- shared loops and mini networks --------------------------------------------------------------------------
    row(
        "referentie_piek_rv_kw",
        7.555,
        "kW",
        "Vesta model/Kengetallen/Vermogens.dms:55 (4.055 + 0.035 x 100 m2)",
        "eengezinswoning van 100 m2: legt de bodemlus-euro's op meters",
    )
    row(
        "referentie_boormeters_m",
        141.66,
        "m",
        "docs/method.md par. 4: 7 555 W x (1 - 1/4.0) / 40 W/m",
        "boormeters van die referentiewoning",
    )
    row(
        "bodemlus_aandeel_vast_per_boring",
        0.5,
        "fractie",
        "(schatting; gekalibreerd op seed 002: EUR 3 000 over 15 jaar "
        "verschil gedeelde en eigen bodemlus; met 0.5 komt het uit op EUR 3 288 en ligt elke cel binnen 14 %)",
        "deel van de bodemluskosten dat per boring vastligt (boorstelling, melding, aansluiting, test)",
        laag=0.3,
        hoog=0.6,
    )
    row(
        "bodemlus_spreiding_max",
        0.15,
        "fractie",
        "seed 003 (ca. 15 % minder aansluitvermogen bij 10 woningen)",
        "minder boormeters bij een gedeelde bron: lineair van 0 (1 woning) tot dit maximum (10 of meer)",
    )
    row(
        "verdeler_gedeelde_lus",
        1000,
        "EUR/lus",
        "(schatting)",
        "verdeler en circulatie van een gedeelde bodemlus",
        laag=500,
        hoog=3000,
        prijspeil=2024,
        indexeren="ja",
        btw="excl",
    )
    row(
        "leiding_prive_per_m",
        50,
        "EUR/m",
        "(schatting)",
        "PE-bronleiding in een tuinsleuf (gedeelde bodemlus)",
        laag=30,
        hoog=100,
        prijspeil=2024,
        indexeren="ja",
        btw="excl",
    )
    row(
        "leiding_gedeelde_lus_per_woning",
        10,
        "m/woning",
        "(schatting)",
        "leiding van de gedeelde lus naar elke woning",
        laag=5,
        hoog=20,
    )
    row(
        "regeling_ringnet",
        5000,
        "EUR/cluster",
        "(schatting)",
        "verdeelput, circulatiepomp en regeling van een ringnet",
        laag=2000,
        hoog=10000,
        prijspeil=2024,
        indexeren="ja",
        btw="excl",
    )
    row(
        "leiding_lt_per_m",
        151,
        "EUR/m",
        "seed 004 Tabel 6-2 (transportnet bronnet EUR 537 700 / 355 aansluitingen / "
        "10 m straat per aansluiting; schatting van die lengte)",
        "ongeisoleerde PE-leiding in de straat incl. herstel (ringnet en bronnet)",
        laag=100,
        hoog=250,
        prijspeil=2023,
        indexeren="ja",
        btw="excl",
    )
    row(
        "aansluiting_lt",
        1639,
        "EUR/aansluiting",
        "seed 004 Tabel 6-2 (aansluitleidingen bronnet EUR 582 000 / 355)",
        "huisaansluiting op een LT-net (bronnet)",
        laag=1000,
        hoog=2500,
        prijspeil=2023,
        indexeren="ja",
        btw="excl",
    )
    row(
        "leiding_mt_per_m",
        192,
        "EUR/m",
        "seed 004 Tabel 6-2 (transport- en distributienet MT EUR 682 200 / 355 "
        "aansluitingen / 10 m straat per aansluiting; schatting van die lengte)",
        "geisoleerde MT-leiding in de straat; "
        "gekalibreerd zodat seed 004's EUR 16 800 per aansluiting terugkomt (Vesta's formule 600 + 105 P^0.5 + "
        "100 P^0.6 EUR/m ligt 3-5x hoger)",
        laag=150,
        hoog=600,
        prijspeil=2023,
        indexeren="ja",
        btw="excl",
    )
    row(
        "aansluiting_mt",
        2060,
        "EUR/aansluiting",
        "seed 004 Tabel 6-2 (aansluitleidingen MT EUR 731 400 / 355)",
        "huisaansluiting op een MT-net",
        laag=1500,
        hoog=3000,
        prijspeil=2023,
        indexeren="ja",
        btw="excl",
    )
    row(
        "leiding_mini_per_m",
        200,
        "EUR/m",
        "(schatting: geisoleerde kunststof duoleiding (PE-Xa) voor 2-50 woningen, "
        "tussen de LT- en MT-prijs van seed 004)",
        "70 C-net van een collectieve luchtwarmtepomp in een rij woningen; niet Vesta's formule voor grote netten",
        laag=120,
        hoog=350,
        prijspeil=2024,
        indexeren="ja",
        btw="excl",
    )
    asa(
        "collectieve_wp_per_kw",
        "LT_warmtenetten",
        "Ki_eWP_coll_min_i",
        "Ki_eWP_coll_max_i",
        "EUR/kW",
        "collectieve warmtepomp op de collectieve piek (lucht of LT-bron naar 70 C)",
    )
    asa(
        "collectieve_wp_onderhoud",
        "Onderhoud",
        "R_wpColl_onderhoud",
        None,
        "fractie investering/jaar",
        indexeren="",
        btw="",
    )
    asa(
        "collectieve_wp_administratie",
        "Onderhoud",
        "R_wpColl_admin",
        None,
        "fractie investering/jaar",
        indexeren="",
        btw="",
    )
    row(
        "collectieve_lucht_wp_spf",
        3.0,
        "SPF",
        "seed 004 par. 5.3 (COP 3.0 MT) en Vesta spf_collectieve_wp_15_naar_70",
        "collectieve warmtepomp naar 70 C (ruimteverwarming en tapwater)",
        laag=2.5,
        hoog=3.5,
    )
    row(
        "collectieve_bron_wp_spf",
        4.0,
        "SPF",
        "seed 004 par. 5.3 (COP 4 op riothermie met WKO)",
        "collectieve warmtepomp op een LT-bron naar 70 C",
        laag=3.0,
        hoog=4.8,
    )
    asa("afleverset", "MT_warmtenetten", "Ki_afleverset_i", None, "EUR/woning", "warmtewisselaar en meter")
    asa(
        "inpandig_grondgebonden", "MT_warmtenetten", "Ki_id_grondgeb_i", None, "EUR/woning", "extra inpandige leidingen"
    )
    asa(
        "inpandig_meergezins",
        "MT_warmtenetten",
        "Ki_id_geenBlok_i",
        None,
        "EUR/woning",
        "extra inpandige leidingen in een gebouw zonder blokverwarming (een collectieve optie per gebouw)",
    )
    asa("inpandig_onderhoud", "Onderhoud", "R_id_onderhoud", None, "fractie investering/jaar", indexeren="", btw="")
    asa(
        "warmteverlies_mt",
        "Efficiency",
        "Leidingverlies_MT_min",
        "Leidingverlies_MT_max",
        "GJ/jaar/aansluiting",
        "70 C-net (CE Delft 2024)",
        indexeren="",
        btw="",
    )
    asa(
        "warmteverlies_lt",
        "Efficiency",
        "Leidingverlies_LT_min",
        "Leidingverlies_LT_max",
        "GJ/jaar/aansluiting",
        "LT-net en leidingen in een gebouw (CE Delft 2024)",
        indexeren="",
        btw="",
    )
    row(
        "administratie_per_aansluiting",
        45,
        "EUR/jaar",
        "seed 004 par. 6.2 (facturatie en administratie)",
        "collectieve opties",
        prijspeil=2023,
        indexeren="ja",
        btw="excl",
    )
    asa(
        "pompenergie",
        "Efficiency",
        "Pompenergie_Wnet_min",
        "Pompenergie_Wnet_max",
        "GJe/GJ",
        "collectieve netten",
        indexeren="",
        btw="",
    )
    asa(
        "net_onderhoud",
        "Onderhoud",
        "R_wd_onderhoud",
        None,
        "fractie investering/jaar",
        "leidingen (wijkdistributie)",
        indexeren="",
        btw="",
    )

    # --- area networks: sources ---------------------------------------------------------------------------------
    row(
        "riothermie_per_kw",
        873,
        "EUR/kW",
        "seed 004 Tabel 6-2 (riothermiesysteem EUR 517 000 voor 592 kW bronvermogen)",
        "op de basislast",
        laag=700,
        hoog=1100,
        prijspeil=2023,
        indexeren="ja",
        btw="excl",
    )
    row("riothermie_onderhoud", 0.013, "fractie investering/jaar", "seed 004 par. 6.2")
    asa("wko_vast", "LT_warmtenetten", "Ki_WKO_vast_min_i", "Ki_WKO_vast_max_i", "EUR/bron", "open WKO-doublet")
    asa("wko_per_kw", "LT_warmtenetten", "Ki_WKO_var_min_i", "Ki_WKO_var_max_i", "EUR/kW", "op de basislast")
    asa(
        "wko_regeneratie",
        "LT_warmtenetten",
        "R_Regeneratie_i",
        None,
        "factor",
        "extra investering voor regeneratie bij een WKO zonder TEO of riothermie",
        indexeren="",
        btw="",
    )
    asa("wko_onderhoud", "Onderhoud", "R_WKO_onderhoud", None, "fractie investering/jaar", indexeren="", btw="")
    asa(
        "wko_elektriciteit",
        "Efficiency",
        "V_elek_WKO_min",
        "V_elek_WKO_max",
        "GJe/GJ",
        "pompen van de WKO",
        indexeren="",
        btw="",
    )
    asa("teo_vast", "LT_warmtenetten", "Ki_TEO_vast_min_i", "Ki_TEO_vast_max_i", "EUR/bron", "aquathermie (TEO)")
    asa("teo_per_kw", "LT_warmtenetten", "Ki_TEO_var_min_i", "Ki_TEO_var_max_i", "EUR/kW", "op de basislast")
    asa("teo_onderhoud", "Onderhoud", "R_TEO_onderhoud", None, "fractie investering/jaar", indexeren="", btw="")
    asa("teo_elektriciteit", "Efficiency", "V_elek_TEO_min", "V_elek_TEO_max", "GJe/GJ", indexeren="", btw="")
    row(
        "lt_puntbron_per_kw",
        150,
        "EUR/kW",
        "Vesta costs.csv lt_puntbron_uitkoppeling (mid; 50-250)",
        "uitkoppeling restwarmte (LT-puntbron) op de basislast",
        laag=50,
        hoog=250,
        prijspeil=2018,
        indexeren="ja",
        btw="excl",
    )
    asa(
        "bron_onderhoud",
        "Onderhoud",
        "R_ow_onderhoud",
        None,
        "fractie investering/jaar",
        "opwekking aan de bron (restwarmte, collectieve ketel)",
        indexeren="",
        btw="",
    )
    row(
        "technische_ruimte",
        100000,
        "EUR/bron",
        "seed 004 Tabel 6-2",
        "per collectieve bron",
        laag=50000,
        hoog=200000,
        prijspeil=2023,
        indexeren="ja",
        btw="excl",
    )
    asa(
        "warmtepomp_lt_net",
        "LT_warmtenetten",
        "Ki_eWP_B_i",
        None,
        "EUR/woning",
        "eigen warmtepomp op een bronnet (schillabel B), incl. buffervat, verzwaarde aansluiting en installatie",
    )
    row(
        "bronnet_spf_rv",
        4.8,
        "SPF",
        "seed 004 par. 6.5.2 (SCOP water/water bij bronnet 12 C)",
        "eigen warmtepomp op een bronnet (ruimteverwarming)",
        laag=4.0,
        hoog=5.5,
    )
    row(
        "bronnet_spf_tw",
        2.5,
        "SPF",
        "Vesta installaties/Performance.csv:39 (eWP_bw TW, 5.0)",
        "tapwater op een bronnet",
    )
    asa(
        "onderstation_per_kw",
        "MT_warmtenetten",
        "K_os_min_i",
        "K_os_Max_i",
        "EUR/kW",
        "onderstation op de aansluitwaarde (grootschalig)",
    )
    asa("onderstation_onderhoud", "Onderhoud", "R_OS_onderhoud", None, "fractie investering/jaar", indexeren="", btw="")
    asa(
        "wos_per_kw",
        "MT_warmtenetten",
        "K_WOS_min_i",
        "K_WOS_max_i",
        "EUR/kW",
        "warmteoverdrachtstation en piekketel op 0.85 x collectieve piek (Vesta HulpketelVermogens)",
    )
    row(
        "wos_aandeel_piek",
        0.85,
        "fractie",
        "Vesta costs.csv hulpketel_vermogensaandeel (mid; 1.0-0.7)",
        "capaciteit van warmteoverdracht/piek per eenheid collectieve piek",
    )
    row(
        "mt_bron_per_kw",
        250,
        "EUR/kW",
        "Vesta costs.csv mt_bron_Industrie (mid)",
        "grootschalige MT-bron (restwarmte) op de basislast; nationale blik",
        laag=190,
        hoog=500,
        prijspeil=2018,
        indexeren="ja",
        btw="excl",
    )
    row(
        "warmte_inkoop_per_gj",
        10,
        "EUR/GJ",
        "(schatting)",
        "inkoopprijs MT-restwarmte aan de bron; nationale blik",
        laag=5,
        hoog=20,
        prijspeil=2024,
        indexeren="nee",
        btw="excl",
    )
    row(
        "opslag_uitvoering",
        0.08,
        "fractie",
        "seed 004 Tabel 6-2 (algemene uitvoeringskosten 8 %)",
        "op collectieve investeringen (mini en warmtenet)",
    )
    row(
        "opslag_winst_risico_onvoorzien",
        0.28,
        "fractie",
        "seed 004 Tabel 6-2 (winst en risico 13 % + onvoorzien 15 %)",
        "op het subtotaal van een warmtenet (klein- en grootschalig)",
        laag=0.2,
        hoog=0.35,
    )

    # --- tariffs and prices (resident) ------------------------------------------------------------------------
    row(
        "aansluitbijdrage_warmtenet",
        4411,
        "EUR/aansluiting",
        "seed 004 par. 6.2 (ACM 2023 maximum)",
        "eindgebruiker, warmtenet (klein- en grootschalig)",
        prijspeil=2023,
        indexeren="nee",
        btw="excl",
    )
    row(
        "vastrecht_warmtenet_mt",
        720,
        "EUR/jaar",
        "seed 004 Tabel 6-7 (MT-net)",
        "eindgebruiker, 70 C-net",
        prijspeil=2023,
        indexeren="nee",
        btw="incl",
    )
    row(
        "vastrecht_warmtenet_lt",
        606,
        "EUR/jaar",
        "seed 004 Tabel 6-7 (bronnet; EUR 501 excl. btw bij 7 kW)",
        "eindgebruiker, bronnet (geen warmteprijs)",
        prijspeil=2023,
        indexeren="nee",
        btw="incl",
    )
    row(
        "warmteprijs_mt",
        47.38,
        "EUR/GJ",
        "seed 004 par. 6.5.2 (ACM-prijsplafond 2023)",
        "eindgebruiker, 70 C-net",
        laag=40,
        hoog=90,
        prijspeil=2023,
        indexeren="nee",
        btw="incl",
    )
    row(
        "gasprijs",
        1.332,
        "EUR/m3",
        "seed 002 (CV-kolom: EUR 666 per 500 m3, prijspeil januari 2024); energiebelasting "
        "2024 EUR 0.7054/m3 incl. btw",
        "variabel; incl. energiebelasting en btw",
        laag=1.0,
        hoog=1.6,
        prijspeil=2024,
        indexeren="nee",
        btw="incl",
    )
    row(
        "gas_vastrecht",
        250,
        "EUR/jaar",
        "seed 004 Tabel 6-7 (vastrecht aardgas)",
        "vaste leverings- en transportkosten gasaansluiting",
        prijspeil=2023,
        indexeren="nee",
        btw="incl",
    )
    row(
        "elektriciteitsprijs",
        0.32,
        "EUR/kWh",
        "seed 004 par. 6.5.2 (ICE maart 2023 + energiebelasting + btw)",
        "variabel; incl. energiebelasting en btw",
        laag=0.25,
        hoog=0.40,
        prijspeil=2023,
        indexeren="nee",
        btw="incl",
    )
    row(
        "energiebelasting_gas",
        0.58296,
        "EUR/m3",
        "Belastingdienst tarief 2024 (EUR 0.7054 incl. btw)",
        "nationale blik: gasprijs / 1.21 - energiebelasting",
        prijspeil=2024,
        indexeren="nee",
        btw="excl",
    )
    row(
        "energiebelasting_elektriciteit",
        0.10880,
        "EUR/kWh",
        "Belastingdienst tarief 2024 (EUR 0.1316 incl. btw)",
        "nationale blik: elektriciteitsprijs / 1.21 - energiebelasting",
        prijspeil=2024,
        indexeren="nee",
        btw="excl",
    )
    row(
        "gasprijs_indexatie",
        0.02,
        "fractie/jaar",
        "seed 004 par. 6.5.2 (2 % per jaar: verwachte stijging energiebelasting)",
        "TCO met prijspad 'indexatie': gasprijs en vastrecht gas",
        laag=0.0,
        hoog=0.04,
    )

    # --- design-day electric peaks (grid) ------------------------------------------------------------------------
    row(
        "ontwerp_cop_lucht",
        2.0,
        "COP",
        "(schatting)",
        "lucht-water warmtepomp bij -10 C buiten (ontwerpdag)",
        laag=1.7,
        hoog=2.5,
    )
    row(
        "ontwerp_cop_bodem",
        3.5,
        "COP",
        "(schatting)",
        "water-water warmtepomp op bodem of bronnet (ontwerpdag)",
        laag=3.0,
        hoog=4.5,
    )
    row(
        "ontwerp_cop_collectief",
        2.5,
        "COP",
        "(schatting)",
        "collectieve warmtepomp naar 70 C (ontwerpdag)",
        laag=2.0,
        hoog=3.0,
    )
    row(
        "gelijktijdigheid_tw_individueel",
        0.1,
        "fractie",
        "Vesta Vermogens.dms:18 (gelijktijdigheid tapwater)",
        "tapwaterpiek op het elektriciteitsnet",
    )

    with open(TARGET, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {TARGET}")


def _fmt(value) -> str:
    if value == "" or value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value:.6g}"


if __name__ == "__main__":
    main()
