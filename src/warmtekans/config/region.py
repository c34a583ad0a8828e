"""A regio (a province, or any set of gemeenten) as one result: its name, its shared inputs, ``gemeenten: alle``.

A regio's ``inputs`` cover all its gemeenten at once (a province-wide BAG, EP-online, zones, sewers,
OSM extract and the CBS wijk- en buurtkaart); every gemeente reads the same files and the prepare
rules cut them to the gemeente's buurten (their bounding box, then the buurten themselves). An
input under ``areas.<code>.inputs`` replaces the regio's input of that name for that gemeente only
(``null`` there: not available for that gemeente).

:func:`resolve_region` turns a validated config with a regio into one with an explicit list of
gemeenten, each with a complete ``areas`` entry (name from the buurten file, inputs merged), so
everything downstream (input functions, parameters, provenance) works as for a hand-written config.
It is pure: the pipeline reads the gemeentecodes from the buurten file and passes them in.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from warmtekans.config.areas import AreaConfig, AreaInputs, overlay_inputs
from warmtekans.config.base import GEMEENTE_PATTERN, StrictModel
from warmtekans.core.errors import ConfigError

if TYPE_CHECKING:
    from warmtekans.config.models import Config

#: ``gemeenten: alle``: every gemeente present in ``regio.inputs.buurten``.
ALL_GEMEENTEN = "alle"


#: A regio code names a folder beside the gemeenten (``results/<code>/``): letters, digits, '-' and '_'.
REGION_CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,39}$"


class RegionConfig(StrictModel):
    """The regio whose gemeenten are merged into ``results/<code>/`` (the rule merge_region)."""

    code: str = Field(description="Short code of the regio, the name of its results folder, e.g. 'PV27'.")
    naam: str = Field(description="Name of the regio on the maps and in the table, e.g. 'Noord-Holland'.")
    inputs: AreaInputs | None = Field(
        None, description="Inputs that cover every gemeente of the regio, configured once (same keys as "
        "areas.<code>.inputs); each gemeente is cut from them by its buurten. An input under "
        "areas.<code>.inputs replaces the one here for that gemeente. 'gemeenten: alle' needs 'buurten'.")

    @field_validator("code")
    @classmethod
    def _code(cls, code: str) -> str:
        if not re.fullmatch(REGION_CODE_PATTERN, code):
            raise ValueError(f"'{code}' is not a usable regio code: letters, digits, '-' or '_', starting with a "
                             "letter (it names the folder results/<code>/), e.g. PV27")
        if re.fullmatch(GEMEENTE_PATTERN, code):
            raise ValueError(f"'{code}' is a gemeentecode; give the regio its own code, e.g. PV27")
        return code


def uses_region_buurten(config: "Config", code: str) -> bool:
    """Whether gemeente ``code`` takes its buurten from ``regio.inputs.buurten`` (not its own, a sample's or a
    download's)."""
    region = config.regio
    if region is None or region.inputs is None or region.inputs.buurten is None:
        return False
    area = config.areas.get(code)
    if area is None:
        return True
    if area.sample or area.download:
        return False
    return area.inputs is None or "buurten" not in area.inputs.model_fields_set


def resolve_region(config: "Config", gemeenten_in_buurten: dict[str, str] | None = None, *,
                   buurten_path: str | None = None) -> "Config":
    """The config with its regio resolved: an explicit, sorted list of gemeenten for ``gemeenten: alle``, and an
    ``areas`` entry per gemeente with its name and its inputs (the regio's, with the area's on top).

    ``gemeenten_in_buurten`` maps every gemeentecode in ``regio.inputs.buurten`` to its name (read by the
    pipeline; ``None`` when the regio has no buurten file). Raises :class:`ConfigError` naming a listed
    gemeente that takes its buurten from that file but is not in it.
    """
    from warmtekans.config.models import Config

    region = config.regio
    if region is None:
        return config
    names = gemeenten_in_buurten or {}
    where = f"regio.inputs.buurten ({buurten_path})" if buurten_path else "regio.inputs.buurten"
    if config.gemeenten == ALL_GEMEENTEN:
        if not names:
            raise ConfigError(f"'gemeenten': 'alle' found no gemeente in {where}")
        codes = sorted(names)
    else:
        codes = list(config.gemeenten)
        unknown = [code for code in codes if uses_region_buurten(config, code) and code not in names]
        if unknown:
            present = ", ".join(sorted(names)[:12]) + (" …" if len(names) > 12 else "")
            raise ConfigError(f"'gemeenten': {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not in "
                              f"{where} (gemeenten present: {present or 'none'}); give "
                              f"{'it' if len(unknown) == 1 else 'them'} own buurten under areas.<code>.inputs or "
                              "remove from 'gemeenten'")
    areas = {}
    for code in codes:
        area = config.areas.get(code)
        naam = (area.naam if area is not None and area.naam else None) or names.get(code) or code
        if area is None:
            area = AreaConfig(naam=naam, inputs=region.inputs)
        elif area.sample:
            area = area.model_copy(update={"naam": naam})
        else:
            area = area.model_copy(update={"naam": naam, "inputs": overlay_inputs(region.inputs, area.inputs)})
        areas[code] = area
    others = {code: area for code, area in config.areas.items() if code not in areas}
    return Config.model_validate({**config.model_dump(exclude={"gemeenten", "areas"}, exclude_unset=True),
                                  "gemeenten": codes, "areas": {**areas, **others}})
