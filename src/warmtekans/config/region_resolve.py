"""Resolving a config's regio: ``gemeenten: alle`` becomes a sorted list, every gemeente gets its ``areas`` entry.

Separate from :mod:`warmtekans.config.region` (the settings model), which :mod:`warmtekans.config.models`
imports: this module needs the whole :class:`~warmtekans.config.models.Config` and so sits above it.
"""

from __future__ import annotations

from warmtekans.config.areas import AreaConfig, overlay_inputs
from warmtekans.config.models import Config
from warmtekans.config.region import ALL_GEMEENTEN
from warmtekans.core.errors import ConfigError


def uses_region_buurten(config: Config, code: str) -> bool:
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


def resolve_region(config: Config, gemeenten_in_buurten: dict[str, str] | None = None, *,
                   buurten_path: str | None = None) -> Config:
    """The config with its regio resolved: an explicit, sorted list of gemeenten for ``gemeenten: alle``, and an
    ``areas`` entry per gemeente with its name and its inputs (the regio's, with the area's on top).

    ``gemeenten_in_buurten`` maps every gemeentecode in ``regio.inputs.buurten`` to its name (read by the
    pipeline; ``None`` when the regio has no buurten file). Raises :class:`ConfigError` naming a listed
    gemeente that takes its buurten from that file but is not in it.
    """
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
