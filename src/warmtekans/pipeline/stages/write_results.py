"""Stage of the rule(s) write_results."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import geopandas as gpd

from warmtekans.core.atomic import atomic_path
from warmtekans.core.quality import QualityLog
from warmtekans.io.parquet import read_geoparquet

log = logging.getLogger(__name__)


LAYER_DESCRIPTIONS = {
    "buurten": "Per CBS-buurt: woningen, WEQ, woningen per aanbevolen netwerktype, beste straten, ontbrekende invoer",
    "clusters": "Kandidaat-clusters (mini en gebied) met score, componenten, configuratie en reden",
    "straten": "Straten (per deel waar zones ze snijden): woningen, beste mini-cluster en mag hier een bodemlus",
    "woningen": "Woningen met woningtype, label, warmtevraag (GJ/jaar), clusters en advies",
    "utiliteit": "Niet-woningen geteld als woningequivalenten (WEQ)",
    "beperkingen": "Beperkingen voor boren (drinkwater, archeologie) met effect",
    "riool": "Rioolleidingen met droogweerafvoer en warmtepotentie",
    "kwaliteit": "Datakwaliteit per invoer: gelezen, verwijderd, gerepareerd (en waarom), CRS, niet gecontroleerd",
    "clusters_buurt": "Gebiedsclusters per buurt: woningen, WEQ en warmtevraag van het deel in elke buurt",
    "warmtebronnen": "Eindige warmtebronnen (riool, oppervlaktewater, puntbronnen) met potentie en toegewezen deel",
}


#: Geometry type of each result layer when it is empty (a layer with rows gets the type of its rows).
LAYER_GEOMETRY = {"buurten": "MultiPolygon", "clusters": "MultiPolygon", "straten": "MultiLineString",
                  "woningen": "Point", "utiliteit": "Point", "beperkingen": "MultiPolygon", "riool": "LineString",
                  "clusters_buurt": "MultiPolygon", "warmtebronnen": "Point"}


def described(record: dict | None) -> dict[str, str]:
    """The layer descriptions (QGIS shows them as the abstract), naming the warmtekans version when known."""
    if record is None:
        return LAYER_DESCRIPTIONS
    suffix = f" (warmtekans {record['warmtekans_version']}; herkomst in gpkg_metadata en herkomst.yaml)"
    return {layer: text + suffix for layer, text in LAYER_DESCRIPTIONS.items()}


def with_provenance(summary: str, record: dict) -> str:
    """The summary with the provenance header under its title and the 'Herkomst' section at the end."""
    from warmtekans.outputs.provenance import markdown_header, markdown_section

    title, _, rest = summary.partition("\n")
    return f"{title}\n\n{markdown_header(record)}{rest.rstrip()}\n\n{markdown_section(record)}"


def read_quality_logs(paths: list[str]) -> "QualityLog":
    """The QualityLogs of the prepare rules, merged in the order given (missing files are skipped)."""
    from warmtekans.core.quality import QualityLog

    return QualityLog.merged(QualityLog.read(p) for p in paths if Path(p).exists())


def _as_points(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The layer with each geometry replaced by a point on it (one geometry type per GeoPackage layer)."""
    return frame.set_geometry(frame.geometry.representative_point()) if not frame.empty else frame


def write_results(*, dwellings: str, clusters: str, streets: str, buurten: str, restrictions: str, sewers: str,
                  report: str, available_inputs: list[str], output: str, top_streets_output: str,
                  summary_output: str, gemeente: str, planned: str | None = None, systems: str | None = None,
                  interference_distance_m: float = 100.0,
                  provenance: str | None = None, project_output: str | None = None,
                  provenance_output: str | None = None, quality_reports: list[str] = (),
                  missing_quality_reports: list[str] = (), quality_output: str | None = None,
                  clusters_buurt: str | None = None, heat_sources: str | None = None, naam: str | None = None) -> None:
    """The styled GeoPackage (dwellings, clusters, streets, buurten, restrictions, sewer potential, data quality)
    with its provenance and a QGIS project beside it, and the per-buurt tables: top streets for
    miniwarmtenetten (CSV), a readable summary (Markdown) and the data-quality report (``kwaliteit.md``, from
    the prepare rules' QualityLogs). The provenance record is published as ``provenance_output``."""
    from warmtekans.outputs.provenance import (
        history,
        read_record,
        record_yaml,
        summary_line,
    )
    from warmtekans.outputs.results import (
        buurt_summary,
        dwelling_layer,
        kansrijke_straten_table,
        quality_markdown,
        quality_table,
        street_layer,
        summary_markdown,
        without_key_columns,
    )
    from warmtekans.outputs.styles import project_qgs, write_styled_gpkg

    record = read_record(provenance) if provenance else None
    dwellings_frame = read_geoparquet(dwellings)
    clusters_frame = read_geoparquet(clusters)
    zones = read_geoparquet(restrictions)
    street_frame = street_layer(read_geoparquet(streets), dwellings_frame, clusters_frame, zones, set(available_inputs),
                                planned=read_geoparquet(planned) if planned else None,
                                systems=read_geoparquet(systems) if systems else None,
                                interference_distance_m=interference_distance_m)
    counts = json.loads(Path(report).read_text(encoding="utf-8"))
    summary = buurt_summary(read_geoparquet(buurten), dwellings_frame, clusters_frame, street_frame,
                            set(available_inputs), counts.get("per_buurt_without_pand", {}))
    quality = quality_table(read_quality_logs(list(quality_reports)), dwellings_frame, set(available_inputs),
                            selection=counts, missing_reports=list(missing_quality_reports))
    layers = {
        "buurten": summary,
        "clusters": clusters_frame,
        "straten": street_frame,
        "woningen": dwelling_layer(dwellings_frame, "woning"),
        "utiliteit": dwelling_layer(dwellings_frame, "utiliteit"),
        "beperkingen": zones,
        "riool": read_geoparquet(sewers),
        "kwaliteit": quality,
        **({"clusters_buurt": read_geoparquet(clusters_buurt)} if clusters_buurt else {}),
        **({"warmtebronnen": _as_points(read_geoparquet(heat_sources))} if heat_sources else {}),
    }
    write_styled_gpkg(
        {name: without_key_columns(frame) for name, frame in layers.items()},
        output,
        descriptions=described(record),
        geometry_types=LAYER_GEOMETRY,
        metadata=record_yaml(record) if record else None,
    )
    log.info("wrote %s", output)
    if project_output:
        minx, miny, maxx, maxy = summary.total_bounds if not summary.empty else (0.0, 0.0, 1.0, 1.0)
        margin = 0.03 * max(maxx - minx, maxy - miny, 1.0)
        text = project_qgs(output, title=f"Warmtekansen {gemeente}",
                           extent=(minx - margin, miny - margin, maxx + margin, maxy + margin),
                           abstract=summary_line(record) if record else "", history=history(record) if record else [],
                           descriptions=described(record))
        with atomic_path(project_output) as tmp:
            tmp.write_text(text, encoding="utf-8")
    top = kansrijke_straten_table(street_frame, summary)
    with atomic_path(top_streets_output) as tmp:
        top.to_csv(tmp, index=False, encoding="utf-8")
    advice = dwellings_frame.loc[dwellings_frame["objecttype"] == "woning", "aanbevolen"]
    text = summary_markdown(gemeente, summary, top, advice, naam=naam)
    with atomic_path(summary_output) as tmp:
        tmp.write_text(with_provenance(text, record) if record else text, encoding="utf-8")
    if record and provenance_output:
        with atomic_path(provenance_output) as tmp:
            tmp.write_bytes(Path(provenance).read_bytes())
    if quality_output is not None:
        with atomic_path(quality_output) as tmp:
            tmp.write_text(quality_markdown(gemeente, quality), encoding="utf-8")
