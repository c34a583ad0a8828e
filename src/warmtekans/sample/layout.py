"""The layout of the sample town Voorbeeldstad: neighbourhoods, rows, blocks, sewers, labels."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely import STRtree
from shapely.geometry import LineString, Point, Polygon, box

LABELS = ["A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G"]


@dataclass
class _Building:
    footprint: Polygon
    street: str
    bouwjaar: int
    kind: str  # terraced, twee_onder_een_kap, vrijstaand, portiek, galerij, kerk, winkel_woon
    dwellings: int
    floor_area: float  # m2 per dwelling


@dataclass
class _Town:
    """Everything generated for one town before it is written."""

    buildings: list[_Building] = field(default_factory=list)
    streets: list[tuple[str, LineString, str]] = field(default_factory=list)  # name, line, highway
    buurten: list[tuple[str, str, Polygon]] = field(default_factory=list)  # code suffix, name, polygon
    sewers: list[tuple[LineString, str, int, float, float, float | None]] = field(default_factory=list)
    zones_water: list[tuple[str, Polygon]] = field(default_factory=list)
    zones_arch: list[tuple[str, Polygon]] = field(default_factory=list)
    planned_network: list[Polygon] = field(default_factory=list)
    ground_systems: list[tuple[str, Point]] = field(default_factory=list)
    barriers: list[tuple[str, LineString, dict[str, str]]] = field(default_factory=list)  # name, line, OSM tags
    wko_classes: list[tuple[str, Polygon]] = field(default_factory=list)  # WKO-tool suitability class, area
    surface_water: list[tuple[str, Polygon, float]] = field(default_factory=list)  # name, water body, TEO GJ/yr
    point_sources: list[tuple[str, str, Point, float | None]] = field(default_factory=list)  # name, soort, kW


def _seed(gemeentecode: str) -> int:
    return zlib.crc32(gemeentecode.encode())


def _row(
    town: _Town,
    rng: np.random.Generator,
    *,
    street: str,
    x0: float,
    y_front: float,
    direction: int,
    widths: list[float],
    depth: float,
    gap: float,
    kind: str,
    bouwjaar: int,
    floor_area: float,
    dwellings: int = 1,
) -> float:
    """Place buildings side by side along x, facing a street; return the x where the row ends.

    ``direction`` +1 puts the building behind the front line towards +y, -1 towards -y.
    """
    x = x0
    for width in widths:
        y1 = y_front + direction * depth
        footprint = box(x, min(y_front, y1), x + width, max(y_front, y1))
        town.buildings.append(
            _Building(footprint, street, bouwjaar, kind, dwellings, floor_area * rng.uniform(0.9, 1.1))
        )
        x += width + gap
    return x - gap


def _vertical_row(town: _Town, rng, *, street, y0, x_front, direction, widths, depth, gap, kind, bouwjaar, floor_area):
    """Like :func:`_row` but along y, for north-south streets."""
    y = y0
    for width in widths:
        x1 = x_front + direction * depth
        footprint = box(min(x_front, x1), y, max(x_front, x1), y + width)
        town.buildings.append(_Building(footprint, street, bouwjaar, kind, 1, floor_area * rng.uniform(0.9, 1.1)))
        y += width + gap


def _centrum(town: _Town, rng: np.random.Generator, ox: float, oy: float) -> None:
    """A 7 x 5 grid of 100 x 80 m blocks; buildings face the east-west streets (the large-network case)."""
    ns_names = [f"{n}straat" for n in ("Berken", "Eiken", "Linden", "Essen", "Iepen", "Wilgen", "Populier", "Kastanje")]
    ew_names = [f"{n}laan" for n in ("Stations", "Markt", "Haven", "Molen", "Kanaal", "School")]
    for i, name in enumerate(ns_names):
        town.streets.append((name, LineString([(ox + 100 * i, oy), (ox + 100 * i, oy + 400)]), "residential"))
    for j, name in enumerate(ew_names):
        town.streets.append((name, LineString([(ox, oy + 80 * j), (ox + 700, oy + 80 * j)]), "residential"))
    galerij_blocks = {(3, 2), (4, 2)}
    for i in range(7):
        for j in range(5):
            bx, by = ox + 100 * i, oy + 80 * j
            kind = "galerij" if (i, j) in galerij_blocks else ("portiek" if (i + 2 * j) % 3 == 0 else "terraced")
            for street, y_front, direction in ((ew_names[j], by + 11, 1), (ew_names[j + 1], by + 69, -1)):
                if kind == "terraced":
                    year = int(rng.choice([1925, 1935, 1955, 1968, 1972]))
                    end = _row(town, rng, street=street, x0=bx + 12.6, y_front=y_front, direction=direction,
                               widths=[5.2] * 7, depth=9, gap=0, kind="terraced", bouwjaar=year, floor_area=100)
                    _row(town, rng, street=street, x0=end + 2.0, y_front=y_front, direction=direction,
                         widths=[5.2] * 7, depth=9, gap=0, kind="terraced", bouwjaar=year, floor_area=100)
                elif kind == "portiek":
                    year = int(rng.choice([1958, 1963, 1966]))
                    _row(town, rng, street=street, x0=bx + 12, y_front=y_front, direction=direction,
                         widths=[34, 34], depth=10, gap=8, kind="portiek", bouwjaar=year, floor_area=70, dwellings=16)
                else:
                    _row(town, rng, street=street, x0=bx + 15, y_front=y_front, direction=direction,
                         widths=[70], depth=12, gap=0, kind="galerij", bouwjaar=1971, floor_area=80, dwellings=80)


def _tuindorp(town: _Town, rng: np.random.Generator, ox: float, oy: float) -> None:
    """A 5 x 5 grid of 80 m deep blocks with terraced rows and 2-onder-1-kap pairs."""
    ns_names = [f"{n}weg" for n in ("Rozen", "Tulpen", "Anjer", "Lelie", "Iris", "Dahlia")]
    ew_names = [f"{n}hof" for n in ("Merel", "Lijster", "Vink", "Mees", "Specht", "Reiger")]
    for i, name in enumerate(ns_names):
        town.streets.append((name, LineString([(ox + 100 * i, oy), (ox + 100 * i, oy + 400)]), "residential"))
    for j, name in enumerate(ew_names):
        town.streets.append((name, LineString([(ox, oy + 80 * j), (ox + 500, oy + 80 * j)]), "residential"))
    for i in range(5):
        for j in range(5):
            bx, by = ox + 100 * i, oy + 80 * j
            twee_kap = (i + j) % 2 == 1 and i != 2
            year = int(rng.choice([1962, 1968, 1975, 1984])) if not twee_kap else int(rng.choice([1978, 1988, 1996]))
            for street, y_front, direction in ((ew_names[j], by + 11, 1), (ew_names[j + 1], by + 69, -1)):
                if twee_kap:
                    x = bx + 12
                    for _ in range(4):
                        _row(town, rng, street=street, x0=x, y_front=y_front, direction=direction,
                             widths=[7, 7], depth=10, gap=0, kind="twee_onder_een_kap", bouwjaar=year, floor_area=130)
                        x += 14 + 6.67
                else:
                    end = _row(town, rng, street=street, x0=bx + 12, y_front=y_front, direction=direction,
                               widths=[5.4] * 6, depth=9, gap=0, kind="terraced", bouwjaar=year, floor_area=105)
                    _row(town, rng, street=street, x0=end + 11.6, y_front=y_front, direction=direction,
                         widths=[5.4] * 6, depth=9, gap=0, kind="terraced", bouwjaar=year, floor_area=105)


def _kerkbuurt(town: _Town, rng: np.random.Generator, ox: float, oy: float) -> None:
    """An old village core around a church at (ox, oy)."""
    town.streets.append(("Dorpsstraat", LineString([(ox, oy - 250), (ox, oy + 250)]), "residential"))
    town.streets.append(("Kerkstraat", LineString([(ox - 200, oy), (ox + 200, oy)]), "residential"))
    church = box(ox + 12, oy + 12, ox + 42, oy + 57)
    town.buildings.append(_Building(church, "Kerkstraat", 1642, "kerk", 0, 0))
    # Dorpsstraat: short rows on both sides, facing the street (along y).
    for direction in (-1, 1):
        blocked = [(oy - 20, oy + 20)] + ([(oy + 5, oy + 65)] if direction == 1 else [])
        y = oy - 240
        while y < oy + 230:
            n = int(rng.integers(3, 9))
            widths = list(rng.uniform(5.0, 6.5, n).round(1))
            kind = "winkel_woon" if rng.random() < 0.15 else "terraced"
            length = 14.0 if kind == "winkel_woon" else float(sum(widths))
            clash = next(((a, b) for a, b in blocked if y < b and y + length > a), None)
            if clash:
                y = clash[1] + 1
                continue
            if y + length > oy + 240:
                break
            year = int(rng.choice([1880, 1905, 1912, 1924]))
            if kind == "winkel_woon":
                x_near, x_far = ox + direction * 8, ox + direction * 20
                footprint = box(min(x_near, x_far), y, max(x_near, x_far), y + 14)
                town.buildings.append(_Building(footprint, "Dorpsstraat", year, "winkel_woon", 2, 65))
            else:
                _vertical_row(town, rng, street="Dorpsstraat", y0=y, x_front=ox + direction * 8,
                              direction=direction, widths=widths, depth=9, gap=0, kind="terraced",
                              bouwjaar=year, floor_area=90)
            y += length + float(rng.uniform(3, 8))
    # Kerkstraat: rows east and west of the crossing (south side, and north side west of the church).
    for direction, x_start, x_end in ((-1, ox - 195, ox - 20), (-1, ox + 20, ox + 195), (1, ox - 195, ox - 20)):
        x = x_start
        while x < x_end:
            n = int(rng.integers(3, 8))
            widths = list(rng.uniform(5.0, 6.5, n).round(1))
            if x + sum(widths) > x_end:
                break
            year = int(rng.choice([1890, 1910, 1928]))
            end = _row(town, rng, street="Kerkstraat", x0=x, y_front=oy + direction * 8, direction=direction,
                       widths=widths, depth=9, gap=0, kind="terraced", bouwjaar=year, floor_area=90)
            x = end + float(rng.uniform(3, 8))


def _buitengebied(town: _Town, rng: np.random.Generator, ox: float, oy: float, length: float) -> None:
    """A ribbon road along y = oy with scattered houses (the mini cases)."""
    town.streets.append(("Lindeweg", LineString([(ox, oy), (ox + length, oy)]), "tertiary"))
    # terraced rows on the north side at these fractions of the road: (fraction, houses)
    planned_rows = [(0.28, 8), (0.55, 12), (0.86, 6)]  # the last lies in the waterwingebied
    for side in (1, -1):
        pending = list(planned_rows) if side == 1 else []
        x = ox + 20
        while x < ox + length - 40:
            if pending and (x - ox) / length >= pending[0][0]:
                _, n = pending.pop(0)
                end = _row(town, rng, street="Lindeweg", x0=x, y_front=oy + side * 12, direction=side,
                           widths=[5.6] * n, depth=9, gap=0, kind="terraced",
                           bouwjaar=int(rng.choice([1931, 1952, 1979])), floor_area=110)
                x = end + 60
                continue
            draw = rng.random()
            year = int(rng.choice([1912, 1936, 1965, 1983, 1998, 2008]))
            if draw < 0.3:
                _row(town, rng, street="Lindeweg", x0=x, y_front=oy + side * 15, direction=side,
                     widths=[8, 8], depth=10, gap=0, kind="twee_onder_een_kap", bouwjaar=year, floor_area=135)
                x += 16 + 70
            else:
                width = float(rng.uniform(9, 13))
                _row(town, rng, street="Lindeweg", x0=x, y_front=oy + side * 18, direction=side,
                     widths=[width], depth=float(rng.uniform(9, 12)), gap=0, kind="vrijstaand",
                     bouwjaar=year, floor_area=165)
                x += width + 70


def _town(rng: np.random.Generator, ox: float, oy: float) -> _Town:
    """Lay out one Voorbeeldstad with its south-west corner of the Centrum at (ox, oy)."""
    town = _Town()
    _centrum(town, rng, ox, oy)
    _tuindorp(town, rng, ox + 850, oy)
    _kerkbuurt(town, rng, ox - 350, oy + 300)
    _buitengebied(town, rng, ox - 550, oy - 300, 2000)
    town.buurten = [
        ("04", "Kerkbuurt", box(ox - 650, oy - 150, ox - 75, oy + 650)),
        ("01", "Centrum", box(ox - 75, oy - 150, ox + 775, oy + 650)),
        ("02", "Tuindorp", box(ox + 775, oy - 150, ox + 1500, oy + 650)),
        ("03", "Buitengebied", box(ox - 650, oy - 650, ox + 1500, oy - 150)),
    ]
    _sewers(town, ox, oy)
    well = Point(ox + 1175, oy - 360)
    town.zones_water = [
        ("Waterwingebied", well.buffer(110, quad_segs=8)),
        ("Grondwaterbeschermingsgebied", well.buffer(260, quad_segs=8).difference(well.buffer(110, quad_segs=8))),
        ("Boringsvrije zone", box(ox + 850, oy - 650, ox + 1500, oy - 170)),
    ]
    # the gemeente plans a large heat network for the Centrum (its transitievisie warmte)
    town.planned_network = [box(ox - 20, oy - 20, ox + 720, oy + 420)]
    # registered closed ground-energy systems: two beside the 12-house row on the Lindeweg, one in the Tuindorp
    town.ground_systems = [("gesloten bodemenergiesysteem", Point(ox + 580, oy - 330)),
                           ("gesloten bodemenergiesysteem", Point(ox + 640, oy - 335)),
                           ("open bodemenergiesysteem (WKO)", Point(ox + 1100, oy + 200))]
    # barriers: a railway through the park between Centrum and Tuindorp, a canal (the Vaart) between
    # Kerkbuurt and Centrum; both on buurt boundaries, as CBS buurten usually are
    town.barriers = [("Spoorlijn", LineString([(ox + 775, oy - 650), (ox + 775, oy + 650)]),
                      {"railway": "rail", "usage": "main"}),
                     ("Vaart", LineString([(ox - 75, oy - 150), (ox - 75, oy + 650)]), {"waterway": "canal"})]
    # heat sources: the WKO-tool's suitability for open systems (the Buitengebied's clay is only 'matig
    # geschikt'), the Vaart as surface water (TEO), a RWZI east of the town
    town.wko_classes = [("zeer geschikt", box(ox - 75, oy - 150, ox + 775, oy + 650)),
                        ("geschikt", box(ox + 775, oy - 150, ox + 1500, oy + 650)),
                        ("geschikt", box(ox - 650, oy - 150, ox - 75, oy + 650)),
                        ("matig geschikt", box(ox - 650, oy - 650, ox + 1500, oy - 150))]
    town.surface_water = [("Vaart", box(ox - 85, oy - 150, ox - 65, oy + 650), 6000.0)]
    town.point_sources = [("RWZI Voorbeeldstad", "RWZI", Point(ox + 1700, oy - 60), 1500.0)]
    church_xy = (ox - 350, oy + 300)
    town.zones_arch = [
        ("AMK-terrein", box(church_xy[0] - 5, church_xy[1] - 5, church_xy[0] + 70, church_xy[1] + 80)),
        ("Hoge verwachting", box(church_xy[0] - 230, church_xy[1] - 260, church_xy[0] + 230, church_xy[1] + 260)),
    ]
    return town


def _sewers(town: _Town, ox: float, oy: float) -> None:
    """One pipe per street segment, falling towards a pumping station east of the Tuindorp.

    Centrum and Kerkbuurt have a combined (gemengd) system; the Tuindorp and the
    Buitengebied a separated one (foul + rain pipes). Invert levels (bob) fall in the flow
    direction, so the network can be oriented from the data.
    """
    outlet = (ox + 1450, oy - 60)

    def pipe(points, kinds, diameter, start_level=-1.5, slope=0.003):
        """A chain of segments in flow direction; invert level falls along the chain."""
        level = start_level
        for a, b in zip(points[:-1], points[1:]):
            line = LineString([a, b])
            end_level = level - slope * line.length
            for kind in kinds:
                town.sewers.append((line, kind, diameter, level, end_level, None))
            level = end_level

    # Centrum: north-south pipes flow south into the collector along y = oy - 40.
    for i in range(8):
        x = ox + 100 * i
        pipe([(x, oy + 400 - 80 * k) for k in range(6)] + [(x, oy - 40)], ["GemengdRiool"], 400)
    # Centrum east-west pipes flow east, into the next north-south pipe.
    for j in range(1, 6):
        for i in range(7):
            pipe([(ox + 100 * i + 1, oy + 80 * j), (ox + 100 * i + 99, oy + 80 * j)], ["GemengdRiool"], 300)
    # Kerkbuurt drains along Kerkstraat into the collector.
    kx, ky = ox - 350, oy + 300
    pipe([(kx, ky + 250), (kx, ky), (kx, oy - 40)], ["GemengdRiool"], 400)
    pipe([(kx - 200, ky), (kx - 1, ky)], ["GemengdRiool"], 300)
    pipe([(kx + 200, ky), (kx + 1, ky)], ["GemengdRiool"], 300)
    # Collector from the Kerkbuurt along the south of the Centrum to the pumping station.
    pipe([(kx, oy - 40), (ox, oy - 40)] + [(ox + 100 * i, oy - 40) for i in range(1, 15)] + [outlet],
         ["GemengdRiool"], 800)
    # Tuindorp: separated system; north-south pipes flow south into the collector.
    for i in range(6):
        x = ox + 850 + 100 * i
        pipe([(x, oy + 400 - 80 * k) for k in range(5)] + [(x, oy), (x, oy - 40)],
             ["Vuilwaterriool", "Hemelwaterriool"], 300)
    for j in range(1, 6):
        for i in range(5):
            pipe([(ox + 850 + 100 * i + 1, oy + 80 * j), (ox + 850 + 100 * i + 99, oy + 80 * j)],
                 ["Vuilwaterriool", "Hemelwaterriool"], 250)
    # A regional transport sewer from the neighbouring town passes east of the Tuindorp towards the
    # treatment plant. Its dry-weather flow was measured: 250 m3/h (Leusden's main carried 170, seed 004).
    transport = [(ox + 1420, oy + 450), (ox + 1420, oy + 200), (ox + 1420, oy - 20), (ox + 1600, oy - 20)]
    for a, b in zip(transport[:-1], transport[1:]):
        town.sewers.append((LineString([a, b]), "GemengdRiool", 1000, -3.0, -3.5, 250.0))
    # Buitengebied: a pressure main along the ribbon road.
    pipe([(ox - 550, oy - 300), (ox + 600, oy - 300), (ox + 1450, oy - 300), outlet], ["Drukleiding"], 160)


def _label_for(rng: np.random.Generator, bouwjaar: int) -> str:
    """Draw a plausible registered label for a dwelling of this age."""
    if bouwjaar < 1930:
        weights = [0, 0, 0, 0.02, 0.05, 0.15, 0.23, 0.25, 0.18, 0.12]
    elif bouwjaar < 1975:
        weights = [0, 0, 0, 0.04, 0.12, 0.30, 0.26, 0.16, 0.08, 0.04]
    elif bouwjaar < 1995:
        weights = [0, 0, 0.02, 0.12, 0.35, 0.35, 0.12, 0.04, 0, 0]
    else:
        weights = [0.05, 0.10, 0.20, 0.45, 0.15, 0.05, 0, 0, 0, 0]
    return str(rng.choice(LABELS, p=np.array(weights) / sum(weights)))


def _postcode(street_key: str) -> str:
    """A stable, made-up postcode per street (9000-9899 AA-ZZ)."""
    checksum = zlib.crc32(street_key.encode())
    digits = 9000 + checksum % 900
    letters = chr(65 + checksum % 26) + chr(65 + (checksum // 26) % 26)
    return f"{digits}{letters}"


def _designed_woningtype(town_buildings: list[_Building], vbo: gpd.GeoDataFrame, pand: gpd.GeoDataFrame) -> pd.Series:
    """The woningtype each generated dwelling was designed as (for its EP-online record)."""
    result = {}
    # Row position decides hoek/tussen for terraced buildings: ends of a touching row are hoek.
    geoms = pand.geometry.values
    tree = STRtree(geoms)
    for idx, b in enumerate(town_buildings):
        pid = pand.iloc[idx]["identificatie"]
        if b.kind in ("portiek", "galerij", "winkel_woon"):
            kind = "appartement"
        elif b.kind == "terraced":
            touching = [j for j in tree.query(geoms[idx], predicate="intersects") if j != idx]
            kind = "tussenwoning" if len(touching) >= 2 else "hoekwoning"
        elif b.kind in ("twee_onder_een_kap", "vrijstaand"):
            kind = b.kind
        else:
            continue
        result[pid] = kind
    return vbo.set_index("identificatie")["pand_identificatie"].map(result).dropna()
