"""Where the streets of the results come from, in words for the maps and ``kwaliteit.md``: their lines (OSM, or
drawn through the BAG addresses) and their names (OSM, the BAG openbare ruimte, a postcode + house-number label,
or no address at all)."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd

from warmtekans.core.crs import RD_CRS
from warmtekans.model.clusters import BLOCK_KEY, street_keys
from warmtekans.model.streetlines import street_lines

#: A street label made from addresses when the name is unknown (warmtekans.inputs.streetnames.address_range_label).
POSTCODE_LABEL = r"^(?:\d{4} [A-Z]{2}\b|postcode onbekend)"


#: Where a dwelling's street name comes from (Dutch, in this order on the maps).
OSM, BAG, POSTCODE, NO_ADDRESS, UNKNOWN = (
    "OSM",
    "BAG openbare ruimte",
    "postcode + huisnummers",
    "geen adres",
    "onbekend",
)


def name_sources(dwellings: pd.DataFrame) -> pd.Series:
    """Per row of ``dwellings`` (with ``straat`` and ``straat_sleutel``) where its street name comes from: ``OSM``
    (key ``osm:``), ``geen adres`` (key ``blok:``, no nummeraanduiding), ``postcode + huisnummers`` (the label of
    an openbare ruimte without a known name), ``BAG openbare ruimte``, or ``onbekend`` (no name at all)."""
    name = dwellings["straat"].astype("string").str.strip().fillna("")
    key = (dwellings["straat_sleutel"].astype("string").fillna("") if "straat_sleutel" in dwellings
           else pd.Series("", index=dwellings.index, dtype="string"))
    source = pd.Series(BAG, index=dwellings.index, dtype="string")
    source[name == ""] = UNKNOWN
    source[name.str.match(POSTCODE_LABEL).fillna(False).astype(bool)] = POSTCODE
    source[key.str.startswith("osm:").fillna(False).astype(bool)] = OSM
    source[key.str.startswith(BLOCK_KEY).fillna(False).astype(bool)] = NO_ADDRESS
    return source


def street_note(dwellings: pd.DataFrame, available_inputs: set[str] | None = None) -> str:
    """One Dutch sentence for the map margin, the web map footer and ``kwaliteit.md``: how the streets are drawn
    and where their names come from, with the share of dwellings per name source when there are several, e.g.
    ``Straten: lijn door de adressen (geen OSM). Straatnamen: niet in de BAG-invoer, gelabeld met postcode +
    huisnummers``."""
    osm = "straten" in (available_inputs or set())
    lines = "Straten: OSM" if osm else "Straten: lijn door de adressen (geen OSM)"
    woningen = dwellings[dwellings["objecttype"] == "woning"] if "objecttype" in dwellings else dwellings
    shares = name_sources(woningen).value_counts(normalize=True)
    if shares.empty:
        return lines
    if shares.index[0] == NO_ADDRESS and shares.iloc[0] > 0.5:
        return (f"{lines}. Geen adressen (nummeraanduiding ontbreekt): geen straatnamen, blokken panden in plaats van "
                "straten")
    if shares.index[0] == POSTCODE and shares.iloc[0] > 0.5 and OSM not in shares.index:
        names = "niet in de BAG-invoer, gelabeld met postcode + huisnummers"
    else:
        order = [source for source in (OSM, BAG, POSTCODE, NO_ADDRESS, UNKNOWN) if source in shares.index]
        names = (order[0] if len(order) == 1 else
                 ", ".join(f"{source} {100 * shares[source]:.0f} %".replace(".", ",") for source in order))
    return f"{lines}. Straatnamen: {names}"


def with_street_note(source: str, dwellings: pd.DataFrame, available_inputs: set[str] | None = None) -> str:
    """The source line of a map with :func:`street_note` after the inputs used: before the missing inputs
    (``. Niet beschikbaar``, which the PNG margin wraps onto lines of their own) or the closing ``. Kaart:
    warmtekans``."""
    if dwellings is None or dwellings.empty or "straat" not in dwellings:
        return source
    note = street_note(dwellings, available_inputs)
    for after in (". Niet beschikbaar", ". Kaart: warmtekans"):
        if after in source:
            return source.replace(after, f". {note}{after}", 1)
    return f"{source}. {note}"


#: ``straten.lijn_bron``: the street's line is its OSM segments, or drawn through its addresses.
OSM_LINE, ADDRESS_LINE = "OSM", "adressen"


def street_geometries(streets: gpd.GeoDataFrame, dwellings: pd.DataFrame) -> gpd.GeoDataFrame:
    """One (multi)line per street key, indexed by ``straat_sleutel``, with ``lijn_bron``: the dissolved OSM
    segments (``OSM``) of each OSM street, and for every other street key of ``dwellings`` (BAG openbare ruimte,
    or a block without address) a line through its addresses (``adressen``,
    :func:`warmtekans.model.streetlines.street_lines`; the BAG gives an openbare ruimte no geometry)."""
    frames = []
    if not streets.empty:
        named = streets.assign(straat_sleutel=street_keys(streets["straat"], streets["straat_id"]))
        osm = named.dissolve(by="straat_sleutel", as_index=True)[["geometry"]]
        frames.append(osm.assign(lijn_bron=OSM_LINE))
    keyed = dwellings.dropna(subset=["straat_sleutel"])
    keyed = keyed[~keyed["straat_sleutel"].isin(frames[0].index)] if frames else keyed
    if not keyed.empty:
        lines = street_lines(gpd.GeoSeries(keyed.geometry, crs=RD_CRS), keyed["straat_sleutel"])
        frames.append(gpd.GeoDataFrame({"lijn_bron": ADDRESS_LINE}, index=lines.index, geometry=lines, crs=RD_CRS))
    if not frames:
        return gpd.GeoDataFrame({"lijn_bron": pd.Series(dtype="string")}, geometry=gpd.GeoSeries(crs=RD_CRS),
                                crs=RD_CRS).rename_axis("straat_sleutel")
    return gpd.GeoDataFrame(pd.concat(frames), geometry="geometry", crs=RD_CRS).rename_axis("straat_sleutel")


def drawn_streets(streets: gpd.GeoDataFrame, dwellings: pd.DataFrame) -> gpd.GeoDataFrame:
    """The streets a PNG map draws: the OSM segments as given, and a line through the addresses of every other
    street key of ``dwellings`` (:func:`street_geometries`), with ``straat_sleutel``, ``straat`` and ``lijn_bron``."""
    from warmtekans.core.tables import most_common

    frames = []
    if streets is not None and not streets.empty:
        keyed = streets.assign(straat_sleutel=street_keys(streets["straat"], streets["straat_id"]), lijn_bron=OSM_LINE)
        frames.append(keyed[["straat_sleutel", "straat", "lijn_bron", "geometry"]])
    if "straat_sleutel" in dwellings and not dwellings.empty:
        lines = street_geometries(gpd.GeoDataFrame(geometry=[], crs=RD_CRS), dwellings)
        lines = lines[~lines.index.isin(frames[0]["straat_sleutel"])] if frames else lines
        names = most_common(dwellings.dropna(subset=["straat"]), "straat_sleutel", "straat")
        frames.append(lines.assign(straat=names.reindex(lines.index).astype("string")).reset_index())
    if not frames:
        return streets
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=RD_CRS)
