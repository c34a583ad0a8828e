"""Energy price paths for the TCO method: PBL's Startanalyse 2025 prices per year, relative to the price year."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import pandas as pd

from warmtekans.core.errors import InputError

PACKAGE_DATA = ("data/energieprijzen.csv",)
"""Small consumers' gas and electricity prices per year (Startanalyse 2025, ``KG_P``)."""


@dataclass(frozen=True)
class PricePath:
    """Energy prices per year of the horizon, as multipliers of today's price (1.0 = unchanged) per carrier."""

    gas: tuple[float, ...] = (1.0,)
    electricity: tuple[float, ...] = (1.0,)
    heat: tuple[float, ...] = (1.0,)

    @staticmethod
    def flat(years: int) -> "PricePath":
        return PricePath((1.0,) * years, (1.0,) * years, (1.0,) * years)

    @staticmethod
    def gas_escalation(years: int, rate: float) -> "PricePath":
        """Gas price and gas standing charge up by ``rate`` a year (seed 004: 2 %, the expected rise of the
        energy tax on gas); electricity and heat unchanged."""
        return PricePath(tuple((1 + rate) ** t for t in range(years)), (1.0,) * years, (1.0,) * years)



@functools.lru_cache(maxsize=1)
def _prices() -> pd.DataFrame:
    with resources.files("warmtekans").joinpath("data/energieprijzen.csv").open(encoding="utf-8") as handle:
        return pd.read_csv(handle).set_index("jaar")


def startanalyse_path(years: int, *, start_year: int) -> PricePath:
    """The Startanalyse 2025 price path from ``start_year`` on, as multipliers of that year's price (gas and
    electricity; heat unchanged). Years beyond the table keep its last price."""
    table = _prices()
    if start_year not in table.index:
        raise InputError(f"the Startanalyse price path has no year {start_year}; it covers "
                         f"{table.index.min()}-{table.index.max()}", path="data/energieprijzen.csv")
    wanted = [min(start_year + t, table.index.max()) for t in range(years)]
    gas = table.loc[wanted, "gas_eur_m3"] / table.at[start_year, "gas_eur_m3"]
    electricity = table.loc[wanted, "elektriciteit_eur_kwh"] / table.at[start_year, "elektriciteit_eur_kwh"]
    return PricePath(tuple(gas.round(6)), tuple(electricity.round(6)), (1.0,) * years)
