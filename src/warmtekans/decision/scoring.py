"""An explainable 0–100 score per cluster and network type, built from named criteria.

A criterion is a pure function ``(clusters: DataFrame) -> Series`` of raw values (in its
own unit), registered with :func:`criterion`. The config gives, per network type, each
criterion's ``weight`` and the raw values that count as ``poor`` (0) and ``good`` (1);
values in between are interpolated linearly and clipped to 0..1. The score is

    score = 100 × Σ wᵢ·cᵢ / Σ wᵢ

over the criteria whose inputs are available and whose value is known; a score missing a
criterion is flagged ``score_onvolledig`` (or, with ``missing_input: als_slechtst``, the
unknown criterion counts as 0). Each component
``cᵢ`` is stored in the results as ``c_<name>``, so a municipality can see why a cluster
scores as it does.

Adding a criterion (see docs/method.md, "Adding a criterion")::

    @criterion("afstand_tot_school", unit="m", description="...")
    def afstand_tot_school(clusters):
        return clusters["afstand_school_m"]

then add ``afstand_tot_school: {weight: 1, poor: 1000, good: 100}`` under
``scoring.mini`` in the config, and a test.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from warmtekans.config.sections import CriterionSettings
from warmtekans.core.errors import ConfigError


@dataclass(frozen=True)
class Criterion:
    """A registered scoring criterion."""

    name: str
    function: Callable[[pd.DataFrame], pd.Series]
    unit: str
    description: str
    needs_any: tuple[str, ...] = ()  # at least one of these inputs must be available


CRITERIA: dict[str, Criterion] = {}


def criterion(name: str, *, unit: str, description: str, needs_any: tuple[str, ...] = ()):
    """Register a criterion function under ``name`` (decorator)."""

    def register(function: Callable[[pd.DataFrame], pd.Series]) -> Callable[[pd.DataFrame], pd.Series]:
        CRITERIA[name] = Criterion(name, function, unit, description, needs_any)
        return function

    return register


def unregister(name: str) -> None:
    """Remove a criterion (for tests and plug-ins)."""
    CRITERIA.pop(name, None)


@criterion("warmtedichtheid", unit="GJ/m/jaar",
           description="Lineaire warmtedichtheid: warmtevraag per meter tracé.")
def warmtedichtheid(clusters: pd.DataFrame) -> pd.Series:
    """Linear heat density (GJ per metre of trench per year)."""
    return clusters["warmtedichtheid_gj_m"]


@criterion("woningen_per_lus", unit="woningen",
           description="Woningen per bodemlus: hoe meer woningen een lus deelt, hoe beter de vraag past (seed 001).")
def woningen_per_lus(clusters: pd.DataFrame) -> pd.Series:
    """Dwellings sharing one closed loop."""
    return clusters["woningen_per_lus"]


@criterion("gemiddeld_label", unit="label (A=1 … G=7)",
           description="Gemiddeld energielabel: beter geïsoleerde woningen passen bij lage temperatuur.")
def gemiddeld_label(clusters: pd.DataFrame) -> pd.Series:
    """Mean label index of the cluster's dwellings (A=1 … G=7)."""
    return clusters["gemiddeld_label_index"]


@criterion("beperkingen", unit="aandeel",
           description="Aandeel woningen in een verbods- (telt 1) of beperkingsgebied (telt ½) voor boren.",
           needs_any=("drinkwater", "archeologie"))
def beperkingen(clusters: pd.DataFrame) -> pd.Series:
    """Weighted share of dwellings where drilling is forbidden (1) or restricted (0.5)."""
    return clusters["aandeel_verboden"] + 0.5 * clusters["aandeel_beperkt"]


@criterion("riothermie_dekking", unit="aandeel",
           description="Deel van de warmtevraag dat riothermie toegewezen krijgt "
                       "(elke rioolleiding één keer verdeeld).",
           needs_any=("riool",))
def riothermie_dekking(clusters: pd.DataFrame) -> pd.Series:
    """Share of the cluster's heat demand allocated to it from a sewer segment (each segment's potential
    is shared out once, see warmtekans.model.sources)."""
    allocated = clusters["riothermie_toegewezen_gj"] if "riothermie_toegewezen_gj" in clusters \
        else pd.Series(0.0, index=clusters.index)
    return (allocated.fillna(0) / clusters["warmtevraag_gj"]).clip(upper=1.0)


@criterion("bron_dekking", unit="aandeel",
           description="Deel van de warmtevraag dat de genoemde warmtebron levert (toegewezen, elke bron één keer).",
           needs_any=("riool", "warmtenet_gepland", "wko_geschiktheid", "oppervlaktewater", "puntbronnen"))
def bron_dekking(clusters: pd.DataFrame) -> pd.Series:
    """Share of the cluster's demand covered by its named heat source (0 for 'bron onbekend')."""
    share = clusters["bron_dekking"] if "bron_dekking" in clusters else pd.Series(0.0, index=clusters.index)
    return share.astype(float).fillna(0.0)


@criterion("interferentie", unit="systemen",
           description="Aantal geregistreerde bodemenergiesystemen binnen de interferentieafstand (seed 003).",
           needs_any=("bodemenergiesystemen",))
def interferentie(clusters: pd.DataFrame) -> pd.Series:
    """Registered ground-energy systems within the interference distance of the cluster."""
    return clusters["bodemenergiesystemen_nabij"].astype(float)


@criterion("omvang_weq", unit="WEQ", description="Omvang van het gebied in woningequivalenten.")
def omvang_weq(clusters: pd.DataFrame) -> pd.Series:
    """Number of woningequivalenten."""
    return clusters["weq"]


@criterion("kostenvoordeel", unit="euro/woning/jaar",
           description="Hoeveel goedkoper de beste collectieve optie is dan de beste individuele (negatief = duurder).")
def kostenvoordeel(clusters: pd.DataFrame) -> pd.Series:
    """Best individual option's yearly cost per dwelling minus the best collective option's (docs/method.md §8).

    No feasible collective option counts as poor (−∞, known); without cost fields it is unknown.
    """
    if "kostenvoordeel_eur_jaar" not in clusters:
        return pd.Series(np.nan, index=clusters.index)
    return clusters["kostenvoordeel_eur_jaar"].astype(float).fillna(-np.inf)


def normalise(raw: pd.Series, settings: CriterionSettings) -> pd.Series:
    """Map raw values linearly to 0..1 between ``poor`` (0) and ``good`` (1), clipped."""
    return ((raw.astype(float) - settings.poor) / (settings.good - settings.poor)).clip(0.0, 1.0)


def score(clusters: pd.DataFrame, criteria: dict[str, CriterionSettings], available_inputs: set[str],
          missing_input: str = "markeren") -> pd.DataFrame:
    """Score clusters with the configured criteria.

    A criterion is *unknown* for a cluster when its input is not configured or its raw value
    is missing. Unknown is not fine: ``missing_input = "markeren"`` scores over the known
    criteria and flags the score (``score_onvolledig``); ``"als_slechtst"`` counts an unknown
    criterion as 0 (poor). Either way ``criteria_onbekend`` names them.

    Returns a frame indexed like ``clusters`` with ``c_<name>`` per criterion (0..1, NaN
    when unknown), ``score`` (0–100), ``score_onvolledig`` and ``criteria_onbekend``.
    """
    unknown = sorted(set(criteria) - set(CRITERIA))
    if unknown:
        raise ConfigError(f"unknown scoring criteria {unknown}; registered: {', '.join(sorted(CRITERIA))}")
    result = pd.DataFrame(index=clusters.index)
    weighted = pd.Series(0.0, index=clusters.index)
    weights = pd.Series(0.0, index=clusters.index)
    missing = pd.DataFrame(index=clusters.index)
    for name, settings in criteria.items():
        spec = CRITERIA[name]
        if spec.needs_any and not (set(spec.needs_any) & available_inputs):
            component = pd.Series(np.nan, index=clusters.index)
        else:
            component = normalise(spec.function(clusters), settings)
        result[f"c_{name}"] = component.round(3)
        known = component.notna()
        missing[name] = ~known & (settings.weight > 0)
        weighted += component.fillna(0.0) * settings.weight
        weights += (known if missing_input == "markeren" else True) * settings.weight
    result["score"] = (100.0 * weighted / weights.where(weights > 0)).round(1)
    result["score_onvolledig"] = missing.any(axis=1).astype(bool)
    result["criteria_onbekend"] = pd.Series(
        [", ".join(missing.columns[row]) for row in missing.to_numpy()], index=clusters.index, dtype="string")
    return result
