"""Omgevingswet GeoInformatieObjecten (GIO): restriction zones as the law publishes them.

Since the Omgevingswet (2024) provinces publish their drinking-water and groundwater-protection
zones, and many gemeenten their archaeology maps, as GIOs: STOP/IMOP GML
(``geo:GeoInformatieObjectVaststelling`` → ``geo:GeoInformatieObjectVersie`` → ``geo:locaties``
→ ``geo:Locatie`` with ``geo:naam``, ``geo:geometrie`` (GML 3.2 in a basisgeometrie
``Geometrie``) and ``geo:groepID``, and the groups' ``geo:Groep/geo:label``). GDAL's GML driver
finds no layer in such a file, so it is parsed here with the standard library's XML parser,
namespace-agnostic (by local names), which also reads GIO versions 1.0–1.3.

The zone kind comes from a label, by :func:`zone_key` (docs/method.md, "Restriction zones"):
first the location's group label, then its ``geo:naam``; a label matches a configured zone
type of ``restrictions.<soort>`` when it equals it (case, accents and spaces ignored), or
through :data:`GIO_LABEL_RULES`. A location none of whose labels matches is refused with the
labels named, so a new legend never counts as "allowed". Holes (``gml:interior``) are kept.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from warmtekans.core.errors import InputError
from warmtekans.inputs.common import normalise_text

#: How a GIO label maps onto a zone type of ``restrictions.<soort>`` when it is not spelled as one:
#: (soort, regular expression on the normalised label, zone type). The first rule that matches wins,
#: so the more specific patterns come first. Labels are as the provinces' omgevingsverordeningen and
#: the gemeenten's archaeology maps name them.
GIO_LABEL_RULES: tuple[tuple[str, str, str], ...] = (
    ("drinkwater", r"\bwaterwin(gebied|ning)", "waterwingebied"),
    ("drinkwater", r"\bboringsvrije?\b", "boringsvrije zone"),
    ("drinkwater", r"\bgrondwaterbeschermings(gebied|zone)\b", "grondwaterbeschermingsgebied"),
    ("archeologie", r"\b(archeologisch(e)? (rijks)?monument|amk|rijksmonument)\b", "AMK-terrein"),
    ("archeologie", r"\bmiddelhoge\b.*\bverwachting\b", "middelhoge verwachting"),
    ("archeologie", r"\bhoge\b.*\bverwachting\b", "hoge verwachting"),
    ("archeologie", r"\blage\b.*\bverwachting\b", "lage verwachting"),
)


#: GML geometry element names (local) that are not polygons: a zone GIO must hold polygons.
_OTHER_GEOMETRIES = ("Point", "MultiPoint", "LineString", "Curve", "MultiCurve", "CompositeCurve")


def is_gio(path: str | Path) -> bool:
    """A folder (of GIO files), or a file whose first 8 kB name a GeoInformatieObject."""
    path = Path(path)
    if path.is_dir():
        return True
    if not path.is_file():
        return path.suffix.lower() in (".gml", ".xml")
    with path.open("rb") as handle:
        head = handle.read(8192)
    return b"GeoInformatieObject" in head


def zone_key(label: str, soort: str, configured: list[str]) -> str | None:
    """The configured zone type (a key of ``restrictions.<soort>``) that ``label`` names, or None."""
    text = normalise_text(label)
    for key in configured:
        if normalise_text(key) == text:
            return key
    for rule_soort, pattern, key in GIO_LABEL_RULES:
        if rule_soort == soort and re.search(pattern, text):
            for configured_key in configured:
                if normalise_text(configured_key) == normalise_text(key):
                    return configured_key
    return None


@dataclass
class GioLocation:
    """One ``geo:Locatie``: its labels (group label first, then its name) and its polygons in RD New."""

    labels: list[str]
    geometry: Polygon | MultiPolygon | None
    number: int  # 1-based position in the file


@dataclass
class Gio:
    """One GIO file: its work identifier, its group labels and its locations."""

    path: Path
    work: str | None
    crs: str | None
    locations: list[GioLocation]


def gio_files(path: str | Path, *, what: str) -> list[Path]:
    """The GIO files of ``path``: the file itself, or every ``*.gml`` / ``*.xml`` GIO in a folder (sorted)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"the {what} file or folder does not exist", path=path)
    if path.is_file():
        return [path]
    candidates = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".gml", ".xml"))
    files = [p for p in candidates if is_gio(p)]
    if not files:
        present = ", ".join(sorted(p.name for p in path.iterdir())[:8]) or "nothing"
        raise InputError(f"is a folder without any GIO file (GeoInformatieObject GML, *.gml); it holds: {present}",
                         path=path)
    return files


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _descendants(element: ET.Element, name: str) -> list[ET.Element]:
    return [node for node in element.iter() if _local(node.tag) == name]


def _text(element: ET.Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


_EPSG = re.compile(r"EPSG(?:/[\d.]+)?[:/]+(?:[\d.]*:)?(\d+)\s*$", re.IGNORECASE)


def _epsg(srs_name: str, *, path: Path) -> tuple[int, bool]:
    """EPSG code of a GML ``srsName`` and whether its axes are latitude first (URN/URL forms of geographic CRSs)."""
    from pyproj import CRS

    match = _EPSG.search(srs_name.strip())
    if not match:
        raise InputError(f"has a geometry with srsName '{srs_name}', which names no EPSG code; expected "
                         "urn:ogc:def:crs:EPSG::28992 (RD New) or EPSG::4258 (ETRS89)", path=path)
    code = int(match.group(1))
    try:
        crs = CRS.from_epsg(code)
    except Exception as exc:  # noqa: BLE001 - pyproj raises several kinds
        raise InputError(f"has a geometry in EPSG:{code}, which is not a known CRS ({exc})", path=path) from exc
    lat_first = crs.is_geographic and not srs_name.strip().upper().startswith("EPSG:")
    return code, lat_first


def _coordinates(ring: ET.Element, dimension: int, *, path: Path) -> np.ndarray:
    """The (x, y) coordinates of a ``gml:LinearRing`` (posList, pos elements or coordinates)."""
    pos_list = _children(ring, "posList")
    if pos_list:
        dimension = int(pos_list[0].get("srsDimension", dimension))
        values = np.array((pos_list[0].text or "").split(), dtype=float)
    elif _children(ring, "pos"):
        points = [np.array((p.text or "").split(), dtype=float) for p in _children(ring, "pos")]
        dimension = len(points[0]) if points else 2
        values = np.concatenate(points) if points else np.array([])
    elif _children(ring, "coordinates"):
        text = _children(ring, "coordinates")[0].text or ""
        tuples = [t.split(",") for t in text.split()]
        dimension = len(tuples[0]) if tuples else 2
        values = np.array([v for t in tuples for v in t], dtype=float)
    else:
        raise InputError("has a ring that is not a gml:LinearRing with coordinates (arcs are not supported); "
                         "export the GIO with straight segments", path=path)
    if dimension < 2 or len(values) % dimension:
        raise InputError(f"has a ring with {len(values)} numbers, not a multiple of its dimension {dimension}",
                         path=path)
    return values.reshape(-1, dimension)[:, :2]


def _polygon(element: ET.Element, dimension: int, *, path: Path) -> Polygon:
    def ring(boundary: ET.Element) -> np.ndarray:
        rings = _children(boundary, "LinearRing") or _children(boundary, "Ring")
        if not rings or _local(rings[0].tag) != "LinearRing":
            raise InputError("has a polygon boundary that is not a gml:LinearRing (arcs are not supported); "
                             "export the GIO with straight segments", path=path)
        return _coordinates(rings[0], dimension, path=path)

    exterior = _children(element, "exterior") or _children(element, "outerBoundaryIs")
    if not exterior:
        raise InputError("has a polygon without gml:exterior", path=path)
    holes = _children(element, "interior") + _children(element, "innerBoundaryIs")
    return Polygon(ring(exterior[0]), [ring(h) for h in holes])


def _geometry(container: ET.Element, *, path: Path, number: int):
    """The polygons under a ``geo:geometrie`` element, in RD New, or None when it holds none."""
    from pyproj import Transformer

    polygons, codes = [], set()
    for element in container.iter():
        name = _local(element.tag)
        if name in ("Polygon", "PolygonPatch"):
            srs = element.get("srsName") or next(
                (a.get("srsName") for a in container.iter() if a.get("srsName")), None)
            if srs is None:
                raise InputError(f"location {number} has a polygon without srsName: its CRS is unknown", path=path)
            code, lat_first = _epsg(srs, path=path)
            dimension = int(element.get("srsDimension", 2))
            polygon = _polygon(element, dimension, path=path)
            if lat_first:
                polygon = shapely.transform(polygon, lambda xy: xy[:, ::-1])
            if code != 28992:
                transformer = Transformer.from_crs(code, 28992, always_xy=True)
                polygon = shapely.transform(polygon, lambda xy, t=transformer: np.column_stack(t.transform(xy[:, 0],
                                                                                                         xy[:, 1])))
            codes.add(code)
            polygons.append(polygon)
        elif name in _OTHER_GEOMETRIES and not polygons:
            raise InputError(f"location {number} holds a {name}, not a polygon; a restriction zone must be an area",
                             path=path)
    if not polygons:
        return None, codes
    return (polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)), codes


def parse_gio(path: str | Path) -> Gio:
    """Parse one GIO file into its locations (polygons in RD New) with their labels."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"cannot be read as a GIO (GML/XML): {exc}", path=path) from exc
    if "GeoInformatieObject" not in _local(root.tag) and not _descendants(root, "GeoInformatieObjectVersie"):
        raise InputError(f"is not a GeoInformatieObject (root element {_local(root.tag)}); expected an Omgevingswet "
                         "GIO (geo:GeoInformatieObjectVaststelling)", path=path)
    groups = {}
    for group in _descendants(root, "Groep"):
        key, label = _text(group, "groepID"), _text(group, "label")
        if key is not None and label is not None:
            groups[key] = label
    work = next((node.text.strip() for node in _descendants(root, "FRBRWork") if node.text), None)
    locations, codes = [], set()
    for number, location in enumerate(_descendants(root, "Locatie"), start=1):
        labels = []
        group = _text(location, "groepID")
        if group is not None and group in groups:
            labels.append(groups[group])
        name = _text(location, "naam")
        if name is not None and name not in labels:
            labels.append(name)
        containers = _children(location, "geometrie")
        geometry, found = (_geometry(containers[0], path=path, number=number) if containers else (None, set()))
        codes |= found
        locations.append(GioLocation(labels, geometry, number))
    if not locations:
        raise InputError("is a GIO without any geo:Locatie", path=path)
    crs = ", ".join(f"EPSG:{c}" for c in sorted(codes)) or None
    return Gio(path, work, crs, locations)
