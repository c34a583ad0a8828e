"""The bundled sample town: deterministic, in the real published shapes."""

import geopandas as gpd
import pandas as pd
import pyogrio
from pandas.testing import assert_frame_equal

from warmtekans.sample.generate import EP_ONLINE_HEADER_2021, generate


def test_generator_is_deterministic(tmp_path, sample_dir):
    again = generate(tmp_path / "again", "GM9999")
    for name in ("pand", "verblijfsobject"):
        first = gpd.read_file(sample_dir / "bag-light.gpkg", layer=name)
        second = gpd.read_file(again["bag"], layer=name)
        assert_frame_equal(first, second)
    assert (sample_dir / "ep-online.csv").read_bytes() == again["energielabels"].read_bytes()
    assert (sample_dir / "straten.osm").read_bytes() == again["straten"].read_bytes()
    for key in ("buurten", "drinkwater", "archeologie", "riool"):
        first = gpd.read_file(sample_dir / again[key].name)
        assert_frame_equal(first, gpd.read_file(again[key]))


def test_bag_light_shape(sample_dir):
    layers = {name for name, _ in pyogrio.list_layers(sample_dir / "bag-light.gpkg")}
    assert {"pand", "verblijfsobject"} <= layers
    vbo = gpd.read_file(sample_dir / "bag-light.gpkg", layer="verblijfsobject")
    for column in ("identificatie", "gebruiksdoel", "oppervlakte", "status", "pand_identificatie",
                   "openbare_ruimte_naam", "huisnummer", "postcode", "woonplaats_naam"):
        assert column in vbo.columns
    assert vbo["identificatie"].str.fullmatch(r"\d{16}").all()
    dwellings = vbo[vbo["gebruiksdoel"].str.contains("woonfunctie")]
    assert 1500 <= len(dwellings) <= 3000
    assert vbo.crs.to_epsg() == 28992


def test_ep_online_real_header_and_cases(sample_dir):
    text = (sample_dir / "ep-online.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].split(";") == EP_ONLINE_HEADER_2021
    labels = pd.read_csv(sample_dir / "ep-online.csv", sep=";", dtype=str)
    vbo = gpd.read_file(sample_dir / "bag-light.gpkg", layer="verblijfsobject")
    dwellings = set(vbo.loc[vbo["gebruiksdoel"] == "woonfunctie", "identificatie"])
    labelled = set(labels["Pand_bagverblijfsobjectid"])
    assert labelled < dwellings  # some dwellings have no label
    assert labels["Pand_bagverblijfsobjectid"].duplicated().any()  # some have two registrations
    assert labels["Pand_opnamedatum"].str.fullmatch(r"\d{8}").all()


def test_sample_has_every_input_kind(sample_dir):
    zones = gpd.read_file(sample_dir / "grondwaterbeschermingsgebieden.gpkg")
    assert {"Waterwingebied", "Boringsvrije zone"} <= set(zones["zone_type"])
    arch = gpd.read_file(sample_dir / "archeologie.gpkg")
    assert {"AMK-terrein", "Hoge verwachting"} <= set(arch["categorie"])
    sewer = gpd.read_file(sample_dir / "gwsw-leidingen.gpkg", layer="beheer_leiding")
    kinds = set(sewer["type"].str.rsplit("/", n=1).str[-1])
    assert {"GemengdRiool", "Vuilwaterriool", "Hemelwaterriool"} <= kinds
    assert sewer["type"].str.startswith("http://data.gwsw.nl/").all()
    buurten = gpd.read_file(sample_dir / "wijkenbuurten.gpkg", layer="buurten")
    assert 3 <= len(buurten) <= 4
    assert (buurten["percentage_huurwoningen"] < 0).any()  # a CBS secret sentinel
    assert "<osm" in (sample_dir / "straten.osm").read_text()[:200]


def test_generator_is_byte_deterministic(tmp_path, sample_dir):
    """Issue 20: every file byte for byte equal across runs (GeoPackages carry a fixed time stamp), so the
    SHA-256s in herkomst.yaml agree."""
    import hashlib
    import time

    time.sleep(1.1)  # a clock-based time stamp would now differ
    again = generate(tmp_path / "again", "GM9999")
    for key, path in again.items():
        first = (sample_dir / path.name).read_bytes()
        assert hashlib.sha256(first).hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest(), key
