"""Stage of the rule(s) sensitivity."""

from __future__ import annotations

import logging

import pandas as pd

from warmtekans.config.method import MethodSettings
from warmtekans.io.parquet import read_geoparquet, write_parquet

log = logging.getLogger(__name__)


def sensitivity(*, members: str, clusters: str, restrictions: str, sewers: str, buurten: str, planned: str,
                systems: str, config: dict, available_inputs: list[str], output: str,
                wko_zones: str | None = None, heat_sources: str | None = None, processes: int = 1,
                memory_limit_mb: float | None = None) -> None:
    """Per cluster the share of draws of the estimates that keep its recommendation (``stabiliteit``).

    Assesses the same inputs as :func:`~warmtekans.pipeline.stages.score_clusters.score_clusters` once per draw,
    with the real entry point
    and the area's loop settings; ``processes`` draws at a time (the job's threads), fewer
    when they would not fit in ``memory_limit_mb`` (the job's ``mem_mb``).
    """
    from warmtekans.decision.assess import assess, fixed_parts
    from warmtekans.decision.sensitivity import stability
    from warmtekans.model.restrictions import FORBIDDEN_SHARE_MAX
    from warmtekans.model.sewer import potential_key, sewer_potential
    from warmtekans.model.sources import assign_sources, fixed_source_parts

    settings = MethodSettings.model_validate(config)  # the area's loop settings are already on top
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
    other_reach = max(
        [
            settings.sources.teo_max_distance_m,
            settings.sources.point_source_max_distance_m,
            *ranges.get("sources.point_source_max_distance_m", ()),
            *ranges.get("sources.teo_max_distance_m", ()),
        ]
    )
    base_segments = sewer_potential(pipes, members_frame, buurten_frame, settings.sewer)
    fixed = fixed_parts(members_frame, clusters_frame, zones, base_segments, available, reach)
    fixed_sources = fixed_source_parts(
        clusters_frame,
        members_frame,
        base_segments,
        sources_frame,
        wko_frame,
        planned_frame,
        settings.sewer,
        settings.sources,
        reach,
        other_reach,
    )
    potentials = {potential_key(settings.sewer): base_segments}
    no_wells = fixed.cluster_restrictions["aandeel_verboden"] >= FORBIDDEN_SHARE_MAX  # as score_clusters

    def assess_draw(drawn: MethodSettings) -> pd.DataFrame:
        key = potential_key(drawn.sewer)
        if key not in potentials:
            potentials[key] = sewer_potential(pipes, members_frame, buurten_frame, drawn.sewer)
        segments = potentials[key]
        per_cluster, segments, _ = assign_sources(
            clusters_frame,
            members_frame,
            segments,
            sources_frame,
            wko_frame,
            planned_frame,
            drawn.sewer,
            drawn.sources,
            available,
            fixed=fixed_sources if segments is base_segments else None,
            wells_forbidden=no_wells,
        )
        _, scored = assess(
            members_frame,
            clusters_frame.join(per_cluster),
            zones,
            segments,
            drawn,
            available,
            planned=planned_frame,
            systems=systems_frame,
            fixed=fixed,
            configuration_only=True,
        )
        return scored.set_index("cluster_id")

    table = stability(settings, assess_draw, processes=processes, memory_limit_mb=memory_limit_mb)
    log.info(
        "%d draws: %d of %d clusters onzeker (stabiliteit < %.2f)",
        settings.sensitivity.draws,
        int(table["onzeker"].sum()),
        len(table),
        settings.sensitivity.unstable_below,
    )
    write_parquet(table, output)
