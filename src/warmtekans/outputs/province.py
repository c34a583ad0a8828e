"""A regio (a province) as one result, merged from the gemeenten's own results.

Nothing is recomputed: every number comes from the per-gemeente result layers
(``results/<gemeente>/warmtekans.gpkg``). The merge carries every column of those layers and adds
``gemeentecode`` and ``gemeentenaam``; what it counts per buurt and per gemeente is declared once,
in :data:`COUNTS`, so a new per-buurt or per-street field becomes a province figure by adding one
:class:`Count`. A street is *kansrijk* for a level by :func:`street_is_kansrijk` (one definition).

Outputs (``results/<regio>/``, see docs/results.md "Regio"): a styled GeoPackage with the layers
``gemeenten`` (one row per gemeente with the table's figures), ``buurten`` (every buurt with its
shares and kansrijke streets), ``straten`` (the kansrijke streets) and ``clusters``; the table per
gemeente (CSV and Markdown); the A3 maps (:mod:`warmtekans.outputs.province_map`) and the index page
(:mod:`warmtekans.outputs.province_index`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans.core.crs import RD_CRS
from warmtekans.decision.verdict import LEVELS
from warmtekans.outputs.kansrijk import KANSRIJK

#: The network levels a street can be kansrijk for (docs/method.md §8, "Kansrijk").
KANSRIJK_LEVELS: tuple[str, ...] = LEVELS


def street_is_kansrijk(streets: pd.DataFrame, level: str) -> pd.Series:
    """Whether each street (row of the ``straten`` layer) is kansrijk for network ``level``: its
    ``kansrijk_<level>`` is ``ja`` or ``binnen marge`` — the answer every gemeente output gives
    (:mod:`warmtekans.outputs.kansrijk`)."""
    if level not in KANSRIJK_LEVELS:
        raise ValueError(f"no level '{level}' (levels: {', '.join(KANSRIJK_LEVELS)})")
    column = f"kansrijk_{level}"
    if column not in streets:
        return pd.Series(False, index=streets.index)
    return streets[column].isin(KANSRIJK).fillna(False).astype(bool)


def kansrijk_for_any_level(streets: pd.DataFrame) -> pd.Series:
    """Streets kansrijk for at least one level: the kansrijke streets of the gemeenten (``kansrijk``)."""
    if "kansrijk" in streets:
        return streets["kansrijk"].isin(KANSRIJK).fillna(False).astype(bool)
    selected = pd.Series(False, index=streets.index)
    for level in KANSRIJK_LEVELS:
        selected |= street_is_kansrijk(streets, level)
    return selected


@dataclass(frozen=True)
class Count:
    """One figure of the province table, counted per gemeente and per buurt from one result layer.

    ``columns`` are summed over the layer's rows; with ``values`` the rows whose (single) column holds one
    of them are counted instead; with neither, the rows are counted. ``where`` selects the rows first.
    Rows of ``straten`` are streets (a street cut by zones has several parts): each street counts once.
    With ``share`` the table and the buurten also get ``aandeel_<name without n_>`` = the count divided
    by the dwellings (``n_woningen``), 0–1.
    """

    name: str
    layer: str
    section: str
    title: str
    columns: tuple[str, ...] = ()
    values: tuple[str, ...] | None = None
    where: Callable[[pd.DataFrame], pd.Series] | None = None
    share: bool = True

    @property
    def share_name(self) -> str:
        return "aandeel_" + self.name.removeprefix("n_")


ADVICE, LABELS, STREETS = "Advies per woning", "Energielabels (geregistreerd of geschat)", "Kansrijke straten"


def _kansrijk(level: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda streets: street_is_kansrijk(streets, level)


#: Every count of the province table and the province buurten, in table order. Extend here (one line per
#: figure); the layer is read for it (for ``woningen`` only its ``columns`` and ``buurtcode``).
COUNTS: tuple[Count, ...] = (
    Count("n_woningen", "buurten", ADVICE, "woningen", ("n_woningen",), share=False),
    Count("n_mini", "buurten", ADVICE, "mini", ("n_mini",)),
    Count("n_kleinschalig", "buurten", ADVICE, "kleinschalig", ("n_kleinschalig",)),
    Count("n_grootschalig", "buurten", ADVICE, "grootschalig", ("n_grootschalig",)),
    Count("n_individueel", "buurten", ADVICE, "individueel", ("n_individueel",)),
    Count("n_collectief", "buurten", ADVICE, "collectief", ("n_mini", "n_kleinschalig", "n_grootschalig")),
    *(Count(f"n_label_{label}", "woningen", LABELS, label, ("labelklasse",), values=(label,))
      for label in "ABCDEFG"),
    Count("n_label_geschat", "buurten", LABELS, "label geschat", ("n_label_geschat",)),
    *(count for level in KANSRIJK_LEVELS for count in (
        Count(f"n_straten_{level}", "straten", STREETS, f"straten {level}", where=_kansrijk(level), share=False),
        Count(f"n_woningen_straten_{level}", "straten", STREETS, f"woningen in straten {level}", ("n_woningen",),
              where=_kansrijk(level)))),
)


#: The share the province map shows: dwellings advised mini, small- or large-scale (``n_collectief``) over all.
COLLECTIVE_SHARE = "aandeel_collectief"


#: Per buurt heat demand per hectare of its area (GJ/ha/yr; the province's heat-density map).
HEAT_DENSITY = "warmtedichtheid_gj_ha"


#: Text columns of the buurten layer the table carries per gemeente (the first buurt's value; the same for all).
TEXT_COLUMNS = {"ontbrekende_invoer": "ontbrekende invoer"}


#: One unit per row, except for these layers: each value of the key is one unit (a street, not a street part).
UNIT_KEYS = {"straten": "straat_sleutel"}


#: The per-gemeente result layers the province GeoPackage carries (every column) with ``gemeentecode`` added.
CARRIED_LAYERS = ("buurten", "straten", "clusters")


def layer_columns(layer: str) -> list[str] | None:
    """The columns to read of a per-gemeente result layer: all (None) for the carried layers, else the columns
    the counts on it use and ``buurtcode``."""
    if layer in CARRIED_LAYERS:
        return None
    needed = {column for count in COUNTS if count.layer == layer for column in count.columns}
    return sorted(needed | {"buurtcode"})


def counted_layers() -> list[str]:
    """The layers :data:`COUNTS` read, carried ones first."""
    return list(dict.fromkeys([*CARRIED_LAYERS, *(count.layer for count in COUNTS)]))


def with_gemeente(frame: pd.DataFrame, code: str, naam: str) -> pd.DataFrame:
    """The frame with ``gemeentecode`` and ``gemeentenaam`` as its first columns."""
    out = frame.copy()
    for column in ("gemeentecode", "gemeentenaam"):
        if column in out:
            out = out.drop(columns=column)
    out.insert(0, "gemeentenaam", pd.Series(naam, index=out.index, dtype="string"))
    out.insert(0, "gemeentecode", pd.Series(code, index=out.index, dtype="string"))
    return out


def concat_layers(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The gemeenten's frames of one layer as one (columns in first-seen order; a column one gemeente lacks is
    empty there). GeoDataFrames stay GeoDataFrames in RD New."""
    present = [frame for frame in frames if frame is not None]
    if not present:
        return pd.DataFrame()
    columns = list(dict.fromkeys(column for frame in present for column in frame.columns))
    non_empty = [frame for frame in present if not frame.empty] or present[:1]
    merged = pd.concat(non_empty, ignore_index=True, sort=False)
    merged = merged.reindex(columns=columns)
    if any(isinstance(frame, gpd.GeoDataFrame) for frame in present):
        geometry = next(frame.geometry.name for frame in present if isinstance(frame, gpd.GeoDataFrame))
        merged = gpd.GeoDataFrame(merged, geometry=geometry, crs=RD_CRS)
    return merged


def _units(frame: pd.DataFrame, layer: str) -> pd.DataFrame:
    key = UNIT_KEYS.get(layer)
    if key is None or key not in frame or frame.empty:
        return frame
    return frame.drop_duplicates(["gemeentecode", key])


def count_values(layers: dict[str, pd.DataFrame], by: list[str]) -> pd.DataFrame:
    """Every :data:`COUNTS` figure per group of ``by`` (e.g. ``["gemeentecode"]`` or ``["gemeentecode",
    "buurtcode"]``), integers, 0 where a group has none. Layers are the merged ones (with ``gemeentecode``)."""
    results = {}
    for count in COUNTS:
        frame = layers.get(count.layer)
        if frame is None or frame.empty or any(column not in frame for column in by):
            results[count.name] = pd.Series(dtype="int64")
            continue
        frame = _units(frame, count.layer)
        if count.where is not None:
            frame = frame[count.where(frame).to_numpy(dtype=bool)]
        if count.values is not None:
            (column,) = count.columns
            weights = frame[column].astype("string").isin(list(count.values)).astype("int64")
        elif count.columns:
            weights = sum(pd.to_numeric(frame[column], errors="coerce").fillna(0) for column in count.columns)
        else:
            weights = pd.Series(1, index=frame.index)
        keys = [frame[column].astype("string") for column in by]
        results[count.name] = pd.Series(np.asarray(weights), index=frame.index).groupby(keys).sum()
    table = pd.DataFrame(results)
    table.index.names = by
    return table.fillna(0).round().astype("int64")


def add_shares(table: pd.DataFrame) -> pd.DataFrame:
    """``aandeel_*`` of every count with ``share``: the count over ``n_woningen`` (NaN without dwellings)."""
    out = table.copy()
    dwellings = pd.to_numeric(out["n_woningen"], errors="coerce").astype("float64")
    for count in COUNTS:
        if count.share and count.name in out:
            out[count.share_name] = (out[count.name] / dwellings.where(dwellings > 0)).round(4)
    return out


def merged_layers(per_gemeente: dict[str, dict[str, pd.DataFrame]], names: dict[str, str]) -> dict[str, pd.DataFrame]:
    """The gemeenten's result layers as one frame per layer, each row with ``gemeentecode`` and ``gemeentenaam``."""
    layers: dict[str, list[pd.DataFrame]] = {}
    for code, frames in per_gemeente.items():
        for layer, frame in frames.items():
            layers.setdefault(layer, []).append(with_gemeente(frame, code, names.get(code, code)))
    return {layer: concat_layers(frames) for layer, frames in layers.items()}


def province_buurten(layers: dict[str, pd.DataFrame]) -> gpd.GeoDataFrame:
    """Every buurt of the regio with its own fields, and per buurt every count it does not carry yet (e.g.
    ``n_collectief``, the label mix, kansrijke streets per level), the shares and :data:`HEAT_DENSITY`."""
    buurten = layers["buurten"].copy()
    counts = add_shares(count_values(layers, ["gemeentecode", "buurtcode"]))
    new = [column for column in counts.columns if column not in buurten.columns]
    keys = pd.MultiIndex.from_arrays([buurten["gemeentecode"].astype("string"), buurten["buurtcode"].astype("string")])
    added = counts[new].reindex(keys)
    for column in new:
        values = added[column].to_numpy()
        if column.startswith("n_"):
            values = pd.Series(values).fillna(0).astype("int64").to_numpy()
        buurten[column] = values
    shares = add_shares(buurten[[c.name for c in COUNTS if c.name in buurten]])
    for count in COUNTS:
        if count.share and count.share_name in shares:
            buurten[count.share_name] = shares[count.share_name].to_numpy()
    hectares = buurten.geometry.area / 10_000.0
    demand = pd.to_numeric(buurten.get("warmtevraag_gj"), errors="coerce")
    buurten[HEAT_DENSITY] = (demand.fillna(0) / hectares.where(hectares > 0)).round(1)
    return gpd.GeoDataFrame(buurten, geometry=buurten.geometry.name, crs=RD_CRS)


def kansrijke_straten(layers: dict[str, pd.DataFrame]) -> gpd.GeoDataFrame:
    """The streets (all their parts) kansrijk for at least one level, every column carried."""
    streets = layers.get("straten")
    if streets is None:
        return gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=RD_CRS), crs=RD_CRS)
    if streets.empty:
        return streets
    return streets[kansrijk_for_any_level(streets).to_numpy()].reset_index(drop=True)


def gemeente_table(layers: dict[str, pd.DataFrame], names: dict[str, str], *, total_naam: str) -> pd.DataFrame:
    """One row per gemeente (in ``names`` order) and a last row ``totaal`` for the regio: ``n_buurten``, every
    count of :data:`COUNTS` with its share, and the :data:`TEXT_COLUMNS` (the inputs that were missing)."""
    buurten = layers["buurten"]
    counts = count_values(layers, ["gemeentecode"]).reindex(list(names)).fillna(0).astype("int64")
    counts.insert(0, "n_buurten", buurten.groupby(buurten["gemeentecode"].astype("string")).size()
                  .reindex(list(names)).fillna(0).astype("int64"))
    total = counts.sum().to_frame().T
    total.index = pd.Index(["totaal"], name="gemeentecode")
    table = add_shares(pd.concat([counts, total]))
    table.insert(0, "gemeentenaam", [names.get(code, code) for code in counts.index] + [total_naam])
    for column in TEXT_COLUMNS:
        first = (buurten.groupby(buurten["gemeentecode"].astype("string"))[column].first()
                 if column in buurten else pd.Series(dtype="string"))
        table[column] = first.reindex(table.index).astype("string")
    table.loc["totaal", list(TEXT_COLUMNS)] = pd.NA
    return table.rename_axis("gemeentecode").reset_index()


def gemeenten_layer(buurten: gpd.GeoDataFrame, table: pd.DataFrame) -> gpd.GeoDataFrame:
    """One polygon per gemeente (its buurten dissolved) with its row of the table (the ``totaal`` row left out)."""
    shapes = buurten[["gemeentecode", buurten.geometry.name]].dissolve(by="gemeentecode")
    rows = table[table["gemeentecode"] != "totaal"].set_index("gemeentecode")
    layer = gpd.GeoDataFrame(rows.join(shapes, how="left"), geometry=buurten.geometry.name, crs=RD_CRS)
    return layer.reset_index()


def _number(value) -> str:
    return "" if pd.isna(value) else f"{int(value):,}".replace(",", " ")


def _percent(value) -> str:
    return "–" if pd.isna(value) else f"{100 * float(value):.1f} %".replace(".", ",")


def table_markdown(table: pd.DataFrame, *, code: str, naam: str) -> str:
    """The table per gemeente as Dutch Markdown: one table per section of :data:`COUNTS` (counts with their
    shares of the dwellings), then the inputs that were missing per gemeente."""
    lines = [f"# Warmtekansen {naam} ({code})", "",
             f"{len(table) - 1} gemeenten; elk getal komt uit de resultaten van de gemeente zelf "
             "(`results/<gemeente>/warmtekans.gpkg`). Aandelen zijn van het aantal woningen.", ""]
    sections = list(dict.fromkeys(count.section for count in COUNTS))
    for section in sections:
        counts = [count for count in COUNTS if count.section == section]
        lines += [f"## {section}", "", "| gemeente | " + " | ".join(count.title for count in counts) + " |",
                  "|---|" + "---:|" * len(counts)]
        for row in table.itertuples(index=False):
            record = row._asdict()
            place = "**totaal**" if record["gemeentecode"] == "totaal" else \
                f"{record['gemeentenaam']} ({record['gemeentecode']})"
            cells = []
            for count in counts:
                cell = _number(record.get(count.name))
                if count.share:
                    cell += f" ({_percent(record.get(count.share_name))})"
                cells.append(cell)
            lines.append(f"| {place} | " + " | ".join(cells) + " |")
        lines.append("")
    for column, title in TEXT_COLUMNS.items():
        lines += [f"## {title[0].upper()}{title[1:]}", ""]
        for row in table[table["gemeentecode"] != "totaal"].itertuples(index=False):
            record = row._asdict()
            value = record.get(column)
            lines.append(f"- **{record['gemeentenaam']} ({record['gemeentecode']})**: "
                         f"{'' if pd.isna(value) else value}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def table_csv(table: pd.DataFrame) -> str:
    """The table per gemeente as CSV (comma-separated, UTF-8, shares 0–1)."""
    return table.to_csv(index=False, lineterminator="\n")


#: Descriptions of the province GeoPackage's layers (QGIS shows them as the abstract).
LAYER_DESCRIPTIONS = {
    "gemeenten": "Per gemeente: woningen, advies per niveau, labelmix, kansrijke straten, ontbrekende invoer "
                 "(zoals gemeenten.csv)",
    "buurten": "Alle buurten van de regio met gemeentecode, aandelen advies per niveau, kansrijke straten per "
               "niveau en warmtedichtheid",
    "straten": "Kansrijke straten van alle gemeenten (per deel waar zones ze snijden)",
    "clusters": "Kandidaat-clusters (mini en gebied) van alle gemeenten",
}


LAYER_GEOMETRY = {"gemeenten": "MultiPolygon", "buurten": "MultiPolygon", "straten": "MultiLineString",
                  "clusters": "MultiPolygon"}


def share_ranges(classes) -> list[tuple[float, float, str, float, str]]:
    """QGIS graduated ranges (lower, upper, colour, width, label) of the collective-share classes."""
    return [(lower, upper if upper < 1 else 1.000001, colour, 0.4, label) for lower, upper, colour, label in classes]


def province_styles(geometry_types: dict[str, str | None]) -> dict[str, tuple[str, str]]:
    """The styles of the province's own layers: gemeenten outlined and named, buurten by collective share.
    The streets and clusters keep the per-gemeente styles (:func:`warmtekans.outputs.styles.default_styles`)."""
    from warmtekans.outputs.colours import BUURT_EDGE, COLLECTIVE_SHARE_CLASSES
    from warmtekans.outputs.styles import graduated, single, symbol_kind

    return {
        "gemeenten": ("warmtekans: gemeenten", single(symbol_kind(geometry_types.get("gemeenten")), "#ffffff",
                                                      outline=BUURT_EDGE, width=1.2, alpha=0,
                                                      label_field="gemeentenaam", label_size=11, label_bold=True,
                                                      label_always=True)),
        "buurten": ("warmtekans: aandeel woningen met advies collectief",
                    graduated(COLLECTIVE_SHARE, symbol_kind(geometry_types.get("buurten")),
                              share_ranges(COLLECTIVE_SHARE_CLASSES))),
    }
