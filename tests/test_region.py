"""A regio (issue 22): `gemeenten: alle` from a buurten file, inputs configured once for the regio, and the
merge of every gemeente's results into results/<regio>/ (GeoPackage, table, A3 maps, index page)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import yaml
from PIL import Image
from shapely.geometry import LineString, Point, box

from tests.conftest import REAL_DENHAAG, snakemake, workdir_with
from warmtekans.config.loader import validate_config
from warmtekans.config.region_resolve import resolve_region
from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import ConfigError
from warmtekans.inputs.cbs import gemeenten_in_buurten
from warmtekans.outputs.province import (
    COUNTS,
    count_values,
    gemeente_table,
    kansrijke_straten,
    merged_layers,
    province_buurten,
    street_is_kansrijk,
    table_markdown,
)
from warmtekans.pipeline.workflow import gemeente_config, region_gemeenten, validated_config


def buurten_file(path: Path, rows: list[tuple[str, str, str, object]]) -> Path:
    """A CBS-like buurten layer: (buurtcode, gemeentecode, gemeentenaam, polygon) per row."""
    frame = gpd.GeoDataFrame({"buurtcode": [r[0] for r in rows], "buurtnaam": [f"Buurt {r[0]}" for r in rows],
                              "gemeentecode": [r[1] for r in rows], "gemeentenaam": [r[2] for r in rows]},
                             geometry=[r[3] for r in rows], crs=RD_CRS)
    frame.to_file(path, layer="buurten", driver="GPKG", engine="pyogrio")
    return path


REGION_INPUTS = {"bag": {"path": "regio/bag.gpkg"}, "energielabels": "regio/ep.csv",
                 "riool": {"path": "regio/gwsw.gpkg", "layer": "beheer_leiding"}}


def region_config(buurten: Path, **extra) -> dict:
    return {"gemeenten": "alle", "regio": {"code": "PV99", "naam": "Proefprovincie", "inputs": {
        **REGION_INPUTS, "buurten": {"path": str(buurten), "layer": "buurten"}}}, **extra}


@pytest.fixture
def three_gemeenten(tmp_path) -> Path:
    return buurten_file(tmp_path / "buurten.gpkg", [
        ("BU03630001", "GM0363", "Amsterdam", box(0, 0, 10, 10)),
        ("BU03630002", "GM0363", "Amsterdam", box(10, 0, 20, 10)),
        ("BU00030001", "3", "Appingedam", box(30, 0, 40, 10)),  # CBS files also write the number alone
        ("BU05180001", "GM0518", "'s-Gravenhage", box(50, 0, 60, 10)),
    ])


def test_alle_runs_every_gemeente_of_the_buurten_file_with_the_regio_inputs(three_gemeenten):
    config = validate_config(region_config(three_gemeenten, areas={
        "GM0518": {"inputs": {"bag": {"path": "dh/bag.gpkg", "flavour": "nlextract"}, "riool": None}},
        "GM9999": {"naam": "Voorbeeldstad", "sample": True}}))  # an area not in the file: not run by 'alle'
    resolved = resolve_region(config, gemeenten_in_buurten(config.regio.inputs.buurten))
    assert resolved.gemeenten == ["GM0003", "GM0363", "GM0518"]
    assert {code: resolved.areas[code].naam for code in resolved.gemeenten} == {
        "GM0003": "Appingedam", "GM0363": "Amsterdam", "GM0518": "'s-Gravenhage"}
    amsterdam, den_haag = resolved.areas["GM0363"].inputs, resolved.areas["GM0518"].inputs
    assert amsterdam.bag.path == "regio/bag.gpkg" and amsterdam.riool.path == "regio/gwsw.gpkg"
    # a per-gemeente input replaces the regio's; an explicit null means: not available for this gemeente
    assert den_haag.bag.path == "dh/bag.gpkg" and den_haag.bag.flavour == "nlextract" and den_haag.riool is None
    assert den_haag.energielabels == "regio/ep.csv" and den_haag.buurten.path == str(three_gemeenten)
    # each gemeente's job parameters hold its own merged inputs, never the regio (renaming it reruns nothing)
    own = gemeente_config(resolved, "GM0518")
    assert "regio" not in own and own["areas"]["GM0518"]["inputs"]["bag"]["path"] == "dh/bag.gpkg"


def test_a_listed_gemeente_missing_from_the_buurten_file_is_named(three_gemeenten):
    config = validate_config(region_config(three_gemeenten, gemeenten=["GM0363", "GM0999"],
                                           areas={"GM9999": {"naam": "Voorbeeldstad", "sample": True}}))
    with pytest.raises(ConfigError, match=r"'gemeenten': GM0999 is not in regio.inputs.buurten \(.*buurten.gpkg\) "
                                          r"\(gemeenten present: GM0003, GM0363, GM0518\)"):
        resolve_region(config, gemeenten_in_buurten(config.regio.inputs.buurten),
                       buurten_path=str(three_gemeenten))
    # a sample (or a gemeente with its own buurten) may join the regio from outside the file
    listed = validate_config(region_config(three_gemeenten, gemeenten=["GM0363", "GM9999"],
                                           areas={"GM9999": {"naam": "Voorbeeldstad", "sample": True}}))
    resolved = resolve_region(listed, gemeenten_in_buurten(listed.regio.inputs.buurten))
    assert resolved.gemeenten == ["GM0363", "GM9999"] and resolved.areas["GM9999"].sample


def test_snakefile_validation_names_a_missing_buurten_file_and_exits(tmp_path, capsys):
    raw = region_config(tmp_path / "nope.gpkg")
    with pytest.raises(SystemExit):
        validated_config(raw)
    message = capsys.readouterr().err
    assert "nope.gpkg" in message and "does not exist" in message and "regio.inputs.buurten" in message


@pytest.mark.parametrize("raw, expected", [
    ({"gemeenten": "alle"}, "'gemeenten': 'alle' needs regio.inputs.buurten"),
    ({"gemeenten": "alle", "regio": {"code": "PV99", "naam": "x"}}, "'alle' needs regio.inputs.buurten"),
    ({"gemeenten": ["GM0518"], "regio": {"code": "GM0518", "naam": "x"}, "areas": {"GM0518": {"sample": True}}},
     "'regio.code': 'GM0518' is a gemeentecode"),
    ({"gemeenten": ["GM0518"], "regio": {"code": "PV 27", "naam": "x"}, "areas": {"GM0518": {"sample": True}}},
     "'regio.code': 'PV 27' is not a usable regio code"),
    ({"gemeenten": ["GM0518"], "areas": {"GM0518": {"sample": True}}}, "'areas.GM0518.naam': give the gemeente's name"),
    ({"gemeenten": "alle", "regio": {"code": "PV99", "naam": "x", "inputs": {"buurten": {"path": "b.gpkg"}}}},
     "'areas.GM"),  # never: every gemeente needs a BAG too; checked per gemeente once the list is known
])
def test_regio_settings_are_checked_with_the_key_named(raw, expected):
    if expected == "'areas.GM":
        config = validate_config(raw)  # no area listed yet: valid until resolved
        with pytest.raises(Exception, match="at least 'bag' and 'buurten'"):
            resolve_region(config, {"GM0518": "'s-Gravenhage"})
        return
    with pytest.raises(ConfigError, match=re.escape(expected)):
        validate_config(raw)


def test_the_gemeente_list_is_read_once_per_file_version(three_gemeenten, tmp_path, monkeypatch):
    config = validate_config(region_config(three_gemeenten))
    cache = tmp_path / "cache"
    assert list(region_gemeenten(config, cache_dir=cache)) == ["GM0003", "GM0363", "GM0518"]

    def unread(source):  # the cached answer must be used: the file is not opened again
        raise AssertionError("read again")

    monkeypatch.setattr("warmtekans.inputs.cbs.gemeenten_in_buurten", unread)
    assert list(region_gemeenten(config, cache_dir=cache)) == ["GM0003", "GM0363", "GM0518"]
    buurten_file(three_gemeenten, [("BU07720001", "GM0772", "Eindhoven", box(0, 0, 10, 10))])  # replaced
    monkeypatch.undo()
    assert list(region_gemeenten(config, cache_dir=cache)) == ["GM0772"]


# --- the merge, counted by hand ------------------------------------------------------------------------------

def gemeente_layers(buurten: list[dict], streets: list[dict], labels: dict[str, list[str]]) -> dict:
    """Result layers of one gemeente, only the columns the merge reads (and a geometry)."""
    buurt_frame = gpd.GeoDataFrame(buurten, geometry=[box(i * 100, 0, i * 100 + 100, 100)
                                                      for i in range(len(buurten))], crs=RD_CRS)
    buurt_frame["ontbrekende_invoer"] = "riool"
    street_frame = gpd.GeoDataFrame(streets, geometry=[LineString([(0, i), (50, i)]) for i in range(len(streets))],
                                    crs=RD_CRS)
    woningen = pd.DataFrame([(buurt, label) for buurt, values in labels.items() for label in values],
                            columns=["buurtcode", "labelklasse"])
    clusters = gpd.GeoDataFrame({"cluster_id": ["m1"], "niveau": ["mini"]}, geometry=[Point(1, 1).buffer(5)],
                                crs=RD_CRS)
    return {"buurten": buurt_frame, "straten": street_frame, "clusters": clusters, "woningen": woningen}


def buurt(code, n, mini, klein, groot, indiv, geschat=0, gj=0.0):
    return {"buurtcode": code, "buurtnaam": code, "n_woningen": n, "n_mini": mini, "n_kleinschalig": klein,
            "n_grootschalig": groot, "n_individueel": indiv, "n_label_geschat": geschat, "warmtevraag_gj": gj}


def street(key, buurtcode, n, mini):
    """A street; ``mini`` > 0: kansrijk for a mini network (``binnen marge`` when odd, else ``ja``)."""
    answer = ("binnen marge" if mini % 2 else "ja") if mini else "nee"
    return {"straat_sleutel": key, "buurtcode": buurtcode, "n_woningen": n, "kansrijk_mini": answer,
            "kansrijk": answer}


@pytest.fixture
def two_gemeenten() -> dict:
    per_gemeente = {
        "GM0001": gemeente_layers(
            [buurt("BU00010001", 10, 4, 0, 0, 6, geschat=3, gj=500.0), buurt("BU00010002", 5, 0, 5, 0, 0)],
            # Dorpsstraat is cut by a zone into two parts: one street, counted once
            [street("Dorpsstraat", "BU00010001", 6, 4), street("Dorpsstraat", "BU00010001", 6, 4),
             street("Kerkpad", "BU00010001", 4, 0), street("Molenweg", "BU00010002", 5, 0)],
            {"BU00010001": ["A", "A", "C", "G"] + ["B"] * 6, "BU00010002": ["D"] * 5}),
        "GM0002": gemeente_layers(
            [buurt("BU00020001", 20, 2, 0, 10, 8), buurt("BU00020002", 0, 0, 0, 0, 0)],
            [street("Hoofdweg", "BU00020001", 12, 1), street("Zijweg", "BU00020001", 8, 1)],
            {"BU00020001": ["A"] * 20}),
    }
    return merged_layers(per_gemeente, {"GM0001": "Eerste", "GM0002": "Tweede"})


def test_street_is_kansrijk_per_level_as_every_gemeente_output_says():
    streets = pd.DataFrame({"kansrijk_mini": ["nee", "ja", "binnen marge", None],
                            "kansrijk_grootschalig": [None, None, "ja", "nee"]})
    assert street_is_kansrijk(streets, "mini").tolist() == [False, True, True, False]
    assert street_is_kansrijk(streets, "grootschalig").tolist() == [False, False, True, False]
    assert street_is_kansrijk(streets, "kleinschalig").tolist() == [False] * 4  # no such answer in the layer
    with pytest.raises(ValueError, match="no level"):
        street_is_kansrijk(streets, "wijk")


def test_table_counts_per_gemeente_and_total(two_gemeenten):
    table = gemeente_table(two_gemeenten, {"GM0001": "Eerste", "GM0002": "Tweede"}, total_naam="Proef").set_index(
        "gemeentecode")
    assert table.loc["GM0001", ["n_buurten", "n_woningen", "n_mini", "n_kleinschalig", "n_individueel",
                                "n_collectief"]].tolist() == [2, 15, 4, 5, 6, 9]
    assert table.loc["GM0002", ["n_buurten", "n_woningen", "n_mini", "n_grootschalig", "n_collectief"]].tolist() == \
        [2, 20, 2, 10, 12]
    # labels from the dwellings: GM0001 2 A, 6 B, 1 C, 5 D, 1 G; GM0002 20 A
    assert table.loc["GM0001", [f"n_label_{c}" for c in "ABCDEFG"]].tolist() == [2, 6, 1, 5, 0, 0, 1]
    assert table.loc["totaal", "n_label_A"] == 22 and table.loc["totaal", "n_label_geschat"] == 3
    # kansrijke streets for mini: Dorpsstraat (2 parts, 1 street, 6 dwellings) in GM0001; Hoofdweg and Zijweg
    assert table.loc["GM0001", ["n_straten_mini", "n_woningen_straten_mini"]].tolist() == [1, 6]
    assert table.loc["GM0002", ["n_straten_mini", "n_woningen_straten_mini"]].tolist() == [2, 20]
    assert table.loc["totaal", ["n_woningen", "n_collectief", "n_straten_mini"]].tolist() == [35, 21, 3]
    assert table.loc["GM0001", "aandeel_collectief"] == pytest.approx(9 / 15, abs=1e-4)
    assert table.loc["totaal", "aandeel_collectief"] == pytest.approx(21 / 35, abs=1e-4)
    assert table.loc["GM0001", "aandeel_woningen_straten_mini"] == pytest.approx(6 / 15, abs=1e-4)
    assert table.loc["GM0001", "ontbrekende_invoer"] == "riool" and pd.isna(table.loc["totaal", "ontbrekende_invoer"])
    assert table.loc["totaal", "gemeentenaam"] == "Proef"
    text = table_markdown(table.reset_index(), code="PV99", naam="Proef")
    assert "| Eerste (GM0001) | 15 | 4 (26,7 %) | 5 (33,3 %) |" in text
    assert "| **totaal** | 35 |" in text and "## Kansrijke straten" in text and "- **Tweede (GM0002)**: riool" in text


def test_province_buurten_carry_every_column_and_add_counts_and_shares(two_gemeenten):
    buurten = province_buurten(two_gemeenten).set_index("buurtcode")
    assert {"buurtnaam", "warmtevraag_gj", "ontbrekende_invoer", "gemeentecode", "gemeentenaam"} <= set(buurten.columns)
    assert buurten.loc[
        "BU00010001", ["n_collectief", "n_straten_mini", "n_woningen_straten_mini", "n_label_B"]
    ].tolist() == [4, 1, 6, 6]
    assert buurten.loc["BU00010001", "aandeel_collectief"] == pytest.approx(0.4)
    assert buurten.loc["BU00010002", "n_straten_mini"] == 0
    assert pd.isna(buurten.loc["BU00020002", "aandeel_collectief"])  # no dwellings: no share
    assert buurten.loc["BU00010001", "warmtedichtheid_gj_ha"] == pytest.approx(500.0)  # 500 GJ on 1 ha
    assert buurten.loc["BU00020001", "gemeentenaam"] == "Tweede"
    streets = kansrijke_straten(two_gemeenten)
    assert sorted(streets["straat_sleutel"]) == ["Dorpsstraat", "Dorpsstraat", "Hoofdweg", "Zijweg"]
    # one declared list: every count is a column of the table and of the buurten
    assert all(count.name in buurten.columns for count in COUNTS)
    assert count_values(two_gemeenten, ["gemeentecode"]).columns.tolist() == [count.name for count in COUNTS]


# --- the whole workflow: three generated gemeenten and Den Haag-Oost as one regio -----------------------------

#: Generated gemeenten east and south of Den Haag-Oost (x 82 500–85 140), side by side like neighbours.
GENERATED = [
    ("GM9901", "Noorddorp", (85_900.0, 456_000.0)),
    ("GM9902", "Oosterwoud", (88_050.0, 456_000.0)),
    ("GM9903", "Zuidhaven", (85_900.0, 454_700.0)),
]


#: The sample's files that the regio has once (concatenated), with their layers.
REGION_FILES = {
    "bag-light.gpkg": ["pand", "verblijfsobject"],
    "wijkenbuurten.gpkg": ["buurten"],
    "grondwaterbeschermingsgebieden.gpkg": ["grondwaterbeschermingsgebieden"],
    "archeologie.gpkg": ["archeologie"],
    "gwsw-leidingen.gpkg": ["beheer_leiding"],
    "warmtenet-gepland.gpkg": ["warmtenet_gepland"],
    "bodemenergiesystemen.gpkg": ["bodemenergiesystemen"],
    "wko-geschiktheid.gpkg": ["wko_geschiktheid"],
    "oppervlaktewater.gpkg": ["oppervlaktewater"],
    "puntbronnen.gpkg": ["puntbronnen"],
}


def region_inputs(root: Path, denhaag: Path) -> dict:
    """Province-wide input files made of the generated gemeenten (and Den Haag-Oost's buurten), and the config."""
    from warmtekans.sample.generate import generate

    for code, naam, origin in GENERATED:
        generate(root / code, code, naam=naam, origin=origin)
    regio = root / "regio"
    regio.mkdir()
    for name, layers in REGION_FILES.items():
        for layer in layers:
            frames = [gpd.read_file(root / code / name, layer=layer, engine="pyogrio") for code, _, _ in GENERATED]
            if name == "wijkenbuurten.gpkg":
                frames.append(gpd.read_file(denhaag / "cbs_buurten_2022.gpkg", layer="buurten"))
                frames = [
                    frame[
                        [
                            "buurtcode",
                            "buurtnaam",
                            "gemeentecode",
                            "gemeentenaam",
                            "aantal_inwoners",
                            "aantal_huishoudens",
                            "gemiddelde_huishoudsgrootte",
                            "geometry",
                        ]
                    ]
                    for frame in frames
                ]
            merged = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=RD_CRS)
            merged.to_file(regio / name, layer=layer, driver="GPKG", engine="pyogrio")
    labels = pd.concat([pd.read_csv(root / code / "ep-online.csv", sep=";", dtype=str) for code, _, _ in GENERATED])
    labels.to_csv(regio / "ep-online.csv", sep=";", index=False)
    return {
        "gemeenten": "alle",
        "results": {"buurt_maps": False},
        "sensitivity": {"draws": 3},
        "regio": {
            "code": "PV99",
            "naam": "Proefprovincie",
            "inputs": {
                "bag": {"path": str(regio / "bag-light.gpkg")},
                "buurten": {"path": str(regio / "wijkenbuurten.gpkg"), "layer": "buurten"},
                "energielabels": str(regio / "ep-online.csv"),
                "drinkwater": {"path": str(regio / "grondwaterbeschermingsgebieden.gpkg"), "zone_column": "zone_type"},
                "archeologie": {"path": str(regio / "archeologie.gpkg"), "zone_column": "categorie"},
                "riool": {"path": str(regio / "gwsw-leidingen.gpkg"), "layer": "beheer_leiding"},
                "warmtenet_gepland": {"path": str(regio / "warmtenet-gepland.gpkg")},
                "bodemenergiesystemen": {"path": str(regio / "bodemenergiesystemen.gpkg")},
                "wko_geschiktheid": {"path": str(regio / "wko-geschiktheid.gpkg"), "zone_column": "geschiktheid"},
                "oppervlaktewater": {"path": str(regio / "oppervlaktewater.gpkg")},
                "puntbronnen": {"path": str(regio / "puntbronnen.gpkg")},
            },
        },
        "areas": {
            # per-gemeente overrides: Den Haag-Oost's own BAG (NLExtract naming), each town's own OSM streets
            "GM0518": {
                "inputs": {
                    "bag": {
                        "path": str(denhaag / "bag.gpkg"),
                        "flavour": "nlextract",
                        "nummeraanduiding": str(denhaag / "nummeraanduiding.csv"),
                    }
                }
            },
            **{code: {"inputs": {"straten": str(root / code / "straten.osm")}} for code, _, _ in GENERATED},
        },
    }


@pytest.fixture(scope="module")
def region_run(tmp_path_factory) -> Path:
    """The regio PV99 (three generated gemeenten and Den Haag-Oost, `gemeenten: alle`), run once for the module."""
    if not (REAL_DENHAAG / "bag.gpkg").exists():
        pytest.skip(f"real data not found at {REAL_DENHAAG} (needs ../shared beside the repository)")
    workdir = workdir_with(tmp_path_factory.mktemp("regio"))
    config = region_inputs(workdir / "inputs", REAL_DENHAAG)
    (workdir / "regio.yaml").write_text(yaml.safe_dump(config, allow_unicode=True))
    snakemake(workdir, "--configfile", str(workdir / "regio.yaml"))
    return workdir


CODES = ["GM0518", "GM9901", "GM9902", "GM9903"]


def per_gemeente(workdir: Path, layer: str, **kwargs) -> dict[str, pd.DataFrame]:
    return {
        code: gpd.read_file(workdir / "results" / code / "warmtekans.gpkg", layer=layer, **kwargs) for code in CODES
    }


@pytest.mark.workflow
def test_region_counts_are_the_sums_over_the_gemeenten(region_run):
    gpkg = region_run / "results" / "PV99" / "warmtekans.gpkg"
    assert [name for name, _ in pyogrio.list_layers(gpkg) if name != "layer_styles"] == [
        "gemeenten",
        "buurten",
        "straten",
        "clusters",
    ]
    province = {name: gpd.read_file(gpkg, layer=name) for name in ("gemeenten", "buurten", "straten", "clusters")}
    buurten = per_gemeente(region_run, "buurten")
    woningen = per_gemeente(region_run, "woningen", columns=["vbo_id"], read_geometry=False)
    streets = per_gemeente(region_run, "straten")
    clusters = per_gemeente(region_run, "clusters", columns=["cluster_id"], read_geometry=False)
    # every gemeente of the buurten file ran, named as there
    assert sorted(province["gemeenten"]["gemeentecode"]) == CODES
    assert set(province["gemeenten"]["gemeentenaam"]) == {"'s-Gravenhage", "Noorddorp", "Oosterwoud", "Zuidhaven"}
    for layer in province.values():
        assert layer["gemeentecode"].isin(CODES).all()
    # dwellings: province buurten = per-gemeente buurten = the dwellings layers; advice per level likewise
    assert (
        province["buurten"]["n_woningen"].sum()
        == sum(frame["n_woningen"].sum() for frame in buurten.values())
        == sum(len(frame) for frame in woningen.values())
    )
    for column in ("n_mini", "n_kleinschalig", "n_grootschalig", "n_individueel"):
        assert province["buurten"][column].sum() == sum(frame[column].sum() for frame in buurten.values()), column
        assert province["gemeenten"][column].sum() == province["buurten"][column].sum(), column
    # the kansrijke streets (not their parts) of every gemeente, as its own outputs list them
    listed = {code: frame.loc[frame["kansrijk"].isin(["ja", "binnen marge"]), "straat_sleutel"].nunique()
              for code, frame in streets.items()}
    assert sum(listed.values()) > 0
    assert (
        province["straten"].groupby("gemeentecode")["straat_sleutel"].nunique().reindex(CODES, fill_value=0).to_dict()
        == listed
    )
    mini = {code: frame.loc[frame["kansrijk_mini"].isin(["ja", "binnen marge"]), "straat_sleutel"].nunique()
            for code, frame in streets.items()}
    assert province["gemeenten"].set_index("gemeentecode")["n_straten_mini"].to_dict() == mini
    assert province["straten"]["kansrijk"].isin(["ja", "binnen marge"]).all()
    assert len(province["clusters"]) == sum(len(frame) for frame in clusters.values())
    # the table: one row per gemeente and the total
    table = pd.read_csv(region_run / "results" / "PV99" / "gemeenten.csv").set_index("gemeentecode")
    assert list(table.index) == [*CODES, "totaal"]
    assert table.loc["totaal", "n_woningen"] == province["buurten"]["n_woningen"].sum()
    assert table.loc["GM0518", "n_woningen"] == len(woningen["GM0518"])
    assert (
        table.loc["totaal", "n_collectief"] == table.loc["totaal", ["n_mini", "n_kleinschalig", "n_grootschalig"]].sum()
    )
    assert "stratennetwerk" in table.loc["GM0518", "ontbrekende_invoer"]  # Den Haag-Oost has no OSM streets
    markdown = (region_run / "results" / "PV99" / "gemeenten.md").read_text()
    assert "# Warmtekansen Proefprovincie (PV99)" in markdown and "'s-Gravenhage (GM0518)" in markdown


@pytest.mark.workflow
def test_region_maps_are_a3_and_drawn(region_run):
    for name in ("collectief", "warmtedichtheid"):
        image = Image.open(region_run / "results" / "PV99" / "kaarten" / f"{name}.png")
        assert image.size == (3308, 2338)  # A3 landscape at 200 dpi
        assert np.asarray(image.convert("L"), dtype=float).std() > 10, name
        assert (region_run / "results" / "PV99" / "kaarten" / f"{name}.pgw").exists()


@pytest.mark.workflow
def test_region_layers_open_styled_in_qgis(region_run, tmp_path):
    from tests.test_qgis import MIN_PAINTED_PIXELS, qgis_env, run_check

    python = "/usr/bin/python3"
    probe = subprocess.run([python, "-c", "import qgis.core"], capture_output=True, env=qgis_env(tmp_path))
    if probe.returncode != 0:
        pytest.skip("PyQGIS not installed (Debian packages 'qgis python3-qgis')")
    report, stderr = run_check(python, region_run / "results" / "PV99" / "warmtekans.gpkg", tmp_path / "png", tmp_path)
    assert "partially supported" not in stderr
    layers = report["layers"]
    assert set(layers) == {"gemeenten", "buurten", "straten", "clusters"}
    for name, layer in layers.items():
        assert layer["valid"] and layer["style_loaded"], f"{name}: {layer.get('style_message')}"
        expected = {"Point": 0, "LineString": 1, "Polygon": 2}[layer["geometry"].removeprefix("Multi")]
        assert layer["symbol_types"] == [expected], name
        assert layer["painted_pixels"] > MIN_PAINTED_PIXELS, f"{name} renders blank"
    assert layers["buurten"]["renderer"] == "graduatedSymbol"
    assert layers["gemeenten"]["labels"] and layers["gemeenten"]["label_field"] == "gemeentenaam"
    project = report["project"]
    assert project["read"] and project["title"] == "Warmtekansen Proefprovincie (PV99)"
    assert all(layer["valid"] for layer in project["layers"]) and project["painted_pixels"] > MIN_PAINTED_PIXELS


@pytest.mark.workflow
def test_region_index_page_links_every_gemeente_map(region_run, tmp_path):
    from tests.test_outputs import find_chromium

    page = region_run / "results" / "PV99" / "index.html"
    text = page.read_text()
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']https?://", text)
    for code in CODES:
        assert f"../{code}/kaart.html" in text and (page.parent / f"../{code}/kaart.html").resolve().exists()
    browser = find_chromium()
    if browser is None:
        pytest.skip("no Chromium found (Debian package 'chromium')")
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=10000",
        "--dump-dom",
        f"{page.as_uri()}#selftest",
    ]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    match = re.search(r'<pre id="selftest-result">([^<]+)</pre>', dom)
    assert match, f"the self-test did not run:\n{dom[:2000]}"
    outcome = json.loads(match.group(1))
    buurten = gpd.read_file(region_run / "results" / "PV99" / "warmtekans.gpkg", layer="buurten")
    assert outcome["buurten"] == outcome["paths"] == len(buurten)
    assert outcome["gemeenten"] == outcome["labels"] == 4
    assert sorted(outcome["links"]) == sorted(outcome["label_links"]) == [f"../{code}/kaart.html" for code in CODES]
    assert "Kaart van " in outcome["popup"] and "../GM" in outcome["popup"]  # a buurt links to its gemeente's map
    assert outcome["total_row"][1] == f"{buurten['n_woningen'].sum():,}".replace(",", ".")  # nl-NL thousands
    shot = tmp_path / "index.png"
    subprocess.run(
        [*command[:-2], "--window-size=1400,900", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert np.asarray(Image.open(shot).convert("L"), dtype=float).std() > 10


@pytest.mark.workflow
def test_adding_a_gemeente_reruns_only_it_and_the_merge(region_run):
    from tests.test_reruns import planned_jobs

    config = yaml.safe_load((region_run / "regio.yaml").read_text())
    assert not planned_jobs(snakemake(region_run, "-n", "--configfile", str(region_run / "regio.yaml")))
    # renaming the regio reruns the merge only
    renamed = {**config, "regio": {**config["regio"], "naam": "Andere naam"}}
    (region_run / "hernoemd.yaml").write_text(yaml.safe_dump(renamed, allow_unicode=True))
    result = snakemake(region_run, "-n", "--configfile", str(region_run / "hernoemd.yaml"))
    assert set(re.findall(r"(?:local)?rule (\w+):", result.stdout)) == {"merge_region", "all"}
    config["gemeenten"] = [*CODES, "GM9999"]  # the sample town (sample: true in config/config.yaml) joins
    (region_run / "vijf.yaml").write_text(yaml.safe_dump(config, allow_unicode=True))
    result = snakemake(region_run, "-n", "--configfile", str(region_run / "vijf.yaml"))
    jobs = planned_jobs(result)
    assert ("write_results", "GM9999") in jobs and ("web_map", "GM9999") in jobs
    assert {gemeente for _, gemeente in jobs} == {"GM9999"}, sorted(jobs)
    rules = set(re.findall(r"(?:local)?rule (\w+):", result.stdout))
    assert "merge_region" in rules
    assert rules - {"merge_region", "all"} == {rule for rule, _ in jobs}


@pytest.mark.workflow
def test_every_region_field_is_documented(region_run):
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "results.md").read_text()
    regio = docs.split("## Regio")[1]
    gpkg = region_run / "results" / "PV99" / "warmtekans.gpkg"
    for name, _ in pyogrio.list_layers(gpkg):
        if name == "layer_styles":
            continue
        for field in pyogrio.read_info(gpkg, layer=name)["fields"]:
            label = re.sub(r"_[A-G]$", "_A", field)  # n_label_A … n_label_G
            assert f"`{field}`" in docs or f"`{label}`" in regio, f"{name}.{field} is not in docs/results.md"


@pytest.mark.workflow
def test_the_merge_is_one_final_slurm_job(tmp_path):
    pytest.importorskip("snakemake_executor_plugin_slurm")
    from tests.conftest import ROOT

    workdir = workdir_with(
        tmp_path,
        {
            "gemeenten": ["GM9999", "GM9998"],
            "regio": {"code": "PV99", "naam": "Twee"},
            "areas": {"GM9998": {"naam": "Tweede Voorbeeldstad", "sample": True}},
        },
    )
    result = snakemake(
        workdir, "-n", "--profile", str(ROOT / "profiles" / "slurm"), "--configfile", str(workdir / "extra.yaml")
    )
    stats = result.stdout.split("Job stats:")[1].split("total")[0]
    counts = {
        line.split()[0]: int(line.split()[1])
        for line in stats.splitlines()
        if len(line.split()) == 2 and line.split()[1].isdigit()
    }
    assert counts["merge_region"] == 1 and counts["write_results"] == 2
    merge = result.stdout.split("rule merge_region:")[1].split("\n\n")[0]
    assert "results/GM9999/warmtekans.gpkg" in merge and "results/GM9998/warmtekans.gpkg" in merge
    assert "results/PV99/index.html" in merge
    assert "mem_mb=16000" in result.stdout + result.stderr  # the merge's resources in the profile
