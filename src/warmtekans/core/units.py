"""Unit constants shared by the method (energy, water)."""

from __future__ import annotations

GJ_PER_KWH = 0.0036
"""Gigajoules per kilowatt-hour."""

KWH_PER_GJ = 1e6 / 3600
"""Kilowatt-hours per gigajoule."""

HOURS_PER_YEAR = 8760.0

CP_WATER_KJ_PER_KG_K = 4.187
"""Specific heat of (waste)water, kJ/(kg K)."""
