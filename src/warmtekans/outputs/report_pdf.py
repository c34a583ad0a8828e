"""``rapport.pdf``: the report for the municipality, for a reader who never opens QGIS (docs/results.md).

A4 pages in Dutch: a title page (what the tool answers, the figures in short, how to read 'kansrijk', the
contents), the overview map and the heat-density map, one section per buurt (dwellings, labels, advice, the
kansrijke streets with their answer, level, advice, reason and second-best option, or why no street is
kansrijk), the assumptions that decide, the data quality and the provenance. The kansrijke streets are
:func:`~warmtekans.outputs.kansrijk.kansrijke_straten` of the ``straten`` layer, the list every other output
uses. Layout and drawing: :mod:`warmtekans.outputs.pdf_layout`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from warmtekans.decision.options import OPTIONS, short_name
from warmtekans.outputs.colours import configuration_colour
from warmtekans.outputs.kansrijk import kansrijke_straten
from warmtekans.outputs.pdf_layout import (
    BODY_PT,
    GREY,
    NBSP,
    SMALL_PT,
    Bar,
    Heading,
    Image,
    Section,
    Table,
    Text,
    count_text,
    paginate,
    write_pdf,
)
from warmtekans.outputs.results import (
    GELEZEN,
    GEREPAREERD,
    INPUT_NAMES_DUTCH,
    NIET_GECONTROLEERD,
    POSTCODE_LABEL,
    UNKNOWN_STREET,
    VERWIJDERD,
    WAARSCHUWING,
    WONINGEN,
)

#: Colours of the energy-label classes (the EU label's scale, dark green A to red G).
LABEL_COLOURS = {"A": "#00843d", "B": "#4caf50", "C": "#b5d334", "D": "#fff200", "E": "#fbb033", "F": "#ef6c23",
                 "G": "#e3202a"}
METHOD_NAMES = {"annuiteit": "annuïteit", "tco": "TCO (totale kosten)"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
#: What the tool answers, in two sentences (title page).
QUESTION = (
    "Dit rapport laat per buurt en per straat zien waar een collectieve warmtevoorziening (een miniwarmtenet, "
    "een kleinschalig of een grootschalig warmtenet) een goede kans maakt tegenover een eigen warmtepomp per "
    "woning. Het antwoord volgt uit de jaarlijkse kosten per woning en de onzekerheid daarin: de kansrijke "
    "straten zijn de straten waar de gemeente met bewoners en netbeheerder in gesprek kan gaan."
)
OVERVIEW_CAPTION = (
    "Overzichtskaart. Elk gebouw is gekleurd naar het advies voor zijn woningen; de legenda rechts geeft de "
    "kleuren met het aantal woningen en de andere kaartlagen (zoals gebieden waar boren verboden of beperkt is en "
    "riolen met warmtepotentie), voor zover er gegevens voor waren. Per buurt staat er een kaart in de map "
    "kaarten/; kaart.html is dezelfde kaart om in te zoomen."
)
HEAT_CAPTION = (
    "Warmtedichtheid: de warmtevraag van de woningen in gigajoule per hectare per jaar, op een raster van "
    "100 bij 100 meter. De klassegrenzen (200, 500, 1 200 en 3 000 GJ/ha) zijn die van de Pan-European Thermal "
    "Atlas; hoe hoger de dichtheid, hoe meer warmte een meter leiding afzet en hoe eerder een warmtenet loont."
)
KANSRIJK_TEXT = (
    "Kansrijk betekent: een collectieve optie is het goedkoopst (ja), of is het net niet maar ligt binnen de "
    "onzekerheid (binnen marge: hooguit {marge} duurder dan het advies, of het goedkoopst in ten minste {kans} "
    "van de trekkingen van de gevoeligheidsanalyse). Het advies zelf is altijd de goedkoopste haalbare optie."
)


# --- small formats ---------------------------------------------------------------------------------------------

def decimal(value: float, digits: int = 2) -> str:
    """A number with a decimal comma: 1,33."""
    return f"{value:,.{digits}f}".replace(",", NBSP).replace(".", ",")


def euro(value: float, digits: int = 0) -> str:
    """'€1 571', '€0,32'."""
    return "€" + decimal(value, digits)


def percent(share: float) -> str:
    """A share (0–1) as '12 %' (a space that never breaks a line)."""
    return f"{100 * share:.0f}{NBSP}%"


def dutch_date(timestamp: str) -> str:
    """'2026-12-06T06:03:21Z' as '6 december 2026'."""
    day = datetime.strptime(str(timestamp)[:10], "%Y-%m-%d")
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def option_name(key: object) -> str:
    """The reader's name of an option key ('gedeelde_bodemlus' → 'gedeelde bodemlus'); other text as it is."""
    if not isinstance(key, str) or not key:
        return "–"
    return short_name(key) if key in OPTIONS else key.replace("_", " ")


# --- per buurt -------------------------------------------------------------------------------------------------

def streets_by_buurt(streets: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The kansrijke streets per buurt, each buurt's in the order of
    :func:`~warmtekans.outputs.kansrijk.kansrijke_straten` (the order of every other output)."""
    ranked = kansrijke_straten(streets)
    if ranked.empty:
        return {}
    return {str(code): group for code, group in ranked.groupby("buurtcode", sort=True)}


def label_bar(woningen: pd.DataFrame) -> Bar:
    """The dwellings per label class A–G (``labelklasse``; registered or estimated)."""
    counts = woningen["labelklasse"].astype("string").value_counts()
    return Bar(tuple((label, int(counts.get(label, 0)), colour) for label, colour in LABEL_COLOURS.items()
                     if counts.get(label, 0)))


def advice_bar(woningen: pd.DataFrame) -> Bar:
    """The dwellings per advice (``aanbevolen``), most first, in the colours of the maps."""
    counts = woningen["aanbevolen"].astype("string").fillna("geen advies").value_counts()
    return Bar(tuple((name, int(count), configuration_colour(name)) for name, count in counts.items()))


def second_best_text(street: pd.Series, view: str) -> str:
    """'luchtwarmtepomp', then '€210/jr (8 %) duurder (eindgebruiker)': the street's second-best option and its
    median difference per dwelling in cost view ``view``."""
    option = street.get(f"tweede_keus_{view}")
    if not isinstance(option, str) or not option:
        return "–"
    amount, share = street.get(f"verschil_{view}_eur_jaar"), street.get(f"verschil_{view}_pct")
    if pd.isna(amount):
        return option_name(option)
    word = "duurder" if amount >= 0 else "goedkoper"
    share_text = f" ({abs(share):.0f}{NBSP}%)" if pd.notna(share) else ""
    return f"{option_name(option)}\n{euro(abs(amount))}/jr{share_text} {word} ({view})"


STREET_HEADER = ("#", "straat", "kansrijk", "advies", "reden", "tweede keus")
STREET_WIDTHS = (0.04, 0.175, 0.12, 0.165, 0.29, 0.21)


def street_rows(streets: pd.DataFrame, deciding_view: Mapping[str, str], default_view: str) -> tuple:
    """Table rows of a buurt's kansrijke streets: rank, name with its dwellings, answer and level, advice, reason,
    and the second-best option in the view that decided the street's cluster (``deciding_view``: cluster → view)."""
    rows = []
    for rank, (_, street) in enumerate(streets.iterrows(), start=1):
        name = street.get("straat")
        view = deciding_view.get(str(street.get("kansrijk_cluster")), default_view)
        dwellings = int(street.get("n_woningen", 0) or 0)
        rows.append((
            str(rank), f"{name if isinstance(name, str) and name else UNKNOWN_STREET}\n"
                       f"{count_text(dwellings)} {'woning' if dwellings == 1 else 'woningen'}",
            f"{street['kansrijk']}\n{street.get('kansrijk_niveau') or ''}".strip(),
            str(street.get("kansrijk_advies") or "–"), str(street.get("kansrijk_reden") or "–"),
            second_best_text(street, view),
        ))
    return tuple(rows)


def street_count_text(streets: pd.DataFrame) -> str:
    """'12 kansrijke straten: 3 ja, 9 binnen marge.' and, for more than one, the order they are listed in."""
    answers = streets["kansrijk"].value_counts()
    parts = [f"{count_text(answers[answer])} {answer}" for answer in ("ja", "binnen marge") if answers.get(answer, 0)]
    text = f"{count_text(len(streets))} kansrijke {'straat' if len(streets) == 1 else 'straten'}: {', '.join(parts)}."
    if len(streets) > 1:
        text += (" Volgorde: eerst ja, dan binnen marge; daarbinnen mini, kleinschalig, grootschalig en de hoogste "
                 "score (als in kansrijke_straten.csv).")
    return text


def _postcode_note(streets: pd.DataFrame) -> str:
    """A sentence for tables whose street names are postcode labels (the BAG gave no names)."""
    names = streets["straat"].astype("string").fillna("")
    if not names.str.match(POSTCODE_LABEL).fillna(False).any():
        return ""
    return (" Straten zonder naam in de invoer heten naar hun postcodes en huisnummers, bijvoorbeeld "
            f"'{names[names.str.match(POSTCODE_LABEL).fillna(False)].iloc[0]}' (zie Datakwaliteit).")


def buurt_section(buurt: pd.Series, woningen: pd.DataFrame, streets: pd.DataFrame | None,
                  deciding_view: Mapping[str, str], default_view: str) -> Section:
    """The pages of one buurt: key figures, labels, advice, and the kansrijke streets or why there are none."""
    title = f"{buurt['buurtnaam']} ({buurt['buurtcode']})"
    total = int(buurt.get("n_woningen", len(woningen)) or 0)
    estimated = int(buurt.get("n_label_geschat", 0) or 0)
    figures = Table(
        ("woningen", "warmtevraag", "label geschat", "isolatie nodig", "in verbodsgebied", "utiliteit"),
        ((count_text(total), f"{decimal(float(buurt.get('warmtevraag_gj', 0) or 0) / 1000, 1)} TJ/jr",
          count_text(estimated), count_text(buurt.get("n_isolatie_nodig", 0) or 0),
          count_text(buurt.get("n_in_verbodsgebied", 0) or 0), count_text(buurt.get("n_utiliteit", 0) or 0)),),
        (0.15, 0.19, 0.16, 0.17, 0.19, 0.14), align="rrrrrr")
    blocks: list = [
        figures,
        Text("Isolatie nodig: woningen die voor een lagetemperatuuroptie eerst isoleren (zie Aannames); "
             "in verbodsgebied: woningen waar boren voor een bodemlus verboden is; utiliteit: gebouwen zonder "
             "woonfunctie.", size=SMALL_PT, colour=GREY),
        Heading("Energielabels"),
        label_bar(woningen),
    ]
    if estimated:
        share = "Alle" if estimated >= total else f"{count_text(estimated)} van de"
        blocks.append(Text(f"{share} {count_text(total)} labels zijn geschat uit bouwjaar en woningtype: die "
                           "woningen hebben geen geregistreerd label in EP-online.", size=SMALL_PT, colour=GREY))
    blocks += [Heading("Advies per woning"), advice_bar(woningen), Heading("Kansrijke straten")]
    if streets is not None and len(streets):
        blocks += [
            Text(street_count_text(streets)),
            Table(STREET_HEADER, street_rows(streets, deciding_view, default_view), STREET_WIDTHS,
                  bold=(1, 2)),
            Text("Kansrijk: het antwoord (ja of binnen marge) en het niveau van het net. Reden: van het cluster "
                 "dat voor de straat antwoordt. Tweede keus: de goedkoopste andere optie voor de meeste woningen "
                 "van de straat, met het mediane verschil per woning tegenover hun advies, in de kostenblik die "
                 "over dat cluster beslist (tussen haakjes; zie Aannames)." + _postcode_note(streets),
                 size=SMALL_PT, colour=GREY),
        ]
    else:
        blocks += why_not_blocks(buurt)
    return Section(title, tuple(blocks))


def why_not_blocks(buurt: pd.Series) -> list:
    """Why no street of the buurt is kansrijk (``reden_geen_collectief``, one line per reason) and the collective
    option closest to winning (``dichtstbij_optie``, named once: the reason usually names it already)."""
    blocks: list = [Text("Geen straat in deze buurt is kansrijk voor een collectieve optie. Waarom niet:", bold=True)]
    reason = buurt.get("reden_geen_collectief")
    reasons = [part.strip() for part in reason.split(";") if part.strip()] if isinstance(reason, str) else []
    for part in reasons or ["geen reden vastgelegd"]:
        blocks.append(Text(f"•  {part[:1].upper()}{part[1:]}.", space_after=0.04))
    closest = buurt.get("dichtstbij_optie")
    if isinstance(closest, str) and closest and option_name(closest) not in str(reason):
        gap = buurt.get("dichtstbij_verschil_eur_jaar")
        gap_text = f", {euro(gap)} per woning per jaar duurder dan het advies" if pd.notna(gap) else ""
        blocks.append(Text(f"•  Het dichtst bij winnen: {option_name(closest)}{gap_text}."))
    return blocks


# --- assumptions, quality, provenance --------------------------------------------------------------------------

def _view_text(view: str, costs: Mapping[str, Any]) -> str:
    if view == "eindgebruiker":
        return (f"wat de bewoner betaalt: met energiebelasting, btw en subsidies, de investering geleend tegen "
                f"{decimal(100 * costs['end_user_rate'], 1)} % over {costs['end_user_years']} jaar")
    return (f"de kosten voor Nederland: zonder belastingen en subsidies, met een maatschappelijke "
            f"discontovoet van {decimal(100 * costs['national_rate'], 1)} %")


def _price(kentallen, name: str, unit: str, digits: int) -> str:
    if kentallen is None or name not in kentallen.values:
        return "–"
    text = f"{euro(kentallen[name], digits)} {unit}"
    if name in kentallen.ranges:
        low, high = kentallen.ranges[name]
        text += f" (bereik {decimal(low, digits)}–{decimal(high, digits)})"
    return text


def assumption_rows(config: Mapping[str, Any], kentallen=None) -> tuple[tuple[str, str, str], ...]:
    """The assumptions that decide the answer: (what, with its setting; value; what it means). ``config`` is the
    run's config (herkomst.yaml); ``kentallen`` the :class:`~warmtekans.decision.kentallen.CostKentallen` it
    used (prices and their ranges)."""
    costs, advies, sensitivity = config["costs"], config["advies"], config["sensitivity"]
    if costs["method"] == "tco":
        method = (f"totale kosten over {costs['tco_years']} jaar (vervanging, prijspad '{costs['price_path']}') "
                  "gedeeld door het aantal jaren")
    else:
        method = "annuïteit van de investeringen plus één jaar energie en onderhoud"
    overrides = costs.get("overrides") or {}
    version = getattr(kentallen, "version", "") or "–"
    label = costs["lt_min_label"]
    dwelling_view = _view_text(costs["dwelling_view"], costs)
    return (
        ("Kostenblik woning en mini\ncosts.dwelling_view", costs["dwelling_view"],
         f"Beslist over eigen warmtepompen, gedeelde bodemlussen en gebouwen: {dwelling_view}."),
        ("Kostenblik warmtenetten\ncosts.area_view", costs["area_view"],
         f"Beslist over klein- en grootschalige warmtenetten: {_view_text(costs['area_view'], costs)}."),
        ("Rekenmethode\ncosts.method", METHOD_NAMES.get(costs["method"], costs["method"]),
         f"Jaarlijkse kosten per woning: {method}."),
        ("Prijspeil\ncosts.price_year", str(costs["price_year"]),
         f"Alle bedragen in euro's van {costs['price_year']} (consumentenprijsindex van het CBS)."),
        ("Gasprijs", _price(kentallen, "gasprijs", "per m³", 2),
         "Wat de bewoner betaalt, met energiebelasting en btw (de nationale blik rekent zonder). Het bereik "
         "wordt getrokken in de gevoeligheidsanalyse."),
        ("Elektriciteitsprijs", _price(kentallen, "elektriciteitsprijs", "per kWh", 2),
         "Idem, voor stroom."),
        ("Warmtetarief", _price(kentallen, "warmteprijs_mt", "per GJ", 2),
         f"Warmtenet (70 °C), met een vastrecht van {_price(kentallen, 'vastrecht_warmtenet_mt', 'per jaar', 0)}."),
        ("Isolatieregel\ncosts.lt_min_label", f"label {label}",
         f"Een woning met een slechter label dan {label} krijgt voor een lagetemperatuuroptie (warmtepomp, "
         f"bodemlus, bronnet) eerst de isolatiestap naar {label}; die kosten tellen mee."),
        ("Subsidie\ncosts.heat_pump_subsidy", "ja" if costs["heat_pump_subsidy"] else "nee",
         "ISDE-subsidie op warmtepomp, isolatie en warmtenetaansluiting (alleen in de blik van de bewoner)."),
        ("Hybride warmtepomp\ncosts.allow_hybrid", "ja" if costs["allow_hybrid"] else "nee",
         "Of een hybride warmtepomp geadviseerd mag worden; die houdt een gasketel en is dus niet aardgasvrij."),
        ("Gevoeligheid\nsensitivity.draws", f"{sensitivity['draws']} trekkingen",
         "Elke trekking varieert de energieprijzen, de rendementen (SPF) van de warmtepompen, de investeringen "
         f"binnen hun bereik ({len(getattr(kentallen, 'ranges', {}))} kentallen), de isolatiekosten, rente en "
         "looptijd van de lening, de maatschappelijke discontovoet, de ruimte op het elektriciteitsnet en de "
         f"onttrekking van bodemlussen (seed {sensitivity['seed']})."),
        ("Marge\nadvies.marge_pct", f"{decimal(advies['marge_pct'], 0)}{NBSP}%",
         f"Een collectieve optie die hooguit {decimal(advies['marge_pct'], 0)}{NBSP}% duurder is dan het advies, "
         "is 'binnen marge'."),
        ("Minimale kans\nadvies.min_kans", percent(advies["min_kans"]),
         f"Ook 'binnen marge': een collectieve optie die in ten minste {percent(advies['min_kans'])} van de "
         "trekkingen het goedkoopst is."),
        ("Onzeker\nsensitivity.unstable_below", percent(sensitivity["unstable_below"]),
         f"Een advies dat in minder dan {percent(sensitivity['unstable_below'])} van de trekkingen standhoudt, "
         "heet onzeker (rood gearceerd op de kaarten)."),
        ("Kostenkentallen\ncosts.kentallen", f"versie {version}",
         (costs.get("kentallen") or "De tabel van warmtekans (kosten.csv)")
         + (", aangepast: " + ", ".join(f"{name} = {decimal(value, 2)}" for name, value in overrides.items())
            if overrides else ", niet aangepast") + "."),
    )


def assumptions_section(config: Mapping[str, Any], kentallen=None) -> Section:
    """The assumptions page."""
    return Section("Aannames die het antwoord bepalen", (
        Text("Deze instellingen bepalen welk advies het goedkoopst is en wanneer een straat kansrijk heet. Ze staan "
             "in de configuratie (config/config.yaml) en zijn voor deze run vastgelegd in herkomst.yaml; "
             "docs/method.md geeft de bron van elk getal."),
        Table(("aanname", "waarde", "wat het betekent"), assumption_rows(config, kentallen), (0.27, 0.2, 0.53),
              bold=(0,)),
    ))


def _file_name(path: object) -> str:
    return Path(str(path)).name if isinstance(path, str) and path else ""


def quality_section(quality: pd.DataFrame) -> Section:
    """The data-quality pages: first the warnings and everything that was not checked (what a reader must know),
    then per input the rows read, dropped and repaired; what was dropped or repaired and why; and the dwellings'
    label, type and street sources (rows with a count)."""
    table = quality.copy()
    blocks: list = [Text("Per invoer: wat is gelezen, weggelaten of gerepareerd en waarom, en wat niet gecontroleerd "
                         "kon worden. Voorbeelden en opmerkingen: kwaliteit.md.")]
    warnings = table[table["soort"] == WAARSCHUWING]
    if not warnings.empty:
        blocks += [Heading("Waarschuwingen"), *[Text(f"{input_name(row.invoer)}: {row.reden}")
                                                 for row in warnings.itertuples()]]
    unchecked = table[table["soort"] == NIET_GECONTROLEERD]
    blocks.append(Heading("Niet gecontroleerd"))
    if unchecked.empty:
        blocks.append(Text("Alles is gecontroleerd: elke optionele invoer was aanwezig."))
    else:
        blocks += [
            Text("Deze invoer ontbrak. Rechts staat wat daardoor niet is gecontroleerd, of wat warmtekans in "
                 "plaats daarvan aanneemt."),
            Table(("invoer", "wat dat betekent"), tuple((input_name(row.invoer), str(row.reden))
                                                        for row in unchecked.itertuples()), (0.31, 0.69)),
        ]
    read = table[table["soort"] == GELEZEN]
    rows = []
    for row in read.itertuples():
        same = table[table["invoer"] == row.invoer]
        rows.append((str(row.invoer), _file_name(row.bestand), count_text(row.aantal if pd.notna(row.aantal) else 0),
                     count_text(same.loc[same["soort"] == VERWIJDERD, "aantal"].sum()),
                     count_text(same.loc[same["soort"] == GEREPAREERD, "aantal"].sum())))
    blocks += [
        Heading("Invoer"),
        Table(("invoer", "bestand", "rijen gelezen", "verwijderd", "gerepareerd"), tuple(rows),
              (0.27, 0.34, 0.13, 0.12, 0.14), align="llrrr"),
    ]
    changed = table[table["soort"].isin([VERWIJDERD, GEREPAREERD])]
    blocks.append(Heading("Verwijderd en gerepareerd"))
    if changed.empty:
        blocks.append(Text("Niets verwijderd of gerepareerd."))
    else:
        blocks.append(Table(("invoer", "aantal", "wat", "waarom"), tuple(
            (str(row.invoer), count_text(row.aantal if pd.notna(row.aantal) else 0), str(row.soort), str(row.reden))
            for row in changed.itertuples()), (0.25, 0.1, 0.13, 0.52), align="lrll"))
    dwellings = table[(table["soort"] == WONINGEN) & (table["aantal"].fillna(0) > 0)]
    if not dwellings.empty:
        blocks += [Heading("Woningen"), Table(("", "woningen", "aandeel"), tuple(
            (str(row.reden), count_text(row.aantal), f"{decimal(100 * row.aandeel, 1)} %" if pd.notna(row.aandeel)
             else "") for row in dwellings.itertuples()), (0.66, 0.17, 0.17), align="lrr")]
    return Section("Datakwaliteit", tuple(blocks))


def provenance_section(record: Mapping[str, Any]) -> Section:
    """The provenance page: version, run date and every input file with its size, date and SHA-256."""
    rows = []
    for entry in record.get("inputs", []):
        rows.append((str(entry["name"]), _file_name(entry["path"]), count_text((entry.get("size_bytes") or 0) / 1000),
                     str(entry.get("modified") or "")[:10], str(entry.get("sha256") or "")[:16]))
    return Section("Herkomst", (
        Text(f"Gemaakt met warmtekans {record.get('warmtekans_version', '?')} op "
             f"{dutch_date(record['run_date'])} ({record['run_date']})."),
        Table(("invoer", "bestand", "kB", "gewijzigd", "SHA-256 (eerste 16 tekens)"), tuple(rows),
              (0.22, 0.36, 0.08, 0.13, 0.21), align="llrll"),
        Text("Het volledige pad en de volledige SHA-256 van elk bestand en de hele configuratie van deze run "
             "staan in herkomst.yaml (ook in de GeoPackage en onderaan samenvatting.md). Met dezelfde versie, "
             "dezelfde configuratie en dezelfde bestanden geeft warmtekans dezelfde uitkomst.", size=SMALL_PT,
             colour=GREY),
    ))


# --- the whole report ------------------------------------------------------------------------------------------

def input_name(key: object) -> str:
    """The reader's name of an input ('wko_geschiktheid' → 'WKO-geschiktheid'); unknown keys as they are."""
    return {**INPUT_NAMES_DUTCH, "barrieres": "barrières (OSM)"}.get(str(key), str(key))


def missing_inputs_blocks(quality: pd.DataFrame | None) -> list:
    """A warning naming the inputs whose checks were skipped (``niet gecontroleerd`` in the quality table)."""
    if quality is None or quality.empty:
        return []
    unchecked = quality.loc[quality["soort"] == NIET_GECONTROLEERD, "invoer"].astype(str).drop_duplicates()
    if unchecked.empty:
        return []
    names = list(dict.fromkeys(input_name(name) for name in unchecked))
    return [Text(f"Let op: zonder {', '.join(names[:-1])} en {names[-1]} is niet alles gecontroleerd; de uitkomst "
                 "rust daar op aannames (zie Datakwaliteit)." if len(names) > 1 else
                 f"Let op: zonder {names[0]} is niet alles gecontroleerd; de uitkomst rust daar op een aanname "
                 "(zie Datakwaliteit).", bold=True, colour="#b71c1c")]


def title_section(*, gemeente: str, naam: str, record: Mapping[str, Any], buurten: pd.DataFrame,
                  woningen: pd.DataFrame, streets: pd.DataFrame, contents: list[tuple[str, int]],
                  quality: pd.DataFrame | None = None) -> Section:
    """The title page: gemeente, date, the question, the figures in short (with the inputs that were missing),
    how to read 'kansrijk', contents."""
    config = record.get("config", {})
    advies = config.get("advies", {"marge_pct": 10.0, "min_kans": 0.1})
    ranked = kansrijke_straten(streets)
    answers = ranked["kansrijk"].value_counts() if len(ranked) else pd.Series(dtype=int)
    blocks: list = [
        Text(f"Gemeente {naam}, gemeentecode {gemeente}", size=13, bold=True),
        Text(f"Gemaakt op {dutch_date(record['run_date'])} met warmtekans {record.get('warmtekans_version', '?')}",
             colour=GREY, space_after=0.2),
    ]
    if config.get("areas", {}).get(gemeente, {}).get("sample"):
        blocks.append(Text("Let op: dit is de gegenereerde voorbeeldgemeente; de gegevens zijn niet echt.",
                           bold=True, colour="#b71c1c"))
    blocks += [
        Heading("Wat dit rapport beantwoordt"), Text(QUESTION),
        Heading("In het kort"),
        Table(("buurten", "woningen", "kansrijke straten", "waarvan ja", "waarvan binnen marge"),
              ((count_text(len(buurten)), count_text(len(woningen)), count_text(len(ranked)),
                count_text(answers.get("ja", 0)), count_text(answers.get("binnen marge", 0))),),
              (0.16, 0.18, 0.22, 0.18, 0.26), align="rrrrr"),
        Text("Advies per woning in de hele gemeente:", size=BODY_PT),
        advice_bar(woningen),
        *missing_inputs_blocks(quality),
        Text(KANSRIJK_TEXT.format(marge=f"{decimal(advies['marge_pct'], 0)}{NBSP}%", kans=percent(advies["min_kans"]))),
        Heading("Inhoud"),
        Table(("onderdeel", "pagina"), tuple((name, str(page)) for name, page in contents), (0.85, 0.15),
              align="lr"),
    ]
    return Section(f"Warmtekansen {naam}", tuple(blocks), contents_title="Titelpagina")


def report_sections(*, gemeente: str, naam: str | None, record: Mapping[str, Any], buurten: pd.DataFrame,
                    woningen: pd.DataFrame, streets: pd.DataFrame, quality: pd.DataFrame, overview_png: str,
                    heat_png: str, clusters: pd.DataFrame | None = None, kentallen=None) -> list[Section]:
    """Every section of the report after the title page, in order: the two maps, one per buurt (by buurtcode),
    the assumptions, the data quality and the provenance."""
    config = record["config"]
    deciding = {} if clusters is None or "beslist_op" not in clusters else \
        clusters.dropna(subset=["beslist_op"]).set_index("cluster_id")["beslist_op"].astype(str).to_dict()
    per_buurt = streets_by_buurt(streets)
    sections = [Section("Overzichtskaart", (Image(overview_png, OVERVIEW_CAPTION),), landscape=True,
                        show_title=False),
                Section("Warmtedichtheid", (Image(heat_png, HEAT_CAPTION),), landscape=True, show_title=False)]
    for _, buurt in buurten.sort_values("buurtcode").iterrows():
        code = str(buurt["buurtcode"])
        sections.append(buurt_section(buurt, woningen[woningen["buurtcode"] == code], per_buurt.get(code),
                                      deciding, config["costs"]["dwelling_view"]))
    sections += [assumptions_section(config, kentallen), quality_section(quality), provenance_section(record)]
    return sections


def report_pages(*, gemeente: str, naam: str | None = None, record: Mapping[str, Any], buurten: pd.DataFrame,
                 woningen: pd.DataFrame, streets: pd.DataFrame, quality: pd.DataFrame, overview_png: str,
                 heat_png: str, clusters: pd.DataFrame | None = None, kentallen=None) -> list:
    """The report's pages (:class:`~warmtekans.outputs.pdf_layout.Page`), title page first, with the contents'
    page numbers filled in."""
    naam = naam or gemeente
    body = report_sections(gemeente=gemeente, naam=naam, record=record, buurten=buurten, woningen=woningen,
                           streets=streets, quality=quality, overview_png=overview_png, heat_png=heat_png,
                           clusters=clusters, kentallen=kentallen)
    body_pages = paginate(body)

    def title(offset: int):
        contents, seen = [], set()
        for number, page in enumerate(body_pages, start=offset + 1):
            if id(page.section) not in seen:
                seen.add(id(page.section))
                contents.append((page.section.contents_title or page.section.title, number))
        return title_section(gemeente=gemeente, naam=naam, record=record, buurten=buurten, woningen=woningen,
                             streets=streets, contents=contents, quality=quality)

    title_pages = paginate([title(1)])
    if len(title_pages) != 1:  # a long contents list runs over: number the pages after it
        title_pages = paginate([title(len(title_pages))])
    return title_pages + body_pages


def write_report(path: str | Path, *, gemeente: str, naam: str | None = None, record: Mapping[str, Any],
                 buurten: pd.DataFrame, woningen: pd.DataFrame, streets: pd.DataFrame, quality: pd.DataFrame,
                 overview_png: str, heat_png: str, clusters: pd.DataFrame | None = None, kentallen=None) -> int:
    """Write ``rapport.pdf`` atomically; returns its number of pages."""
    from warmtekans.core.atomic import atomic_path

    pages = report_pages(gemeente=gemeente, naam=naam, record=record, buurten=buurten, woningen=woningen,
                         streets=streets, quality=quality, overview_png=overview_png, heat_png=heat_png,
                         clusters=clusters, kentallen=kentallen)
    naam = naam or gemeente
    with atomic_path(path) as tmp:
        write_pdf(tmp, pages, footer=f"Warmtekansen {naam} ({gemeente})  ·  warmtekans "
                                     f"{record.get('warmtekans_version', '?')}",
                  title=f"Warmtekansen {naam} ({gemeente})", subject="Rapport voor de gemeente")
    return len(pages)
