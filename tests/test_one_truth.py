"""One truth in every output (issue 19): the same kansrijke streets, with the same answer and advice, in
kansrijke_straten.csv, samenvatting.md, the PNG maps, the web map, the QGIS straten layer and rapport.pdf —
on the sample and on the real Den Haag-Oost extract."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from warmtekans.outputs.colours import MINI_STREET
from warmtekans.outputs.kansrijk import KANSRIJK, kansrijke_sleutels, kansrijke_straten
from warmtekans.outputs.webmap import embedded_payload, feature_properties


def assert_one_truth(workdir: Path, gemeente: str) -> list[str]:
    results = workdir / "results" / gemeente
    gpkg = results / "warmtekans.gpkg"
    straten = gpd.read_file(gpkg, layer="straten")
    listed = kansrijke_straten(straten)
    names = listed["straat"].astype(str).tolist()
    assert names, "no kansrijke street at all: the comparison would be empty"

    # 1. kansrijke_straten.csv: the same streets (per buurt in the list's order), answers and advice
    table = pd.read_csv(results / "kansrijke_straten.csv", dtype={"straat": "string"})
    assert sorted(table["straat"]) == sorted(names)
    expected = listed.set_index("straat")
    for row in table.itertuples():
        assert row.kansrijk == expected.at[row.straat, "kansrijk"]
        assert row.kansrijk_advies == expected.at[row.straat, "kansrijk_advies"]
        collective = row.kansrijk == "ja"
        assert (row.kansrijk_advies in row.kansrijk_reden) == collective or not collective, row  # reason ~ advice
        if not collective:
            assert "duurder dan" in row.kansrijk_reden, row
    for buurt, rows in table.groupby("buurtcode"):
        order = [n for n in names if n in set(rows["straat"])]
        assert rows.sort_values("rang")["straat"].tolist() == order, buurt

    # 2. samenvatting.md: every kansrijke street in bold, with its answer; no other street listed
    summary = (results / "samenvatting.md").read_text(encoding="utf-8")
    listed_in_summary = re.findall(r"^\d+\. \*\*(.+?)\*\* — (ja|binnen marge) ", summary, re.MULTILINE)
    assert sorted(n for n, _ in listed_in_summary) == sorted(names)
    assert all(expected.at[n, "kansrijk"] == a for n, a in listed_in_summary)

    # 3. the PNG maps highlight exactly these streets (the keys the maps draw from) and show the yellow casing
    dwellings = gpd.read_parquet(workdir / "data" / "processed" / gemeente / "woningen_beoordeeld.parquet")
    clusters = gpd.read_parquet(workdir / "data" / "processed" / gemeente / "clusters_beoordeeld.parquet")
    chosen = straten[straten["kansrijk"].isin(KANSRIJK).fillna(False)].drop_duplicates("straat_sleutel")
    keys = set(chosen["straat_sleutel"])
    assert kansrijke_sleutels(dwellings, clusters) == dict(zip(chosen["straat_sleutel"], chosen["kansrijk"]))
    pixels = np.asarray(Image.open(results / "kaarten" / "overzicht.png").convert("RGB")).astype(int)
    yellow = np.array([int(MINI_STREET[i:i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(pixels - yellow).sum(axis=2) < 12).sum() > 200  # the highlight is drawn

    # 4. the web map: the 'Kansrijke straten' features and the highlighted street labels
    payload = embedded_payload((results / "kaart.html").read_text(encoding="utf-8"))
    web = feature_properties(payload["data"]["straten"])
    on_web = {p["straat"] for p in web if p.get("kansrijk") in KANSRIJK}
    line_names = set(straten.loc[straten.geometry.geom_type.isin(["LineString", "MultiLineString"])
                                 & straten["straat_sleutel"].isin(keys), "straat"])
    assert on_web == line_names
    labelled = {label[3] for label in payload["data"]["labels"]["straat"] if label[4]}
    assert labelled <= set(names)

    # 5. QGIS: the straten layer is styled by the same field, with 'ja' and 'binnen marge' as categories
    with sqlite3.connect(gpkg) as db:
        qml = db.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = 'straten'").fetchone()[0]
    assert 'attr="kansrijk"' in qml and 'value="ja"' in qml and 'value="binnen marge"' in qml

    # 6. rapport.pdf: the same streets, in the same order
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-raw", str(results / "rapport.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        def flat(value: str) -> str:  # the report keeps numbers and labels together with non-breaking spaces
            return re.sub(r"\s+", " ", value.replace("\u00a0", " ").replace("\u202f", " "))

        text = flat(text)
        positions = [text.find(flat(name)) for name in dict.fromkeys(names)]
        assert all(p >= 0 for p in positions), [n for n, p in zip(names, positions) if p < 0]
    return names


def test_sample_outputs_agree_on_the_kansrijke_streets(sample_run):
    names = assert_one_truth(sample_run, "GM9999")
    assert len(names) >= 3


@pytest.mark.workflow
def test_denhaag_outputs_agree_on_the_kansrijke_streets(denhaag_run):
    assert_one_truth(denhaag_run, "GM0518")
