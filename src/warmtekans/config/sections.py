"""The method settings, one model per config section (docs/method.md explains each)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from warmtekans.config.base import SettingError, StrictModel, at_most, real_date


class DwellingSettings(StrictModel):
    """Which verblijfsobjecten count as dwellings (BAG catalogus)."""

    statuses: list[str] = Field(
        default_factory=lambda: [
            "Verblijfsobject in gebruik",
            "Verblijfsobject in gebruik (niet ingemeten)",
            "Verbouwing verblijfsobject",
        ],
        description="Living VBO statuses (shared/docs/data-formats.md). 'Verblijfsobject gevormd' "
        "(not yet built) is excluded by default.",
    )
    pand_statuses_excluded: list[str] = Field(
        default_factory=lambda: ["Pand ten onrechte opgevoerd", "Pand gesloopt", "Niet gerealiseerd pand"],
        description="Pand statuses whose footprint is not used.",
    )
    shared_wall_min_m: float = Field(
        2.0, gt=0, description="Minimum shared boundary (m) for two panden to share a wall (data-formats.md)."
    )
    neighbour_buffer_m: float = Field(
        50.0, ge=0, le=200,
        description="Panden within this distance (m) outside the gemeente's buurten count as wall neighbours, so rows "
        "across the border keep their woningtype (estimate; at most the 200 m margin the BAG is read with).",
    )
    annex_max_area_m2: float = Field(
        40.0, ge=0,
        description="Where a pand's verblijfsobjecten are not in the extract (across the border), a footprint up to "
        "this area (m2) is taken for a shed or annex and never counts as a wall neighbour (estimate).",
    )
    neighbour_unheated_uses: list[str] = Field(
        default_factory=lambda: ["overige gebruiksfunctie"],
        description="BAG gebruiksdoelen of garages and storage: a pand holding only these (and no dwelling) is an "
        "annex and never counts as a wall neighbour.",
    )
    floor_area_min_m2: float = Field(50, gt=0, description="Vesta clamps floor area to 50-200 m2 (kentallen README).")
    floor_area_max_m2: float = Field(200, gt=0, description="Vesta clamps floor area to 50-200 m2 (kentallen README).")
    max_floor_area_m2: float = Field(
        10000.0, gt=0, description="A dwelling's BAG oppervlakte above this (m2) is implausible and set to unknown "
        "(counted in the quality report); single woonfunctie objects (care homes, student housing) reach about "
        "5 000 m2 in the Den Haag extract (estimate, range 5 000-20 000).",
    )
    max_floor_area_utility_m2: float = Field(
        150000.0, gt=0, description="A non-residential object's BAG oppervlakte above this (m2) is implausible and set "
        "to unknown (counted); the largest single buildings (hospitals, distribution centres) reach about "
        "100 000 m2 (estimate, range 50 000-500 000). BAG's placeholder 999 999 is always set to unknown.",
    )
    high_rise_min_storeys: int = Field(
        5, ge=2, description="Vesta 'meergezins: hoog' = more than 4 storeys (model/RuimtelijkeData/bag.dms:209)."
    )
    weq_reference_gj: float = Field(
        35.0, gt=0, description="Heat demand of one woningequivalent (GJ/yr): the Leusden study's dwelling (seed 004)."
    )
    utility_gj_per_m2: float = Field(
        0.35, ge=0, description="Heat demand of non-residential objects per m2 floor area (GJ/yr; estimate)."
    )
    utility_full_load_hours: float = Field(
        2000.0, gt=0,
        description="Peak of non-residential objects = demand / full-load hours (Vesta: 0.139 kW per GJ/yr)."
    )
    local_demand_correction: bool = Field(
        True, description="Scale each dwelling's demand by the Startanalyse 2025 verschilfactor of its buurt (2020 "
        "code) and Vesta type (modelled → metered use); buurten without a factor keep 1 and are counted."
    )
    label_reference_date: str = Field(
        "2026-01-01", description="A registration counts as valid when Meting_geldig_tot is on or after this date."
    )

    @field_validator("label_reference_date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> str:
        return real_date(value)

    @field_validator("statuses")
    @classmethod
    def _some_status(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("name at least one living VBO status, e.g. 'Verblijfsobject in gebruik'")
        return value

    @model_validator(mode="after")
    def _ranges(self) -> "DwellingSettings":
        at_most(self, "floor_area_min_m2", "floor_area_max_m2", prefix="dwellings.")
        return self


class ClusterSettings(StrictModel):
    """Forming candidate clusters (docs/method.md, 'Clusters')."""

    mini_max_gap_m: float = Field(
        15.0, gt=0, description="Ground-bound dwellings within this gap (m) along a street form one mini cluster."
    )
    mini_min_weq: int = Field(2, ge=2, description="Mini network: 2-50 WEQ (seed 000, Inspiratiegids).")
    mini_max_weq: int = Field(50, ge=2, description="Mini network: 2-50 WEQ (seed 000).")
    small_scale_max_weq: int = Field(1500, ge=2,
                                     description="Kleinschalig 50-1 500 WEQ, grootschalig above (seed 000).")
    area_link_distance_m: float = Field(
        50.0, gt=0, description="Buildings closer than this (m) belong to one contiguous built-up area: "
        "spans a street and the back gardens of a Dutch bouwblok (estimate; range 30-70)."
    )
    area_merge_gap_m: float = Field(
        100.0, ge=0, description="A built-up core of more than 50 WEQ takes in every core of its buurt closer than "
        "this (m), unless a barrier lies between: a distribution pipe across back gardens, a park strip or a square "
        "(estimate; range 60-150). Makes areas independent of area_link_distance_m below it."
    )
    area_split_at_buurt: bool = Field(
        True, description="Areas do not cross CBS buurt boundaries (each area answers for one buurt); when "
        "false an area may span buurten and the clusters_buurt layer gives its per-buurt breakdown."
    )
    street_max_distance_m: float = Field(
        100.0, gt=0, description="A building farther than this (m) from any street is not assigned to one."
    )
    detour_factor: float = Field(
        1.25, ge=1, description="Trench length = MST of buildings x detour factor (Vesta, costs.csv)."
    )
    shared_loop_max_dwellings: int = Field(
        5,
        ge=1,
        description="A gedeelde bodemlus (no ring) is shared by at most this many dwellings per loop (seed 000: "
        "gedeelde bodemlussen 2-5 WEQ, ringnet 5-50; seed 001: 2-3 per loop in the pilots).",
    )
    simultaneity_space_heating: float = Field(
        0.5, gt=0, le=1, description="Simultaneity of space-heating peaks in a network (Vesta Vermogens.dms:19, MT)."
    )
    simultaneity_tap_water: float = Field(
        0.1, gt=0, le=1, description="Simultaneity of tap-water peaks in a network (Vesta Vermogens.dms:18)."
    )
    mini_simultaneity_half_n: float = Field(
        21.0,
        gt=0,
        description="Simultaneity of every collective system (mini cluster, building, area): "
        "g(n) = g_large + (1 - g_large) / (1 + (n - 1) / n_half), g_large = simultaneity_space_heating (space heating) "
        "or simultaneity_tap_water (tap water); 21 gives g(10) = 0.85, seed 003's '15 % less for 10 dwellings'.",
    )
    mini_max_connections: int | None = Field(
        None,
        ge=2,
        description="Split mini rows into systems of at most this many connections (e.g. 9: "
        "each system stays under the Wcw's 10-connection threshold, seed 000); null = no limit beyond 50 WEQ.",
    )
    wcw_shared_loops: Literal["niet van toepassing", "per aansluiting"] = Field(
        "niet van toepassing",
        description="Wcw regime of shared loops where each dwelling has its own heat "
        "pump: 'niet van toepassing' (seed 001) or the stricter 'per aansluiting' (regime by connections, seed 000).",
    )
    connection_length_m: float = Field(
        15.0,
        ge=0,
        description="Service connection per pand added to the spanning-tree trench, so both trench "
        "methods count connections (Vesta Kengetallen.dms:27, L_di_gem = 15 m).",
    )

    @model_validator(mode="after")
    def _ranges(self) -> "ClusterSettings":
        at_most(self, "mini_min_weq", "mini_max_weq", prefix="clusters.")
        at_most(self, "mini_max_weq", "small_scale_max_weq", prefix="clusters.")
        at_most(self, "shared_loop_max_dwellings", "mini_max_weq", prefix="clusters.")
        return self


#: Seasonal performance of a ground-source heat pump for space heating per label (Vesta
#: installaties/Performance.csv:43,47,51 via shared/data/kentallen/bodemenergie.csv); Vesta gives
#: A-C only, D-G take C's value (estimate, range 2.5-3.6: worse labels need hotter water).
SPF_SPACE_HEATING = {"A": 5.63, "B": 4.07, "C": 3.61, "D": 3.61, "E": 3.61, "F": 3.61, "G": 3.61}


class LoopSettings(StrictModel):
    """Sizing closed borehole loops (bodemlussen), docs/method.md section 4.

    Override per gemeente with ``areas.<code>.loops`` (same keys), e.g. a region with dry sand.
    """

    extraction_w_per_m: float = Field(
        40.0,
        gt=0,
        description="Peak heat extraction per borehole metre (W/m); estimate, range 30-55 "
        "(VDI 4640-2 for 1 800 h: moist clay 35-50, water-saturated sand 55-65).",
    )
    extraction_kwh_per_m_year: float = Field(
        60.0,
        gt=0,
        description="Yearly heat extraction per borehole metre (kWh/m/yr) that keeps the ground "
        "from cooling down over the years without regeneration; estimate, range 50-100 (VDI 4640-2; "
        "closely spaced shared fields at the low end).",
    )
    heat_pump_scop: float = Field(
        4.0, gt=1, description="COP of the water heat pump at the design peak (seed 004: COP 4)."
    )
    spf_space_heating: dict[str, float] = Field(
        default_factory=lambda: dict(SPF_SPACE_HEATING),
        description="Seasonal performance factor for space heating per label A-G (Vesta Performance.csv "
        "for A-C; D-G take C's value, estimate).",
    )
    spf_tap_water: float = Field(2.5, gt=1, description="SPF for tap water (Vesta Performance.csv:39).")
    full_load_hours: float = Field(
        1800.0,
        gt=0,
        description="Equivalent full-load hours of space heating: design peak = space-heating "
        "demand / hours (h); VDI 4640-2's heating-only case; estimate, range 1 500-2 200.",
    )
    loop_depth_max_m: float = Field(
        500.0, gt=0, description="Deepest shared loop (m); seeds 002/003: a shared loop is 200-500 m deep."
    )
    loop_depth_min_m: float = Field(200.0, gt=0, description="Shallowest useful shared loop (m), seed 002.")
    borehole_spacing_m: float = Field(
        6.0,
        gt=0,
        description="Distance between boreholes along the row (m); estimate, range 5-10 "
        "(VDI 4640-2: at least 6 m for boreholes deeper than 50 m).",
    )
    interference_distance_m: float = Field(
        100.0,
        gt=0,
        description="Registered ground-energy systems closer than this (m) may interfere (seed 003; estimate).",
    )

    @field_validator("spf_space_heating")
    @classmethod
    def _all_labels(cls, spf: dict[str, float]) -> dict[str, float]:
        missing = sorted(set("ABCDEFG") - set(spf))
        if missing:
            raise ValueError(f"give an SPF for every label A-G; missing {missing}")
        if any(value <= 1 for value in spf.values()):
            raise ValueError("every SPF must be above 1")
        return spf

    @model_validator(mode="after")
    def _ranges(self) -> "LoopSettings":
        at_most(self, "loop_depth_min_m", "loop_depth_max_m", prefix="loops.")
        return self


class SewerSettings(StrictModel):
    """Sewer heat (riothermie), after the Leusden study (seed 004)."""

    delta_t_k: float = Field(2.0, gt=0, description="Cooling of the wastewater (K); 2 usual, 3 possible (seed 004).")
    wastewater_m3_per_inhabitant_year: float = Field(
        50.0, gt=0, description="Dry-weather flow estimate (data-formats.md, GWSW section)."
    )
    inhabitants_per_dwelling: float = Field(2.1, gt=0, description="Used when CBS gives no household size.")
    cop: float = Field(4.0, gt=1, description="Heat pump COP (seed 004).")
    wko_efficiency: float = Field(0.95, gt=0, le=1, description="Thermal efficiency of WKO buffering (seed 004).")
    full_load_hours: float = Field(6000.0, gt=0, description="Full-load hours with WKO buffering (seed 004).")
    max_distance_m: float = Field(
        500.0, gt=0, description="Farthest sewer segment considered for a cluster (m; estimate)."
    )
    base_load_share: float = Field(
        0.3, gt=0, le=1, description="The main source carries this share of the collective peak (Vesta: 0.3 x peak)."
    )
    assign_distance_m: float = Field(60.0, gt=0, description="Dwellings drain into a pipe within this distance (m).")
    min_diameter_mm: float = Field(
        400.0,
        ge=0,
        description="Smallest pipe for a heat exchanger (mm): seed 004, the internal free-fall exchanger "
        "is applicable from DN400. Decides where the diameter is known; 0 switches it off.",
    )
    min_flow_l_s: float = Field(
        9.0,
        ge=0,
        description="Smallest dry-weather flow for riothermie (L/s) where the diameter is unknown "
        "(estimate: a common rule of thumb, range 5-15 L/s); 0 switches it off.",
    )
    dry_weather_types: list[str] = Field(
        default_factory=lambda: ["GemengdRiool", "Vuilwaterriool"],
        description="GWSW types that carry dry-weather flow (data-formats.md).",
    )

    @field_validator("dry_weather_types")
    @classmethod
    def _some_type(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("name at least one GWSW type that carries dry-weather flow, e.g. 'GemengdRiool'")
        return value


class SourceSettings(StrictModel):
    """Heat sources for area networks and their allocation (docs/method.md, 'Heat sources')."""

    min_coverage: float = Field(
        0.5,
        gt=0,
        le=1,
        description="A finite source names a cluster's source when its unallocated potential covers "
        "at least this share of the cluster's demand (estimate; range 0.3-0.8).",
    )
    min_share_in_network: float = Field(
        0.5,
        gt=0,
        le=1,
        description="An area at least this share inside a planned heat network takes that network "
        "as its source (estimate; range 0.3-0.7).",
    )
    wko_allowed_classes: list[str] = Field(
        default_factory=lambda: ["zeer geschikt", "geschikt"],
        description="WKO suitability classes where an open WKO may be used (Vesta WarmteBronnen.dms:317: "
        "WKO potentiecontour, geschikt / zeer geschikt).",
    )
    wko_unsuitable_classes: list[str] = Field(
        default_factory=lambda: [
            "matig geschikt",
            "beperkt geschikt",
            "minder geschikt",
            "ongeschikt",
            "niet geschikt",
        ],
        description="WKO suitability classes where no open WKO is used. A class in neither list stops the run "
        "(codes such as 1/2/3 must be named in one of the two).",
    )
    allow_unchecked_wko: bool = Field(
        False,
        description="Without a WKO suitability map, allow riothermie with WKO buffering anyway "
        "(default: only direct riothermie; 'niet gecontroleerd').",
    )
    wko_primary_share: float = Field(
        0.3,
        gt=0,
        le=1,
        description="An open WKO delivers this share of the collective peak (Vesta "
        "Kengetallen.dms:197, AandeelPrimairVermogen).",
    )
    sewer_direct_full_load_hours: float = Field(
        1050.0,
        gt=0,
        description="Direct riothermie (no WKO buffer): annual heat = building-side power x these "
        "hours; derived from seed 004 (232 kW serves 25 dwellings of 35 GJ: 875 GJ / 232 kW = 1 048 h).",
    )
    teo_max_distance_m: float = Field(
        5000.0, gt=0, description="TEO reach from surface water (Vesta Kengetallen.dms:23)."
    )
    teo_kw_per_gj: float = Field(
        0.139,
        gt=0,
        description="Capacity per GJ/yr of an LT source (Vesta TEO: 0.139 kW per GJ/yr, i.e. 2 000 h); "
        "also used for point sources (estimate).",
    )
    point_source_max_distance_m: float = Field(
        2000.0,
        gt=0,
        description="Reach of a point heat source (RWZI, industry, data centre) (m; estimate, range 1-5 km).",
    )
    point_source_default_kw: dict[str, float] = Field(
        default_factory=lambda: {"RWZI": 11000.0},
        description="Capacity (kW) of a point source without one, per soort (Vesta WarmteBronnen.dms:399: RWZI 11 MW).",
    )
    point_source_min_kw: float = Field(
        10.0,
        gt=0,
        description="Smallest plausible capacity of a point source (kW); a smaller one (0 kW) stops the run "
        "(estimate; range 1-50 kW).",
    )
    point_source_max_kw: float = Field(
        500_000.0,
        gt=0,
        description="Largest plausible capacity of a point source or of a surface water's TEO power "
        "(kW); a larger one (a typo such as 1 TW) stops the run (estimate: the largest Dutch residual-heat sources "
        "deliver a few hundred MW; range 200-1 000 MW).",
    )


class ZoneEffect(StrictModel):
    """What a restriction zone means for drilling a closed loop."""

    effect: Literal["forbidden", "restricted", "allowed"]
    max_depth_m: float | None = Field(None, gt=0, description="Deepest drilling allowed (m), if any.")


class RestrictionSettings(StrictModel):
    """Effect per zone type, matched case-insensitively on the zone column's value."""

    drinkwater: dict[str, ZoneEffect] = Field(
        default_factory=lambda: {
            "waterwingebied": ZoneEffect(effect="forbidden"),
            "grondwaterbeschermingsgebied": ZoneEffect(effect="restricted"),
            "boringsvrije zone": ZoneEffect(effect="restricted", max_depth_m=50),
        }
    )
    archeologie: dict[str, ZoneEffect] = Field(
        default_factory=lambda: {
            "AMK-terrein": ZoneEffect(effect="forbidden"),
            "hoge verwachting": ZoneEffect(effect="restricted"),
            "middelhoge verwachting": ZoneEffect(effect="allowed"),
            "lage verwachting": ZoneEffect(effect="allowed"),
        }
    )


class CriterionSettings(StrictModel):
    """Weight and scale of one scoring criterion.

    The raw value is mapped linearly to 0..1 between ``poor`` (0) and ``good`` (1); when
    ``good`` < ``poor`` lower raw values are better.
    """

    weight: float = Field(ge=0)
    poor: float
    good: float

    @model_validator(mode="after")
    def _distinct(self) -> "CriterionSettings":
        if self.poor == self.good:
            raise SettingError(
                "good",
                f"must differ from 'poor' (both {self.good}): the scale from poor (0) "
                "to good (1) needs two different raw values",
            )
        return self


def _criteria(**items: tuple[float, float, float]) -> dict[str, CriterionSettings]:
    return {k: CriterionSettings(weight=w, poor=p, good=g) for k, (w, p, g) in items.items()}


class ScoringSettings(StrictModel):
    """Criteria per network type; names must be registered in warmtekans.decision.scoring."""

    mini: dict[str, CriterionSettings] = Field(
        description="Criteria for mini clusters: weight, poor, good (estimates; docs/method.md section 7).",
        default_factory=lambda: _criteria(
            warmtedichtheid=(1.0, 0.5, 2.5),
            woningen_per_lus=(1.0, 1.0, 3.0),
            gemiddeld_label=(1.0, 6.0, 2.0),
            beperkingen=(2.0, 1.0, 0.0),
            interferentie=(1.0, 3.0, 0.0),
            kostenvoordeel=(2.0, -500.0, 200.0),
        ),
    )
    kleinschalig: dict[str, CriterionSettings] = Field(
        description="Criteria for kleinschalige areas (estimates; docs/method.md section 7).",
        default_factory=lambda: _criteria(
            warmtedichtheid=(2.0, 0.5, 2.5),
            bron_dekking=(1.0, 0.0, 0.5),
            gemiddeld_label=(1.0, 6.0, 2.0),
            kostenvoordeel=(2.0, -500.0, 200.0),
        ),
    )
    grootschalig: dict[str, CriterionSettings] = Field(
        description="Criteria for grootschalige areas (estimates; docs/method.md section 7).",
        default_factory=lambda: _criteria(
            warmtedichtheid=(2.0, 1.0, 4.0),
            omvang_weq=(1.0, 1500.0, 5000.0),
            kostenvoordeel=(2.0, -500.0, 200.0),
        ),
    )
    missing_input: Literal["markeren", "als_slechtst"] = Field(
        "markeren",
        description="A criterion whose input is missing is unknown, never fine: 'markeren' scores "
        "over the known criteria and flags the score (score_onvolledig); 'als_slechtst' counts it as 0.",
    )

    @model_validator(mode="after")
    def _some_weight(self) -> "ScoringSettings":
        for scale in ("mini", "kleinschalig", "grootschalig"):
            if not any(item.weight > 0 for item in getattr(self, scale).values()):
                raise SettingError(
                    scale,
                    "needs at least one criterion with a positive weight; otherwise no "
                    "cluster of this network type can get a score",
                )
        return self


LABEL_LETTERS = ("A", "B", "C", "D", "E", "F", "G")


#: Ranges of the single-valued estimates the cost draws use (docs/method.md, "Sensitivity"); the kentallen's own
#: ranges (kosten.csv ``laag``/``hoog``) are drawn as well.
ESTIMATE_RANGES: dict[str, tuple[float, float]] = {
    # borehole metres: the extraction rates and full-load hours a loop is sized on (§4)
    "loops.extraction_w_per_m": (30.0, 55.0),
    "loops.extraction_kwh_per_m_year": (50.0, 100.0),
    "loops.full_load_hours": (1500.0, 2200.0),
    # financing: the resident's loan and the societal discount rate (§8)
    "costs.end_user_rate": (0.02, 0.06),
    "costs.end_user_years": (10.0, 20.0),
    "costs.national_rate": (0.0225, 0.045),
    "costs.grid_spare_kw_per_dwelling": (0.0, 1.5),
    # cost estimates of src/warmtekans/data/kosten.csv (docs/method.md section 8)
    "costs.overrides.verdeler_gedeelde_lus": (500.0, 3000.0),
    "costs.overrides.leiding_prive_per_m": (30.0, 100.0),
    "costs.overrides.leiding_gedeelde_lus_per_woning": (5.0, 20.0),
    "costs.overrides.leiding_lt_per_m": (100.0, 250.0),
    "costs.overrides.leiding_mini_per_m": (120.0, 350.0),
    "costs.overrides.regeling_ringnet": (2000.0, 10000.0),
    "costs.overrides.warmte_inkoop_per_gj": (5.0, 20.0),
}

#: SPF of the individual heat pumps as a multiplier of the Startanalyse value per label (estimates, §8).
SPF_FACTORS: dict[str, tuple[float, float]] = {"lucht": (0.8, 1.1), "bodem": (0.85, 1.1), "hybride": (0.8, 1.1)}


class SensitivitySettings(StrictModel):
    """Sampling the estimates to see which recommendations hold (docs/method.md, "Sensitivity")."""

    draws: int = Field(200, ge=0, le=2000, description="Number of seeded random draws (0 switches the analysis off).")
    seed: int = Field(20251130, description="Seed of the draws: the same seed gives the same stabiliteit.")
    unstable_below: float = Field(
        0.8, ge=0, le=1, description="A cluster whose recommendation holds in fewer draws than this share is 'onzeker'."
    )
    ranges: dict[str, tuple[float, float]] = Field(
        default_factory=lambda: dict(ESTIMATE_RANGES),
        description="Config path (section.field) -> (low, high) of each single-valued estimate that is sampled.",
    )
    spf_factor: dict[str, tuple[float, float]] = Field(
        default_factory=lambda: dict(SPF_FACTORS),
        description="Heat-pump family (lucht, bodem, hybride) -> (low, high) multiplier of its SPF per label.",
    )

    @field_validator("ranges")
    @classmethod
    def _ordered(cls, ranges: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        for path, (low, high) in ranges.items():
            if low > high:
                raise ValueError(f"range of {path}: low {low} is above high {high}")
        return ranges
