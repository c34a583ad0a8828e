"""Stage of the rule(s) build_clusters."""

from __future__ import annotations

import logging

from warmtekans.config.outdoor_unit import OutdoorUnitSettings
from warmtekans.config.sections import (
    ClusterSettings,
    LoopSettings,
)
from warmtekans.io.parquet import read_geoparquet, write_parquet

log = logging.getLogger(__name__)


def build_clusters(*, dwellings: str, woonpanden: str, streets: str, settings: dict, members_output: str,
                   clusters_output: str, barriers: str | None = None, breakdown_output: str | None = None,
                   outdoor_unit: dict | None = None, loops: dict | None = None) -> None:
    """Mini and area clusters (areas cut at buurt boundaries and at ``barriers``), the per-buurt breakdown of the
    areas, and per dwelling the room on its plot for an outdoor unit and an own borehole (``outdoor_unit``: the
    ``buitenunit`` settings; ``loops``: the area's loop settings, for the borehole spacing)."""
    from warmtekans.model.clusters import build_clusters as form_clusters, cluster_buurt_breakdown, pand_buurt
    from warmtekans.model.plots import dwelling_room

    panden = read_geoparquet(woonpanden)
    street_lines = read_geoparquet(streets)
    members, clusters = form_clusters(read_geoparquet(dwellings), panden, street_lines, ClusterSettings(**settings),
                                      barriers=read_geoparquet(barriers) if barriers else None)
    room = dwelling_room(members, panden, street_lines, OutdoorUnitSettings(**(outdoor_unit or {})),
                         LoopSettings(**(loops or {})).borehole_spacing_m)
    members[list(room.columns)] = room
    counts = room["buitenunit"].value_counts()
    log.info(
        "outdoor unit: %s", ", ".join(f"{verdict} {counts.get(verdict, 0)}" for verdict in ("ja", "onzeker", "nee"))
    )
    if breakdown_output:
        panden["buurtcode"] = pand_buurt(panden, members)
        panden["gebied_cluster_id"] = panden["pand_id"].map(
            members.dropna(subset=["gebied_cluster_id"]).groupby("pand_id")["gebied_cluster_id"].first()
        )
        areas = clusters[clusters["niveau"] == "gebied"]
        write_parquet(
            cluster_buurt_breakdown(members, panden, cluster_outlines=areas.set_index("cluster_id").geometry),
            breakdown_output,
        )
    log.info(
        "%d mini clusters, %d area clusters",
        int((clusters["niveau"] == "mini").sum()),
        int((clusters["niveau"] == "gebied").sum()),
    )
    write_parquet(members, members_output)
    write_parquet(clusters, clusters_output)
