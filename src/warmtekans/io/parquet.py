"""Reading and atomically writing the processed data (GeoParquet)."""

from __future__ import annotations

import os

import geopandas as gpd
import pandas as pd

from warmtekans.core.atomic import atomic_path


def write_parquet(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write a (Geo)DataFrame as (Geo)Parquet, atomically."""
    with atomic_path(path) as tmp:
        frame.to_parquet(tmp, index=False)


def read_geoparquet(path: str | os.PathLike, columns: list[str] | None = None) -> gpd.GeoDataFrame:
    """Read a GeoParquet file written by this workflow; with ``columns`` only those of them the file has, and
    its geometry (faster for wide tables)."""
    if columns is None:
        return gpd.read_parquet(path)
    import json

    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    geometry = json.loads(schema.metadata[b"geo"])["primary_column"]
    wanted = [name for name in dict.fromkeys([*columns, geometry]) if name in schema.names]
    return gpd.read_parquet(path, columns=wanted)
