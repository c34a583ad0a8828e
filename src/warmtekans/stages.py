"""One function per workflow rule: paths and settings in, files out.

The Snakemake scripts in ``workflow/scripts/`` only unpack ``snakemake.input``,
``output`` and ``params`` into these keyword arguments (see :mod:`warmtekans.workflow`),
so every stage can also be run and tested without Snakemake.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from warmtekans import readers
from warmtekans.config import (BagInput, ClusterSettings, Config, DownloadSettings, DwellingSettings, LayerInput,
                               RestrictionSettings, SewerSettings, ZoneInput, validate_config)
from warmtekans.io import atomic_path, read_geoparquet, write_gpkg_layers, write_parquet

if TYPE_CHECKING:
    from warmtekans.quality import QualityLog

# Each rule runs in its own process: stage-specific modules (scipy, matplotlib, the method)
# are imported inside the stage that needs them, so a job pays only for its own imports.

log = logging.getLogger(__name__)

AREA_MARGIN_M = 200.0


def _area_bbox(buurten_path: str) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = read_geoparquet(buurten_path).total_bounds
    return (minx - AREA_MARGIN_M, miny - AREA_MARGIN_M, maxx + AREA_MARGIN_M, maxy + AREA_MARGIN_M)


def _quality(output: str | None):
    """A fresh quality log, and a function that writes it to ``output`` (when given)."""
    from warmtekans.quality import QualityLog

    quality = QualityLog()
    return quality, (lambda: quality.write(output) if output else None)


def prepare_buurten(*, source: dict, gemeente: str, output: str, quality_output: str | None = None) -> None:
    """Read the CBS buurten of ``gemeente``."""
    quality, save = _quality(quality_output)
    buurten = readers.read_buurten(LayerInput(**source), gemeente, quality=quality)
    log.info("%d buurten in %s", len(buurten), gemeente)
    write_parquet(buurten, output)
    save()


def prepare_bag(*, source: dict, buurten: str, panden_output: str, vbo_output: str,
                settings: dict | None = None, quality_output: str | None = None) -> None:
    """Read the BAG panden and verblijfsobjecten in the gemeente's bounding box."""
    quality, save = _quality(quality_output)
    panden, vbos = readers.read_bag(BagInput(**source), bbox=_area_bbox(buurten),
                                    settings=DwellingSettings(**(settings or {})), quality=quality)
    log.info("read %d panden and %d verblijfsobjecten", len(panden), len(vbos))
    write_parquet(panden, panden_output)
    write_parquet(vbos, vbo_output)
    save()


def prepare_energielabels(*, source: str | None, reference_date: str, output: str,
                          quality_output: str | None = None) -> None:
    """Newest EP-online registration per dwelling (empty table when no labels are configured)."""
    quality, save = _quality(quality_output)
    if source is None:
        log.warning("no EP-online labels configured: labels will be estimated from bouwjaar and woningtype")
        quality.entry("energielabels").not_checked("geen EP-online-bestand: labels geschat uit bouwjaar en woningtype")
        labels = readers.empty_energielabels()
    else:
        labels = readers.read_energielabels(source, reference_date=reference_date, quality=quality)
        log.info("%d dwellings with a label registration", len(labels))
    write_parquet(labels, output)
    save()


def prepare_restrictions(*, drinkwater: dict | None, archeologie: dict | None, settings: dict, buurten: str,
                         output: str, quality_output: str | None = None) -> None:
    """Drinking-water and archaeology zones with their configured effect."""
    quality, save = _quality(quality_output)
    effects = RestrictionSettings(**settings)
    bbox = _area_bbox(buurten)
    parts = []
    for soort, source in (("drinkwater", drinkwater), ("archeologie", archeologie)):
        if source is None:
            log.warning("no %s zones configured: no restriction check for %s", soort, soort)
            quality.entry(soort).not_checked(f"geen {soort}-zones opgegeven: beperking niet gecontroleerd")
            continue
        zones = readers.read_zones(ZoneInput(**source), getattr(effects, soort), soort=soort, bbox=bbox,
                                   quality=quality)
        log.info("%d %s zones", len(zones), soort)
        parts.append(zones)
    zones = pd.concat(parts, ignore_index=True) if parts else readers.empty_zones()
    write_parquet(gpd.GeoDataFrame(zones, geometry="geometry", crs=readers.RD_CRS), output)
    save()


def prepare_context(*, planned: dict | None, systems: dict | None, buurten: str, planned_output: str,
                    systems_output: str, quality_output: str | None = None) -> None:
    """Optional context layers: planned large heat networks and registered ground-energy systems."""
    quality, save = _quality(quality_output)
    bbox = _area_bbox(buurten)
    for source, output, what, name in ((planned, planned_output, "planned heat networks", "warmtenet_gepland"),
                                       (systems, systems_output, "ground-energy systems", "bodemenergiesystemen")):
        if source is None:
            log.warning("no %s configured: not checked", what)
            quality.entry(name).not_checked(f"geen {name} opgegeven: niet gecontroleerd")
            frame = readers.empty_features()
        else:
            frame = readers.read_features(LayerInput(**source), what=what, bbox=bbox, quality=quality, name=name)
            log.info("%d %s", len(frame), what)
        write_parquet(frame, output)
    save()


def prepare_sewers(*, source: dict | None, settings: dict, buurten: str, output: str,
                   quality_output: str | None = None) -> None:
    """GWSW sewer pipes (empty when none are configured)."""
    quality, save = _quality(quality_output)
    if source is None:
        log.warning("no sewer network configured: riothermie is not assessed")
        quality.entry("riool").not_checked("geen rioolnet opgegeven: riothermie niet beoordeeld")
        pipes = readers.empty_sewers()
    else:
        pipes = readers.read_sewers(LayerInput(**source), SewerSettings(**settings), bbox=_area_bbox(buurten),
                                    quality=quality)
        log.info("%d sewer pipes, %d carry dry-weather flow", len(pipes), int(pipes["draagt_dwa"].sum()))
    write_parquet(pipes, output)
    save()


def prepare_streets(*, source: str | None, output: str, buurten: str | None = None,
                    quality_output: str | None = None) -> None:
    """Street segments from a local OSM file (empty when none is configured), clipped to the area."""
    quality, save = _quality(quality_output)
    if source is None:
        log.warning("no OSM street network configured: streets are taken from the BAG openbare ruimte")
        quality.entry("straten").not_checked("geen OSM-bestand: straten uit de BAG-openbare ruimte")
        streets = readers.empty_streets()
    else:
        streets = readers.read_streets(source, _area_bbox(buurten) if buurten else None, quality=quality)
        log.info("%d street segments", len(streets))
    write_parquet(streets, output)
    save()


PREPARE_STAGES = ("prepare_bag", "prepare_energielabels", "prepare_restrictions", "prepare_sewers", "prepare_streets",
                  "prepare_context")


def prepare_inputs(**stages: dict) -> None:
    """Run the light prepare stages of one gemeente in one process (issue 13: fewer, fatter jobs).

    ``stages`` maps a stage name of :data:`PREPARE_STAGES` to that stage's keyword arguments;
    they run in that order, each writing its own outputs and quality JSON
    (``kwaliteit/<stage>.json``), exactly as when each ran as its own job. The first bad input
    stops the run (Snakemake then removes all outputs of the job).
    """
    functions = {"prepare_bag": prepare_bag, "prepare_energielabels": prepare_energielabels,
                 "prepare_restrictions": prepare_restrictions, "prepare_sewers": prepare_sewers,
                 "prepare_streets": prepare_streets, "prepare_context": prepare_context}
    unknown = set(stages) - set(functions)
    if unknown:
        raise ValueError(f"unknown prepare stages: {sorted(unknown)}")
    for name in PREPARE_STAGES:
        if name in stages:
            log.info("stage %s", name)
            functions[name](**stages[name])


def prepare_sources(*, wko_geschiktheid: dict | None, oppervlaktewater: dict | None, puntbronnen: dict | None,
                    settings: dict, buurten: str, wko_output: str, sources_output: str) -> None:
    """Heat-source layers: WKO suitability zones, and surface water (TEO) and point sources as one table."""
    from warmtekans.config import SourceSettings
    from warmtekans.sources import (empty_sources, empty_wko_zones, read_point_sources, read_surface_water,
                                    read_wko_suitability)

    config = SourceSettings(**settings)
    bbox = _area_bbox(buurten)
    if wko_geschiktheid is None:
        log.warning("no WKO suitability map configured: open WKO and riothermie with WKO are 'niet gecontroleerd'")
        zones = empty_wko_zones()
    else:
        zones = read_wko_suitability(ZoneInput(**wko_geschiktheid), config, bbox=bbox)
        log.info("%d WKO suitability zones", len(zones))
    parts = []
    for source, reader, what in ((oppervlaktewater, read_surface_water, "surface water (TEO)"),
                                 (puntbronnen, read_point_sources, "point heat sources")):
        if source is None:
            log.warning("no %s configured: not assessed", what)
            continue
        frame = reader(LayerInput(**source), config, bbox=bbox)
        log.info("%d %s", len(frame), what)
        parts.append(frame)
    sources = (gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=readers.RD_CRS)
               if parts else empty_sources())
    write_parquet(zones, wko_output)
    write_parquet(sources, sources_output)


def prepare_barriers(*, source: str | None, buurten: str, output: str) -> None:
    """Barriers for area networks (railways, major roads, waterways, water) from the OSM file
    (empty when none is configured: areas are then bounded by buurten only)."""
    from warmtekans.barriers import empty_barriers, read_barriers

    if source is None:
        log.warning("no OSM file configured: areas are not cut at railways, major roads or water")
        barriers = empty_barriers()
    else:
        barriers = read_barriers(source, _area_bbox(buurten))
        log.info("%d barrier features (%s)", len(barriers), barriers["soort"].value_counts().to_dict())
    write_parquet(barriers, output)


def build_dwellings(*, panden: str, vbos: str, energielabels: str, buurten: str, settings: dict,
                    kentallen: str | None, dwellings_output: str, panden_output: str, report_output: str) -> None:
    """Dwellings with woningtype, label and heat demand; the panden that hold them; a count report."""
    from warmtekans.demand import load_kentallen
    from warmtekans.dwellings import build_dwellings as make_dwellings

    dwellings, woonpanden, report = make_dwellings(
        read_geoparquet(panden), read_geoparquet(vbos), pd.read_parquet(energielabels), read_geoparquet(buurten),
        load_kentallen(kentallen), DwellingSettings(**settings))
    for line in report.lines():
        log.info(line)
    write_parquet(dwellings, dwellings_output)
    write_parquet(woonpanden, panden_output)
    with atomic_path(report_output) as tmp:
        tmp.write_text(json.dumps(report.__dict__, indent=2, sort_keys=True), encoding="utf-8")


def build_clusters(*, dwellings: str, woonpanden: str, streets: str, settings: dict, members_output: str,
                   clusters_output: str, barriers: str | None = None, breakdown_output: str | None = None) -> None:
    """Mini and area clusters (areas cut at buurt boundaries and at ``barriers``) and the per-buurt
    breakdown of the areas."""
    from warmtekans.clusters import build_clusters as form_clusters
    from warmtekans.clusters import cluster_buurt_breakdown, pand_buurt

    panden = read_geoparquet(woonpanden)
    members, clusters = form_clusters(read_geoparquet(dwellings), panden,
                                      read_geoparquet(streets), ClusterSettings(**settings),
                                      barriers=read_geoparquet(barriers) if barriers else None)
    if breakdown_output:
        panden["buurtcode"] = pand_buurt(panden, members)
        panden["gebied_cluster_id"] = panden["pand_id"].map(
            members.dropna(subset=["gebied_cluster_id"]).groupby("pand_id")["gebied_cluster_id"].first())
        areas = clusters[clusters["niveau"] == "gebied"]
        write_parquet(cluster_buurt_breakdown(members, panden, cluster_outlines=areas.set_index("cluster_id").geometry),
                      breakdown_output)
    log.info("%d mini clusters, %d area clusters", int((clusters["niveau"] == "mini").sum()),
             int((clusters["niveau"] == "gebied").sum()))
    write_parquet(members, members_output)
    write_parquet(clusters, clusters_output)


def score_clusters(*, members: str, clusters: str, restrictions: str, sewers: str, buurten: str, planned: str,
                   systems: str, config: dict, available_inputs: list[str], dwellings_output: str, clusters_output: str,
                   sewer_output: str, gemeente: str | None = None, wko_zones: str | None = None,
                   heat_sources: str | None = None, sources_output: str | None = None) -> None:
    """Restrictions, loops, sewer heat, heat sources, scores and recommendations (loop settings of ``gemeente``)."""
    from warmtekans.assess import assess
    from warmtekans.config import loop_settings
    from warmtekans.sewer import sewer_potential
    from warmtekans.sources import assign_sources

    settings: Config = validate_config(config)
    settings = settings.model_copy(update={"loops": loop_settings(settings, gemeente)})
    members_frame = read_geoparquet(members)
    buurten_frame = read_geoparquet(buurten)
    segments = sewer_potential(read_geoparquet(sewers), members_frame, buurten_frame, settings.sewer)
    clusters_frame = read_geoparquet(clusters)
    per_cluster, segments, allocated = assign_sources(
        clusters_frame, members_frame, segments, read_geoparquet(heat_sources) if heat_sources else None,
        read_geoparquet(wko_zones) if wko_zones else None, read_geoparquet(planned), settings.sewer,
        settings.sources, set(available_inputs))
    clusters_frame = clusters_frame.join(per_cluster)
    log.info("heat sources of areas: %s", per_cluster["warmtebron"].value_counts().to_dict())
    scored_members, scored = assess(members_frame, clusters_frame, read_geoparquet(restrictions), segments,
                                    settings, set(available_inputs), planned=read_geoparquet(planned),
                                    systems=read_geoparquet(systems))
    log.info("recommended per dwelling: %s", scored_members["aanbevolen"].value_counts().to_dict())
    write_parquet(scored_members, dwellings_output)
    write_parquet(scored, clusters_output)
    write_parquet(segments, sewer_output)
    if sources_output:
        write_parquet(allocated, sources_output)


def sensitivity(*, members: str, clusters: str, restrictions: str, sewers: str, buurten: str, planned: str,
                systems: str, config: dict, available_inputs: list[str], output: str, gemeente: str | None = None,
                wko_zones: str | None = None, heat_sources: str | None = None, processes: int = 1,
                memory_limit_mb: float | None = None) -> None:
    """Per cluster the share of draws of the estimates that keep its recommendation (``stabiliteit``).

    Assesses the same inputs as :func:`score_clusters` once per draw, with the real entry point
    and the loop settings of ``gemeente``; ``processes`` draws at a time (the job's threads), fewer
    when they would not fit in ``memory_limit_mb`` (the job's ``mem_mb``).
    """
    from warmtekans.assess import assess, fixed_parts
    from warmtekans.config import loop_settings
    from warmtekans.sensitivity import stability
    from warmtekans.sewer import potential_key, sewer_potential
    from warmtekans.sources import assign_sources, fixed_source_parts

    settings: Config = validate_config(config)
    settings = settings.model_copy(update={"loops": loop_settings(settings, gemeente)})
    members_frame = read_geoparquet(members)
    clusters_frame = read_geoparquet(clusters)
    zones = read_geoparquet(restrictions)
    planned_frame, systems_frame = read_geoparquet(planned), read_geoparquet(systems)
    available = set(available_inputs)
    sources_frame = read_geoparquet(heat_sources) if heat_sources else None
    wko_frame = read_geoparquet(wko_zones) if wko_zones else None
    pipes = read_geoparquet(sewers)
    buurten_frame = read_geoparquet(buurten)

    # What no draw changes is computed once: restrictions, frontages, cluster-sewer and cluster-source
    # distances (up to the largest distance drawn), shares in WKO and planned-network zones, the sewer flow
    # graph, and the sewer potential for each distinct set of the sewer settings it reads.
    ranges = settings.sensitivity.ranges
    reach = max([settings.sewer.max_distance_m, *ranges.get("sewer.max_distance_m", ())])
    other_reach = max([settings.sources.teo_max_distance_m, settings.sources.point_source_max_distance_m,
                       *ranges.get("sources.point_source_max_distance_m", ()), *ranges.get("sources.teo_max_distance_m", ())])
    base_segments = sewer_potential(pipes, members_frame, buurten_frame, settings.sewer)
    fixed = fixed_parts(members_frame, clusters_frame, zones, base_segments, available, reach)
    fixed_sources = fixed_source_parts(clusters_frame, members_frame, base_segments, sources_frame, wko_frame,
                                       planned_frame, settings.sewer, settings.sources, reach, other_reach)
    potentials = {potential_key(settings.sewer): base_segments}

    def assess_draw(drawn: Config) -> pd.DataFrame:
        key = potential_key(drawn.sewer)
        if key not in potentials:
            potentials[key] = sewer_potential(pipes, members_frame, buurten_frame, drawn.sewer)
        segments = potentials[key]
        per_cluster, segments, _ = assign_sources(clusters_frame, members_frame, segments, sources_frame, wko_frame,
                                                  planned_frame, drawn.sewer, drawn.sources, available,
                                                  fixed=fixed_sources if segments is base_segments else None)
        _, scored = assess(members_frame, clusters_frame.join(per_cluster), zones, segments, drawn, available,
                           planned=planned_frame, systems=systems_frame, fixed=fixed, configuration_only=True)
        return scored.set_index("cluster_id")

    table = stability(settings, assess_draw, processes=processes, memory_limit_mb=memory_limit_mb)
    log.info("%d draws: %d of %d clusters onzeker (stabiliteit < %.2f)", settings.sensitivity.draws,
             int(table["onzeker"].sum()), len(table), settings.sensitivity.unstable_below)
    write_parquet(table, output)


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


def with_stability(clusters: gpd.GeoDataFrame, stability: pd.DataFrame) -> gpd.GeoDataFrame:
    """Add ``stabiliteit`` and ``onzeker`` (from the sensitivity rule) to the clusters, by ``cluster_id``."""
    columns = stability.set_index("cluster_id")[["stabiliteit", "onzeker"]]
    joined = clusters.drop(columns=[c for c in columns if c in clusters]).join(columns, on="cluster_id")
    joined["onzeker"] = joined["onzeker"].astype("boolean")
    return joined


#: Geometry type of each result layer when it is empty (a layer with rows gets the type of its rows).
LAYER_GEOMETRY = {"buurten": "MultiPolygon", "clusters": "MultiPolygon", "straten": "MultiLineString",
                  "woningen": "Point", "utiliteit": "Point", "beperkingen": "MultiPolygon", "riool": "LineString",
                  "clusters_buurt": "MultiPolygon", "warmtebronnen": "Point"}


def provenance(*, gemeente: str, version: str, config: dict, inputs: dict[str, str], output: str) -> None:
    """The provenance record (``herkomst.yaml``): version, run date, config and every input file with its SHA-256."""
    from warmtekans.progress import progress
    from warmtekans.provenance import collect, write_record

    names = list(inputs)
    hashed = {name: inputs[name] for name in progress(names, total=len(names), what="inputs hashed")}
    record = collect(gemeente=gemeente, version=version, config=config, inputs=hashed)
    write_record(record, output)
    log.info("wrote %s (%d inputs, warmtekans %s)", output, len(record["inputs"]), version)


def described(record: dict | None) -> dict[str, str]:
    """The layer descriptions (QGIS shows them as the abstract), naming the warmtekans version when known."""
    if record is None:
        return LAYER_DESCRIPTIONS
    suffix = f" (warmtekans {record['warmtekans_version']}; herkomst in gpkg_metadata en herkomst.yaml)"
    return {layer: text + suffix for layer, text in LAYER_DESCRIPTIONS.items()}


def with_provenance(summary: str, record: dict) -> str:
    """The summary with the provenance header under its title and the 'Herkomst' section at the end."""
    from warmtekans.provenance import markdown_header, markdown_section

    title, _, rest = summary.partition("\n")
    return f"{title}\n\n{markdown_header(record)}{rest.rstrip()}\n\n{markdown_section(record)}"


def read_quality_logs(paths: list[str]) -> "QualityLog":
    """The QualityLogs of the prepare rules, merged in the order given (missing files are skipped)."""
    from warmtekans.quality import QualityLog

    return QualityLog.merged(QualityLog.read(p) for p in paths if Path(p).exists())


def _as_points(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The layer with each geometry replaced by a point on it (one geometry type per GeoPackage layer)."""
    return frame.set_geometry(frame.geometry.representative_point()) if not frame.empty else frame


def write_results(*, dwellings: str, clusters: str, streets: str, buurten: str, restrictions: str, sewers: str,
                  report: str, available_inputs: list[str], output: str, top_streets_output: str,
                  summary_output: str, gemeente: str, planned: str | None = None, systems: str | None = None,
                  interference_distance_m: float = 100.0, stability: str | None = None,
                  provenance: str | None = None, project_output: str | None = None,
                  provenance_output: str | None = None, quality_reports: list[str] = (),
                  missing_quality_reports: list[str] = (), quality_output: str | None = None,
                  clusters_buurt: str | None = None, heat_sources: str | None = None) -> None:
    """The styled GeoPackage (dwellings, clusters, streets, buurten, restrictions, sewer potential, data quality)
    with its provenance and a QGIS project beside it, and the per-buurt tables: top streets for
    miniwarmtenetten (CSV), a readable summary (Markdown) and the data-quality report (``kwaliteit.md``, from
    the prepare rules' QualityLogs). The provenance record is published as ``provenance_output``."""
    from warmtekans.provenance import history, read_record, record_yaml, summary_line
    from warmtekans.results import (buurt_summary, dwelling_layer, quality_markdown, quality_table, street_layer,
                                    summary_markdown, top_mini_streets)
    from warmtekans.styles import project_qgs

    record = read_record(provenance) if provenance else None
    dwellings_frame = read_geoparquet(dwellings)
    clusters_frame = read_geoparquet(clusters)
    if stability is not None:
        clusters_frame = with_stability(clusters_frame, pd.read_parquet(stability))
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
    write_gpkg_layers(
        {
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
        },
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
    top = top_mini_streets(street_frame, summary)
    with atomic_path(top_streets_output) as tmp:
        top.to_csv(tmp, index=False, encoding="utf-8")
    advice = dwellings_frame.loc[dwellings_frame["objecttype"] == "woning", "aanbevolen"]
    text = summary_markdown(gemeente, summary, top, advice)
    with atomic_path(summary_output) as tmp:
        tmp.write_text(with_provenance(text, record) if record else text, encoding="utf-8")
    if record and provenance_output:
        with atomic_path(provenance_output) as tmp:
            tmp.write_bytes(Path(provenance).read_bytes())
    if quality_output is not None:
        with atomic_path(quality_output) as tmp:
            tmp.write_text(quality_markdown(gemeente, quality), encoding="utf-8")


def heat_density(*, dwellings: str, gemeente: str, tif_output: str, png_output: str, buurten: str | None = None,
                 naam: str | None = None, available_inputs: list[str] | None = None, sample: bool = False) -> None:
    """The heat-density raster (COG, GJ/ha/yr on a 100 m RD grid) and its classed PNG with buurt outlines."""
    from warmtekans.maps import source_line
    from warmtekans.raster import write_heat_density

    place = f"{naam} ({gemeente})" if naam and naam != gemeente else gemeente
    write_heat_density(read_geoparquet(dwellings, ["warmtevraag_gj"]), tif_output, png_output, title=f"Warmtedichtheid {place}",
                       buurten=read_geoparquet(buurten) if buurten else None,
                       source=source_line(set(available_inputs or ()), sample=sample, relevant=("energielabels",)))
    log.info("wrote %s", tif_output)


def web_map(*, gemeente: str, results: str, output: str, provenance: str | None = None, naam: str | None = None,
            available_inputs: list[str] | None = None, sample: bool = False) -> None:
    """The self-contained interactive HTML map, drawn from the result GeoPackage, with the sources and the
    provenance footer."""
    from warmtekans.maps import source_line
    from warmtekans.provenance import html_footer, read_record
    from warmtekans.webmap import write_webmap

    layers = {name: gpd.read_file(results, layer=name, engine="pyogrio")
              for name in ("buurten", "clusters", "straten", "beperkingen", "riool", "woningen")}
    write_webmap(output, gemeente=gemeente, buurten=layers["buurten"], clusters=layers["clusters"],
                 streets=layers["straten"], zones=layers["beperkingen"], sewers=layers["riool"],
                 woningen=layers["woningen"], naam=naam,
                 footer=source_line(set(available_inputs or ()), sample=sample),
                 footer_html=html_footer(read_record(provenance)) if provenance else "")
    log.info("wrote %s", output)


def plot_maps(*, gemeente: str, dwellings: str, woonpanden: str, buurten: str, restrictions: str, sewers: str,
              streets: str, output_dir: str, per_buurt: bool = True, clusters: str | None = None,
              naam: str | None = None, available_inputs: list[str] | None = None, sample: bool = False,
              stability: str | None = None, raster_footprints_above: int | None = None) -> None:
    """PNG maps: an overview and one per buurt (clusters marked onzeker in ``stability`` get a dashed outline);
    maps with more than ``raster_footprints_above`` buildings in view draw them as one image."""
    from warmtekans.maps import CLUSTER_COLUMNS, DWELLING_COLUMNS, write_maps

    cluster_frame = read_geoparquet(clusters, CLUSTER_COLUMNS) if clusters else None
    if cluster_frame is not None and stability is not None:
        cluster_frame = with_stability(cluster_frame, pd.read_parquet(stability))
    written = write_maps(
        output_dir, gemeente=gemeente, buurten=read_geoparquet(buurten),
        dwellings=read_geoparquet(dwellings, DWELLING_COLUMNS),
        panden=read_geoparquet(woonpanden), zones=read_geoparquet(restrictions), sewers=read_geoparquet(sewers),
        streets=read_geoparquet(streets), per_buurt=per_buurt, clusters=cluster_frame, naam=naam,
        available_inputs=set(available_inputs or ()), sample=sample, raster_footprints_above=raster_footprints_above)
    log.info("wrote %d maps to %s", len(written), output_dir)


def generate_sample(*, gemeente: str, output_dir: str, towns: int = 1) -> None:
    """Generate the Voorbeeldstad sample inputs."""
    from warmtekans.sample import generate

    generate(output_dir, gemeente, towns=towns)


def _source_url(dataset: str, overrides: dict[str, str]) -> str:
    from warmtekans.download import pinned_sources

    return overrides.get(dataset) or pinned_sources()[dataset]["url"]


def download_buurten(*, settings: dict, output: str) -> None:
    """The CBS wijk- en buurtkaart (national zip with a GeoPackage)."""
    from warmtekans.download import download_zipped_gpkg

    download = DownloadSettings(**settings)
    url = _source_url("cbs_wijkenbuurten", download.urls)
    log.info("downloading %s", url)
    download_zipped_gpkg(url, output, timeout_s=download.timeout_s, retries=download.retries)


def download_area(*, dataset: str, buurten: str, settings: dict, output: str, gwsw_naam: str | None = None) -> None:
    """Download one per-area dataset for the bounding box of the gemeente's buurten."""
    from warmtekans import download as dl
    from warmtekans.download import pinned_sources

    download = DownloadSettings(**settings)
    bbox = _area_bbox(buurten)
    kwargs = dict(timeout_s=download.timeout_s, retries=download.retries)
    url = _source_url(dataset, download.urls)
    log.info("downloading %s for bbox %s from %s", dataset, [round(v) for v in bbox], url)
    if dataset == "bag_ogcapi":
        dl.download_bag_ogcapi(url, bbox, output, **kwargs)
    elif dataset == "grondwaterbeschermingsgebieden":
        dl.download_wfs(url, download.drinkwater_typename, bbox, output, layer="zones", **kwargs)
    elif dataset == "gwsw_beheer":
        dl.download_wfs(url.replace("{gemeentenaam}", gwsw_naam or ""), "gwsw:beheer_leiding", bbox, output,
                        layer="beheer_leiding", **kwargs)
    elif dataset == "osm_overpass":
        date = download.osm_date or pinned_sources()["osm_overpass"]["version"]
        dl.download_osm(url, bbox, date, output, **kwargs)
    else:
        raise ValueError(f"no downloader for {dataset}")
