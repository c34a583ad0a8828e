"""Coordinate reference systems: RD New inside, and a short label for any CRS found in an input."""

from __future__ import annotations

from typing import Any

RD_CRS = "EPSG:28992"
"""RD New (Amersfoort / RD New): every processed layer and result is in this CRS."""


def crs_text(crs: Any) -> str:
    """A short CRS label such as ``EPSG:4326``, else the CRS name."""
    try:
        from pyproj import CRS

        parsed = CRS.from_user_input(crs)
        epsg = parsed.to_epsg()
        return f"EPSG:{epsg}" if epsg else parsed.name
    except Exception:  # noqa: BLE001 - any unparsable CRS is still worth reporting as text
        return str(crs)
