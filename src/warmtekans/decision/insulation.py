"""Insulation before low temperature: the step from a dwelling's label to the label an option needs.

Low-temperature options (individual and shared heat pumps, a bronnet) need ``costs.lt_min_label`` (default
B: the Startanalyse 2025 building options LeWPw and BeWPw have DoelLabel B); a dwelling below it is costed
with the insulation step to it, and its space heating after the step (``rv_gj_label_<L>``, computed with
the demand in ``model.dwellings``). 70 °C options (CV boiler, hybrid, collective heat pumps to 70 °C, MT
networks) need no step.

Step cost per dwelling = ``Ki_S<van><naar>_asl`` + ``Ki_S<van><naar>_opp`` × floor area (m², clamped to
50–200 as for demand), the middle of the ``_min``/``_max`` pair, per Vesta type × bouwjaar class (PBL,
Startanalyse 2025, ``data/20241112_Woningen_BAG.csv``; packaged as ``data/isolatiestappen.csv``).
"""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np
import pandas as pd

from warmtekans.model.demand import LABEL_ORDER

PACKAGE_DATA = ("data/isolatiestappen.csv",)
"""The Startanalyse 2025 insulation steps to labels D, C and B."""

#: Columns :func:`insulation_step` returns.
STEP_COLUMNS = ("isolatie_nodig", "label_na_isolatie", "isolatie_eur", "isolatie_eur_laag", "isolatie_eur_hoog",
                "rv_gj_na_isolatie")


@functools.lru_cache(maxsize=1)
def step_table() -> pd.DataFrame:
    """The packaged steps, with ``bouwjaar_van``/``_tot`` open ends as −10 000 / 10 000."""
    with resources.files("warmtekans").joinpath("data/isolatiestappen.csv").open(encoding="utf-8") as handle:
        table = pd.read_csv(handle)
    table["bouwjaar_van"] = table["bouwjaar_van"].fillna(-10_000).astype(int)
    table["bouwjaar_tot"] = table["bouwjaar_tot"].fillna(10_000).astype(int)
    return table


def worse_than(labels: pd.Series, target: str) -> pd.Series:
    """Whether each label (A–G) is worse than ``target``; unknown labels count as not worse."""
    rank = {letter: position for position, letter in enumerate(LABEL_ORDER)}
    return labels.astype("string").str[:1].map(rank).astype(float).gt(rank[target]).fillna(False).astype(bool)


def insulation_step(dwellings: pd.DataFrame, target: str, *, area_min: float = 50.0,
                    area_max: float = 200.0) -> pd.DataFrame:
    """The insulation step of each dwelling to label ``target`` (no step when it is already there or better).

    ``dwellings`` needs ``labelklasse`` (A–G), ``woningtype_vesta``, ``bouwjaar``, ``oppervlakte`` and
    ``rv_gj``; ``rv_gj_label_<target>`` when the dwellings table has it (else the demand is unchanged).
    Returns :data:`STEP_COLUMNS`: whether a step is needed, the label after it, its cost (euros excl. VAT,
    price level 2024; the middle of Vesta's range, and the range) and the space heating after it (GJ/yr).
    """
    needed = worse_than(dwellings["labelklasse"], target)
    result = pd.DataFrame(index=dwellings.index)
    result["isolatie_nodig"] = needed
    result["label_na_isolatie"] = dwellings["labelklasse"].astype("string").where(~needed, target)
    for column in ("isolatie_eur", "isolatie_eur_laag", "isolatie_eur_hoog"):
        result[column] = 0.0
    after = f"rv_gj_label_{target}"
    rv_after = dwellings[after] if after in dwellings else dwellings["rv_gj"]
    result["rv_gj_na_isolatie"] = dwellings["rv_gj"].where(~needed, rv_after.fillna(dwellings["rv_gj"])).astype(float)
    if needed.any():
        low, high = _step_costs(dwellings[needed], target, area_min, area_max)
        result.loc[needed, "isolatie_eur_laag"] = low
        result.loc[needed, "isolatie_eur_hoog"] = high
        result.loc[needed, "isolatie_eur"] = (low + high) / 2
    return result


def _step_costs(
    dwellings: pd.DataFrame, target: str, area_min: float, area_max: float
) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) step cost per dwelling (euros); 0 where the table has no step (108 cells are 0 in Vesta)."""
    table = step_table()
    table = table[table["naar_label"] == target]
    classes = table[["bouwjaar_van", "bouwjaar_tot"]].drop_duplicates().sort_values("bouwjaar_van")
    bounds = classes["bouwjaar_tot"].to_numpy()
    years = dwellings["bouwjaar"].astype("float").fillna(1950).to_numpy()
    position = np.clip(np.searchsorted(bounds, years, side="left"), 0, len(bounds) - 1)
    keys = pd.DataFrame(
        {
            "woningtype_vesta": dwellings["woningtype_vesta"].astype(object).to_numpy(),
            "bouwjaar_van": classes["bouwjaar_van"].to_numpy()[position],
            "van_label": dwellings["labelklasse"].astype("string").str[:1].astype(object).to_numpy(),
        }
    )
    merged = keys.merge(table, how="left", on=["woningtype_vesta", "bouwjaar_van", "van_label"])
    area = dwellings["oppervlakte"].astype(float).fillna(100.0).clip(area_min, area_max).to_numpy()
    low = (merged["eur_min_asl"] + merged["eur_min_opp"] * area).to_numpy(dtype=float)
    high = (merged["eur_max_asl"] + merged["eur_max_opp"] * area).to_numpy(dtype=float)
    return np.nan_to_num(np.maximum(low, 0.0)), np.nan_to_num(np.maximum(high, 0.0))
