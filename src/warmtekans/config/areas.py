"""The areas (gemeenten) of a run and their input files."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from warmtekans.config.base import SettingError, StrictModel
from warmtekans.config.sections import LoopSettings

#: The inputs a gemeente can have; only ``bag`` and ``buurten`` are required.
OPTIONAL_INPUTS = ("energielabels", "drinkwater", "archeologie", "riool", "straten", "warmtenet_gepland",
                   "bodemenergiesystemen", "wko_geschiktheid", "oppervlaktewater", "puntbronnen")


#: Inputs that can name a heat source for an area network (warmtekans.model.sources).
SOURCE_INPUTS = ("riool", "warmtenet_gepland", "wko_geschiktheid", "oppervlaktewater", "puntbronnen")


class BagInput(StrictModel):
    """Where the BAG for this gemeente is, and in which distribution's naming."""

    path: str = Field(description="GeoPackage with layers 'pand' and 'verblijfsobject'.")
    flavour: Literal["bag-light", "nlextract"] = Field(
        "bag-light",
        description="Column naming: PDOK bag-light.gpkg or NLExtract/lvbag export.",
    )
    nummeraanduiding: str | None = Field(
        None, description="CSV with addresses (NLExtract flavour only; bag-light has them on the VBO)."
    )
    openbareruimte: str | None = Field(
        None,
        description="CSV or GeoPackage with street names per openbare ruimte (identificatie, naam); NLExtract "
        "flavour only. Without it streets are labelled by postcode + house-number range.",
    )
    pand_layer: str = "pand"
    verblijfsobject_layer: str = "verblijfsobject"


class LayerInput(StrictModel):
    """A vector input file, optionally with a layer name."""

    path: str
    layer: str | None = None


#: File name endings of an Omgevingswet GIO (GeoInformatieObject GML); a folder may hold several.
GIO_SUFFIXES = (".gml", ".xml")


class ZoneInput(LayerInput):
    """A restriction layer: a polygon file and the column that holds the zone type, or an Omgevingswet GIO
    (a ``.gml`` file or a folder of them, as downloaded), whose labels give the zone type."""

    zone_column: str | None = Field(
        None, description="Column holding the zone type, e.g. 'zone_type' or 'Legenda'. Leave it out for an "
        "Omgevingswet GIO (.gml file or folder): its labels (geo:Groep/geo:label, geo:naam) give the zone type.")

    @model_validator(mode="after")
    def _column_unless_gio(self) -> "ZoneInput":
        from pathlib import Path

        if self.zone_column is None and Path(self.path).suffix.lower() not in GIO_SUFFIXES and Path(self.path).suffix:
            raise ValueError(f"'zone_column' is required for '{self.path}': name the column that holds the zone "
                             "type (e.g. 'zone_type' or 'Legenda'); only an Omgevingswet GIO (.gml file, or a "
                             "folder of them) needs none")
        return self


class ClassInput(LayerInput):
    """A polygon layer and the column that holds its class (e.g. the WKO suitability)."""

    zone_column: str = Field(description="Column holding the class, e.g. 'klasse' or 'Legenda'.")


class AreaInputs(StrictModel):
    """The input files of one gemeente. ``None`` means: not available.

    ``bag`` and ``buurten`` are required unless the area is a sample or is downloaded.
    """

    bag: BagInput | None = None
    buurten: LayerInput | None = None
    energielabels: str | None = Field(None, description="EP-online CSV (';'-separated).")
    drinkwater: ZoneInput | None = None
    archeologie: ZoneInput | None = None
    riool: LayerInput | None = Field(None, description="GWSW pipes: a WFS/OGC API layer (beheer_leiding), the GWSW "
                                      "GeoPackage export (default_lijn) or GWSW-OroX Turtle (.ttl).")
    straten: str | None = Field(
        None, description="OpenStreetMap extract: .osm, .osm.gz or .osm.pbf (read with GDAL's OSM driver)."
    )
    warmtenet_gepland: LayerInput | None = Field(
        None,
        description="Polygons where the gemeente plans a large heat network (e.g. from its transitievisie warmte).",
    )
    bodemenergiesystemen: LayerInput | None = Field(
        None, description="Registered ground-energy systems (points or polygons, e.g. the provincial WKO register)."
    )
    wko_geschiktheid: ClassInput | None = Field(
        None,
        description="Suitability of the aquifer for open WKO (polygons with a class such as 'zeer geschikt', "
        "'geschikt', 'ongeschikt'; e.g. the WKO-tool's map or Vesta's WKO potentiecontour).",
    )
    oppervlaktewater: LayerInput | None = Field(
        None,
        description="Surface water usable for TEO (aquathermie): polygons or lines with 'potentie_gj' (GJ/yr), "
        "e.g. from the STOWA/Vesta TEO potential.",
    )
    puntbronnen: LayerInput | None = Field(
        None, description="Point heat sources (RWZI, industry, data centre): points with 'soort' and 'vermogen_kw'."
    )


def overlay_inputs(base: AreaInputs | None, given: AreaInputs | None) -> AreaInputs | None:
    """``base`` (e.g. a regio's inputs) with every input set in ``given`` (also an explicit ``null``) in its place."""
    if base is None:
        return given
    if given is None:
        return base
    return base.model_copy(update={name: getattr(given, name) for name in given.model_fields_set})


class AreaConfig(StrictModel):
    """One gemeente (an area wildcard of the workflow).

    With a ``regio`` that has inputs, an entry only overrides: its name defaults to the one in the
    buurten file and each input given here replaces the regio's (see :mod:`warmtekans.config.region`).
    """

    naam: str | None = Field(None, description="Name on the maps; with a regio, default: the buurten file's "
                                               "gemeentenaam. Required without a regio.")
    sample: bool = Field(
        False,
        description="Inputs are generated by warmtekans.sample into data/raw/sample/<code>/.",
    )
    download: bool = Field(
        False,
        description="Download BAG, CBS buurten, drinking-water zones, OSM streets (and GWSW sewers when "
        "gwsw_naam is set) from the pinned sources; files given under 'inputs' win over downloads.",
    )
    gwsw_naam: str | None = Field(None, description="The gemeente's name in the GWSW portal (e.g. 'Leusden').")
    inputs: AreaInputs | None = None
    loops: dict[str, Any] | None = Field(
        None,
        description="Loop settings for this gemeente only (keys of 'loops'), e.g. "
        "{extraction_kwh_per_m_year: 50} where the ground is dry sand; the rest comes from 'loops'.",
    )

    @field_validator("loops")
    @classmethod
    def _loop_keys(cls, loops: dict[str, Any] | None) -> dict[str, Any] | None:
        if loops is None:
            return None
        unknown = sorted(set(loops) - set(LoopSettings.model_fields))
        if unknown:
            raise ValueError(f"unknown loop settings {unknown}; allowed: {', '.join(LoopSettings.model_fields)}")
        LoopSettings(**loops)  # each value valid on its own
        return loops

    @model_validator(mode="after")
    def _sample_without_inputs(self) -> "AreaConfig":
        if self.sample and self.inputs is not None:
            # e.g. config/config.yaml's GM9999 (sample: true) merged with a --configfile that gives inputs:
            # the sample would silently be used instead of the user's files
            raise SettingError("inputs", "are ignored because 'sample: true' generates this area's inputs; "
                                         "set 'sample: false' to use these files")
        return self

    def missing_inputs(self, region_inputs: AreaInputs | None = None) -> str | None:
        """Why this area cannot run, or None: without sample or download it needs a BAG and buurten, its own or
        the regio's (``region_inputs``)."""
        if self.sample or self.download:
            return None
        inputs = overlay_inputs(region_inputs, self.inputs)
        if inputs is None or inputs.bag is None or inputs.buurten is None:
            where = " (here or under regio.inputs)" if region_inputs is not None else ""
            return (f"give 'inputs' with at least 'bag' and 'buurten'{where}, or set 'sample: true' or "
                    "'download: true'")
        return None
