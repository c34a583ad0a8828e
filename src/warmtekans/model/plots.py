"""Room on the plot: is there a place for an air heat pump's outdoor unit (``buitenunit``), and for an own borehole?

There are no parcels in the inputs, so each pand's plot is estimated from the BAG footprints
(docs/method.md, "Room on the plot"):

1. **Façades.** The footprint's minimum rotated rectangle gives four façades, each with its
   width along the wall.
2. **Free distance** beyond each façade: the nearest other footprint (of at least
   ``obstacle_min_area_m2``; sheds do not mark a boundary) and the nearest street centre line
   inside the strip straight out from the façade, up to ``search_distance_m``. A wall neighbour
   gives 0.
3. **Plot.** The plot boundary lies at ``plot_gap_share`` (½) of the free distance: halfway to the
   next building (back-to-back gardens) or to the street's centre line; where nothing is found,
   at ½ × the search distance.
4. **Outdoor unit.** The unit stands on the ground against a façade (directivity Q = 4), at the
   best place along it. The noise limit holds on the boundary with another dwelling's plot, so
   toward a street the distance counts up to the street's centre line (the plot across begins
   beyond it). ``buitenunit_afstand_m`` is the largest distance to such a boundary over the four
   façades; the unit fits (``ja``) when it is at least the distance at which
   L_p = L_w + 10·log10(Q / (4π r²)) falls to the limit, ``onzeker`` when only a quiet unit
   behind a screen fits, else ``nee``.
5. **Own borehole.** It fits when a yard beside some façade holds a point at least half the
   borehole spacing from the plot's boundaries, so the boreholes of neighbours who do the same
   stay a full spacing apart.

Apartments share the building's roof or façade: ``onzeker`` when the roof offers room for one
unit per dwelling, else ``nee`` (which floor a dwelling is on is not in the BAG).

Every step is vectorised over all panden (shapely 2, numpy): one spatial-index query for the
strips beyond all façades, no Python step per pand or dwelling.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.config.outdoor_unit import OutdoorUnitSettings

#: Woningtypes with their own plot (the apartment rule applies to ``appartement``).
OWN_PLOT = ("tussenwoning", "hoekwoning", "twee_onder_een_kap", "vrijstaand")

YES, UNSURE, NO = "ja", "onzeker", "nee"

#: The four façades of a footprint's rectangle: beyond its long sides' ends (+u, -u) and beyond its long sides (+v, -v).
FACADES = ("+u", "-u", "+v", "-v")
#: Per façade, the façades on its two sides (toward -lateral, toward +lateral) and the one opposite.
_SIDE_MINUS = np.array([3, 3, 1, 1])
_SIDE_PLUS = np.array([2, 2, 0, 0])
_OPPOSITE = np.array([1, 0, 3, 2])

#: The strip beyond a façade stays this far (m) inside the façade's ends, so wall neighbours (which touch the
#: ends) are not taken for buildings in front of it.
STRIP_INSET_M = 0.1

#: Strips per spatial-index query (bounds the memory of the candidate pairs).
STRIP_QUERY_CHUNK = 200_000


def required_distance_m(sound_power_db, limit_db: float, directivity: float):
    """Distance (m) at which a source of sound power ``sound_power_db`` (dB(A)) falls to ``limit_db``.

    From L_p = L_w + 10·log10(Q / (4π r²)): r = √(Q · 10^((L_w − L_p)/10) / (4π)). E.g. 60 dB(A),
    Q = 4, limit 40 dB(A): r = √(100/π) = 5.64 m. Works on numbers and arrays.
    """
    return np.sqrt(directivity * 10 ** ((np.asarray(sound_power_db, dtype=float) - limit_db) / 10) / (4 * np.pi))


def sound_pressure_db(sound_power_db, distance_m, directivity: float):
    """Sound pressure level (dB(A)) at ``distance_m`` from a source: L_w + 10·log10(Q / (4π r²))."""
    return np.asarray(sound_power_db, dtype=float) + 10 * np.log10(
        directivity / (4 * np.pi * np.asarray(distance_m, dtype=float) ** 2))


def facade_frames(footprints: gpd.GeoSeries) -> pd.DataFrame:
    """The rectangle of each footprint: centre (``cx``, ``cy``), long axis (``ux``, ``uy``; unit vector) and half
    its length (``hu``) and width (``hv``), m. Keeps the index.

    The minimum rotated rectangle; a footprint without area (a line or point) gets its 0.5 m buffer's envelope.
    """
    values = np.asarray(footprints.values)
    rectangles = shapely.minimum_rotated_rectangle(values)
    rings = shapely.get_exterior_ring(rectangles)
    counts = shapely.get_num_coordinates(rings)
    bad = (shapely.get_type_id(rectangles) != 3) | (counts != 5)
    if bad.any():
        rectangles = rectangles.copy()
        rectangles[bad] = shapely.envelope(shapely.buffer(values[bad], 0.5))
        rings = shapely.get_exterior_ring(rectangles)
    corners = shapely.get_coordinates(rings).reshape(len(values), 5, 2)[:, :4]
    first = corners[:, 1] - corners[:, 0]
    second = corners[:, 2] - corners[:, 1]
    first_length = np.linalg.norm(first, axis=1)
    second_length = np.linalg.norm(second, axis=1)
    long_first = first_length >= second_length
    long_side = np.where(long_first[:, None], first, second)
    long_length = np.maximum(first_length, second_length)
    short_length = np.minimum(first_length, second_length)
    with np.errstate(invalid="ignore", divide="ignore"):
        axis = long_side / long_length[:, None]
    axis[~np.isfinite(axis).all(axis=1)] = (1.0, 0.0)
    centre = (corners[:, 0] + corners[:, 2]) / 2
    return pd.DataFrame({"cx": centre[:, 0], "cy": centre[:, 1], "ux": axis[:, 0], "uy": axis[:, 1],
                         "hu": long_length / 2, "hv": short_length / 2}, index=footprints.index)


def _facade_geometry(frames: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pand and façade (arrays of shape (n, 4, 2)): outward normal and lateral unit vectors, and per façade
    (n, 4) its half-width and its distance from the centre."""
    u = frames[["ux", "uy"]].to_numpy()
    v = np.column_stack([-u[:, 1], u[:, 0]])
    hu, hv = frames["hu"].to_numpy(), frames["hv"].to_numpy()
    normal = np.stack([u, -u, v, -v], axis=1)
    lateral = np.stack([v, v, u, u], axis=1)
    half_width = np.column_stack([hv, hv, hu, hu])
    offset = np.column_stack([hu, hu, hv, hv])
    return normal, lateral, np.stack([half_width, offset], axis=-1)


def facade_strips(frames: pd.DataFrame, search_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Per pand its four façades (line segments) and the strips straight out from them, ``search_m`` deep
    (polygons), flattened pand by pand in the order of :data:`FACADES` (4 n each)."""
    centre = frames[["cx", "cy"]].to_numpy()[:, None, :]
    normal, lateral, sizes = _facade_geometry(frames)
    half_width, offset = sizes[..., :1], sizes[..., 1:]
    inset = np.minimum(STRIP_INSET_M, half_width / 2)
    wall = centre + normal * offset
    far = wall + normal * search_m
    side = lateral * (half_width - inset)
    ring = np.stack([wall - side, wall + side, far + side, far - side, wall - side], axis=2)  # (n, 4, 5, 2)
    strips = shapely.polygons(ring.reshape(-1, 5, 2))
    ends = np.stack([wall - lateral * half_width, wall + lateral * half_width], axis=2)  # (n, 4, 2, 2)
    facades = shapely.linestrings(ends.reshape(-1, 2, 2))
    return facades, strips


def _nearest_in_strips(
    facades: np.ndarray,
    strips: np.ndarray,
    targets: np.ndarray,
    strip_owner: np.ndarray | None = None,
    target_owner: np.ndarray | None = None,
) -> np.ndarray:
    """Per strip the distance (m) from its façade to the nearest part of a target inside it (inf where none).

    With owners, a target never counts in the strips of its own pand.
    """
    result = np.full(len(strips), np.inf)
    if len(targets) == 0 or len(strips) == 0:
        return result
    tree = shapely.STRtree(targets)
    for start in range(0, len(strips), STRIP_QUERY_CHUNK):
        end = min(start + STRIP_QUERY_CHUNK, len(strips))
        strip, target = tree.query(strips[start:end], predicate="intersects")
        strip = strip + start
        if strip_owner is not None and target_owner is not None:
            keep = strip_owner[strip] != target_owner[target]
            strip, target = strip[keep], target[keep]
        if not len(strip):
            continue
        # the nearest point of the whole target, where it lies in the strip, is the nearest of its part in the strip;
        # only the other pairs need the (20 times slower) intersection
        line = shapely.shortest_line(facades[strip], targets[target])
        distance = shapely.length(line)
        outside = ~shapely.intersects(strips[strip], shapely.get_point(line, 1))
        if outside.any():
            part = shapely.intersection(targets[target[outside]], strips[strip[outside]])
            clipped = shapely.distance(facades[strip[outside]], part)
            distance[outside] = np.where(np.isnan(clipped), np.inf, clipped)  # an empty intersection: touching only
        np.minimum.at(result, strip, distance)
    return result


def free_distances(
    footprints: gpd.GeoSeries,
    streets: gpd.GeoSeries | None = None,
    *,
    search_m: float,
    obstacle_min_area_m2: float = 0.0,
) -> pd.DataFrame:
    """Free distance (m) beyond each of the four façades of each footprint (:data:`FACADES`).

    ``gebouw<f>``: to the nearest other footprint of at least ``obstacle_min_area_m2`` in the strip
    straight out from façade ``f`` (0 for a wall neighbour; ``search_m`` where none is within it);
    ``straat<f>``: to the nearest street centre line in that strip (inf where none). Keeps the index.
    """
    frames = facade_frames(footprints)
    facades, strips = facade_strips(frames, search_m)
    values = np.asarray(footprints.values)
    n = len(values)
    obstacle = np.flatnonzero(shapely.area(values) >= obstacle_min_area_m2)
    owner = np.repeat(np.arange(n), len(FACADES))
    building = _nearest_in_strips(facades, strips, values[obstacle], owner, obstacle)
    building = np.minimum(building, search_m).reshape(n, len(FACADES))
    street = np.full((n, len(FACADES)), np.inf)
    if streets is not None and len(streets):
        street = _nearest_in_strips(facades, strips, np.asarray(streets.values)).reshape(n, len(FACADES))
    columns = {f"gebouw{f}": building[:, k] for k, f in enumerate(FACADES)}
    columns.update({f"straat{f}": street[:, k] for k, f in enumerate(FACADES)})
    return pd.DataFrame(columns, index=footprints.index)


def plot_room(
    footprints: gpd.GeoSeries, streets: gpd.GeoSeries | None, settings: OutdoorUnitSettings, borehole_spacing_m: float
) -> pd.DataFrame:
    """Per pand: room for an outdoor unit and an own borehole on its estimated plot. Keeps the index.

    Returns
    -------
    DataFrame with
        ``afstand_m``: the largest distance (m) from a place on the ground against a façade to the nearest
        boundary with another plot (the unit's best place);
        ``perceel_breedte_m``, ``tuin_diepte_m``: the plot's width along that façade and the yard's depth
        beyond it (m);
        ``eigen_boring_past``: some yard holds a point at least ``borehole_spacing_m`` / 2 from the plot's
        boundaries;
        ``lengte_m``: the long side of the footprint's rectangle.
    """
    frames = facade_frames(footprints)
    free = free_distances(
        footprints, streets, search_m=settings.search_distance_m, obstacle_min_area_m2=settings.obstacle_min_area_m2
    )
    building = free[[f"gebouw{f}" for f in FACADES]].to_numpy()
    street = free[[f"straat{f}" for f in FACADES]].to_numpy()
    share = settings.plot_gap_share
    to_neighbour = np.minimum(share * building, street)  # to the next dwelling's plot: across a street, beyond it
    plot = share * np.minimum(building, street)  # the own plot ends halfway to the next building or street
    sizes = _facade_geometry(frames)[2]
    half_width, offset = sizes[..., 0], sizes[..., 1]
    rows = np.arange(len(frames))[:, None]
    minus, plus = to_neighbour[rows, _SIDE_MINUS], to_neighbour[rows, _SIDE_PLUS]
    place = np.clip((plus - minus) / 2, -half_width, half_width)  # along the façade, from its middle
    sideways = np.minimum(place + half_width + minus, half_width + plus - place)
    behind = 2 * offset + to_neighbour[rows, _OPPOSITE]  # the boundary beyond the opposite façade, through the house
    distance = np.minimum(np.minimum(to_neighbour, sideways), behind)
    # the best place; of equally good ones the deepest yard (so a front and a back garden of a row house: the deeper)
    best = np.argmax(np.round(distance, 3) * 1e4 + np.minimum(plot, 1e3), axis=1)
    chosen = np.arange(len(frames))
    width = 2 * half_width + plot[rows, _SIDE_MINUS] + plot[rows, _SIDE_PLUS]
    fits = (plot >= borehole_spacing_m / 2) & (width >= borehole_spacing_m)
    return pd.DataFrame(
        {
            "afstand_m": distance[chosen, best],
            "perceel_breedte_m": width[chosen, best],
            "tuin_diepte_m": plot[chosen, best],
            "eigen_boring_past": fits.any(axis=1),
            "lengte_m": 2 * frames["hu"].to_numpy(),
        },
        index=footprints.index,
    )


def outdoor_unit_verdict(distance_m: pd.Series, settings: OutdoorUnitSettings) -> tuple[pd.Series, float, float]:
    """``ja`` / ``onzeker`` / ``nee`` per distance to the nearest neighbouring plot (m), with the distances needed
    by a typical unit and by a quiet unit behind a screen (m).

    ``ja``: at least :func:`required_distance_m` of the typical unit; ``onzeker``: at least that of a quiet
    unit (``quiet_sound_power_db``) behind a screen (``screen_attenuation_db`` less); else ``nee``. All
    distances to the centimetre, so the verdict follows the numbers shown.
    """
    limit = settings.noise_limit_db - settings.tonal_penalty_db
    needed = round(float(required_distance_m(settings.sound_power_db, limit, settings.directivity)), 2)
    mitigated = round(
        float(
            required_distance_m(
                settings.quiet_sound_power_db - settings.screen_attenuation_db, limit, settings.directivity
            )
        ),
        2,
    )
    distance = distance_m.round(2)
    verdict = np.where(distance >= needed, YES, np.where(distance >= mitigated, UNSURE, NO))
    return pd.Series(verdict, index=distance_m.index, dtype="string"), needed, mitigated


def roof_m2_needed(settings: OutdoorUnitSettings) -> float:
    """Footprint (m²) per dwelling an apartment building needs for one outdoor unit per dwelling on its roof."""
    return settings.roof_m2_per_unit / settings.roof_usable_share


def _metres(values: pd.Series) -> pd.Series:
    """Numbers as Dutch text with one decimal (``5,6``)."""
    return values.astype("float64").round(1).astype("string").str.replace(".", ",", regex=False)


def dwelling_room(
    dwellings: pd.DataFrame,
    panden: gpd.GeoDataFrame,
    streets: gpd.GeoDataFrame | None,
    settings: OutdoorUnitSettings,
    borehole_spacing_m: float,
) -> pd.DataFrame:
    """Per dwelling: ``buitenunit`` (ja / onzeker / nee), the numbers behind it and ``eigen_boring_past``.

    ``dwellings`` needs ``pand_id``, ``objecttype`` and ``woningtype``; ``panden`` their footprints
    (``pand_id``, ``n_woningen``, geometry); ``streets`` OSM street lines (or None). Keeps the index of
    ``dwellings``; non-residential objects get empty values.

    Columns: ``buitenunit``; ``buitenunit_afstand_m`` (distance from the unit's best place to the nearest
    neighbouring plot) and ``buitenunit_nodig_m`` (what a typical unit needs), for dwellings with an own
    plot; ``dak_m2_per_woning`` (the building's footprint per dwelling, apartments); ``perceel_breedte_m``,
    ``tuin_diepte_m``; ``eigen_boring_past`` (False for apartments: no own plot); ``buitenunit_reden``.
    A ground-bound dwelling in a pand with more dwellings (a row registered as one pand) gets the pand's
    longest side divided by their number as its width.
    """
    index = dwellings.index
    result = pd.DataFrame(index=index)
    is_dwelling = (dwellings["objecttype"] == "woning").to_numpy()
    footprints = panden.drop_duplicates("pand_id").set_index("pand_id")
    room = plot_room(
        footprints.geometry,
        streets.geometry if streets is not None and not streets.empty else None,
        settings,
        borehole_spacing_m,
    )
    pand = dwellings["pand_id"]
    known = pand.isin(footprints.index).to_numpy() & is_dwelling
    n_in_pand = pand.map(footprints["n_woningen"]).astype("float64").clip(lower=1).to_numpy()
    kind = dwellings["woningtype"].astype("string")
    own_plot = kind.isin(OWN_PLOT).fillna(False).to_numpy() | (kind.isna().to_numpy() & (n_in_pand <= 1))
    ground = known & own_plot
    apartment = known & ~own_plot

    distance = pand.map(room["afstand_m"]).to_numpy(dtype=float)
    width = pand.map(room["perceel_breedte_m"]).to_numpy(dtype=float)
    depth = pand.map(room["tuin_diepte_m"]).to_numpy(dtype=float)
    fits = pand.map(room["eigen_boring_past"]).eq(True).to_numpy()
    shared = ground & (n_in_pand > 1)  # a row registered as one pand: each dwelling its share of the long side
    if shared.any():
        share_width = pand.map(room["lengte_m"]).to_numpy(dtype=float) / n_in_pand
        distance = np.where(shared, np.minimum(distance, share_width / 2), distance)
        width = np.where(shared, np.minimum(width, share_width), width)
        fits = np.where(shared, fits & (share_width >= borehole_spacing_m), fits)

    verdict, needed, mitigated = outdoor_unit_verdict(pd.Series(distance, index=index), settings)
    area = pd.Series(shapely.area(np.asarray(footprints.geometry.values)), index=footprints.index)
    roof = pand.map(area).to_numpy(dtype=float) / n_in_pand
    roof_needed = roof_m2_needed(settings)

    buitenunit = pd.Series(pd.NA, index=index, dtype="string")
    buitenunit[ground] = verdict[ground]
    buitenunit[apartment] = np.where(roof[apartment] >= roof_needed, UNSURE, NO)
    buitenunit[is_dwelling & ~known] = UNSURE
    result["buitenunit"] = buitenunit
    result["buitenunit_afstand_m"] = np.where(ground, np.round(distance, 2), np.nan)
    result["buitenunit_nodig_m"] = np.where(ground, needed, np.nan)
    result["dak_m2_per_woning"] = np.where(apartment, np.round(roof, 1), np.nan)
    result["perceel_breedte_m"] = np.where(ground, np.round(width, 2), np.nan)
    result["tuin_diepte_m"] = np.where(ground, np.round(depth, 2), np.nan)
    boring = pd.Series(pd.NA, index=index, dtype="boolean")
    boring[ground] = fits[ground]
    boring[apartment] = False
    result["eigen_boring_past"] = boring
    result["buitenunit_reden"] = _reasons(
        result, ground, apartment, is_dwelling & ~known, settings, needed, mitigated, roof_needed
    )
    return result


def _reasons(
    result: pd.DataFrame,
    ground: np.ndarray,
    apartment: np.ndarray,
    unknown: np.ndarray,
    settings: OutdoorUnitSettings,
    needed: float,
    mitigated: float,
    roof_needed: float,
) -> pd.Series:
    """The Dutch reason of each verdict, with its numbers."""
    reason = pd.Series(pd.NA, index=result.index, dtype="string")
    verdict = result["buitenunit"]
    limit = f"{settings.noise_limit_db - settings.tonal_penalty_db:g} dB(A) op de perceelgrens"
    have = _metres(result["buitenunit_afstand_m"].fillna(0.0))
    need = f"{needed:.1f}".replace(".", ",")
    quiet = f"{mitigated:.1f}".replace(".", ",")
    unit = f"een buitenunit van {settings.sound_power_db:g} dB(A)"
    measures = (
        f"een stille unit ({settings.quiet_sound_power_db:g} dB(A)) achter een scherm "
        f"(-{settings.screen_attenuation_db:g} dB)"
    )
    yes = ground & (verdict == YES).fillna(False).to_numpy()
    unsure = ground & (verdict == UNSURE).fillna(False).to_numpy()
    no = ground & (verdict == NO).fillna(False).to_numpy()
    reason[yes] = "past: " + have[yes] + f" m tot de buren, {unit} heeft {need} m nodig voor {limit}"
    reason[unsure] = (
        "alleen met maatregelen: " + have[unsure] + f" m tot de buren, {unit} heeft {need} m nodig "
        f"voor {limit}; {measures} {quiet} m"
    )
    reason[no] = "geen plek: " + have[no] + f" m tot de buren, ook {measures} heeft {quiet} m nodig voor {limit}"
    roof = _metres(result["dak_m2_per_woning"].fillna(0.0))
    roof_need = f"{roof_needed:.1f}".replace(".", ",")
    roof_yes = apartment & (verdict == UNSURE).fillna(False).to_numpy()
    roof_no = apartment & (verdict == NO).fillna(False).to_numpy()
    reason[roof_yes] = (
        "appartement: buitenunit op het gedeelde dak of aan de gevel; "
        + roof[roof_yes]
        + f" m² dak per woning, {roof_need} m² nodig; geluid bij ramen van buren niet bekeken"
    )
    reason[roof_no] = (
        "appartement: te weinig dak voor een buitenunit per woning: "
        + roof[roof_no]
        + f" m² per woning, {roof_need} m² nodig"
    )
    reason[unknown] = "pand niet in de BAG-uitsnede: plek voor een buitenunit onbekend"
    return reason
