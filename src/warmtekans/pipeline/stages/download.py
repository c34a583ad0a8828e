"""Stage of the rule(s) download."""

from __future__ import annotations

import logging

from warmtekans.config.run_settings import DownloadSettings
from warmtekans.pipeline.common import area_bbox

log = logging.getLogger(__name__)


def _source_url(dataset: str, overrides: dict[str, str]) -> str:
    from warmtekans.config.datasets import pinned_sources

    return overrides.get(dataset) or pinned_sources()[dataset]["url"]


def download_buurten(*, settings: dict, output: str) -> None:
    """The CBS wijk- en buurtkaart (national zip with a GeoPackage)."""
    from warmtekans.inputs.download import download_zipped_gpkg

    download = DownloadSettings(**settings)
    url = _source_url("cbs_wijkenbuurten", download.urls)
    log.info("downloading %s", url)
    download_zipped_gpkg(url, output, timeout_s=download.timeout_s, retries=download.retries)


def download_area(*, dataset: str, buurten: str, settings: dict, output: str, gwsw_naam: str | None = None) -> None:
    """Download one per-area dataset for the bounding box of the gemeente's buurten."""
    from warmtekans.config.datasets import pinned_sources
    from warmtekans.inputs import download as dl

    download = DownloadSettings(**settings)
    bbox = area_bbox(buurten)
    kwargs = dict(timeout_s=download.timeout_s, retries=download.retries)
    url = _source_url(dataset, download.urls)
    log.info("downloading %s for bbox %s from %s", dataset, [round(v) for v in bbox], url)
    if dataset == "bag_ogcapi":
        dl.download_bag_ogcapi(url, bbox, output, **kwargs)
    elif dataset == "grondwaterbeschermingsgebieden":
        dl.download_wfs(url, download.drinkwater_typename, bbox, output, layer="zones", **kwargs)
    elif dataset == "gwsw_beheer":
        dl.download_wfs(url.replace("{gemeentenaam}", gwsw_naam or ""), "gwsw:beheer_leiding", bbox, output,
                        layer="beheer_leiding", **kwargs)
    elif dataset == "osm_overpass":
        date = download.osm_date or pinned_sources()["osm_overpass"]["version"]
        dl.download_osm(url, bbox, date, output, **kwargs)
    else:
        raise ValueError(f"no downloader for {dataset}")
