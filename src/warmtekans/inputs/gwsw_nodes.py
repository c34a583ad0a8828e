"""GWSW node types that end a sewer's dry-weather flow: pumps, treatment plants and outfalls.

Shared by the GeoPackage/WFS reader (:mod:`warmtekans.inputs.gwsw`) and the Turtle reader
(:mod:`warmtekans.inputs.gwsw_orox`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: GWSW node types (last URI part or label, lower case, no spaces) where dry-weather flow leaves the gravity
#: network: pumps and treatment plants first, then outfalls (``lozingspunt_soort``; docs/method.md, "Sewer heat").
OUTLET_KINDS = {
    "gemaal": ("rioolgemaal", "gemaal", "pompput", "pompunit", "pomp", "pompunitrioolgemaal"),
    "rwzi": ("rwzi", "zuivering", "rioolwaterzuiveringsinstallatie"),
    "uitlaat": ("uitlaat", "uitlaatconstructie", "lozingsconstructie", "lozingspunt"),
}


def outlet_kind(value) -> str | None:
    """'gemaal', 'rwzi', 'uitlaat' or None for a GWSW node type (URI or label)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).rstrip("/").rsplit("/", 1)[-1].replace(" ", "").replace("_", "").lower()
    for kind, names in OUTLET_KINDS.items():
        if text in names:
            return kind
    return None
