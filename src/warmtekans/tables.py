"""Small table helpers shared by several stages."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from warmtekans import RD_CRS


def most_common(frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """The most frequent value of ``column`` per ``key`` (ties: the smallest value), vectorised."""
    counts = frame.groupby([key, column], observed=True).size().rename("n").reset_index()
    counts = counts.sort_values([key, "n", column], ascending=[True, False, True]).drop_duplicates(key)
    return counts.set_index(key)[column]


def empty_layer(dtypes: dict[str, str]) -> gpd.GeoDataFrame:
    """A layer with no rows but the given columns and types (for a missing optional input)."""
    return gpd.GeoDataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()},
                            geometry=gpd.GeoSeries([], crs=RD_CRS), crs=RD_CRS)
