"""Cost views (eindgebruiker, nationaal), annuities and the ledger that totals an option's components."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from warmtekans.decision.kentallen import CostKentallen

RESULT_PARTS = ("investering_eur", "kapitaal_eur_jaar", "onderhoud_eur_jaar", "energie_eur_jaar",
                "totaal_eur_jaar", "elektriciteit_kwh", "gas_m3", "piek_el_kw")


def annuity(rate: float, years: float) -> float:
    """Annuity factor: the yearly payment per euro invested, r / (1 − (1 + r)^−n); 1/n when r = 0."""
    if years <= 0:
        raise ValueError("years must be positive")
    if rate == 0:
        return 1 / years
    return rate / (1 - (1 + rate) ** -years)


@dataclass(frozen=True)
class CostView:
    """How investments, taxes and energy are counted (eindgebruiker or nationaal)."""

    name: str
    vat: float
    subsidy_share: float
    own_rate: float
    own_years: int | None  # None: each component over its own lifetime
    supplier_rate: float
    supplier_years: int | None
    gas_eur_m3: float
    gas_fixed_eur_year: float
    electricity_eur_kwh: float
    lt_emitters: bool = True

    def own_annuity(self, lifetime: float) -> float:
        return annuity(self.own_rate, self.own_years or lifetime)

    def supplier_annuity(self, lifetime: float) -> float:
        years = min(lifetime, self.supplier_years) if self.supplier_years else lifetime
        return annuity(self.supplier_rate, years)

    @property
    def is_end_user(self) -> bool:
        return self.name == "eindgebruiker"


def end_user_view(k: CostKentallen, *, rate: float = 0.04, years: int = 15, supplier_rate: float = 0.06,
                  supplier_years: int = 30, subsidy: bool = True, lt_emitters: bool = True) -> CostView:
    """The resident's view: VAT, energy taxes, ISDE subsidy, own investment over ``years`` at ``rate``."""
    return CostView("eindgebruiker", vat=k["btw"] / 100, subsidy_share=k["isde_warmtepomp"] if subsidy else 0.0,
                    own_rate=rate, own_years=years, supplier_rate=supplier_rate, supplier_years=supplier_years,
                    gas_eur_m3=k["gasprijs"], gas_fixed_eur_year=k["gas_vastrecht"],
                    electricity_eur_kwh=k["elektriciteitsprijs"], lt_emitters=lt_emitters)


def national_view(k: CostKentallen, *, rate: float | None = None, lt_emitters: bool = True) -> CostView:
    """Vesta's national costs: no VAT, energy tax or subsidy; each component over its lifetime at 3 %.

    Energy prices are the end-user prices without VAT and energy tax (2024 tariffs).
    """
    rate = k["discontovoet_maatschappelijk"] if rate is None else rate
    vat = 1 + k["btw"] / 100
    return CostView("nationaal", vat=0.0, subsidy_share=0.0, own_rate=rate, own_years=None, supplier_rate=rate,
                    supplier_years=None, gas_eur_m3=k["gasprijs"] / vat - k["energiebelasting_gas"],
                    gas_fixed_eur_year=k["gas_vastrecht"] / vat,
                    electricity_eur_kwh=k["elektriciteitsprijs"] / vat - k["energiebelasting_elektriciteit"],
                    lt_emitters=lt_emitters)


def view_from_settings(k: CostKentallen, settings, name: str | None = None) -> CostView:
    """The view named ``name`` (default ``settings.view``) from a :class:`~warmtekans.config.sections.CostSettings`."""
    name = name or settings.view
    if name == "nationaal":
        return national_view(k, rate=settings.national_rate, lt_emitters=settings.lt_emitters)
    return end_user_view(k, rate=settings.end_user_rate, years=settings.end_user_years,
                         supplier_rate=settings.supplier_rate, supplier_years=settings.supplier_years,
                         subsidy=settings.heat_pump_subsidy, lt_emitters=settings.lt_emitters)


class Ledger:
    """Collects the components of one option for a set of dwellings (vectorised over an index).

    ``invest`` adds an investment (euros excl. VAT at the kentallen's price level) with its
    lifetime and yearly maintenance share; ``supplier`` marks parts a heat supplier finances;
    ``subsidised`` parts get the ISDE subsidy in the resident's view. Energy is added as
    kWh / m³ / GJ with the view's prices; ``charge`` adds a yearly tariff already incl. VAT
    (resident's view only).
    """

    def __init__(self, view: CostView, index: pd.Index) -> None:
        self.view = view
        zero = pd.Series(0.0, index=index)
        self.investment, self.capital, self.maintenance = zero.copy(), zero.copy(), zero.copy()
        self.energy, self.kwh, self.gas = zero.copy(), zero.copy(), zero.copy()
        self.peak_el = zero.copy()
        #: Per component: investment excl. VAT (kentallen euros), paid investment, capital and maintenance per year.
        self.parts: dict[str, dict[str, pd.Series]] = {}

    def invest(self, name: str, amount, *, lifetime: float, maintenance=0.0, supplier: bool = False,
               subsidised: bool = False) -> None:
        gross = amount * (1 + self.view.vat)
        paid = gross * (1 - self.view.subsidy_share) if subsidised else gross
        factor = self.view.supplier_annuity(lifetime) if supplier else self.view.own_annuity(lifetime)
        self.investment = self.investment + paid
        self.capital = self.capital + paid * factor
        self.maintenance = self.maintenance + gross * maintenance
        self.parts[name] = {"kentallen_eur": amount, "investering_eur": paid, "kapitaal_eur_jaar": paid * factor,
                            "onderhoud_eur_jaar": gross * maintenance}

    def electricity(self, kwh) -> None:
        self.kwh = self.kwh + kwh
        self.energy = self.energy + kwh * self.view.electricity_eur_kwh

    def natural_gas(self, m3) -> None:
        self.gas = self.gas + m3
        self.energy = self.energy + m3 * self.view.gas_eur_m3 + self.view.gas_fixed_eur_year

    def charge(self, euros_per_year) -> None:
        self.energy = self.energy + euros_per_year

    def yearly(self, euros_per_year_excl_vat) -> None:
        """A yearly cost excl. VAT (administration), VAT added in the resident's view."""
        self.maintenance = self.maintenance + euros_per_year_excl_vat * (1 + self.view.vat)

    def result(self) -> pd.DataFrame:
        """Totals per dwelling (columns :data:`RESULT_PARTS`); ``attrs['parts']`` holds the components."""
        total = self.capital + self.maintenance + self.energy
        result = pd.DataFrame({"investering_eur": self.investment, "kapitaal_eur_jaar": self.capital,
                             "onderhoud_eur_jaar": self.maintenance, "energie_eur_jaar": self.energy,
                             "totaal_eur_jaar": total, "elektriciteit_kwh": self.kwh, "gas_m3": self.gas,
                             "piek_el_kw": self.peak_el})
        result.attrs["parts"] = self.parts
        return result
