"""How much do the area clusters depend on the link distance?

Runs the area step on the processed data of a finished workflow run for several link
distances, with the old rule (free linking) and the bounded rule (split at buurten, cut at
barriers), and prints per variant the number of areas per scale class and the largest area.

    PYTHONPATH=src python bench/area_sensitivity.py data/processed/GM9999 [30 50 70]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from warmtekans.config.sections import ClusterSettings
from warmtekans.io.parquet import read_geoparquet
from warmtekans.model.clusters import area_clusters, pand_buurt
from warmtekans.model.scales import scale_class


def measure(processed: Path, distances: list[float], merge_gaps: tuple[float, ...] = (70.0, 150.0)) -> pd.DataFrame:
    """One row per (rule, link distance, merge gap): areas (> 50 WEQ) per class, WEQ in areas, largest area."""
    dwellings = read_geoparquet(processed / "woningen.parquet")
    panden = read_geoparquet(processed / "woonpanden.parquet")
    panden["weq"] = panden["pand_id"].map(dwellings.groupby("pand_id")["weq"].sum()).fillna(0.0)
    panden["buurtcode"] = pand_buurt(panden, dwellings)
    barrier_path = processed / "barrieres.parquet"
    barriers = read_geoparquet(barrier_path).geometry if barrier_path.exists() else None
    rows = []
    variants = [("vrij (oud)", distance, 0.0, False, None) for distance in distances]
    variants += [("per buurt + barrières", distance, 100.0, True, barriers) for distance in distances]
    variants += [("per buurt + barrières", 50.0, gap, True, barriers) for gap in merge_gaps]
    for rule, distance, gap, split, cut in variants:
        settings = ClusterSettings(area_link_distance_m=distance, area_merge_gap_m=gap, area_split_at_buurt=split)
        labels = area_clusters(panden, settings, cut)
        weq = panden["weq"].groupby(labels).sum()
        classes = pd.Series(scale_class(weq.to_numpy(), settings)).value_counts()
        rows.append({"regel": rule, "afstand_m": distance, "samenvoegen_m": gap, "gebieden": len(weq),
                     "kleinschalig": int(classes.get("kleinschalig", 0)),
                     "grootschalig": int(classes.get("grootschalig", 0)),
                     "weq_in_gebieden": round(float(weq.sum())),
                     "grootste_weq": round(float(weq.max() if len(weq) else 0))})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    chosen = [float(v) for v in sys.argv[2:]] or [30.0, 50.0, 70.0]
    print(measure(folder, chosen).to_markdown(index=False))
