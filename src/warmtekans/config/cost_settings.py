"""The ``costs`` section: views, method, prices and kentallen of the cost model (docs/method.md §8)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from warmtekans.config.base import StrictModel


class CostSettings(StrictModel):
    """Yearly cost per dwelling per configuration (docs/method.md, 'Kosten').

    The kentallen (with a source per row) are in src/warmtekans/data/kosten.csv; amounts are
    indexed to ``price_year`` with the CBS consumer price index rows of that file.
    """

    kentallen: str | None = Field(None, description="Cost kentallen CSV; default: the one shipped in the package.")
    price_year: int = Field(
        2024, ge=2018, le=2024, description="Price level (year) of all euro amounts (CBS CPI index)."
    )
    dwelling_view: Literal["eindgebruiker", "nationaal"] = Field(
        "eindgebruiker",
        description="The view that decides a dwelling's and a mini cluster's option (individual "
        "heat pumps, shared loops, a building's heat pump): the resident's (taxes, subsidies, a loan), as the "
        "residents decide these themselves.",
    )
    area_view: Literal["eindgebruiker", "nationaal"] = Field(
        "nationaal",
        description="The view that decides an area network (kleinschalig, grootschalig): Vesta's "
        "national costs (no taxes or subsidies, societal discount rate), as the Leidraad and the Startanalyse do; "
        "the resident's yearly cost is shown beside it.",
    )
    method: Literal["annuiteit", "tco"] = Field(
        "annuiteit",
        description="Yearly cost as annuities of the investments plus one year of energy, or as the "
        "total cost of ownership over tco_years (reinvestments, price path) divided by the years (seed 004 §6.5.3).",
    )
    tco_years: int = Field(30, ge=5, le=60, description="Horizon of the TCO (years; seed 004: 30).")
    price_path: Literal["vast", "indexatie", "startanalyse"] = Field(
        "indexatie",
        description="Energy prices over the TCO horizon: today's ('vast'), gas price and standing "
        "charge up by the kental gasprijs_indexatie a year (seed 004: 2 %), or the Startanalyse 2025 path.",
    )
    tco_discount_rate: float = Field(
        0.0, ge=0, le=0.2, description="Discount rate of the TCO (0: a plain sum, as seed 004)."
    )
    end_user_rate: float = Field(
        0.04, ge=0, le=0.2, description="Interest on the resident's investment (seed 004: loan at 4 %)."
    )
    end_user_years: int = Field(
        15, ge=1, le=50, description="Years over which the resident's investment is spread (seed 002: 15)."
    )
    insulation_years: int = Field(
        30,
        ge=1,
        le=50,
        description="Years over which the resident spreads an insulation "
        "step: its lifetime (Vesta annualises insulation over 30 years).",
    )
    national_rate: float = Field(0.03, ge=0, le=0.2, description="Societal discount rate (Vesta: 3 %).")
    heat_pump_subsidy: bool = Field(
        True,
        description="Deduct the ISDE subsidies (30 % of heat pump and insulation, "
        "the fixed amount for a heat-network connection; seed 004) for the resident.",
    )
    lt_emitters: bool = Field(
        True, description="Count low-temperature emitters (Vesta LTAS) for every low-temperature option."
    )
    woningaanpassingen: bool = Field(
        True,
        description="Count the dwelling's adaptations of an aardgasvrij option: meter cupboard (Startanalyse 2025), "
        "the 3x25 A fee and removing the gas pipe (seed 004). Off compares heating systems alone, as seed 002 does.",
    )
    lt_min_label: Literal["A", "B", "C", "D"] = Field(
        "B",
        description="Label a dwelling needs for a low-temperature option (individual and shared heat pumps, a "
        "bronnet): a dwelling below it is costed with the insulation step to it (Startanalyse 2025 GebouwOptie: "
        "LeWPw and BeWPw have DoelLabel B).",
    )
    allow_hybrid: bool = Field(
        False,
        description="Allow the hybrid heat pump to be advised. Off by default: it keeps a gas boiler, so it is "
        "not aardgasvrij; it is always costed and shown beside the CV boiler.",
    )
    grid_spare_kw_per_dwelling: float = Field(
        0.7,
        ge=0,
        le=5,
        description="Spare low-voltage capacity per dwelling today (kW at the transformer): an option "
        "whose extra design-day peak stays below it needs no grid reinforcement (estimate, range 0-1.5).",
    )
    overrides: dict[str, float] = Field(
        default_factory=dict,
        description="Replace kentallen by parameter name (value in the file's unit and price "
        "level), e.g. {leiding_lt_per_m: 200}; at least 0 and at most 10 times the packaged value.",
    )

    @field_validator("overrides")
    @classmethod
    def _plausible(cls, overrides: dict[str, float]) -> dict[str, float]:
        negative = {name: value for name, value in overrides.items() if value < 0}
        if negative:
            name, value = next(iter(negative.items()))
            raise ValueError(f"'{name}' is {value:g}: a cost, price or share is at least 0")
        return overrides


class AdviceSettings(StrictModel):
    """When a collective option is *kansrijk* (docs/method.md §8, "Kansrijk"): ``ja`` when it is the decision,
    ``binnen marge`` when it is not but lies within the uncertainty."""

    marge_pct: float = Field(
        10.0, ge=0, le=100, description="A collective option within this share (%) of the decision's yearly cost is "
        "'binnen marge' (the Startanalyse 2025 flags strategies within 10 % and 20 % of the cheapest)."
    )
    min_kans: float = Field(
        0.1, ge=0, le=1, description="A collective option that wins in at least this share of the sensitivity draws "
        "is 'binnen marge' (estimate, range 0.05-0.25)."
    )
