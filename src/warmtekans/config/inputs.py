"""Where an area's inputs are: the sample's, the downloaded ones or the configured files."""

from __future__ import annotations

from warmtekans.config.areas import (
    AreaConfig,
    AreaInputs,
    BagInput,
    ClassInput,
    LayerInput,
    ZoneInput,
)
from warmtekans.config.models import Config
from warmtekans.config.run_settings import DownloadSettings
from warmtekans.config.sections import LoopSettings


def sample_inputs(code: str) -> AreaInputs:
    """The input paths of a generated sample gemeente (see warmtekans.sample)."""
    root = f"data/raw/sample/{code}"
    return AreaInputs(
        bag=BagInput(path=f"{root}/bag-light.gpkg", flavour="bag-light"),
        buurten=LayerInput(path=f"{root}/wijkenbuurten.gpkg", layer="buurten"),
        energielabels=f"{root}/ep-online.csv",
        drinkwater=ZoneInput(path=f"{root}/grondwaterbeschermingsgebieden.gpkg", zone_column="zone_type"),
        archeologie=ZoneInput(path=f"{root}/archeologie.gpkg", zone_column="categorie"),
        riool=LayerInput(path=f"{root}/gwsw-leidingen.gpkg", layer="beheer_leiding"),
        straten=f"{root}/straten.osm",
        warmtenet_gepland=LayerInput(path=f"{root}/warmtenet-gepland.gpkg", layer="warmtenet_gepland"),
        bodemenergiesystemen=LayerInput(path=f"{root}/bodemenergiesystemen.gpkg", layer="bodemenergiesystemen"),
        wko_geschiktheid=ClassInput(path=f"{root}/wko-geschiktheid.gpkg", layer="wko_geschiktheid",
                                    zone_column="geschiktheid"),
        oppervlaktewater=LayerInput(path=f"{root}/oppervlaktewater.gpkg", layer="oppervlaktewater"),
        puntbronnen=LayerInput(path=f"{root}/puntbronnen.gpkg", layer="puntbronnen"),
    )


def download_inputs(code: str, area: AreaConfig, settings: DownloadSettings) -> AreaInputs:
    """The input paths of an area whose inputs are downloaded (see workflow/rules/download.smk)."""
    root = f"data/raw/download/{code}"
    return AreaInputs(
        bag=BagInput(path=f"{root}/bag.gpkg", flavour="bag-light"),
        buurten=LayerInput(path="data/raw/download/cbs/wijkenbuurten.gpkg", layer="buurten"),
        drinkwater=ZoneInput(path=f"{root}/drinkwater.gpkg", layer="zones",
                             zone_column=settings.drinkwater_zone_column),
        riool=LayerInput(path=f"{root}/gwsw.gpkg", layer="beheer_leiding") if area.gwsw_naam else None,
        straten=f"{root}/straten.osm",
    )


def loop_settings(config: Config, code: str | None) -> LoopSettings:
    """The loop settings of gemeente ``code``: ``loops`` with the area's own ``loops`` keys on top."""
    area = config.areas.get(code) if code else None
    if area is None or not area.loops:
        return config.loops
    return LoopSettings(**{**config.loops.model_dump(), **area.loops})


def area_inputs(config: Config, code: str) -> AreaInputs:
    """The input files of gemeente ``code``: the sample's, the downloaded ones, or the configured ones.

    For a downloaded area, every input given under ``inputs`` replaces the download.
    """
    area = config.areas[code]
    if area.sample:
        return sample_inputs(code)
    if area.download:
        downloaded = download_inputs(code, area, config.download)
        given = {name: getattr(area.inputs, name) for name in area.inputs.model_fields_set} if area.inputs else {}
        return downloaded.model_copy(update=given)
    return area.inputs  # type: ignore[return-value]
