"""One palette for every output: the PNG maps, the web map, the QGIS styles and the summary.

Each dwelling is drawn in the colour of its *recommended* configuration (``woningen.aanbevolen``),
each cluster in the colour of its ``configuratie``; the colours are those of the option table
(:mod:`warmtekans.decision.options`). :func:`configuration_colour` is the only way to turn a
configuration into a colour, so a configuration that is added later still gets the same (stable)
colour everywhere.
"""
from __future__ import annotations

import hashlib

import numpy as np

from warmtekans.decision.options import INDIVIDUEEL, OPTIONS, legend_colours

#: Colour per recommended configuration (ColorBrewer Dark2/Set2-based, colour-blind friendly order), by the
#: display name the results carry, in legend order.
COLOURS = legend_colours()
#: The colour of an object without advice (no dwellings; 'individueel').
NO_ADVICE = OPTIONS[INDIVIDUEEL].colour

#: Colours for configurations not in :data:`COLOURS` (picked by a hash of the name, so stable).
EXTRA_COLOURS = ["#e7298a", "#e6ab02", "#a6761d", "#1f78b4", "#fb9a99", "#6a3d9a", "#b15928", "#33a02c"]


#: Restriction zones by effect: (edge colour, matplotlib hatch, Dutch label).
RESTRICTIONS = {
    "forbidden": ("#e41a1c", "xxx", "boren verboden"),
    "restricted": ("#ff7f00", "///", "boren beperkt"),
}


SEWER = "#2b8cbe"                 # sewer pipes; line width shows the source power


#: Sewer source power classes (kW): (lower, upper, colour, line width in px/mm, label); web map and QGIS.
SEWER_CLASSES = [
    (0.0, 25.0, "#9ecae1", 1.0, "< 25 kW"),
    (25.0, 100.0, "#4292c6", 2.5, "25–100 kW"),
    (100.0, float("inf"), "#08519c", 4.5, "≥ 100 kW"),
]


ONZEKER = "#d50000"               # hatch (PNG) / dashed outline (web) where the advice is uncertain (onzeker)


MINI_STREET = "#ffd92f"           # casing under the kansrijke streets: ja (a collective option is the cheapest)
WITHIN_MARGIN_STREET = "#fdae61"  # ... binnen marge (within the uncertainty); the same in QGIS and the web map


#: Streets by "may a shared loop be drilled here" (``straten.lus_toegestaan``).
DRILLING = {"ja": "#1a9641", "beperkt": "#fdae61", "nee": "#d7191c"}


BUURT_EDGE = "#37474f"


STREET = "#9e9e9e"


#: Heat-density classes in GJ per hectare per year: (lower, upper, colour). The bounds are the
#: Pan-European Thermal Atlas / Heat Roadmap Europe classes 20, 50, 120 and 300 TJ/km²
#: (1 TJ/km² = 10 GJ/ha), used there to tell areas with and without district-heating potential.
HEAT_DENSITY_CLASSES = [
    (0.0, 200.0, "#feedde"),
    (200.0, 500.0, "#fdbe85"),
    (500.0, 1200.0, "#fd8d3c"),
    (1200.0, 3000.0, "#e6550d"),
    (3000.0, float("inf"), "#a63603"),
]


#: Share of a buurt's dwellings advised a collective option (mini, small- or large-scale network), the classes
#: of the province map, its index page and QGIS style: (lower, upper, colour, label), lower bound inclusive.
#: ColorBrewer YlGnBu (sequential, colour-blind safe); the bounds are presentation, not method.
COLLECTIVE_SHARE_CLASSES = [
    (0.0, 0.10, "#ffffcc", "< 10 %"),
    (0.10, 0.25, "#a1dab4", "10–25 %"),
    (0.25, 0.50, "#41b6c4", "25–50 %"),
    (0.50, 0.75, "#2c7fb8", "50–75 %"),
    (0.75, 1.0, "#253494", "≥ 75 %"),
]


#: A buurt without dwellings on the province maps.
NO_DWELLINGS = "#e0e0e0"


def share_class(values) -> np.ndarray:
    """Class index (0…) of each share (0–1) by :data:`COLLECTIVE_SHARE_CLASSES`; -1 where missing."""
    shares = np.asarray(values, dtype="float64")
    uppers = np.array([upper for _, upper, _, _ in COLLECTIVE_SHARE_CLASSES[:-1]])
    return np.where(np.isfinite(shares), np.searchsorted(uppers, shares, side="right"), -1)


def configuration_colour(name: object) -> str:
    """The hex colour of a configuration name; unknown names get a stable colour, missing ones 'individueel'."""
    if name is None or not isinstance(name, str) or not name:
        return NO_ADVICE
    if name in COLOURS:
        return COLOURS[name]
    digest = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16)
    return EXTRA_COLOURS[digest % len(EXTRA_COLOURS)]


def palette(names) -> dict[str, str]:
    """Colour per configuration for the names present, in the order of :data:`COLOURS` (then alphabetical)."""
    present = {n for n in names if isinstance(n, str) and n}
    ordered = [n for n in COLOURS if n in present] + sorted(present - set(COLOURS))
    return {n: configuration_colour(n) for n in ordered}


def heat_density_label(lower: float, upper: float) -> str:
    """Legend text of a heat-density class, e.g. ``200–500 GJ/ha`` or ``≥ 3 000 GJ/ha``."""
    def number(value: float) -> str:
        return f"{value:,.0f}".replace(",", " ")

    if upper == float("inf"):
        return f"≥ {number(lower)} GJ/ha"
    if lower <= 0:
        return f"< {number(upper)} GJ/ha"
    return f"{number(lower)}–{number(upper)} GJ/ha"


def dwellings_text(count: int) -> str:
    """'1 woning', '2 435 woningen': a count of dwellings for legends (thousands with a space)."""
    return f"{count:,} {'woning' if count == 1 else 'woningen'}".replace(",", " ")
