"""Sensitivity draws as an array dimension: every option's yearly cost again for each draw of what decides.

An option's cost per dwelling is a sum of *terms* (:attr:`warmtekans.decision.ledger.Ledger.terms`): capital and
maintenance per kental category and way of financing, electricity per heat-pump family, gas, heat and fixed
charges. A draw multiplies each term by what it depends on — an investment by its kental's drawn share of its
range, capital by the drawn interest and loan period, electricity by the drawn price and SPF, gas and heat by
their drawn prices — so the cost of ``D`` draws is ``D`` weighted sums of the same terms, not ``D`` cost models.
The grid is costed again for the drawn spare capacity, a loop for the drawn extraction rates (docs/method.md,
"Sensitivity").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from warmtekans.decision.costs import GRID, INSULATION
from warmtekans.decision.kentallen import CostKentallen
from warmtekans.decision.ledger import TERM, annuity

#: Loop categories also follow the borehole metres a drawn extraction rate needs.
LOOP_SUFFIX = "@"


@dataclass(frozen=True)
class Draws:
    """``n`` seeded draws: each factor an array of length ``n``.

    ``kental`` maps a kentallen parameter to its drawn multiplier (1 = the configured value); ``spf`` a heat-pump
    family to its SPF multiplier; ``price`` a carrier (``gas``, ``elektriciteit``, ``warmte_tarief``,
    ``warmte_inkoop``) to its price multiplier; ``rate``/``years`` the resident's loan and ``national_rate`` the
    societal discount rate; ``insulation`` the position (0–1) in each step's min–max range; ``spare_kw`` the
    grid's spare capacity per dwelling; ``loop_energy``/``loop_peak`` the multipliers of the borehole metres
    sized on the yearly extraction and on the peak.
    """

    n: int
    kental: dict[str, np.ndarray]
    spf: dict[str, np.ndarray]
    price: dict[str, np.ndarray]
    rate: np.ndarray
    years: np.ndarray
    national_rate: np.ndarray
    insulation: np.ndarray
    spare_kw: np.ndarray
    loop_energy: np.ndarray
    loop_peak: np.ndarray


#: The drawn quantities that are not single settings, each with its range (multipliers of the configured
#: value; docs/method.md, "Sensitivity"): the SPF of each heat-pump family and the energy prices.
#: The SPF kental of each heat-pump family; its range in kosten.csv where it has one, else
#: ``sensitivity.spf_factor`` (the individual heat pumps: one SPF per label, no range in the Startanalyse).
SPF_KENTALLEN = {"lucht": "lucht_wp_spf", "bodem": "bodem_wp_spf", "hybride": "hybride_wp_spf",
                 "collectief_lucht": "collectieve_lucht_wp_spf", "collectief_bron": "collectieve_bron_wp_spf",
                 "bronnet": "bronnet_spf_rv"}
PRICE_KENTALLEN = {"gas": "gasprijs", "elektriciteit": "elektriciteitsprijs", "warmte_tarief": "warmteprijs_mt",
                   "warmte_inkoop": "warmte_inkoop_per_gj"}


def sample(k: CostKentallen, settings, n: int, seed: int) -> Draws:
    """``n`` uniform draws of every range, seeded (the same seed, the same draws).

    ``settings`` is the :class:`~warmtekans.config.method.MethodSettings`: its ``sensitivity`` section gives the
    SPF factors and the ranges of single settings (``costs.end_user_rate``, ``costs.grid_spare_kw_per_dwelling``,
    ``loops.extraction_w_per_m`` …); the kentallen's own ``laag``/``hoog`` give the investment and price ranges.
    Each quantity has its own random stream (by name), so adding a range does not move the others' draws.
    """
    sensitivity, costs = settings.sensitivity, settings.costs

    def uniform(name: str, low: float, high: float) -> np.ndarray:
        stream = np.random.default_rng([seed, *name.encode()])
        return stream.uniform(low, high, size=n)

    def relative(name: str, value: float) -> np.ndarray:
        low, high = sensitivity.ranges.get(name, (value, value))
        return uniform(name, low, high) / value if value else np.ones(n)

    kental = {}
    for name, (low, high) in k.ranges.items():
        if k[name] > 0:
            kental[name] = uniform(f"kental:{name}", low / k[name], high / k[name])
    for path, (low, high) in sensitivity.ranges.items():  # estimates drawn through costs.overrides
        if path.startswith("costs.overrides."):
            name = path.removeprefix("costs.overrides.")
            kental[name] = uniform(f"kental:{name}", low / k[name], high / k[name]) if k[name] else np.ones(n)
    spf = {family: kental[name] if name in kental else uniform(f"spf:{family}", *sensitivity.spf_factor[family])
           for family, name in SPF_KENTALLEN.items()}
    price = {carrier: kental.get(name, np.ones(n)) for carrier, name in PRICE_KENTALLEN.items()}
    # nationally the same drawn consumer price without VAT and energy tax: a larger relative swing
    for carrier, name, tax in (("gas", "gasprijs", "energiebelasting_gas"),
                               ("elektriciteit", "elektriciteitsprijs", "energiebelasting_elektriciteit")):
        vat = 1 + k["btw"] / 100
        base = k[name] / vat - k[tax]
        price[f"{carrier}_nationaal"] = (price[carrier] * k[name] / vat - k[tax]) / base if base else price[carrier]
    loops = settings.loops
    energy = relative("loops.extraction_kwh_per_m_year", loops.extraction_kwh_per_m_year)
    hours = relative("loops.full_load_hours", loops.full_load_hours)
    peak = relative("loops.extraction_w_per_m", loops.extraction_w_per_m)
    return Draws(
        n=n, kental=kental, spf=spf, price=price,
        rate=relative("costs.end_user_rate", costs.end_user_rate) * costs.end_user_rate,
        years=np.round(relative("costs.end_user_years", costs.end_user_years) * costs.end_user_years),
        national_rate=relative("costs.national_rate", costs.national_rate) * costs.national_rate,
        insulation=uniform("isolatie", 0.0, 1.0),
        spare_kw=relative("costs.grid_spare_kw_per_dwelling", costs.grid_spare_kw_per_dwelling)
        * costs.grid_spare_kw_per_dwelling,
        # metres sized on the yearly extraction grow with the full-load hours and shrink with kWh per metre
        loop_energy=hours / energy, loop_peak=1.0 / peak,
    )


def unit(n: int) -> Draws:
    """``n`` draws that change nothing (every multiplier 1, the configured rates): for checks."""
    ones = np.ones(n)
    return Draws(n=n, kental={}, spf={}, price={}, rate=np.full(n, np.nan), years=np.full(n, np.nan),
                 national_rate=np.full(n, np.nan), insulation=np.full(n, np.nan), spare_kw=np.full(n, np.nan),
                 loop_energy=ones, loop_peak=ones)


@dataclass(frozen=True)
class TermArrays:
    """The terms of one option's cost frame as numpy arrays, read once for all blocks of draws.

    ``terms``: (kind, rest, values per row) of every non-zero cost term; ``info``: the ``info|`` columns (NaN kept);
    ``grid_base``: (finance, values) of the grid's capital term at the configured spare capacity, if any.
    """

    rows: int
    applies: np.ndarray
    terms: tuple[tuple[str, str, np.ndarray], ...]
    info: dict[str, np.ndarray]
    grid_base: tuple[str, np.ndarray] | None


def term_arrays(frame: pd.DataFrame) -> TermArrays:
    """The cost terms of ``frame`` (an :func:`~warmtekans.decision.option_costs.option_costs` result) as arrays.

    Reads the columns from a copy without ``attrs``: a frame whose ``attrs`` hold the cost components would
    deep-copy them on every column access."""
    plain = _plain(frame)
    values = {column: plain[column].to_numpy(dtype=float, na_value=np.nan)
              for column in plain.columns if column.startswith(TERM)}
    terms, info = [], {}
    for column, array in values.items():
        kind, _, rest = column[len(TERM):].partition("|")
        if kind == "info":
            info[rest] = array
            continue
        filled = np.nan_to_num(array, nan=0.0)
        if filled.any():
            terms.append((kind, rest, filled))
    grid = next(((column.rsplit("|", 1)[1], np.nan_to_num(array, nan=0.0)) for column, array in values.items()
                 if column.startswith(f"{TERM}kap|{GRID}|")), None)
    return TermArrays(rows=len(plain), applies=plain["totaal_eur_jaar"].notna().to_numpy(), terms=tuple(terms),
                      info=info, grid_base=grid)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without ``attrs`` (a shallow copy; pandas deep-copies attrs on every operation)."""
    if not frame.attrs:
        return frame
    plain = frame.copy(deep=False)
    plain.attrs = {}
    return plain


def totals(frame: pd.DataFrame | TermArrays, draws: Draws, view, loop_metres: pd.DataFrame | None = None
           ) -> np.ndarray:
    """The yearly cost of one option for every draw and dwelling (``draws.n`` × rows of ``frame``), from the
    terms of ``frame`` (an :func:`~warmtekans.decision.option_costs.option_costs` result in ``view``, or its
    :func:`term_arrays`); NaN where the option does not apply. ``loop_metres`` (``boormeters_energie_m``,
    ``boormeters_piek_m`` per row) lets a loop follow the drawn extraction rates."""
    arrays = frame if isinstance(frame, TermArrays) else term_arrays(_plain(frame))
    result = np.zeros((draws.n, arrays.rows))
    metres = _metres_factor(loop_metres, draws) if loop_metres is not None and any(
        LOOP_SUFFIX in rest for _, rest, _ in arrays.terms) else None
    per_draw, per_draw_values = [], []  # terms whose factor depends on the draw only: one matrix product
    for kind, rest, values in arrays.terms:
        factor = _multiplier(kind, rest, arrays, draws, view, metres)
        if factor.shape[1] == 1:
            per_draw.append(factor[:, 0])
            per_draw_values.append(values)
        else:
            result += factor * values
    if per_draw:
        result += np.column_stack(per_draw) @ np.vstack(per_draw_values)
    if "net_piek_kw" in arrays.info:
        result += _grid(arrays, draws, view)
    result[:, ~arrays.applies] = np.nan
    return result


def _multiplier(kind: str, rest: str, arrays: TermArrays, draws: Draws, view, metres: np.ndarray | None
                ) -> np.ndarray:
    """The factor (draws × 1, or draws × rows) of one term; ``metres`` the drawn loop metres over the configured
    ones (draws × rows, :func:`_metres_factor`), or ``None``."""
    if kind == "kap":
        category, _, finance = rest.partition("|")
        if category == GRID:
            return np.zeros((draws.n, 1))  # costed again by _grid
        return _investment(category, arrays, draws, metres) * _finance(finance, draws, view)[:, None]
    if kind == "ond":
        return _investment(rest, arrays, draws, metres)
    suffix = "" if view.is_end_user else "_nationaal"
    if kind == "el":
        price = draws.price.get(f"elektriciteit{suffix}", np.ones(draws.n))
        spf = draws.spf.get(rest, np.ones(draws.n)) if rest != "overig" else np.ones(draws.n)
        return (price / spf)[:, None]
    if kind == "gas":
        return (draws.price.get(f"gas{suffix}", np.ones(draws.n)) if rest == "var" else np.ones(draws.n))[:, None]
    if kind == "warmte":
        return draws.price.get(f"warmte_{rest}", np.ones(draws.n))[:, None]
    return np.ones((draws.n, 1))  # fixed charges and anything without a range


def _investment(category: str, arrays: TermArrays, draws: Draws, metres: np.ndarray | None) -> np.ndarray:
    """The drawn multiplier of an investment category: a product of kentallen (``a*b``), the insulation step's
    own range, and for a loop part (``<kental>@meter``/``@boring``) the drawn borehole metres."""
    if category == INSULATION:
        ones = np.ones(arrays.rows)
        low = np.nan_to_num(arrays.info.get("isolatie_laag", ones), nan=1.0)
        high = np.nan_to_num(arrays.info.get("isolatie_hoog", ones), nan=1.0)
        position = np.nan_to_num(draws.insulation, nan=0.5)[:, None]
        return low[None, :] + position * (high - low)[None, :]
    names, _, loop = category.partition(LOOP_SUFFIX)
    factor = np.ones((draws.n, 1))
    for name in names.split("*"):
        factor = factor * draws.kental.get(name, np.ones(draws.n))[:, None]
    if loop and metres is not None:
        factor = factor * metres
    return factor


def _metres_factor(loop_metres: pd.DataFrame, draws: Draws) -> np.ndarray:
    """Per draw and dwelling: the borehole metres it needs under the drawn extraction rates over the configured
    metres (the larger of the energy- and the peak-sized metres, docs/method.md §4)."""
    energy = loop_metres["boormeters_energie_m"].to_numpy(dtype=float)
    peak = loop_metres["boormeters_piek_m"].to_numpy(dtype=float)
    base = np.fmax(energy, peak)
    drawn = np.fmax(energy[None, :] * draws.loop_energy[:, None], peak[None, :] * draws.loop_peak[:, None])
    return np.where(base[None, :] > 0, drawn / np.where(base > 0, base, 1.0)[None, :], 1.0)


def _finance(finance: str, draws: Draws, view) -> np.ndarray:
    """Capital at the drawn rate (and loan period) over capital at the configured one."""
    if finance == "tco" or finance == "":
        return np.ones(draws.n)
    if finance.startswith("lening"):
        years = float(finance.removeprefix("lening"))
        drawn_years = np.where(years == view.own_years, draws.years, years)  # the loan; insulation keeps its years
        rate = draws.rate
        base = annuity(view.own_rate, years)
    else:
        years = float(finance.removeprefix("lev"))
        drawn_years = np.full(draws.n, years)
        rate = draws.national_rate
        base = annuity(view.own_rate, years)
    rate = np.where(np.isnan(rate), view.own_rate, rate)
    drawn_years = np.where(np.isnan(drawn_years), years, drawn_years)
    return np.array([annuity(r, y) for r, y in zip(rate, drawn_years)]) / base


def _grid(arrays: TermArrays, draws: Draws, view) -> np.ndarray:
    """The grid reinforcement for the drawn spare capacity (national view): the LV cable when the option's extra
    peak exceeds it, and the MV station share above it, annualised over 30 years at the drawn rate."""
    zeros = np.zeros(arrays.rows)
    peak = np.nan_to_num(arrays.info.get("net_piek_kw", zeros), nan=0.0)
    cable = np.nan_to_num(arrays.info.get("net_kabel_eur", zeros), nan=0.0)
    station = np.nan_to_num(arrays.info.get("net_station_eur_per_kw", zeros), nan=0.0)
    finance = arrays.grid_base[0] if arrays.grid_base else "lev30"
    years = float(finance.removeprefix("lev")) if finance.startswith("lev") else 30.0
    spare = draws.spare_kw[:, None]
    if np.isnan(spare).all() or not finance.startswith("lev"):  # configured spare capacity, or a TCO: as it is
        return np.repeat(arrays.grid_base[1][None, :], draws.n, axis=0) if arrays.grid_base \
            else np.zeros((draws.n, arrays.rows))
    ones = np.ones(draws.n)
    cable_factor = draws.kental.get("lsnet_verzwaren_per_m", ones)[:, None]
    station_factor = draws.kental.get("ms_ruimte", ones)[:, None]
    investment = np.where(peak[None, :] > spare, cable[None, :], 0.0) * cable_factor \
        + np.maximum(peak[None, :] - spare, 0.0) * station[None, :] * station_factor
    rate = np.where(np.isnan(draws.national_rate), view.own_rate, draws.national_rate)
    factor = np.array([annuity(r, years) for r in rate])[:, None]
    return investment * factor
