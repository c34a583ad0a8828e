"""Stage of the rule(s) prepare_inputs."""

from __future__ import annotations

import logging

import geopandas as gpd
import pandas as pd

from warmtekans.config.areas import BagInput, LayerInput, ZoneInput
from warmtekans.config.sections import (
    DwellingSettings,
    RestrictionSettings,
    SewerSettings,
)
from warmtekans.core.crs import RD_CRS
from warmtekans.core.schemas import (
    empty_energielabels,
    empty_features,
    empty_sewers,
    empty_streets,
    empty_zones,
)
from warmtekans.inputs.bag import read_bag
from warmtekans.inputs.ep_online import read_energielabels
from warmtekans.inputs.gwsw import read_sewers
from warmtekans.inputs.osm import read_streets
from warmtekans.inputs.zones import read_features, read_zones
from warmtekans.io.parquet import write_parquet
from warmtekans.pipeline.common import area_bbox, new_quality_log

log = logging.getLogger(__name__)


def prepare_bag(*, source: dict, buurten: str, panden_output: str, vbo_output: str,
                settings: dict | None = None, quality_output: str | None = None) -> None:
    """Read the BAG panden and verblijfsobjecten in the gemeente's bounding box."""
    quality, save = new_quality_log(quality_output)
    panden, vbos = read_bag(BagInput(**source), bbox=area_bbox(buurten),
                                    settings=DwellingSettings(**(settings or {})), quality=quality)
    log.info("read %d panden and %d verblijfsobjecten", len(panden), len(vbos))
    write_parquet(panden, panden_output)
    write_parquet(vbos, vbo_output)
    save()


def prepare_energielabels(*, source: str | None, reference_date: str, output: str,
                          quality_output: str | None = None) -> None:
    """Newest EP-online registration per dwelling (empty table when no labels are configured)."""
    quality, save = new_quality_log(quality_output)
    if source is None:
        log.warning("no EP-online labels configured: labels will be estimated from bouwjaar and woningtype")
        quality.entry("energielabels").not_checked("geen EP-online-bestand: labels geschat uit bouwjaar en woningtype")
        labels = empty_energielabels()
    else:
        labels = read_energielabels(source, reference_date=reference_date, quality=quality)
        log.info("%d dwellings with a label registration", len(labels))
    write_parquet(labels, output)
    save()


def prepare_restrictions(*, drinkwater: dict | None, archeologie: dict | None, settings: dict, buurten: str,
                         output: str, quality_output: str | None = None) -> None:
    """Drinking-water and archaeology zones with their configured effect."""
    quality, save = new_quality_log(quality_output)
    effects = RestrictionSettings(**settings)
    bbox = area_bbox(buurten)
    parts = []
    for soort, source in (("drinkwater", drinkwater), ("archeologie", archeologie)):
        if source is None:
            log.warning("no %s zones configured: no restriction check for %s", soort, soort)
            quality.entry(soort).not_checked(f"geen {soort}-zones opgegeven: beperking niet gecontroleerd")
            continue
        zones = read_zones(ZoneInput(**source), getattr(effects, soort), soort=soort, bbox=bbox,
                                   quality=quality)
        log.info("%d %s zones", len(zones), soort)
        parts.append(zones)
    zones = pd.concat(parts, ignore_index=True) if parts else empty_zones()
    write_parquet(gpd.GeoDataFrame(zones, geometry="geometry", crs=RD_CRS), output)
    save()


def prepare_context(*, planned: dict | None, systems: dict | None, buurten: str, planned_output: str,
                    systems_output: str, quality_output: str | None = None) -> None:
    """Optional context layers: planned large heat networks and registered ground-energy systems."""
    quality, save = new_quality_log(quality_output)
    bbox = area_bbox(buurten)
    for source, output, what, name in ((planned, planned_output, "planned heat networks", "warmtenet_gepland"),
                                       (systems, systems_output, "ground-energy systems", "bodemenergiesystemen")):
        if source is None:
            log.warning("no %s configured: not checked", what)
            quality.entry(name).not_checked(f"geen {name} opgegeven: niet gecontroleerd")
            frame = empty_features()
        else:
            frame = read_features(LayerInput(**source), what=what, bbox=bbox, quality=quality, name=name)
            log.info("%d %s", len(frame), what)
        write_parquet(frame, output)
    save()


def prepare_sewers(*, source: dict | None, settings: dict, buurten: str, output: str,
                   quality_output: str | None = None) -> None:
    """GWSW sewer pipes (empty when none are configured)."""
    quality, save = new_quality_log(quality_output)
    if source is None:
        log.warning("no sewer network configured: riothermie is not assessed")
        quality.entry("riool").not_checked("geen rioolnet opgegeven: riothermie niet beoordeeld")
        pipes = empty_sewers()
    else:
        pipes = read_sewers(LayerInput(**source), SewerSettings(**settings), bbox=area_bbox(buurten),
                            quality=quality)
        log.info("%d sewer pipes, %d carry dry-weather flow", len(pipes), int(pipes["draagt_dwa"].sum()))
        pipes = orient_sewers(pipes, quality.entry("riool"))
    write_parquet(pipes, output)
    save()


def prepare_streets(*, source: str | None, output: str, buurten: str | None = None,
                    quality_output: str | None = None) -> None:
    """Street segments from a local OSM file (empty when none is configured), clipped to the area."""
    quality, save = new_quality_log(quality_output)
    if source is None:
        log.warning("no OSM street network configured: streets are the BAG openbare ruimten, drawn as a line "
                    "through their addresses")
        quality.entry("straten").not_checked("geen OSM-bestand: straten uit de BAG-openbare ruimte, getekend als lijn "
                                             "door hun adressen (docs/method.md §2)")
        streets = empty_streets()
    else:
        streets = read_streets(source, area_bbox(buurten) if buurten else None, quality=quality)
        log.info("%d street segments", len(streets))
    write_parquet(streets, output)
    save()


def orient_sewers(pipes: gpd.GeoDataFrame, entry) -> gpd.GeoDataFrame:
    """Flow direction of the dry-weather pipes (:func:`~warmtekans.model.sewer.orient_pipes`), reported in the
    quality log (kwaliteit.md) and on screen."""
    from warmtekans.model.sewer import orient_pipes

    dry = pipes["draagt_dwa"].to_numpy(dtype=bool)
    direction, rule, report = orient_pipes(pipes[dry])
    pipes = pipes.copy()
    pipes.loc[dry, "richting"] = direction.to_numpy()
    pipes.loc[dry, "richting_bron"] = rule.to_numpy()
    for line in report.lines():
        entry.note(line)
        log.info("riool: %s", line)
    entry.repair("kring in het rioolnet gebroken: leiding tegen haar BOB in gericht", report.against_bob)
    if report.pipes and report.accumulated_share < 0.95:
        log.warning("riool: only %d of %d dry-weather pipes are connected to others; the rest count only their own "
                    "connections (see kwaliteit.md)", report.accumulated, report.pipes)
    return pipes


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
