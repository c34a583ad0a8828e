"""rapport.pdf, the report for the municipality: its layout (wrapping and page breaks, worked out by hand), what its
parts say, and on the sample and Den Haag-Oost that it renders (pdftoppm), that no page is blank, that the pages
are the ones the report should have, and that the kansrijke streets appear in the order of kansrijke_straten."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest
from PIL import Image as PILImage

from tests.conftest import assert_in_order
from warmtekans.outputs import pdf_layout as layout
from warmtekans.outputs.kansrijk import kansrijke_straten
from warmtekans.outputs.provenance import read_record
from warmtekans.outputs.report_pdf import assumption_rows, second_best_text, streets_by_buurt, why_not_blocks

NBSP = "\u00a0"
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftoppm, pdftotext) is not installed")


# --- layout, by hand ---------------------------------------------------------------------------------------------

def test_wrap_keeps_lines_within_the_width_and_never_breaks_a_number_from_its_unit():
    text = "collectieve luchtwarmtepomp €1 210/jr (12 %) duurder dan luchtwarmtepomp; wint in 10 % van de trekkingen"
    for width in (1.1, 1.5, 2.5):  # 'luchtwarmtepomp' is 1.02 in at 8 pt
        lines = layout.wrap(text, width, 8.0)
        assert all(layout.text_width(line, 8.0) <= width for line in lines)
        joined = " ".join(lines)
        assert f"12{NBSP}%" in joined and f"10{NBSP}%" in joined and f"€1{NBSP}210" in joined
        assert joined.replace(NBSP, " ") == text  # nothing lost, nothing added
    narrow = layout.wrap("luchtwarmtepomp", 0.6, 8.0)  # a word wider than the column is cut, never overflows
    assert "".join(narrow) == "luchtwarmtepomp" and all(layout.text_width(line, 8.0) <= 0.6 for line in narrow)


def test_text_width_is_the_fonts_advance_width():
    # DejaVu Sans: 'm' advances 0.974 em, so four at 9 pt are 4 × 0.974 × 9 pt = 35.06 pt = 0.487 in
    assert layout.text_width("mmmm", 9.0) == pytest.approx(4 * 0.974 * 9 / 72, rel=0.01)


def table(rows: int) -> layout.Table:
    return layout.Table(("straat", "reden"), tuple((f"straat {i}", "kort") for i in range(rows)), (0.3, 0.7))


def test_a_long_table_continues_on_the_next_page_with_its_header_and_every_row_once():
    # one-line rows at 8 pt: 8 × 1.32 / 72 + 2 × 0.035 = 0.2167 in; an A4 body is 11.69 − 0.7 − 0.75 = 10.24 in
    row = 8 * layout.LEADING / 72 + 2 * layout.CELL_PAD_Y
    pages = layout.paginate([layout.Section("Buurt", (table(100),))])
    assert len(pages) == 3  # 100 rows × 0.217 in = 21.7 in: about 45 rows a page
    rows = [r for page in pages for block in page.blocks for r in block.rows]
    assert rows == list(table(100).rows)
    assert [page.continued for page in pages] == [False, True, True]
    first = pages[0].blocks[0]
    body = 11.69 - layout.MARGIN_TOP - layout.MARGIN_BOTTOM
    title = layout.block_height(layout.Heading("Buurt", level=1), 6.77)
    assert len(first.rows) == int((body - title - row - 0.14) // row)


def test_a_heading_never_ends_a_page():
    filler = layout.Spacer(10.24 - layout.block_height(layout.Heading("Buurt", level=1), 6.77) - 0.3)
    pages = layout.paginate([layout.Section("Buurt", (filler, layout.Heading("Kansrijke straten"), table(3)))])
    assert len(pages) == 2
    assert isinstance(pages[1].blocks[0], layout.Heading)  # moved with its table


def test_each_section_starts_a_page_and_maps_fill_a_landscape_one():
    sections = [layout.Section("Kaart", (layout.Image("kaart.png", "bijschrift"),), landscape=True, show_title=False),
                layout.Section("Buurt", (layout.Text("tekst"),))]
    pages = layout.paginate(sections)
    assert [page.size for page in pages] == [layout.A4_LANDSCAPE, layout.A4_PORTRAIT]


# --- what the parts say -----------------------------------------------------------------------------------------

def test_second_best_names_the_option_the_difference_and_the_view():
    street = pd.Series({"tweede_keus_nationaal": "luchtwarmtepomp", "verschil_nationaal_eur_jaar": 406.0,
                        "verschil_nationaal_pct": 27.1, "tweede_keus_eindgebruiker": "gedeelde_bodemlus",
                        "verschil_eindgebruiker_eur_jaar": -1358.0, "verschil_eindgebruiker_pct": -31.0})
    assert second_best_text(street, "nationaal") == f"luchtwarmtepomp\n€406/jr (27{NBSP}%) duurder (nationaal)"
    assert second_best_text(street, "eindgebruiker") == \
        f"gedeelde bodemlus\n€1{NBSP}358/jr (31{NBSP}%) goedkoper (eindgebruiker)"
    assert second_best_text(pd.Series({"tweede_keus_nationaal": pd.NA}), "nationaal") == "–"


def test_why_not_lists_each_reason_and_names_the_closest_option_once():
    buurt = pd.Series({"reden_geen_collectief": "collectief overal duurder; het dichtstbij: gedeelde bodemlus in "
                                                "M00106, €472/jr (15 %) per woning; boren verboden in 1 cluster",
                       "dichtstbij_optie": "gedeelde_bodemlus", "dichtstbij_verschil_eur_jaar": 472.0})
    texts = [block.text for block in why_not_blocks(buurt)]
    assert texts[1:] == ["•  Collectief overal duurder.",
                         "•  Het dichtstbij: gedeelde bodemlus in M00106, €472/jr (15 %) per woning.",
                         "•  Boren verboden in 1 cluster."]
    other = why_not_blocks(pd.Series({**buurt, "reden_geen_collectief": "geen cluster: geen woningen"}))
    assert other[-1].text == "•  Het dichtst bij winnen: gedeelde bodemlus, €472 per woning per jaar duurder dan " \
                             "het advies."


def config(**costs) -> dict:
    base = {"dwelling_view": "eindgebruiker", "area_view": "nationaal", "method": "annuiteit", "tco_years": 30,
            "price_path": "indexatie", "price_year": 2024, "end_user_rate": 0.04, "end_user_years": 15,
            "national_rate": 0.03, "heat_pump_subsidy": True, "allow_hybrid": False, "lt_min_label": "B",
            "kentallen": None, "overrides": {}}
    return {"costs": {**base, **costs}, "advies": {"marge_pct": 15.0, "min_kans": 0.25},
            "sensitivity": {"draws": 50, "seed": 7, "unstable_below": 0.8}}


def test_the_assumptions_are_the_runs_settings():
    rows = {what.split("\n")[0]: (value, meaning) for what, value, meaning in assumption_rows(
        config(lt_min_label="C", method="tco", overrides={"leiding_lt_per_m": 200.0}))}
    assert rows["Rekenmethode"][0] == "TCO (totale kosten)" and "30 jaar" in rows["Rekenmethode"][1]
    assert rows["Isolatieregel"][0] == "label C" and "isolatiestap naar C" in rows["Isolatieregel"][1]
    assert rows["Kostenblik woning en mini"][0] == "eindgebruiker" and "4,0 % over 15 jaar" in \
        rows["Kostenblik woning en mini"][1]
    assert rows["Marge"][0] == f"15{NBSP}%" and rows["Minimale kans"][0] == f"25{NBSP}%"
    assert rows["Gevoeligheid"][0] == "50 trekkingen" and "seed 7" in rows["Gevoeligheid"][1]
    assert "leiding_lt_per_m = 200,00" in rows["Kostenkentallen"][1]


def test_streets_per_buurt_keep_the_order_of_kansrijke_straten():
    streets = pd.DataFrame({
        "straat_sleutel": list("abcde"), "straat": ["A", "B", "C", "D", "E"],
        "buurtcode": ["BU2", "BU1", "BU2", "BU1", "BU1"],
        "kansrijk": ["binnen marge", "ja", "ja", "nee", "binnen marge"],
        "kansrijk_niveau": ["mini", "grootschalig", "mini", "mini", "mini"],
        "beste_mini_score": [50.0, 70.0, 60.0, 80.0, 55.0], "n_woningen": [10, 20, 30, 40, 50]})
    per_buurt = streets_by_buurt(streets)
    assert {code: list(frame["straat"]) for code, frame in per_buurt.items()} == {"BU1": ["B", "E"],
                                                                                  "BU2": ["C", "A"]}
    assert list(kansrijke_straten(streets)["straat"]) == ["C", "B", "E", "A"]


# --- the report of a run ------------------------------------------------------------------------------------------

def page_texts(pdf: Path) -> list[str]:
    """The text of every page in drawing order (pdftotext -raw), whitespace and non-breaking spaces as one space."""
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                             check=True).stdout).group(1))
    texts = []
    for number in range(1, pages + 1):
        raw = subprocess.run(["pdftotext", "-raw", "-f", str(number), "-l", str(number), str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        texts.append(raw)
    return texts


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(NBSP, " ")).strip()


def rendered_pages(pdf: Path, folder: Path) -> list[np.ndarray]:
    """Every page rendered by pdftoppm (36 dpi, grey), as arrays."""
    subprocess.run(["pdftoppm", "-r", "36", "-gray", "-png", str(pdf), str(folder / "page")], check=True,
                   capture_output=True)
    return [np.asarray(PILImage.open(path)) for path in sorted(folder.glob("page-*.png"))]


def assert_report(run: Path, gemeente: str, tmp_path: Path) -> list[str]:
    """rapport.pdf renders, no page is blank above its footer, the pages follow the report's plan (title, two
    maps, each buurt with its continuation pages, assumptions, quality, provenance), and the kansrijke streets
    appear per buurt in the order of kansrijke_straten. Returns the pages' texts."""
    results = run / "results" / gemeente
    pdf = results / "rapport.pdf"
    images = rendered_pages(pdf, tmp_path)
    texts = page_texts(pdf)
    assert len(images) == len(texts)
    for number, pixels in enumerate(images, start=1):
        body = pixels[: int(pixels.shape[0] * 0.9)]  # above the footer, which every page has
        assert body.std() > 5, f"page {number} is blank"
    gpkg = results / "warmtekans.gpkg"
    buurten = pyogrio.read_dataframe(gpkg, layer="buurten", read_geometry=False).sort_values("buurtcode")
    streets = pyogrio.read_dataframe(gpkg, layer="straten", read_geometry=False)
    firsts = [flat(text) for text in texts]  # each page starts with its title
    naam = read_record(results / "herkomst.yaml")["config"]["areas"][gemeente]["naam"]
    assert firsts[0].startswith(f"Warmtekansen {naam} Gemeente {naam}, gemeentecode {gemeente}")
    assert flat(texts[1]).startswith("Overzichtskaart.") and flat(texts[2]).startswith("Warmtedichtheid:")
    page = 3
    for buurt in buurten.itertuples():
        title = f"{buurt.buurtnaam} ({buurt.buurtcode})"
        assert firsts[page].startswith(title), (page + 1, firsts[page][:80])
        buurt_text = [flat(texts[page])]
        page += 1
        while firsts[page].startswith(f"{title}, vervolg"):
            buurt_text.append(flat(texts[page]))
            page += 1
        ranked = kansrijke_straten(streets)
        names = list(ranked.loc[ranked["buurtcode"] == buurt.buurtcode, "straat"])
        assert_in_order(" ".join(buurt_text), [flat(name) for name in names])
        if not names:
            assert buurt_text[0].count("Geen straat in deze buurt is kansrijk") == 1
            assert flat(str(buurt.reden_geen_collectief).split(";")[0])[1:] in buurt_text[0]
    for title in ("Aannames die het antwoord bepalen", "Datakwaliteit", "Herkomst"):
        assert firsts[page].startswith(title), (page + 1, firsts[page][:80])
        page += 1
        while page < len(firsts) and firsts[page].startswith(f"{title}, vervolg"):
            page += 1
    assert page == len(texts)
    ordered = [flat(name) for code, frame in streets_by_buurt(streets).items() for name in frame["straat"]]
    assert_in_order(" ".join(flat(text) for text in texts), ordered)
    return texts


@needs_poppler
@pytest.mark.workflow
def test_sample_report(sample_run, tmp_path):
    texts = assert_report(sample_run, "GM9999", tmp_path)
    # title + 2 maps + 4 buurten (each on one page) + assumptions + quality + provenance
    assert len(texts) == 1 + 2 + 4 + 3
    assumptions = flat(texts[7])
    for fragment in ("costs.dwelling_view eindgebruiker", "costs.area_view nationaal", "costs.lt_min_label label B",
                     "sensitivity.draws 200 trekkingen", "advies.marge_pct 10 %", "advies.min_kans 10 %",
                     "€1,33 per m³"):
        assert fragment in assumptions, fragment
    assert "Alles is gecontroleerd" in flat(texts[8])
    record = read_record(sample_run / "results" / "GM9999" / "herkomst.yaml")
    provenance = flat(texts[9])
    assert all(entry["sha256"][:16] in provenance for entry in record["inputs"])
    assert "Let op: dit is de gegenereerde voorbeeldgemeente" in flat(texts[0])
    assert "Let op: zonder" not in flat(texts[0])  # every input was there


@needs_poppler
@pytest.mark.workflow
def test_denhaag_report(denhaag_run, tmp_path):
    texts = assert_report(denhaag_run, "GM0518", tmp_path)
    quality = " ".join(flat(text) for text in texts if flat(text).startswith("Datakwaliteit"))
    assert "energielabels (EP-online) geen EP-online-bestand" in quality
    assert "Let op: zonder barrières (OSM), geplande warmtenetten," in flat(texts[0])  # the missing inputs, by name
    assert "Straten zonder naam in de invoer heten naar hun postcodes en huisnummers" in " ".join(map(flat, texts))


def test_a_share_that_rounds_to_nothing_is_still_shown():
    bar = layout.Bar((("individuele luchtwarmtepomp", 5303, "#bdbdbd"), ("geen aardgasvrije optie", 1, "#fb9a99")))
    assert layout.legend_text("geen aardgasvrije optie", 1, bar) == f"geen aardgasvrije optie: 1 (<{NBSP}1{NBSP}%)"
    assert layout.legend_text("individuele luchtwarmtepomp", 5303, bar) == \
        f"individuele luchtwarmtepomp: 5{NBSP}303 (100{NBSP}%)"


def test_the_count_of_kansrijke_streets_names_only_the_answers_given():
    from warmtekans.outputs.report_pdf import street_count_text

    one = pd.DataFrame({"kansrijk": ["binnen marge"]})
    assert street_count_text(one) == "1 kansrijke straat: 1 binnen marge."
    many = pd.DataFrame({"kansrijk": ["ja", "ja", "binnen marge"]})
    assert street_count_text(many).startswith("3 kansrijke straten: 2 ja, 1 binnen marge. Volgorde: eerst ja")
