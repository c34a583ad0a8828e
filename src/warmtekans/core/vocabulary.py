"""The heat sources every layer names: one table with the key code uses and the names people read.

Code compares and stores *keys* (``warmtebron_sleutel``, ``soort_sleutel``); the Dutch names in the
results (``warmtebron``, ``soort``, the source inside ``kleinschalig warmtenet (…)``) and their colours
are looked up here, never parsed back. The options (individual heat pump, shared loop, networks) have
their own table in :mod:`warmtekans.decision.options`, which uses this one for the source of a network.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Keys of the heat sources (``warmtebron_sleutel``, ``soort_sleutel``).
ONBEKEND = "onbekend"
WARMTENET_GEPLAND = "warmtenet_gepland"
RIOOL_WKO = "riothermie_wko"
RIOOL_DIRECT = "riothermie"
OPEN_WKO = "open_wko"
TEO = "teo"
RESTWARMTE = "restwarmte"
#: An area network without a named source: collective heat pumps on outside air.
BUITENLUCHT = "buitenlucht"


@dataclass(frozen=True)
class HeatSource:
    """One kind of heat source for an area network.

    ``name`` is its ``warmtebron`` / ``soort`` text in the results (point sources add their own soort:
    ``restwarmte (RWZI)``); ``network_name`` the name inside ``kleinschalig warmtenet (…)`` and
    ``network_colour`` that configuration's colour, both ``None`` where no bronnet is costed on it (a
    planned large network is joined, not built); ``needs_aquifer``: the source needs an open WKO
    (aquifer) to buffer or deliver its heat; ``low_temperature``: it feeds a bronnet (own heat pumps in the
    dwellings) rather than a 70 °C network.
    """

    key: str
    name: str
    network_name: str | None
    network_colour: str | None
    needs_aquifer: bool
    low_temperature: bool = True


HEAT_SOURCES: dict[str, HeatSource] = {source.key: source for source in (
    HeatSource(RIOOL_WKO, "riothermie met WKO", "riothermie met WKO", "#7570b3", True),
    HeatSource(RIOOL_DIRECT, "riothermie (direct, zonder WKO)", "riothermie", "#8c84c0", False),
    HeatSource(OPEN_WKO, "open WKO", "open WKO", "#9e9ac8", True),
    HeatSource(TEO, "aquathermie (TEO)", "aquathermie", "#beaed4", True),
    HeatSource(RESTWARMTE, "restwarmte", "restwarmte", "#dadaeb", False),
    HeatSource(BUITENLUCHT, "buitenlucht (collectieve warmtepomp)", "buitenlucht", "#cab2d6", False, False),
    HeatSource(WARMTENET_GEPLAND, "warmtenet (gepland)", None, None, False, False),
    HeatSource(ONBEKEND, "bron onbekend", None, None, False, False),
)}

#: Low-temperature sources a bronnet (a kleinschalig network with a heat pump per dwelling) is costed on.
NETWORK_SOURCES = tuple(key for key, source in HEAT_SOURCES.items() if source.network_name and source.low_temperature)
#: Every source a kleinschalig network can be named after, in the order their colours are listed.
NAMED_NETWORK_SOURCES = tuple(key for key, source in HEAT_SOURCES.items() if source.network_name)


def source_name(key: str, soort: str | None = None) -> str:
    """The ``warmtebron`` text of source ``key``; a point source of restwarmte names its own soort."""
    if key == RESTWARMTE and soort:
        return f"restwarmte ({soort})"
    return HEAT_SOURCES[key].name


#: WKO suitability of the ground under a source or area (``wko_bodem``).
WKO_SUITABLE = "geschikt"
WKO_UNSUITABLE = "ongeschikt"
WKO_UNCHECKED = "niet gecontroleerd"
