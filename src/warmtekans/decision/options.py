"""The heating options: one table with every name, scale and colour the results use.

Code works with the *key* of an option (``goedkoopste``, the suffix of ``kosten_eur_jaar_<key>``); the
display name (``aanbevolen``, ``configuratie``, legends), the short name in reason texts, the network
scale, the colour (maps, web map, QGIS styles) and how the Wet collectieve warmte applies all come from
:data:`OPTIONS`. A kleinschalig warmtenet carries its heat source in its name and colour
(:func:`display_name`, :func:`legend_colours`; sources in :mod:`warmtekans.core.vocabulary`).

Adding an option: a row here, its cost function in :mod:`warmtekans.decision.costs`, its feasibility in
:func:`warmtekans.decision.advice.feasibility`, and a test (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from warmtekans.core.vocabulary import HEAT_SOURCES, NAMED_NETWORK_SOURCES, NETWORK_SOURCES
from warmtekans.model.scales import SCALE_LARGE, SCALE_MINI, SCALE_SMALL

#: Option keys (field names: ``kosten_eur_jaar_<key>``).
CV = "cv_ketel"
LUCHT = "luchtwarmtepomp"
BODEM = "bodemwarmtepomp"
HYBRIDE = "hybride_warmtepomp"
GEDEELD = "gedeelde_bodemlus"
RINGNET = "ringnet"
COLL_LUCHT = "collectieve_luchtwarmtepomp"
KLEIN = "kleinschalig_warmtenet"
GROOT = "grootschalig_warmtenet"
#: ``aanbevolen`` of a non-residential object that joins no network (it is not costed).
INDIVIDUEEL = "individueel"

SCALE_INDIVIDUAL = "individueel"
SCALE_REFERENCE = "referentie"

#: How the Wet collectieve warmte (Wcw) applies to an option: not at all (one dwelling's own
#: installation), by number of connections (collective heat supply), or as the setting
#: ``clusters.wcw_shared_loops`` says (a shared loop where each dwelling keeps its own heat pump, seed 001).
WCW_NONE = "geen"
WCW_BY_CONNECTIONS = "per aansluiting"
WCW_SHARED_SOURCE = "gedeelde bron"


@dataclass(frozen=True)
class Option:
    """One heating option: ``key`` for code, ``name`` in the results, ``short`` in reasons, its network
    ``scale``, its ``colour`` (``None``: never drawn, the gas reference), how the Wcw applies and whether it
    can be recommended (the CV boiler is only the reference)."""

    key: str
    name: str
    short: str
    scale: str
    colour: str | None
    wcw: str
    recommendable: bool


#: Every option; the recommendable ones in tie-break order (equal costs: the first wins).
OPTIONS: dict[str, Option] = {option.key: option for option in (
    Option(CV, "CV-ketel (aardgas)", "CV-ketel", SCALE_REFERENCE, None, WCW_NONE, False),
    Option(LUCHT, "individuele luchtwarmtepomp", "luchtwarmtepomp", SCALE_INDIVIDUAL, "#bdbdbd", WCW_NONE, True),
    Option(BODEM, "individuele bodemwarmtepomp", "eigen bodemlus", SCALE_INDIVIDUAL, "#e6ab02", WCW_NONE, True),
    Option(HYBRIDE, "hybride warmtepomp", "hybride warmtepomp", SCALE_INDIVIDUAL, "#fdb462", WCW_NONE, True),
    Option(GEDEELD, "gedeelde bodemlus", "gedeelde bodemlus", SCALE_MINI, "#1b9e77", WCW_SHARED_SOURCE, True),
    Option(RINGNET, "bodemlussen op ringnet", "bodemlussen op ringnet", SCALE_MINI, "#66a61e", WCW_SHARED_SOURCE, True),
    Option(COLL_LUCHT, "collectieve luchtwarmtepomp", "collectieve luchtwarmtepomp", SCALE_MINI, "#a6d854",
           WCW_BY_CONNECTIONS, True),
    Option(KLEIN, "kleinschalig warmtenet", "kleinschalig warmtenet", SCALE_SMALL, None, WCW_BY_CONNECTIONS, True),
    Option(GROOT, "grootschalig warmtenet", "grootschalig warmtenet", SCALE_LARGE, "#d95f02", WCW_BY_CONNECTIONS, True),
    Option(INDIVIDUEEL, "individueel", "individueel", SCALE_INDIVIDUAL, "#eeeeee", WCW_NONE, False),
)}

#: Every option that is costed (all but the non-residential objects' 'individueel').
COSTED = tuple(key for key in OPTIONS if key != INDIVIDUEEL)
#: The options a dwelling or cluster can be advised, in tie-break order.
CHOICES = tuple(key for key, option in OPTIONS.items() if option.recommendable)
COLLECTIVE = tuple(key for key in CHOICES if OPTIONS[key].scale != SCALE_INDIVIDUAL)
MINI_OPTIONS = tuple(key for key in CHOICES if OPTIONS[key].scale == SCALE_MINI)
AREA_OPTIONS = tuple(key for key in CHOICES if OPTIONS[key].scale in (SCALE_SMALL, SCALE_LARGE))
#: Options whose shared parts are a ground loop with an own heat pump per dwelling.
SHARED_SOURCE_OPTIONS = tuple(key for key in CHOICES if OPTIONS[key].wcw == WCW_SHARED_SOURCE)
#: Options that need the low-temperature label (``costs.lt_min_label``): an own water or air heat pump with LT
#: emitters. A kleinschalig warmtenet needs it on an LT source (a bronnet), not on outside air (70 °C).
LOW_TEMPERATURE = (LUCHT, BODEM, GEDEELD, RINGNET)
#: Network scale of each recommendable option (``aanbevolen_schaal``).
SCALE_OF = {key: OPTIONS[key].scale for key in CHOICES}

#: ``aanbevolen`` of a dwelling for which no individual option fits (no room for an outdoor unit nor an own
#: borehole) while its cluster took no shared one.
NO_OPTION = "geen aardgasvrije optie haalbaar"
#: ``configuratie`` of a cluster without dwellings (only non-residential objects): not costed.
NO_DWELLINGS = "niet berekend (geen woningen)"


def display_name(option: str, source: str | None = None) -> str:
    """The option's name in the results; a kleinschalig warmtenet names its costed source (key of
    :data:`~warmtekans.core.vocabulary.HEAT_SOURCES`), e.g. 'kleinschalig warmtenet (riothermie met WKO)'."""
    if option == KLEIN and isinstance(source, str) and source in NAMED_NETWORK_SOURCES:
        return f"{OPTIONS[KLEIN].name} ({HEAT_SOURCES[source].network_name})"
    return OPTIONS[option].name


def needs_low_temperature(option: str | None, source: str | None = None) -> bool:
    """Whether ``option`` (on ``source`` for a kleinschalig warmtenet) needs the low-temperature label."""
    if option == KLEIN:
        return isinstance(source, str) and source in NETWORK_SOURCES
    return option in LOW_TEMPERATURE


def short_name(option: str) -> str:
    """The option's name in reason texts, e.g. 'eigen bodemlus'."""
    return OPTIONS[option].short


def legend_colours() -> dict[str, str]:
    """Colour per display name, in legend order: mini options, the kleinschalig networks per source, the large
    network, then the individual options and 'individueel'."""
    order = [*MINI_OPTIONS, KLEIN, GROOT, BODEM, HYBRIDE, LUCHT, INDIVIDUEEL]
    colours: dict[str, str] = {}
    for key in order:
        if key == KLEIN:
            colours.update({display_name(KLEIN, source): HEAT_SOURCES[source].network_colour
                            for source in NAMED_NETWORK_SOURCES})
        elif OPTIONS[key].colour:
            colours[OPTIONS[key].name] = OPTIONS[key].colour
    return colours
