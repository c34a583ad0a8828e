"""PNG maps per buurt and an overview per gemeente (matplotlib, no basemap tiles needed)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from shapely.geometry import box  # noqa: E402

from warmtekans.colours import COLOURS  # noqa: E402
from warmtekans.io import atomic_path  # noqa: E402
from warmtekans.progress import progress  # noqa: E402
from warmtekans.tables import most_common  # noqa: E402

A4_LANDSCAPE_IN = (11.69, 8.27)
UNSURE_COLOUR = "#d50000"


def _scale_bar(ax, length_m: float | None = None) -> None:
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width = x1 - x0
    if length_m is None:
        raw = width / 5
        magnitude = 10 ** len(str(int(raw))) / 10
        length_m = max(magnitude * round(raw / magnitude), 10)
    x, y = x0 + 0.05 * width, y0 + 0.05 * (y1 - y0)
    ax.plot([x, x + length_m], [y, y], color="black", linewidth=3, solid_capstyle="butt")
    label = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    ax.text(x + length_m / 2, y + 0.015 * (y1 - y0), label, ha="center", va="bottom", fontsize=9)


def _north_arrow(ax) -> None:
    ax.annotate("N", xy=(0.95, 0.93), xytext=(0.95, 0.82), xycoords="axes fraction", ha="center", va="center",
                fontsize=12, fontweight="bold", arrowprops=dict(facecolor="black", width=4, headwidth=12))


def _within(frame: gpd.GeoDataFrame, bounds) -> gpd.GeoDataFrame:
    """The features of ``frame`` whose bounding box meets ``bounds`` (spatial index, no full scan)."""
    if frame.empty:
        return frame
    return frame.iloc[frame.sindex.query(box(*bounds))]


def draw_map(ax, *, panden: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, sewers: gpd.GeoDataFrame,
             streets: gpd.GeoDataFrame, buurten: gpd.GeoDataFrame, extent) -> None:
    """Draw buildings by recommended configuration, restriction zones hatched, sewers by potential.

    ``panden`` carries ``aanbevolen``; every layer is first cut to the map extent.
    """
    minx, miny, maxx, maxy = extent
    pad = 0.05 * max(maxx - minx, maxy - miny, 100)
    view = (minx - pad, miny - pad, maxx + pad, maxy + pad)
    _within(buurten, view).boundary.plot(ax=ax, color="#444444", linewidth=1.2, zorder=1)
    visible_streets = _within(streets, view)
    if not visible_streets.empty:
        visible_streets.plot(ax=ax, color="#999999", linewidth=0.8, zorder=2)
    visible_zones = _within(zones, view)
    for effect, hatch, colour in (("forbidden", "xxx", "#e41a1c"), ("restricted", "///", "#ff7f00")):
        subset = visible_zones[visible_zones["effect"] == effect] if not visible_zones.empty else visible_zones
        if not subset.empty:
            subset.plot(ax=ax, facecolor="none", edgecolor=colour, hatch=hatch, linewidth=0.8, zorder=3)
    coloured = _within(panden, view)
    for name, colour in COLOURS.items():
        subset = coloured[coloured["aanbevolen"] == name]
        if not subset.empty:
            subset.plot(ax=ax, color=colour, edgecolor="#333333", linewidth=0.2, zorder=4)
    unsure = coloured[coloured["onzeker"]] if "onzeker" in coloured and not coloured.empty else coloured.iloc[:0]
    if not unsure.empty:
        unsure.plot(ax=ax, facecolor="none", edgecolor=UNSURE_COLOUR, hatch="....", linewidth=0.8, zorder=4.5)
    visible_sewers = _within(sewers, view)
    if not visible_sewers.empty and sewers["bronvermogen_kw"].notna().any():
        widths = (0.5 + 3.0 * visible_sewers["bronvermogen_kw"] / max(float(sewers["bronvermogen_kw"].max()), 1e-9)).to_numpy()
        visible_sewers.plot(ax=ax, color="#2b8cbe", linewidth=widths, zorder=5)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    handles = [Patch(facecolor=c, edgecolor="#333333", label=n) for n, c in COLOURS.items()]
    handles += [Patch(facecolor="none", edgecolor="#e41a1c", hatch="xxx", label="boren verboden"),
                Patch(facecolor="none", edgecolor="#ff7f00", hatch="///", label="boren beperkt"),
                Line2D([0], [0], color="#2b8cbe", linewidth=2.5, label="riool (dikte = warmtepotentie)")]
    if "onzeker" in panden and panden["onzeker"].any():
        handles.append(Patch(facecolor="none", edgecolor=UNSURE_COLOUR, hatch="....",
                             label="advies onzeker (hangt af van schattingen)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False,
              title="Aanbevolen configuratie", title_fontsize=9)
    _scale_bar(ax)
    _north_arrow(ax)


def write_maps(out_dir: str | Path, *, gemeente: str, buurten: gpd.GeoDataFrame, dwellings: gpd.GeoDataFrame,
               panden: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, sewers: gpd.GeoDataFrame,
               streets: gpd.GeoDataFrame, per_buurt: bool = True, unsure_clusters: set[str] | None = None) -> list[Path]:
    """Write ``overzicht.png`` and (when ``per_buurt``) one ``<buurtcode>.png`` per buurt into ``out_dir``.

    Panden whose dwellings' chosen cluster is in ``unsure_clusters`` (stabiliteit below the
    threshold) are hatched as *onzeker*.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    advice = most_common(dwellings, "pand_id", "aanbevolen")
    panden = panden.assign(aanbevolen=panden["pand_id"].map(advice).fillna("individueel"))
    if unsure_clusters and "gekozen_cluster" in dwellings:
        unsure_pand = dwellings.loc[dwellings["gekozen_cluster"].isin(unsure_clusters), "pand_id"]
        panden = panden.assign(onzeker=panden["pand_id"].isin(unsure_pand))
    jobs = [("overzicht", f"Warmtekansen {gemeente}: overzicht", tuple(buurten.total_bounds))]
    if per_buurt:
        jobs += [(row.buurtcode, f"Warmtekansen {row.buurtnaam} ({row.buurtcode})", row.geometry.bounds)
                 for row in buurten.itertuples()]
    written = []
    for name, title, extent in progress(jobs, total=len(jobs), what="maps"):
        fig, ax = plt.subplots(figsize=A4_LANDSCAPE_IN)
        draw_map(ax, panden=panden, zones=zones, sewers=sewers, streets=streets, buurten=buurten, extent=extent)
        ax.set_title(title, fontsize=14)
        fig.text(0.01, 0.01, "Bron: BAG (Kadaster), CBS, EP-online (RVO), GWSW, OpenStreetMap; warmtekans",
                 fontsize=7, color="#555555")
        fig.tight_layout()
        path = out / f"{name}.png"
        with atomic_path(path) as tmp:
            fig.savefig(tmp, dpi=120, format="png")
        plt.close(fig)
        written.append(path)
    return written
