"""Stage of the rule(s) build_clusters."""

from __future__ import annotations

import logging

from warmtekans.config.sections import ClusterSettings
from warmtekans.io.parquet import read_geoparquet, write_parquet

log = logging.getLogger(__name__)


def build_clusters(*, dwellings: str, woonpanden: str, streets: str, settings: dict, members_output: str,
                   clusters_output: str, barriers: str | None = None, breakdown_output: str | None = None) -> None:
    """Mini and area clusters (areas cut at buurt boundaries and at ``barriers``) and the per-buurt
    breakdown of the areas."""
    from warmtekans.model.clusters import build_clusters as form_clusters, cluster_buurt_breakdown, pand_buurt

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
