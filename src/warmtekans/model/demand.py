"""Heat demand per dwelling from the PBL Vesta MAIS 5.0 kentallen.

Space heating (ruimteverwarming, RV) and tap water (TW), in GJ functional heat per year:

    RV = rv_gj_vast + rv_gj_per_m2 × clamp(m², 50, 200)
    TW = tw_gj_vast

per Vesta dwelling type × bouwjaar class × label class (A..G, or N for 'no registered
label': the average unlabelled dwelling of that type and age). Source: PBL, Vesta MAIS 5.0,
data/20201202_Woningen_BAG.csv (shared/data/kentallen/heat_demand_dwellings.csv); the
climate factor is not applied (its grids are not public).

Peak connection capacity (kW), Vesta ``model/Kengetallen/Vermogens.dms``:
RV eengezins 4.055 + 0.035·m², meergezins 2.195 + 0.035·m²; TW 2 kW eengezins and
4 kW meergezins (as coded in Vesta, see the kentallen README caveat 5).
"""
from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from warmtekans.core.errors import InputError

PACKAGE_DATA = ("data/heat_demand.csv", "data/verschilfactor.csv.gz")
"""The packaged heat-demand table (read when ``kentallen`` is not set) and the local demand correction."""

LABEL_ORDER = ["A", "B", "C", "D", "E", "F", "G"]


VESTA_TYPE = {
    "vrijstaand": "vrijstaand",
    "twee_onder_een_kap": "2 onder 1 kap",
    "hoekwoning": "rijwoning hoek",
    "tussenwoning": "rijwoning tussen",
}


VESTA_LAAG = "meergezins: laag en midden"


VESTA_HOOG = "meergezins: hoog"


PEAK_RV_FIXED_KW = {"eengezins": 4.055, "meergezins": 2.195}


PEAK_RV_PER_M2_KW = 0.035


PEAK_TW_KW = {"eengezins": 2.0, "meergezins": 4.0}


#: Package data this module reads (hashed into the code version of the rules that use it).
PACKAGE_DATA = ("data/heat_demand.csv",)

TABLE_COLUMNS = ["woningtype_vesta", "bouwjaar_van", "bouwjaar_tot", "energielabel", "rv_gj_vast", "rv_gj_per_m2",
                 "tw_gj_vast"]


def load_kentallen(path: str | Path | None = None) -> pd.DataFrame:
    """Load the heat-demand table (the packaged one by default)."""
    if path is None:
        with resources.files("warmtekans").joinpath("data/heat_demand.csv").open(encoding="utf-8") as handle:
            table = pd.read_csv(handle)
        source = "warmtekans/data/heat_demand.csv"
    else:
        if not Path(path).exists():
            raise InputError("the kentallen file does not exist", path=path)
        table = pd.read_csv(path)
        source = str(path)
    for column in TABLE_COLUMNS:
        if column not in table.columns:
            raise InputError("required column is missing", path=source, column=column)
    table["bouwjaar_van"] = table["bouwjaar_van"].fillna(-10_000).astype(int)
    table["bouwjaar_tot"] = table["bouwjaar_tot"].fillna(10_000).astype(int)
    return table


def vesta_type(woningtype: pd.Series, storeys: pd.Series, *, high_rise_min_storeys: int) -> pd.Series:
    """Vesta dwelling class; apartments split on the pand's storeys (hoog = more than 4)."""
    mapped = woningtype.map(VESTA_TYPE)
    apartment = woningtype == "appartement"
    high = storeys.fillna(0) >= high_rise_min_storeys
    mapped = mapped.where(~apartment, np.where(high, VESTA_HOOG, VESTA_LAAG))
    return mapped.astype("string")


def _coefficients(table: pd.DataFrame, types: pd.Series, bouwjaar: pd.Series, labels: pd.Series) -> pd.DataFrame:
    """Look up the coefficient row for each dwelling (aligned on the input index)."""
    keys = pd.DataFrame({"woningtype_vesta": types.astype(object), "bouwjaar": bouwjaar.astype("float"),
                         "energielabel": labels.astype(object)})
    classes = table[["bouwjaar_van", "bouwjaar_tot"]].drop_duplicates().sort_values("bouwjaar_van")
    bounds = classes["bouwjaar_tot"].to_numpy()
    position = np.searchsorted(bounds, keys["bouwjaar"].fillna(1950).to_numpy(), side="left")
    position = np.clip(position, 0, len(bounds) - 1)
    keys["bouwjaar_van"] = classes["bouwjaar_van"].to_numpy()[position]
    merged = keys.merge(table, how="left", on=["woningtype_vesta", "bouwjaar_van", "energielabel"])
    merged.index = keys.index
    return merged


def heat_demand(
    table: pd.DataFrame,
    *,
    types: pd.Series,
    bouwjaar: pd.Series,
    labelklasse: pd.Series,
    floor_area_m2: pd.Series,
    area_min: float = 50,
    area_max: float = 200,
) -> pd.DataFrame:
    """Annual heat demand (GJ/yr) per dwelling.

    Parameters
    ----------
    table
        Kentallen from :func:`load_kentallen`.
    types
        Vesta dwelling class per dwelling (:func:`vesta_type`).
    bouwjaar
        Construction year.
    labelklasse
        A..G, or N (unknown).
    floor_area_m2
        BAG gebruiksoppervlakte (m²); clamped to ``area_min``..``area_max`` as Vesta does.

    Returns
    -------
    DataFrame with ``rv_gj``, ``tw_gj`` and ``warmtevraag_gj`` (GJ/yr).
    """
    coefficients = _coefficients(table, types, bouwjaar, labelklasse)
    missing = coefficients["rv_gj_vast"].isna()
    if missing.any():
        example = coefficients.loc[missing, ["woningtype_vesta", "bouwjaar", "energielabel"]].iloc[0].to_dict()
        raise InputError(f"no kentallen row for {int(missing.sum())} dwellings, e.g. {example}")
    area = floor_area_m2.astype("float").fillna(100).clip(area_min, area_max)
    rv = coefficients["rv_gj_vast"] + coefficients["rv_gj_per_m2"] * area
    tw = coefficients["tw_gj_vast"]
    return pd.DataFrame({"rv_gj": rv, "tw_gj": tw, "warmtevraag_gj": rv + tw}, index=types.index)


def equivalent_label(table: pd.DataFrame, *, types: pd.Series, bouwjaar: pd.Series,
                     floor_area_m2: pd.Series) -> pd.Series:
    """Estimate the label letter of an unlabelled dwelling.

    The registered label (A..G) of the same type and age whose space-heating demand is
    closest to the Vesta 'N' (unlabelled average) demand.
    """
    reference = heat_demand(table, types=types, bouwjaar=bouwjaar, labelklasse=pd.Series("N", index=types.index),
                            floor_area_m2=floor_area_m2)["rv_gj"]
    distances = {}
    for label in LABEL_ORDER:
        rv = heat_demand(table, types=types, bouwjaar=bouwjaar, labelklasse=pd.Series(label, index=types.index),
                         floor_area_m2=floor_area_m2)["rv_gj"]
        distances[label] = (rv - reference).abs()
    return pd.DataFrame(distances).idxmin(axis=1).astype("string")


@functools.lru_cache(maxsize=1)
def _verschilfactor() -> pd.Series:
    with resources.files("warmtekans").joinpath("data/verschilfactor.csv.gz").open("rb") as handle:
        table = pd.read_csv(handle, compression="gzip", dtype={"buurtcode": "string", "woningtype_vesta": "string"})
    return table.set_index(["buurtcode", "woningtype_vesta"])["verschilfactor"]


def local_demand_factor(buurtcode: pd.Series, types: pd.Series) -> pd.Series:
    """The Startanalyse 2025 ``verschilfactor`` of each dwelling's buurt and Vesta type: modelled demand →
    metered use in 2020 (a local calibration, PBL ``20241016_Lokale_Praktijkfactor_Referentieverbruik``).

    Keyed on the 2020 CBS buurtcodes; NaN where the buurt (a newer code, or a generated sample) or its type
    has no factor.
    """
    table = _verschilfactor()
    keys = pd.MultiIndex.from_arrays([buurtcode.astype("string").fillna(""), types.astype("string").fillna("")])
    return pd.Series(table.reindex(keys).to_numpy(dtype=float), index=buurtcode.index)


def _family(woningtype: pd.Series) -> pd.Series:
    return pd.Series(np.where(woningtype == "appartement", "meergezins", "eengezins"), index=woningtype.index)


def peak_space_heating_kw(woningtype: pd.Series, floor_area_m2: pd.Series, *, area_min: float = 50,
                          area_max: float = 200) -> pd.Series:
    """Space-heating connection capacity (kW): fixed part per family + 0.035 kW/m² (Vesta Vermogens.dms)."""
    area = floor_area_m2.astype("float").fillna(100).clip(area_min, area_max)
    return _family(woningtype).map(PEAK_RV_FIXED_KW) + PEAK_RV_PER_M2_KW * area


def peak_kw(woningtype: pd.Series, floor_area_m2: pd.Series, *, area_min: float = 50,
            area_max: float = 200) -> pd.Series:
    """Connection capacity (kW) per dwelling: space heating + tap water (Vesta Vermogens.dms)."""
    space = peak_space_heating_kw(woningtype, floor_area_m2, area_min=area_min, area_max=area_max)
    return space + _family(woningtype).map(PEAK_TW_KW)
