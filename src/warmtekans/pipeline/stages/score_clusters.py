"""Stage of the rule(s) score_clusters."""

from __future__ import annotations

import logging

from warmtekans.config.method import MethodSettings
from warmtekans.io.parquet import read_geoparquet, write_parquet

log = logging.getLogger(__name__)


def score_clusters(*, members: str, clusters: str, restrictions: str, sewers: str, buurten: str, planned: str,
                   systems: str, config: dict, available_inputs: list[str], dwellings_output: str, clusters_output: str,
                   sewer_output: str, wko_zones: str | None = None,
                   heat_sources: str | None = None, sources_output: str | None = None) -> None:
    """Restrictions, loops, sewer heat, heat sources, scores and recommendations
    (``config``: :class:`~warmtekans.config.models.MethodSettings`)."""
    from warmtekans.decision.assess import assess
    from warmtekans.model.restrictions import wells_forbidden
    from warmtekans.model.sewer import sewer_potential
    from warmtekans.model.sources import assign_sources

    settings = MethodSettings.model_validate(config)  # the area's loop settings are already on top
    members_frame = read_geoparquet(members)
    buurten_frame = read_geoparquet(buurten)
    segments = sewer_potential(read_geoparquet(sewers), members_frame, buurten_frame, settings.sewer)
    clusters_frame = read_geoparquet(clusters)
    zones = read_geoparquet(restrictions)
    per_cluster, segments, allocated = assign_sources(
        clusters_frame, members_frame, segments, read_geoparquet(heat_sources) if heat_sources else None,
        read_geoparquet(wko_zones) if wko_zones else None, read_geoparquet(planned), settings.sewer,
        settings.sources, set(available_inputs),
        wells_forbidden=wells_forbidden(members_frame, zones, set(available_inputs)))
    clusters_frame = clusters_frame.join(per_cluster)
    log.info("heat sources of areas: %s", per_cluster["warmtebron"].value_counts().to_dict())
    scored_members, scored = assess(members_frame, clusters_frame, zones, segments,
                                    settings, set(available_inputs), planned=read_geoparquet(planned),
                                    systems=read_geoparquet(systems))
    log.info("recommended per dwelling: %s", scored_members["aanbevolen"].value_counts().to_dict())
    write_parquet(scored_members, dwellings_output)
    write_parquet(scored, clusters_output)
    write_parquet(segments, sewer_output)
    if sources_output:
        write_parquet(allocated, sources_output)
