"""Generate "Voorbeeldstad": a deterministic sample gemeente in the real published formats.

The town has four buurten, each designed to exercise one outcome:

* ``Centrum`` – a street grid of terraced rows, portiek flats and two galerij flats,
  about 1 700 dwellings in one contiguous built-up area: the **large**-network case.
* ``Tuindorp`` – terraced rows and 2-onder-1-kap pairs, about 500 dwellings, separated
  from the Centrum by a park: the **small-scale** case.
* ``Kerkbuurt`` – an old village core with short terraced rows, a church on an AMK
  terrain and a high archaeological expectation: small-scale, with restrictions.
* ``Buitengebied`` – a ribbon road with detached houses, isolated 2-onder-1-kap pairs and
  two terraced rows: the **mini**-network cases. Its east end lies in a waterwingebied and
  a boringsvrije zone.

Everything is written in the shape of the real datasets (shared/docs/data-formats.md):
a PDOK bag-light-style GeoPackage, an EP-online CSV (2021 header), a CBS wijk- en
buurtkaart layer, grondwaterbeschermingsgebieden, archaeology polygons, GWSW pipes and
an OSM XML street network. The generator is seeded from the gemeentecode and is linear in
the number of towns, so ``towns > 1`` makes large benchmark inputs.

Run ``warmtekans-sample OUT_DIR --gemeente GM9999``.
"""
from __future__ import annotations

import argparse
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import quoteattr

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Transformer
from shapely import STRtree
from shapely.geometry import LineString, Point

from warmtekans.core.atomic import atomic_path
from warmtekans.core.crs import RD_CRS
from warmtekans.core.progress import progress
from warmtekans.sample.layout import (
    LABELS,
    _designed_woningtype,
    _label_for,
    _postcode,
    _seed,
    _Town,
    _town,
)

GWSW = "http://data.gwsw.nl/1.5/totaal/"


#: EP-online ``Pand_gebouwtype`` (pre-2021 names) per woningtype family.
EP_GEBOUWTYPE = {
    "vrijstaand": "Vrijstaande woning",
    "twee_onder_een_kap": "Twee-onder-één-kap",
    "hoekwoning": "Rijwoning hoek",
    "tussenwoning": "Rijwoning tussen",
    "appartement": "Portiekwoning",
}


#: Header of an EP-online export of the 2021 generation (data-formats.md).
EP_ONLINE_HEADER_2021 = (
    "Pand_opnamedatum;Pand_opnametype;Pand_status;Pand_berekeningstype;Pand_energieindex;"
    "Pand_energieklasse;Pand_energielabel_is_prive;Pand_is_op_basis_van_referentie_gebouw;"
    "Pand_gebouwklasse;Meting_geldig_tot;Pand_registratiedatum;Pand_postcode;Pand_huisnummer;"
    "Pand_huisnummer_toev;Pand_detailaanduiding;Pand_bagverblijfsobjectid;Pand_bagligplaatsid;"
    "Pand_bagstandplaatsid;Pand_bagpandid;Pand_gebouwtype;Pand_gebouwsubtype;Pand_projectnaam;"
    "Pand_projectobject;Pand_SBIcode;Pand_gebruiksoppervlakte;Pand_energiebehoefte;"
    "Pand_eis_energiebehoefte;Pand_primaire_fossiele_energie;Pand_eis_primaire_fossiele_energie;"
    "Pand_primaire_fossiele_energie_EMG_forfaitair;Pand_aandeel_hernieuwbare_energie;"
    "Pand_eis_aandeel_hernieuwbare_energie;Pand_aandeel_hernieuwbare_energie_EMG_forfaitair;"
    "Pand_temperatuuroverschrijding;Pand_eis_temperatuuroverschrijding;Pand_warmtebehoefte;"
    "Pand_energieindex_met_EMG_forfaitair"
).split(";")


def _to_frames(towns: list[tuple[str, _Town]], rng: np.random.Generator, gemeentecode: str) -> dict:
    """Turn the laid-out towns into the tables of the real datasets."""
    number = gemeentecode[2:]
    panden, vbos = [], []
    pand_seq = vbo_seq = 0
    house_numbers: dict[str, int] = {}
    street_ids: dict[str, str] = {}
    for town_name, town in towns:
        for b in town.buildings:
            pand_seq += 1
            pand_id = f"{number}10000{pand_seq:07d}"
            usage = {
                "kerk": "bijeenkomstfunctie",
                "winkel_woon": "winkelfunctie,woonfunctie",
            }.get(b.kind, "woonfunctie")
            objects = []
            for k in range(b.dwellings):
                vbo_seq += 1
                objects.append(f"{number}01000{vbo_seq:07d}")
            if b.kind == "winkel_woon":
                vbo_seq += 1
                objects.append(f"{number}01000{vbo_seq:07d}")
            if b.kind == "kerk":
                vbo_seq += 1
                objects.append(f"{number}01000{vbo_seq:07d}")
            panden.append(
                {
                    "identificatie": pand_id,
                    "bouwjaar": b.bouwjaar,
                    "status": "Pand in gebruik",
                    "gebruiksdoel": usage,
                    "oppervlakte_min": round(b.floor_area) if b.dwellings else 800,
                    "oppervlakte_max": round(b.floor_area) if b.dwellings else 800,
                    "aantal_verblijfsobjecten": len(objects),
                    "geometry": b.footprint,
                }
            )
            street_key = f"{town_name}|{b.street}"
            if street_key not in street_ids:
                street_ids[street_key] = f"{number}30000{len(street_ids) + 1:07d}"
            inner = b.footprint.buffer(-1.0)
            minx, miny, maxx, maxy = inner.bounds
            postcode = _postcode(street_key)
            for k, vbo_id in enumerate(objects):
                house_numbers[street_key] = house_numbers.get(street_key, 0) + 1
                if b.kind == "kerk":
                    doel, area = "bijeenkomstfunctie", 800
                elif b.kind == "winkel_woon" and k == len(objects) - 1:
                    doel, area = "winkelfunctie", 80
                else:
                    doel, area = "woonfunctie", round(b.floor_area * rng.uniform(0.95, 1.05))
                point = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
                vbos.append(
                    {
                        "identificatie": vbo_id,
                        "gebruiksdoel": doel,
                        "oppervlakte": int(area),
                        "status": "Verblijfsobject in gebruik",
                        "pand_identificatie": pand_id,
                        "openbare_ruimte_naam": b.street,
                        "huisnummer": house_numbers[street_key],
                        "huisletter": None,
                        "toevoeging": None,
                        "postcode": postcode,
                        "woonplaats_naam": town_name,
                        "openbare_ruimte_identificatie": street_ids[street_key],
                        "geometry": point,
                    }
                )
    pand = gpd.GeoDataFrame(panden, crs=RD_CRS)
    vbo = gpd.GeoDataFrame(vbos, crs=RD_CRS)
    # A few dwellings are registered but not yet built ('gevormd'): not counted by default.
    gevormd = rng.choice(vbo.index[vbo["gebruiksdoel"] == "woonfunctie"], size=max(1, len(vbo) // 250), replace=False)
    vbo.loc[np.sort(gevormd), "status"] = "Verblijfsobject gevormd"
    return {"pand": pand, "verblijfsobject": vbo}


def _ep_online(bag: dict, kinds: pd.Series, rng: np.random.Generator) -> pd.DataFrame:
    """EP-online registrations: about 70 % of dwellings, some twice (an older, worse label)."""
    vbo = bag["verblijfsobject"]
    pand = bag["pand"].set_index("identificatie")
    dwellings = vbo[(vbo["gebruiksdoel"] == "woonfunctie") & (vbo["status"] != "Verblijfsobject gevormd")]
    rows = []
    for vbo_row in dwellings.itertuples():
        if rng.random() > 0.7:
            continue
        bouwjaar = int(pand.at[vbo_row.pand_identificatie, "bouwjaar"])
        woningtype = kinds[vbo_row.identificatie]
        label = _label_for(rng, bouwjaar)
        opname = pd.Timestamp("2014-01-01") + pd.Timedelta(days=int(rng.integers(0, 365 * 11)))
        registrations = [(opname, label)]
        if rng.random() < 0.08:  # an older registration with a worse label
            older = LABELS[min(LABELS.index(label) + 2, len(LABELS) - 1)]
            registrations.append((opname - pd.Timedelta(days=int(rng.integers(400, 2000))), older))
        for date, lab in registrations:
            nta = date >= pd.Timestamp("2021-01-01")
            rows.append(
                {
                    "Pand_opnamedatum": date.strftime("%Y%m%d"),
                    "Pand_opnametype": "Basisopname",
                    "Pand_status": "Bestaand",
                    "Pand_berekeningstype": "NTA 8800:2020 (detailopname woningbouw)" if nta else "EP-W (basis)",
                    "Pand_energieklasse": lab,
                    "Pand_gebouwklasse": "W",
                    "Meting_geldig_tot": (date + pd.DateOffset(years=10)).strftime("%Y%m%d"),
                    "Pand_registratiedatum": (date + pd.Timedelta(days=3)).strftime("%Y%m%d"),
                    "Pand_postcode": vbo_row.postcode,
                    "Pand_huisnummer": vbo_row.huisnummer,
                    "Pand_bagverblijfsobjectid": vbo_row.identificatie,
                    "Pand_bagpandid": vbo_row.pand_identificatie,
                    "Pand_gebouwtype": (EP_GEBOUWTYPE[woningtype] if not nta or woningtype != "appartement"
                                        else "Appartement"),
                    "Pand_gebouwsubtype": ("Tussenmidden" if nta and woningtype == "appartement" else ""),
                    "Pand_gebruiksoppervlakte": vbo_row.oppervlakte,
                }
            )
    frame = pd.DataFrame(rows)
    for column in EP_ONLINE_HEADER_2021:
        if column not in frame:
            frame[column] = ""
    return frame[EP_ONLINE_HEADER_2021]


def _osm_xml(streets: list[tuple[str, LineString, str]], path: Path,
             barriers: list[tuple[str, LineString, dict[str, str]]] = ()) -> None:
    """Write streets (and barrier ways: railways, canals) as OSM XML, splitting them at crossings
    so the graph is routable."""
    streets = list(streets) + [(name, line, tags) for name, line, tags in barriers]
    to_wgs84 = Transformer.from_crs(RD_CRS, "EPSG:4326", always_xy=True)
    node_ids: dict[tuple[float, float], int] = {}
    lines_only = [line for _, line, _ in streets]
    tree = STRtree(lines_only)
    ways = []
    for k, (name, line, highway) in enumerate(streets):
        points = {(round(x, 3), round(y, 3)) for x, y in line.coords}
        for other in tree.query(line, predicate="intersects"):
            if other == k:
                continue
            crossing = line.intersection(lines_only[other])
            for geom in getattr(crossing, "geoms", [crossing]):
                if geom.geom_type == "Point":
                    points.add((round(geom.x, 3), round(geom.y, 3)))
        ordered = sorted(points, key=lambda p: line.project(Point(p)))
        ways.append((name, highway, ordered))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="warmtekans.sample">']
    for _, _, points in ways:
        for p in points:
            if p not in node_ids:
                node_ids[p] = len(node_ids) + 1
    for p, nid in sorted(node_ids.items(), key=lambda item: item[1]):
        lon, lat = to_wgs84.transform(*p)
        lines.append(f'  <node id="{nid}" version="1" lat="{lat:.8f}" lon="{lon:.8f}"/>')
    for k, (name, highway, points) in enumerate(ways, start=1):
        lines.append(f'  <way id="{k}" version="1">')
        lines.extend(f'    <nd ref="{node_ids[p]}"/>' for p in points)
        tags = highway if isinstance(highway, dict) else {"highway": highway}
        lines.extend(f"    <tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in tags.items())
        lines.append(f"    <tag k=\"name\" v={quoteattr(name)}/>")
        lines.append("  </way>")
    lines.append("</osm>")
    with atomic_path(path) as tmp:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")


#: The time stamp GDAL writes into the sample's GeoPackages (``gpkg_contents.last_change``) instead of the
#: clock, so two runs write byte-identical files and equal SHA-256s in herkomst.yaml.
SAMPLE_GPKG_DATE = "2025-01-01T00:00:00.000Z"


@contextmanager
def fixed_gpkg_date(date: str = SAMPLE_GPKG_DATE) -> Iterator[None]:
    """GDAL's ``OGR_CURRENT_DATE`` set to ``date`` while writing, restored afterwards."""
    import pyogrio

    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": date})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def generate(out_dir: str | Path, gemeentecode: str = "GM9999", *, towns: int = 1, naam: str = "Voorbeeldstad",
             origin: tuple[float, float] = (140_000.0, 455_000.0)) -> dict[str, Path]:
    """Generate the sample inputs of one gemeente into ``out_dir``; return the written paths.

    Parameters
    ----------
    out_dir
        Folder to write into (created).
    gemeentecode
        ``GMxxxx``; also seeds the random generator, so the output is deterministic (byte for byte:
        the GeoPackages carry a fixed time stamp, :data:`SAMPLE_GPKG_DATE`).
    towns
        Number of towns laid side by side (about 2 400 dwellings each).
    naam
        The gemeente's name (``gemeentenaam`` of the buurten; the town's name).
    origin
        RD New position (m) of the first town's Centrum; a town covers 2 150 × 1 300 m from 650 m west and
        south of it, so gemeenten generated 2 150 m apart lie side by side like neighbours.
    """
    with fixed_gpkg_date():
        return _generate(out_dir, gemeentecode, towns=towns, naam=naam, origin=origin)


def _generate(out_dir: str | Path, gemeentecode: str, *, towns: int, naam: str,
              origin: tuple[float, float]) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(_seed(gemeentecode))
    number = gemeentecode[2:]
    per_row = max(1, math.ceil(math.sqrt(towns)))
    laid = []
    for t in progress(range(towns), total=towns, what="towns laid out"):
        ox = origin[0] + 3_000 * (t % per_row)
        oy = origin[1] + 2_000 * (t // per_row)
        name = naam if towns == 1 else f"{naam} {t + 1}"
        laid.append((name, _town(rng, ox, oy)))
    bag = _to_frames(laid, rng, gemeentecode)
    all_buildings = [b for _, town in laid for b in town.buildings]
    kinds = _designed_woningtype(all_buildings, bag["verblijfsobject"], bag["pand"])

    paths = {
        name: out / file
        for name, file in {
            "bag": "bag-light.gpkg",
            "energielabels": "ep-online.csv",
            "buurten": "wijkenbuurten.gpkg",
            "drinkwater": "grondwaterbeschermingsgebieden.gpkg",
            "archeologie": "archeologie.gpkg",
            "riool": "gwsw-leidingen.gpkg",
            "straten": "straten.osm",
            "warmtenet_gepland": "warmtenet-gepland.gpkg",
            "bodemenergiesystemen": "bodemenergiesystemen.gpkg",
            "wko_geschiktheid": "wko-geschiktheid.gpkg",
            "oppervlaktewater": "oppervlaktewater.gpkg",
            "puntbronnen": "puntbronnen.gpkg",
        }.items()
    }

    with atomic_path(paths["bag"]) as tmp:
        for layer in ("pand", "verblijfsobject"):
            bag[layer].to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio")

    labels = _ep_online(bag, kinds, rng)
    with atomic_path(paths["energielabels"]) as tmp:
        labels.to_csv(tmp, sep=";", index=False, encoding="utf-8")

    _write_buurten(laid, bag, gemeentecode, naam, paths["buurten"], rng)

    water = [(z, geom) for _, town in laid for z, geom in town.zones_water]
    gwb = gpd.GeoDataFrame(
        {
            "zone_type": [z for z, _ in water],
            "Drinkwaterbedrijf": ["Waterbedrijf Voorbeeld"] * len(water),
            "provincie": ["Voorbeeldprovincie"] * len(water),
        },
        geometry=[g for _, g in water],
        crs=RD_CRS,
    )
    with atomic_path(paths["drinkwater"]) as tmp:
        gwb.to_file(tmp, layer="grondwaterbeschermingsgebieden", driver="GPKG", engine="pyogrio")

    arch = [(z, geom) for _, town in laid for z, geom in town.zones_arch]
    arch_frame = gpd.GeoDataFrame(
        {
            "categorie": [z for z, _ in arch],
            "bron": ["AMK" if z == "AMK-terrein" else "gemeentelijke verwachtingskaart" for z, _ in arch],
        },
        geometry=[g for _, g in arch],
        crs=RD_CRS,
    )
    with atomic_path(paths["archeologie"]) as tmp:
        arch_frame.to_file(tmp, layer="archeologie", driver="GPKG", engine="pyogrio")

    sewers = [s for _, town in laid for s in town.sewers]
    riool = gpd.GeoDataFrame(
        {
            "naam": [f"L{number}-{k:05d}" for k in range(1, len(sewers) + 1)],
            "type": [GWSW + s[1] for s in sewers],
            "diameter": [s[2] for s in sewers],
            "materiaal": [GWSW + ("Beton" if s[2] >= 400 else "PVC") for s in sewers],
            "bob_begin": [round(s[3], 3) for s in sewers],
            "bob_eind": [round(s[4], 3) for s in sewers],
            "debiet_dwa_m3h": [s[5] for s in sewers],
        },
        geometry=[s[0] for s in sewers],
        crs=RD_CRS,
    )
    with atomic_path(paths["riool"]) as tmp:
        riool.to_file(tmp, layer="beheer_leiding", driver="GPKG", engine="pyogrio")

    _osm_xml(
        [s for _, town in laid for s in town.streets], paths["straten"], [b for _, town in laid for b in town.barriers]
    )
    _write_sources(laid, paths)

    planned = [(name, geom) for name, town in laid for geom in town.planned_network]
    planned_frame = gpd.GeoDataFrame(
        {
            "naam": [f"Warmtenet {name}" for name, _ in planned],
            "status": ["gepland (transitievisie warmte)"] * len(planned),
        },
        geometry=[g for _, g in planned],
        crs=RD_CRS,
    )
    with atomic_path(paths["warmtenet_gepland"]) as tmp:
        planned_frame.to_file(tmp, layer="warmtenet_gepland", driver="GPKG", engine="pyogrio")
    systems = [s for _, town in laid for s in town.ground_systems]
    systems_frame = gpd.GeoDataFrame(
        {"type": [kind for kind, _ in systems], "vergunning": [f"OMG-{k:04d}" for k in range(1, len(systems) + 1)]},
        geometry=[p for _, p in systems],
        crs=RD_CRS,
    )
    with atomic_path(paths["bodemenergiesystemen"]) as tmp:
        systems_frame.to_file(tmp, layer="bodemenergiesystemen", driver="GPKG", engine="pyogrio")
    return paths


def _write_sources(laid, paths: dict[str, Path]) -> None:
    """The heat-source layers: WKO suitability (WKO-tool classes), surface water with its TEO
    potential (GJ/yr) and point sources (RWZI) with their capacity (kW)."""
    wko = [(klasse, geom) for _, town in laid for klasse, geom in town.wko_classes]
    frame = gpd.GeoDataFrame({"geschiktheid": [k for k, _ in wko]}, geometry=[g for _, g in wko], crs=RD_CRS)
    with atomic_path(paths["wko_geschiktheid"]) as tmp:
        frame.to_file(tmp, layer="wko_geschiktheid", driver="GPKG", engine="pyogrio")
    water = [
        (f"{name} ({town_name})" if len(laid) > 1 else name, geom, gj)
        for town_name, town in laid
        for name, geom, gj in town.surface_water
    ]
    frame = gpd.GeoDataFrame(
        {"naam": [n for n, _, _ in water], "potentie_gj": [g for _, _, g in water]},
        geometry=[g for _, g, _ in water],
        crs=RD_CRS,
    )
    with atomic_path(paths["oppervlaktewater"]) as tmp:
        frame.to_file(tmp, layer="oppervlaktewater", driver="GPKG", engine="pyogrio")
    points = [
        (f"{name} ({town_name})" if len(laid) > 1 else name, soort, point, kw)
        for town_name, town in laid
        for name, soort, point, kw in town.point_sources
    ]
    frame = gpd.GeoDataFrame(
        {"naam": [p[0] for p in points], "soort": [p[1] for p in points], "vermogen_kw": [p[3] for p in points]},
        geometry=[p[2] for p in points],
        crs=RD_CRS,
    )
    with atomic_path(paths["puntbronnen"]) as tmp:
        frame.to_file(tmp, layer="puntbronnen", driver="GPKG", engine="pyogrio")


def _write_buurten(laid, bag, gemeentecode: str, naam: str, path: Path, rng: np.random.Generator) -> None:
    """A CBS wijk- en buurtkaart 'buurten' layer, with household counts near the dwelling count."""
    number = gemeentecode[2:]
    vbo = bag["verblijfsobject"]
    dwellings = vbo[(vbo["gebruiksdoel"] == "woonfunctie") & (vbo["status"] == "Verblijfsobject in gebruik")]
    records = []
    for t, (town_name, town) in enumerate(laid):
        for suffix, buurtnaam, polygon in town.buurten:
            count = int(dwellings.within(polygon).sum())
            households = int(round(count * rng.uniform(0.95, 1.0)))
            size = round(float(rng.uniform(1.9, 2.4)), 1)
            records.append(
                {
                    "buurtcode": f"BU{number}{t:02d}{suffix}",
                    "buurtnaam": buurtnaam if len(laid) == 1 else f"{buurtnaam} ({town_name})",
                    "wijkcode": f"WK{number}{t:02d}",
                    "gemeentecode": gemeentecode,
                    "gemeentenaam": naam,
                    "water": "NEE",
                    "aantal_inwoners": int(round(households * size)),
                    "aantal_huishoudens": households,
                    "gemiddelde_huishoudsgrootte": size,
                    # CBS marks secret or unknown values with a negative sentinel
                    "percentage_huurwoningen": -99997.0 if suffix == "03" else float(rng.integers(20, 70)),
                    "oppervlakte_totaal_in_ha": round(polygon.area / 10_000, 1),
                    "geometry": polygon,
                }
            )
    frame = gpd.GeoDataFrame(records, crs=RD_CRS)
    with atomic_path(path) as tmp:
        frame.to_file(tmp, layer="buurten", driver="GPKG", engine="pyogrio")


def main(argv: list[str] | None = None) -> None:
    """Command line: ``warmtekans-sample OUT_DIR [--gemeente GM9999] [--towns N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--gemeente", default="GM9999")
    parser.add_argument("--towns", type=int, default=1)
    args = parser.parse_args(argv)
    for name, path in generate(args.out_dir, args.gemeente, towns=args.towns).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
