"""PNG maps per buurt and an overview per gemeente (matplotlib, no basemap tiles needed)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from warmtekans.io import atomic_path  # noqa: E402

COLOURS = {
    "gedeelde bodemlus": "#1b9e77",
    "bodemlussen op ringnet": "#66a61e",
    "collectieve luchtwarmtepomp": "#a6d854",
    "kleinschalig warmtenet (riothermie met WKO)": "#7570b3",
    "kleinschalig warmtenet (collectieve warmtepomp)": "#beaed4",
    "grootschalig warmtenet": "#d95f02",
    "individueel": "#bdbdbd",
}
A4_LANDSCAPE_IN = (11.69, 8.27)


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


def draw_map(ax, *, dwellings: gpd.GeoDataFrame, panden: gpd.GeoDataFrame, zones: gpd.GeoDataFrame,
             sewers: gpd.GeoDataFrame, streets: gpd.GeoDataFrame, buurten: gpd.GeoDataFrame, extent) -> None:
    """Draw buildings by recommended configuration, restriction zones hatched, sewers by potential."""
    minx, miny, maxx, maxy = extent
    buurten.boundary.plot(ax=ax, color="#444444", linewidth=1.2, zorder=1)
    if not streets.empty:
        streets.plot(ax=ax, color="#999999", linewidth=0.8, zorder=2)
    for effect, hatch, colour in (("forbidden", "xxx", "#e41a1c"), ("restricted", "///", "#ff7f00")):
        subset = zones[zones["effect"] == effect]
        if not subset.empty:
            subset.plot(ax=ax, facecolor="none", edgecolor=colour, hatch=hatch, linewidth=0.8, zorder=3)
    advice = dwellings.groupby("pand_id")["aanbevolen"].agg(lambda s: s.mode().iloc[0])
    coloured = panden.assign(aanbevolen=panden["pand_id"].map(advice).fillna("individueel"))
    for name, colour in COLOURS.items():
        subset = coloured[coloured["aanbevolen"] == name]
        if not subset.empty:
            subset.plot(ax=ax, color=colour, edgecolor="#333333", linewidth=0.2, zorder=4)
    if not sewers.empty and sewers["bronvermogen_kw"].notna().any():
        widths = 0.5 + 3.0 * sewers["bronvermogen_kw"] / max(float(sewers["bronvermogen_kw"].max()), 1e-9)
        sewers.plot(ax=ax, color="#2b8cbe", linewidth=widths, zorder=5)
    pad = 0.05 * max(maxx - minx, maxy - miny, 100)
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    handles = [Patch(facecolor=c, edgecolor="#333333", label=n) for n, c in COLOURS.items()]
    handles += [Patch(facecolor="none", edgecolor="#e41a1c", hatch="xxx", label="boren verboden"),
                Patch(facecolor="none", edgecolor="#ff7f00", hatch="///", label="boren beperkt"),
                Line2D([0], [0], color="#2b8cbe", linewidth=2.5, label="riool (dikte = warmtepotentie)")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False,
              title="Aanbevolen configuratie", title_fontsize=9)
    _scale_bar(ax)
    _north_arrow(ax)


def write_maps(out_dir: str | Path, *, gemeente: str, buurten: gpd.GeoDataFrame, dwellings: gpd.GeoDataFrame,
               panden: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, sewers: gpd.GeoDataFrame,
               streets: gpd.GeoDataFrame) -> list[Path]:
    """Write ``overzicht.png`` and one ``<buurtcode>.png`` per buurt into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    jobs = [("overzicht", f"Warmtekansen {gemeente}: overzicht", buurten)]
    jobs += [(row.buurtcode, f"Warmtekansen {row.buurtnaam} ({row.buurtcode})", buurten[buurten["buurtcode"] == row.buurtcode])
             for row in buurten.itertuples()]
    for name, title, area in jobs:
        fig, ax = plt.subplots(figsize=A4_LANDSCAPE_IN)
        extent = area.total_bounds
        clip = area.union_all().envelope.buffer(50)
        draw_map(ax, dwellings=dwellings, panden=panden[panden.intersects(clip)], zones=zones, sewers=sewers,
                 streets=streets, buurten=buurten, extent=extent)
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
