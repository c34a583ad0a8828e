"""Small table helpers shared by several layers."""

from __future__ import annotations

import pandas as pd


def most_common(frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """The most frequent value of ``column`` per ``key`` (ties: the smallest value), vectorised."""
    counts = frame.groupby([key, column], observed=True).size().rename("n").reset_index()
    counts = counts.sort_values([key, "n", column], ascending=[True, False, True]).drop_duplicates(key)
    return counts.set_index(key)[column]
