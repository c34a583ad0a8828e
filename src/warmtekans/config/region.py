"""A regio (a province, or any set of gemeenten) as one result: its name, its shared inputs, ``gemeenten: alle``.

A regio's ``inputs`` cover all its gemeenten at once (a province-wide BAG, EP-online, zones, sewers,
OSM extract and the CBS wijk- en buurtkaart); every gemeente reads the same files and the prepare
rules cut them to the gemeente's buurten (their bounding box, then the buurten themselves). An
input under ``areas.<code>.inputs`` replaces the regio's input of that name for that gemeente only
(``null`` there: not available for that gemeente).

:func:`warmtekans.config.region_resolve.resolve_region` turns a validated config with a regio into one
with an explicit list of gemeenten, each with a complete ``areas`` entry (name from the buurten file, inputs merged), so
everything downstream (input functions, parameters, provenance) works as for a hand-written config.
It is pure: the pipeline reads the gemeentecodes from the buurten file and passes them in.
"""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from warmtekans.config.areas import AreaInputs
from warmtekans.config.base import GEMEENTE_PATTERN, StrictModel

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
