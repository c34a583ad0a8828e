"""Stage of the rule(s) merge_region: a regio's gemeenten as one result, read from their own results."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import yaml

from warmtekans.core.atomic import atomic_path
from warmtekans.core.errors import InputError

log = logging.getLogger(__name__)


def read_gemeente_layers(gpkg: str) -> dict[str, pd.DataFrame]:
    """The result layers of one gemeente the merge needs: the carried ones whole, the others only the columns
    its counts use (:func:`warmtekans.outputs.province.layer_columns`), without geometry."""
    import pyogrio

    from warmtekans.outputs.province import counted_layers, layer_columns

    present = {name for name, _ in pyogrio.list_layers(gpkg)}
    layers: dict[str, pd.DataFrame] = {}
    for layer in counted_layers():
        if layer not in present:
            raise InputError("the result layer is missing; rerun this gemeente (snakemake -R write_results)",
                             path=gpkg, layer=layer)
        columns = layer_columns(layer)
        if columns is None:
            layers[layer] = gpd.read_file(gpkg, layer=layer, engine="pyogrio")
            continue
        fields = set(pyogrio.read_info(gpkg, layer=layer)["fields"])
        missing = [column for column in columns if column not in fields]
        if missing:
            raise InputError("a column the regio table counts is missing; rerun this gemeente "
                             "(snakemake -R write_results)", path=gpkg, layer=layer, column=missing[0])
        layers[layer] = pyogrio.read_dataframe(gpkg, layer=layer, columns=columns, read_geometry=False)
    return layers


def region_source_line(available_inputs: dict[str, list[str]], samples: dict[str, bool]) -> str:
    """The source line of the regio's maps: the inputs any gemeente used, those no gemeente had, and which
    gemeenten are generated sample data."""
    from warmtekans.outputs.mapframe import source_line

    real = [code for code in available_inputs if not samples.get(code)]
    if not real:
        return source_line(set(), sample=True)
    used = set().union(*(set(available_inputs[code]) for code in real))
    text = source_line(used)
    generated = [code for code in available_inputs if samples.get(code)]
    if generated:  # before the inputs no gemeente had: the map's margin wraps that list onto its own lines
        used_part, marker, missing_part = text.partition(". Niet beschikbaar")
        used_part = used_part.removesuffix(". Kaart: warmtekans")
        text = (f"{used_part}. Gegenereerde voorbeelddata: {', '.join(generated)}"
                + (f"{marker}{missing_part}" if marker else ". Kaart: warmtekans"))
    return text


def merge_region(*, code: str, naam: str, gemeenten: list[str], names: dict[str, str], gpkgs: list[str],
                 webmaps: list[str], available_inputs: dict[str, list[str]], samples: dict[str, bool],
                 gpkg_output: str, project_output: str, table_csv_output: str, table_md_output: str,
                 collective_map_output: str, heat_map_output: str, index_output: str) -> None:
    """Merge the results of ``gemeenten`` (``gpkgs`` in the same order) into the regio's styled GeoPackage and
    QGIS project, the table per gemeente (CSV, Markdown), the two A3 maps and the index page linking to each
    gemeente's web map (``webmaps``)."""
    from warmtekans.core.progress import progress
    from warmtekans.outputs.province import (
        COUNTS,
        LAYER_DESCRIPTIONS,
        LAYER_GEOMETRY,
        gemeente_table,
        gemeenten_layer,
        kansrijke_straten,
        merged_layers,
        province_buurten,
        province_styles,
        table_csv,
        table_markdown,
    )
    from warmtekans.outputs.province_index import write_index
    from warmtekans.outputs.province_map import collective_share_map, heat_density_map
    from warmtekans.outputs.styles import project_qgs, write_styled_gpkg

    if len(gpkgs) != len(gemeenten):
        raise ValueError("one result GeoPackage per gemeente expected")
    per_gemeente = {gemeente: read_gemeente_layers(path)
                    for gemeente, path in progress(zip(gemeenten, gpkgs), total=len(gpkgs), what="gemeenten read")}
    layers = merged_layers(per_gemeente, names)
    buurten = province_buurten(layers)
    table = gemeente_table(layers, {code_: names.get(code_, code_) for code_ in gemeenten}, total_naam=naam)
    gemeenten_frame = gemeenten_layer(buurten, table)
    streets = kansrijke_straten(layers)
    log.info("%s: %d gemeenten, %d buurten, %d woningen, %d kansrijke straatdelen, %d clusters", code,
             len(gemeenten), len(buurten), int(table.loc[table["gemeentecode"] == "totaal", "n_woningen"].iloc[0]),
             len(streets), len(layers["clusters"]))
    metadata = yaml.safe_dump({"regio": {"code": code, "naam": naam},
                               "gemeenten": [{"code": g, "naam": names.get(g, g), "resultaat": p}
                                             for g, p in zip(gemeenten, gpkgs)]}, allow_unicode=True, sort_keys=False)
    write_styled_gpkg({"gemeenten": gemeenten_frame, "buurten": buurten, "straten": streets,
                       "clusters": layers["clusters"]}, gpkg_output, descriptions=LAYER_DESCRIPTIONS,
                      geometry_types=LAYER_GEOMETRY, metadata=metadata, styles=province_styles)
    log.info("wrote %s", gpkg_output)
    minx, miny, maxx, maxy = buurten.total_bounds if not buurten.empty else (0.0, 0.0, 1.0, 1.0)
    margin = 0.03 * max(maxx - minx, maxy - miny, 1.0)
    with atomic_path(project_output) as tmp:
        tmp.write_text(project_qgs(gpkg_output, title=f"Warmtekansen {naam} ({code})",
                                   extent=(minx - margin, miny - margin, maxx + margin, maxy + margin),
                                   abstract=f"{len(gemeenten)} gemeenten: {', '.join(gemeenten)}",
                                   descriptions=LAYER_DESCRIPTIONS, own_styles=province_styles), encoding="utf-8")
    with atomic_path(table_csv_output) as tmp:
        tmp.write_text(table_csv(table), encoding="utf-8")
    with atomic_path(table_md_output) as tmp:
        tmp.write_text(table_markdown(table, code=code, naam=naam), encoding="utf-8")
    source = region_source_line(available_inputs, samples)
    total = table[table["gemeentecode"] == "totaal"].iloc[0]
    title = f"Warmtekansen {naam} ({code})"
    collective_share_map(collective_map_output, buurten=buurten, gemeenten=gemeenten_frame, title=title,
                         totals={count.name: float(total[count.name]) for count in COUNTS}, source=source)
    heat_density_map(heat_map_output, buurten=buurten, gemeenten=gemeenten_frame, title=title, source=source)
    start = Path(index_output).parent
    links = {gemeente: Path(os.path.relpath(webmap, start)).as_posix() for gemeente, webmap in zip(gemeenten, webmaps)}
    write_index(index_output, code=code, naam=naam, buurten=buurten, gemeenten=gemeenten_frame, table=table,
                links=links, footer=source)
    log.info("wrote %s", index_output)
