"""The ``buitenunit`` section: room on the plot for an outdoor unit and an own borehole (docs/method.md §4a)."""

from __future__ import annotations

from pydantic import Field, model_validator

from warmtekans.config.base import StrictModel, at_most


class OutdoorUnitSettings(StrictModel):
    """Room for an air heat pump's outdoor unit (buitenunit) and for an own borehole, from the BAG
    footprints (docs/method.md, 'Room on the plot')."""

    noise_limit_db: float = Field(
        40.0, gt=0, description="Noise of an outdoor unit on the boundary with another dwelling's plot (dB(A)): "
        "Bouwbesluit 2012 art. 3.8 lid 2 (Stb. 2020, 189, since 1 April 2021), continued in the Bbl."
    )
    tonal_penalty_db: float = Field(
        0.0,
        ge=0,
        le=10,
        description="Added to the unit's level when its sound is tonal (dB): the HMRI, which the "
        "Bouwbesluit names, adds 5 dB for tonal sound; 0 assumes a unit without a tonal component "
        "(estimate, range 0-5).",
    )
    sound_power_db: float = Field(
        60.0,
        gt=0,
        description="Sound power L_w of a typical outdoor unit at its night setting (dB(A)); estimate, "
        "range 55-65 (EU Ecodesign 813/2013 allows at most 65 dB(A) outdoors up to 6 kW, 70 dB(A) for 6-12 kW).",
    )
    quiet_sound_power_db: float = Field(
        55.0,
        gt=0,
        description="Sound power of a quiet unit, the quieter end of the market (dB(A)); estimate, range 50-58.",
    )
    screen_attenuation_db: float = Field(
        5.0,
        ge=0,
        le=20,
        description="What a solid screen or enclosure between unit and boundary takes off (dB); estimate, range 5-10.",
    )
    directivity: float = Field(
        4.0,
        ge=1,
        le=8,
        description="Directivity Q of the unit: 2 on the ground in the open, 4 on the ground "
        "against one wall, 8 in a corner (L_p = L_w + 10 log10(Q / (4 pi r^2)); Panasonic Aquarea planning "
        "manual 2022).",
    )
    plot_gap_share: float = Field(
        0.5,
        gt=0,
        le=1,
        description="Share of the free distance to the next building (or street centre line) that "
        "belongs to a pand's own plot: 0.5 puts the boundary halfway, as between back-to-back gardens (estimate, "
        "range 0.4-0.7; there are no parcels in the inputs).",
    )
    search_distance_m: float = Field(
        30.0,
        gt=0,
        description="How far beyond each façade a neighbour is looked for (m); where none is found the "
        "plot reaches plot_gap_share of this (estimate; 30 m gives 15 m, more than any verdict needs).",
    )
    obstacle_min_area_m2: float = Field(
        30.0,
        ge=0,
        description="Smaller footprints (garden sheds and garages with a BAG object) do not mark a plot "
        "boundary (m2; estimate, range 20-50).",
    )
    roof_m2_per_unit: float = Field(
        4.0,
        gt=0,
        description="Flat roof one outdoor unit needs with its clearances (air in- and outlet, service) "
        "(m2; estimate, range 3-6).",
    )
    roof_usable_share: float = Field(
        0.5,
        gt=0,
        le=1,
        description="Share of an apartment building's footprint usable for outdoor units on the roof "
        "(edge zone, hatches, other installations; estimate, range 0.3-0.7).",
    )

    @model_validator(mode="after")
    def _ranges(self) -> "OutdoorUnitSettings":
        at_most(self, "quiet_sound_power_db", "sound_power_db", prefix="buitenunit.")
        return self
