"""GWSW-OroX: the GWSW's own exchange format (RDF Turtle), read into the sewer pipe table.

A GWSW dataset in OroX form (Stichting RIONED, "GWSW-OroX", GWSW 1.4–1.6) describes each pipe as
an individual of a pipe class (``gwsw:GemengdRiool``, ``gwsw:Vuilwaterriool``, …) with aspects:

- ``gwsw:hasAspect`` a ``gwsw:Leidingorientatie``, which has a ``gwsw:Lijn`` (GML LineString in
  ``gwsw:hasValue``) and, as parts, a ``gwsw:BeginpuntLeiding`` and ``gwsw:EindpuntLeiding``;
  each of those has a ``gwsw:BobBeginpuntLeiding`` / ``gwsw:BobEindpuntLeiding`` aspect (invert
  level, m NAP) and ``gwsw:hasConnection`` to the orientation of a node (a manhole, pump,
  compartment of a pump, outfall …);
- ``gwsw:BreedteLeiding`` / ``gwsw:HoogteLeiding`` or ``gwsw:DiameterLeiding`` (mm) and
  ``gwsw:MateriaalLeiding`` (``gwsw:hasReference`` a material such as ``gwsw:Beton``).

Everything is matched by local name, so every GWSW version's namespace
(``http://data.gwsw.nl/<version>/totaal/``) is read the same way. A pipe without its own line
takes the straight line between its nodes' points. The result has the columns the vector
reader finds in a GWSW GeoPackage (``type``, ``diameter``, ``bob_begin``, ``bob_eind``,
``materiaal``) plus ``lozingspunt`` and ``lozingspunt_soort`` from the node types.
"""
from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import LineString

from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityEntry

log = logging.getLogger(__name__)

GWSW_PREFIX = "http://data.gwsw.nl/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: File name endings read as GWSW-OroX Turtle.
OROX_SUFFIXES = (".ttl", ".turtle")


def is_orox(path: str | Path) -> bool:
    """A Turtle file: named ``*.ttl`` (``*.orox.ttl`` as GWSW exports it), or starting with a Turtle ``@prefix``."""
    path = Path(path)
    if path.suffix.lower() in OROX_SUFFIXES:
        return True
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith((b"@prefix", b"@base", b"PREFIX", b"prefix"))


def _local(uri) -> str:
    return re.split(r"[/#]", str(uri).rstrip("/"))[-1]


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def read_orox(path: str | Path, *, bbox: tuple[float, float, float, float] | None = None,
              entry: QualityEntry | None = None) -> gpd.GeoDataFrame:
    """The pipes of a GWSW-OroX Turtle file as a line table (RD New), filtered to ``bbox``."""
    import rdflib

    path = Path(path)
    if not path.exists():
        raise InputError("the GWSW-OroX (Turtle) file does not exist", path=path)
    if path.is_dir():
        raise InputError("is a directory, not a GWSW-OroX (Turtle) file", path=path)
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds (BadSyntax, UnicodeDecodeError, ...)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot be read as GWSW-OroX Turtle ({first[:300]})", path=path) from exc
    types: dict = defaultdict(set)
    by_predicate: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    owners: dict = defaultdict(list)  # object -> subjects that have it as aspect or part
    versions = set()
    for s, p, o in graph:
        predicate = str(p)
        if predicate == RDF_TYPE:
            if str(o).startswith(GWSW_PREFIX):
                types[s].add(_local(o))
                versions.add(str(o)[len(GWSW_PREFIX):].split("/", 1)[0])
        elif predicate.startswith(GWSW_PREFIX):
            name = _local(p)
            by_predicate[name][s].append(o)
            if name in ("hasAspect", "hasPart"):
                owners[o].append(s)
    aspects, parts = by_predicate["hasAspect"], by_predicate["hasPart"]
    connections, values, references = (
        by_predicate["hasConnection"],
        by_predicate["hasValue"],
        by_predicate["hasReference"],
    )

    def aspect(subject, kinds: tuple[str, ...], getter=values):
        """The value of the first aspect of ``subject`` whose type is one of ``kinds`` (in that order)."""
        found = {kind: None for kind in kinds}
        for node in aspects.get(subject, []):
            for kind in kinds:
                if kind in types.get(node, ()) and getter.get(node) and found[kind] is None:
                    found[kind] = getter[node][0]
        return next((found[k] for k in kinds if found[k] is not None), None)

    def node_point(orientation):
        for node in aspects.get(orientation, []):
            if "Punt" in types.get(node, ()) and values.get(node):
                coords = _gml_coordinates(str(values[node][0]), path=path)
                if len(coords):
                    return coords[0]
        return None

    def node_kind(orientation) -> str | None:
        from warmtekans.inputs.gwsw_nodes import outlet_kind

        kinds = []
        for owner in owners.get(orientation, []):
            kinds += [outlet_kind(t) for t in sorted(types.get(owner, ()))]
            for parent in owners.get(owner, []):  # a compartment of a pump (Rioolgemaal) is part of it
                kinds += [outlet_kind(t) for t in sorted(types.get(parent, ()))]
        kinds = [k for k in kinds if k]
        return "gemaal" if "gemaal" in kinds else ("rwzi" if "rwzi" in kinds else (kinds[0] if kinds else None))

    rows, without_line, pumps = [], [], 0
    pipes = sorted(
        (
            (subject, node)
            for subject, nodes in aspects.items()
            for node in nodes
            if "Leidingorientatie" in types.get(node, ())
        ),
        key=lambda pair: str(pair[0]),
    )
    for subject, orientation in pipes:
        ends = {"BeginpuntLeiding": None, "EindpuntLeiding": None}
        for part in parts.get(orientation, []):
            for kind in ends:
                if kind in types.get(part, ()):
                    ends[kind] = part
        begin, end = ends["BeginpuntLeiding"], ends["EindpuntLeiding"]
        begin_node = connections.get(begin, [None])[0] if begin is not None else None
        end_node = connections.get(end, [None])[0] if end is not None else None
        line = aspect(orientation, ("Lijn",))
        coords = _gml_coordinates(str(line), path=path) if line is not None else np.empty((0, 2))
        if len(coords) < 2:
            ends_xy = [node_point(n) for n in (begin_node, end_node) if n is not None]
            coords = np.array([p for p in ends_xy if p is not None])
        label = str(graph.value(subject, rdflib.RDFS.label) or _local(subject))
        if len(coords) < 2:
            without_line.append(label)
            continue
        pipe_types = sorted(types.get(subject, ()))
        kinds = {which: node_kind(n) for which, n in (("begin", begin_node), ("eind", end_node)) if n is not None}
        outlet = next(
            ((which, kind) for which in ("eind", "begin") for kind in [kinds.get(which)] if kind), (None, None)
        )
        rows.append(
            {
                "naam": label,
                "type": pipe_types[0] if len(pipe_types) == 1 else _pipe_type(pipe_types),
                "diameter": _number(aspect(subject, ("DiameterLeiding", "BreedteLeiding", "HoogteLeiding"))),
                "bob_begin": _number(aspect(begin, ("BobBeginpuntLeiding",))) if begin is not None else np.nan,
                "bob_eind": _number(aspect(end, ("BobEindpuntLeiding",))) if end is not None else np.nan,
                "materiaal": (
                    _local(aspect(subject, ("MateriaalLeiding",), getter=references))
                    if aspect(subject, ("MateriaalLeiding",), getter=references) is not None
                    else None
                ),
                "lozingspunt": outlet[0],
                "lozingspunt_soort": outlet[1],
                "geometry": LineString(coords),
            }
        )
    pumps = sum(1 for node, found in types.items() if "Pomp" in found and aspect(node, ("Pompcapaciteit",)) is not None)
    if not pipes:
        raise InputError("holds no GWSW pipe (no gwsw:Leidingorientatie): is it a GWSW-OroX dataset?", path=path)
    frame = (
        gpd.GeoDataFrame(rows, geometry="geometry", crs=RD_CRS)
        if rows
        else gpd.GeoDataFrame({"type": pd.Series(dtype="string")}, geometry=gpd.GeoSeries([], crs=RD_CRS), crs=RD_CRS)
    )
    if entry is not None:
        entry.read(len(pipes), crs="EPSG:28992")
        entry.note(
            f"GWSW-OroX (Turtle), GWSW {', '.join(sorted(versions)) or 'versie onbekend'}: {len(pipes)} leidingen, "
            f"{int(frame['bob_begin'].notna().sum()) if rows else 0} met BOB begin, "
            f"{int(frame['diameter'].notna().sum()) if rows else 0} met diameter"
            + (f"; {pumps} pompen met pompcapaciteit (niet gebruikt)" if pumps else "")
        )
        entry.drop(
            "geen lijn en geen knooppunten met een punt: ligging onbekend", len(without_line), examples=without_line
        )
    if bbox is not None and len(frame):
        from shapely.geometry import box

        frame = frame[frame.intersects(box(*bbox)).to_numpy()].reset_index(drop=True)
    return frame


#: Pipe classes preferred when an individual has several types (an extra role type such as gwsw:VerdektePut).
_PIPE_WORDS = ("riool", "leiding", "goot", "drain", "duiker")


def _pipe_type(names: list[str]) -> str | None:
    for name in names:
        if any(word in name.lower() for word in _PIPE_WORDS):
            return name
    return names[0] if names else None


def _gml_coordinates(text: str, *, path: Path) -> np.ndarray:
    """The (x, y) coordinates of a GML Point or LineString literal (``gml:pos`` / ``gml:posList``), RD New."""
    try:
        element = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"has a geometry literal that is not GML ({exc}): {text[:120]!r}", path=path) from exc
    srs = next((e.get("srsName") for e in element.iter() if e.get("srsName")), None)
    if srs and not re.search(r"(EPSG\D*28992|RD)", srs):
        raise InputError(f"has a geometry in {srs}; GWSW-OroX geometry is read in RD New (EPSG:28992)", path=path)
    for node in element.iter():
        name = node.tag.rsplit("}", 1)[-1]
        if name in ("posList", "pos") and node.text:
            values = np.array(node.text.split(), dtype=float)
            dimension = int(node.get("srsDimension") or element.get("srsDimension") or 2)
            if name == "pos":
                return values[None, :2]
            return values.reshape(-1, dimension)[:, :2]
    return np.empty((0, 2))
