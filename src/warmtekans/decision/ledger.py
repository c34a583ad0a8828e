"""Cost views (eindgebruiker, nationaal), the cost method (annuity or TCO) and the ledger that totals an option.

An option is a list of *components*: an investment with a lifetime and a yearly maintenance share, owned by
the resident or financed by a heat supplier, plus energy (gas, electricity, heat) and yearly charges. The
:class:`Ledger` collects them per dwelling (vectorised over a frame index) and turns them into euros per year
by one of two methods (:class:`CostMethod`, docs/method.md §8):

* ``annuiteit``: every investment as an annuity over its period (the resident's loan, or each component's
  lifetime in the national view), plus maintenance and one year of energy at today's prices;
* ``tco``: the total cost of ownership over ``years`` (seed 004 §6.5.3): the investment now and again at the
  end of each lifetime within the horizon, maintenance and energy for every year with the price path, the
  supplier's parts as the yearly payments that recover them, discounted at ``discount_rate`` (0: a plain
  sum, as the seed); reported per year (TCO / years) so both methods fill the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from warmtekans.decision.kentallen import CostKentallen
from warmtekans.decision.prices import PricePath, startanalyse_path

#: Prefix of the columns that hold a result's terms (:attr:`Ledger.terms`).
TERM = "t|"

RESULT_PARTS = ("investering_eur", "kapitaal_eur_jaar", "onderhoud_eur_jaar", "energie_eur_jaar",
                "totaal_eur_jaar", "elektriciteit_kwh", "gas_m3", "warmte_gj", "piek_el_kw", "netverzwaring_eur_jaar")


def annuity(rate: float, years: float) -> float:
    """Annuity factor: the yearly payment per euro invested, r / (1 − (1 + r)^−n); 1/n when r = 0."""
    if years <= 0:
        raise ValueError("years must be positive")
    if rate == 0:
        return 1 / years
    return rate / (1 - (1 + rate) ** -years)


@dataclass(frozen=True)
class CostMethod:
    """How yearly costs are formed: ``annuiteit`` or ``tco`` over ``years`` with ``prices`` and ``discount_rate``."""

    name: str = "annuiteit"
    years: int = 30
    prices: PricePath = field(default_factory=lambda: PricePath.flat(30))
    discount_rate: float = 0.0

    @property
    def is_tco(self) -> bool:
        return self.name == "tco"

    def discount(self) -> np.ndarray:
        """The discount factor of each year 1..years (1 when the rate is 0)."""
        return (1 + self.discount_rate) ** -np.arange(1, self.years + 1, dtype=float)

    def energy_factor(self, carrier: str) -> float:
        """Σ over the horizon of the year's price multiplier × discount, for ``gas``, ``electricity`` or ``heat``."""
        path = np.asarray(getattr(self.prices, carrier), dtype=float)
        path = np.resize(path, self.years) if len(path) != self.years else path
        return float((path * self.discount()).sum())

    def total_cost(self, initial: float, replacements: list[tuple[float, float]] | tuple = (),
                   yearly: dict[str, float] | None = None) -> float:
        """The TCO of one option from its parts: ``initial`` (paid now), ``replacements`` (year, amount) within the
        horizon, and ``yearly`` euros of today per carrier (``gas``, ``electricity``, ``heat``, or ``vast`` for
        what follows no price path), each year at its price multiplier, all discounted."""
        discount = 1 + self.discount_rate
        total = initial + sum(amount * discount ** -year for year, amount in replacements if year < self.years)
        for carrier, euros in (yearly or {}).items():
            factor = float(self.discount().sum()) if carrier == "vast" else self.energy_factor(carrier)
            total += euros * factor
        return total

    def reinvestment_factor(self, lifetime: float) -> float:
        """1 (now) + the discounted replacements at each multiple of ``lifetime`` within the horizon."""
        times = np.arange(lifetime, self.years, lifetime) if lifetime < self.years else np.array([])
        return 1.0 + float(((1 + self.discount_rate) ** -times).sum())


ANNUITY = CostMethod()


@dataclass(frozen=True)
class CostView:
    """How investments, taxes and energy are counted (eindgebruiker or nationaal).

    Prices are per unit (gas €/m³, electricity €/kWh, heat €/GJ) and the gas standing charge €/yr; ``vat``
    is added to investments and maintenance (``insulation_vat`` to insulation); subsidies are shares of the
    subsidised investments (heat pumps, insulation).
    """

    name: str
    vat: float
    insulation_vat: float
    heat_pump_subsidy: float
    insulation_subsidy: float
    own_rate: float
    own_years: int | None  # None: each component over its own lifetime
    supplier_rate: float
    gas_eur_m3: float
    gas_fixed_eur_year: float
    electricity_eur_kwh: float
    method: CostMethod = ANNUITY
    lt_emitters: bool = True
    dwelling_adaptations: bool = True
    insulation_years: int | None = None  # None: like any own investment

    def own_annuity(self, lifetime: float, years: float | None = None) -> float:
        return annuity(self.own_rate, years or self.own_years or lifetime)

    def supplier_annuity(self, lifetime: float) -> float:
        return annuity(self.supplier_rate, lifetime)

    @property
    def is_end_user(self) -> bool:
        return self.name == "eindgebruiker"


def end_user_view(k: CostKentallen, *, rate: float = 0.04, years: int = 15, subsidy: bool = True,
                  lt_emitters: bool = True,
                  method: CostMethod = ANNUITY, dwelling_adaptations: bool = True,
                  insulation_years: int | None = 30) -> CostView:
    """The resident's view: VAT, energy taxes, ISDE subsidies, own investment over ``years`` at ``rate`` (an
    insulation step over ``insulation_years``). A resident never finances a supplier's part: the tariffs stand
    for it (:mod:`warmtekans.decision.networks`)."""
    return CostView("eindgebruiker", vat=k["btw"] / 100, insulation_vat=k["btw_isolatie"] / 100,
                    heat_pump_subsidy=k["isde_warmtepomp"] if subsidy else 0.0,
                    insulation_subsidy=k["isde_isolatie"] if subsidy else 0.0,
                    own_rate=rate, own_years=years, supplier_rate=rate,
                    gas_eur_m3=k["gasprijs"], gas_fixed_eur_year=k["gas_vastrecht"],
                    electricity_eur_kwh=k["elektriciteitsprijs"], method=method, lt_emitters=lt_emitters,
                    dwelling_adaptations=dwelling_adaptations, insulation_years=insulation_years)


def national_view(k: CostKentallen, *, rate: float | None = None, lt_emitters: bool = True,
                  method: CostMethod = ANNUITY, dwelling_adaptations: bool = True) -> CostView:
    """Vesta's national costs: no VAT, energy tax or subsidy; each component over its lifetime at 3 %.

    Energy prices are the end-user prices without VAT and energy tax (2024 tariffs); the gas standing
    charge without VAT.
    """
    rate = k["discontovoet_maatschappelijk"] if rate is None else rate
    vat = 1 + k["btw"] / 100
    return CostView(
        "nationaal",
        vat=0.0,
        insulation_vat=0.0,
        heat_pump_subsidy=0.0,
        insulation_subsidy=0.0,
        own_rate=rate,
        own_years=None,
        supplier_rate=rate,
        gas_eur_m3=k["gasprijs"] / vat - k["energiebelasting_gas"],
        gas_fixed_eur_year=k["gas_vastrecht"] / vat,
        electricity_eur_kwh=k["elektriciteitsprijs"] / vat - k["energiebelasting_elektriciteit"],
        method=method,
        lt_emitters=lt_emitters,
        dwelling_adaptations=dwelling_adaptations,
    )


def cost_method(k: CostKentallen, settings) -> CostMethod:
    """The :class:`CostMethod` of a :class:`~warmtekans.config.cost_settings.CostSettings`."""
    if settings.method != "tco":
        return ANNUITY
    years = settings.tco_years
    if settings.price_path == "indexatie":
        prices = PricePath.gas_escalation(years, k["gasprijs_indexatie"])
    elif settings.price_path == "startanalyse":
        prices = startanalyse_path(years, start_year=settings.price_year)
    else:
        prices = PricePath.flat(years)
    return CostMethod("tco", years, prices, settings.tco_discount_rate)


def view_from_settings(k: CostKentallen, settings, name: str) -> CostView:
    """The view named ``name`` (``eindgebruiker`` or ``nationaal``) of a
    :class:`~warmtekans.config.cost_settings.CostSettings`."""
    method = cost_method(k, settings)
    if name == "nationaal":
        return national_view(
            k,
            rate=settings.national_rate,
            lt_emitters=settings.lt_emitters,
            method=method,
            dwelling_adaptations=settings.woningaanpassingen,
        )
    return end_user_view(
        k,
        rate=settings.end_user_rate,
        years=settings.end_user_years,
        subsidy=settings.heat_pump_subsidy,
        lt_emitters=settings.lt_emitters,
        method=method,
        dwelling_adaptations=settings.woningaanpassingen,
        insulation_years=settings.insulation_years,
    )


class Ledger:
    """Collects the components of one option for a set of dwellings (vectorised over an index).

    ``invest`` adds an investment (euros excl. VAT at the kentallen's price level) with its lifetime and yearly
    maintenance share; ``supplier`` marks parts a heat supplier finances (recovered at the supplier's rate);
    ``subsidy`` is the share the resident gets back (ISDE; resident's view only). Energy is added as kWh, m³
    gas or GJ heat with the view's prices; ``charge`` adds a yearly tariff already incl. VAT (resident's view
    only), with the carrier whose price path it follows.
    """

    def __init__(self, view: CostView, index: pd.Index) -> None:
        self.view = view
        self.index = index
        zero = pd.Series(0.0, index=index)
        self.investment, self.capital, self.maintenance = zero.copy(), zero.copy(), zero.copy()
        self.kwh, self.gas, self.heat = zero.copy(), zero.copy(), zero.copy()
        self.energy_by_carrier = {"gas": zero.copy(), "electricity": zero.copy(), "heat": zero.copy()}
        self.peak_el = zero.copy()
        #: Per component: investment excl. VAT (kentallen euros), paid investment, capital and maintenance per year.
        self.parts: dict[str, dict[str, pd.Series]] = {}
        #: The yearly cost split into terms the sensitivity draws scale (:mod:`warmtekans.decision.draws`):
        #: ``kap|<category>|<finance>``, ``ond|<category>``, ``el|<family>``, ``gas|var``, ``gas|vast``,
        #: ``warmte|<kind>``, ``vast|<carrier>``; ``info|`` terms are inputs of a draw, not euros.
        self.terms: dict[str, pd.Series] = {}

    def _term(self, key: str, value) -> None:
        value = self._series(value) if not isinstance(value, pd.Series) else value
        self.terms[key] = self.terms[key] + value if key in self.terms else value.astype(float)

    def _finance(self, lifetime: float, loan_years: float | None, supplier: bool) -> str:
        """How a part's capital is annualised, so a draw of the rate or the loan period can rescale it."""
        if self.view.method.is_tco:
            return "tco"
        if supplier or self.view.own_years is None:
            return f"lev{lifetime:g}"
        return f"lening{(loan_years or self.view.own_years):g}"

    def _series(self, value) -> pd.Series:
        return value if isinstance(value, pd.Series) else pd.Series(value, index=self.index, dtype=float)

    def invest(
        self,
        name: str,
        amount,
        *,
        lifetime: float,
        maintenance=0.0,
        supplier: bool = False,
        subsidy: float | pd.Series = 0.0,
        vat: float | None = None,
        loan_years: float | None = None,
        category: str | dict[str, pd.Series] | None = None,
    ) -> None:
        """Add an investment; ``category`` names the kental whose range a sensitivity draw applies (``None``: no
        range), or maps kentallen to the share of ``amount`` each stands for."""
        amount = self._series(amount).astype(float)
        gross = amount * (1 + (self.view.vat if vat is None else vat))
        paid = gross * (1 - subsidy)
        method = self.view.method
        if supplier:
            yearly = paid * self.view.supplier_annuity(lifetime)
            capital = yearly * method.discount().sum() / method.years if method.is_tco else yearly
        elif method.is_tco:
            replacements = (method.reinvestment_factor(lifetime) - 1.0) * gross
            capital = (paid + replacements) / method.years
        else:
            capital = paid * self.view.own_annuity(lifetime, loan_years)
        upkeep = gross * maintenance
        if method.is_tco:
            upkeep = upkeep * method.discount().sum() / method.years
        self.investment = self.investment + paid
        self.capital = self.capital + capital
        self.maintenance = self.maintenance + upkeep
        shares = category if isinstance(category, dict) else {category or "vast": 1.0}
        finance = self._finance(lifetime, loan_years, supplier)
        for key, share in shares.items():
            self._term(f"kap|{key}|{finance}", capital * share)
            self._term(f"ond|{key}", upkeep * share)
        self.parts[name] = {
            "kentallen_eur": amount,
            "investering_eur": paid,
            "kapitaal_eur_jaar": capital,
            "onderhoud_eur_jaar": upkeep,
        }

    def _energy(self, carrier: str, euros_today) -> pd.Series:
        method = self.view.method
        factor = method.energy_factor(carrier) / method.years if method.is_tco else 1.0
        euros = self._series(euros_today) * factor
        self.energy_by_carrier[carrier] = self.energy_by_carrier[carrier] + euros
        return euros

    def electricity(self, kwh, *, paid: bool = True, family: str | None = None) -> None:
        """Electricity use (kWh), at the view's price when ``paid`` (a supplier's pumps: counted, not billed);
        ``family`` names the heat pump whose SPF it follows (a draw of that SPF rescales it)."""
        self.kwh = self.kwh + kwh
        if paid:
            euros = self._energy("electricity", kwh * self.view.electricity_eur_kwh)
            self._term(f"el|{family or 'overig'}", euros)

    def natural_gas(self, m3, *, connection: bool = True) -> None:
        """Gas use (m³) at the view's price, and the gas connection's standing charge when ``connection``."""
        self.gas = self.gas + m3
        self._term("gas|var", self._energy("gas", m3 * self.view.gas_eur_m3))
        if connection:
            self._term("gas|vast", self._energy("gas", self._series(self.view.gas_fixed_eur_year)))

    def heat_purchase(self, gj, eur_per_gj, *, kind: str = "tarief") -> None:
        """Heat bought at ``eur_per_gj`` (``tarief``: the resident's tariff incl. VAT; ``inkoop``: a source's price
        nationally)."""
        self.heat = self.heat + gj
        self._term(f"warmte|{kind}", self._energy("heat", gj * eur_per_gj))

    def charge(self, euros_per_year, *, carrier: str = "heat") -> None:
        """A yearly tariff (already incl. VAT) that follows ``carrier``'s price path."""
        self._term(f"vast|{carrier}", self._energy(carrier, self._series(euros_per_year)))

    def yearly(self, euros_per_year_excl_vat) -> None:
        """A yearly cost excl. VAT (administration), VAT added in the resident's view."""
        upkeep = self._series(euros_per_year_excl_vat) * (1 + self.view.vat)
        method = self.view.method
        if method.is_tco:
            upkeep = upkeep * method.discount().sum() / method.years
        self.maintenance = self.maintenance + upkeep
        self._term("ond|beheer", upkeep)

    def info(self, key: str, value) -> None:
        """A per-dwelling input of a sensitivity draw (not euros), e.g. the grid peak: ``info|<key>``."""
        self.terms[f"info|{key}"] = self._series(value).astype(float)

    @property
    def energy(self) -> pd.Series:
        return sum(self.energy_by_carrier.values())

    def _part_yearly(self, name: str) -> pd.Series:
        """Capital and maintenance per year of component ``name`` (0 where the option has none)."""
        part = self.parts.get(name)
        if part is None:
            return pd.Series(0.0, index=self.index)
        return part["kapitaal_eur_jaar"] + part["onderhoud_eur_jaar"]

    def result(self) -> pd.DataFrame:
        """Totals per dwelling (columns :data:`RESULT_PARTS`); ``attrs['parts']`` holds the components."""
        energy = self.energy
        total = self.capital + self.maintenance + energy
        result = pd.DataFrame(
            {
                "investering_eur": self.investment,
                "kapitaal_eur_jaar": self.capital,
                "onderhoud_eur_jaar": self.maintenance,
                "energie_eur_jaar": energy,
                "totaal_eur_jaar": total,
                "elektriciteit_kwh": self.kwh,
                "gas_m3": self.gas,
                "warmte_gj": self.heat,
                "piek_el_kw": self.peak_el,
                "netverzwaring_eur_jaar": self._part_yearly("netverzwaring"),
            }
        )
        for key, value in self.terms.items():
            result[f"{TERM}{key}"] = value.reindex(self.index).astype(float).to_numpy()
        result.attrs["parts"] = self.parts
        return result
