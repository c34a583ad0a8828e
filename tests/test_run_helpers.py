"""Helpers that keep results fresh and reproducible: per-gemeente parameters, input fingerprints,
temporaries of killed writes, cluster ids independent of row order."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from warmtekans.config.loader import validate_config
from warmtekans.core.atomic import atomic_path, stale_temporaries
from warmtekans.pipeline.stages.build_dwellings import build_dwellings
from warmtekans.pipeline.stages.prepare_buurten import prepare_buurten
from warmtekans.pipeline.stages.prepare_inputs import (
    prepare_bag,
    prepare_energielabels,
    prepare_streets,
)
from warmtekans.pipeline.workflow import gemeente_config, input_files, input_fingerprint


def two_gemeenten(tmp_path, **bag_extra):
    bag = tmp_path / "bag.gpkg"
    bag.write_bytes(b"x" * 10)
    raw = {"gemeenten": ["GM0001", "GM0002"], "areas": {
        "GM0001": {"naam": "Een", "inputs": {"bag": {"path": str(bag), **bag_extra},
                                             "buurten": {"path": str(tmp_path / "buurten.gpkg")}}},
        "GM0002": {"naam": "Twee", "sample": True}}}
    return raw, validate_config(raw)


def test_a_gemeente_sees_only_its_own_area(tmp_path):
    raw, config = two_gemeenten(tmp_path)
    own = gemeente_config(config, "GM0001")
    assert own["gemeenten"] == ["GM0001"] and list(own["areas"]) == ["GM0001"]
    assert own["clusters"] == config.model_dump(mode="json")["clusters"]
    validate_config(own)  # still a valid config for the stage
    # adding a third gemeente leaves the first one's parameters unchanged
    raw["gemeenten"].append("GM0003")
    raw["areas"]["GM0003"] = {"naam": "Drie", "sample": True}
    assert gemeente_config(validate_config(raw), "GM0001") == own


def test_nummeraanduiding_is_a_tracked_input(tmp_path):
    _, config = two_gemeenten(tmp_path, flavour="nlextract", nummeraanduiding=str(tmp_path / "num.csv"))
    assert input_files(config, "GM0001")["nummeraanduiding"] == str(tmp_path / "num.csv")


def test_fingerprint_changes_with_size_and_any_mtime_but_skips_generated_inputs(tmp_path):
    _, config = two_gemeenten(tmp_path)
    bag = tmp_path / "bag.gpkg"
    first = input_fingerprint(config, "GM0001", ("bag", "nummeraanduiding"))
    assert first.startswith(f"bag={bag}:10:")
    os.utime(bag, ns=(0, 10**18))  # an OLDER modification time than now
    second = input_fingerprint(config, "GM0001", ("bag",))
    assert second != first
    bag.write_bytes(b"x" * 11)
    os.utime(bag, ns=(0, 10**18))
    assert input_fingerprint(config, "GM0001", ("bag",)) not in (first, second)
    assert "buurten.gpkg:missing" in input_fingerprint(config, "GM0001", ("buurten",))
    assert input_fingerprint(config, "GM0002", ("bag", "buurten")) == ""  # the sample: Snakemake tracks it


def test_temporaries_of_a_killed_write_are_removed_on_the_next_write(tmp_path):
    target = tmp_path / "warmtekans.gpkg"
    killed = [tmp_path / ".warmtekans.gpkg.tmp-k1ll3d00.gpkg", tmp_path / ".warmtekans.gpkg.tmp-k1ll3d00.gpkg-journal",
              tmp_path / ".warmtekans.x7y8z9ab.gpkg"]  # the last: the name used before temporaries had .tmp-
    others = [tmp_path / ".warmtekans_extra.gpkg.tmp-aaaa.gpkg", tmp_path / ".woningen.parquet.tmp-bbbb.parquet",
              tmp_path / "warmtekans.gpkg.bak"]
    for path in killed + others:
        path.write_text("half")
    assert stale_temporaries(target) == sorted(killed)
    with atomic_path(target) as tmp:
        assert tmp.name.startswith(".warmtekans.gpkg.tmp-") and tmp.suffix == ".gpkg"
        tmp.write_text("done")
    assert target.read_text() == "done"
    assert sorted(p for p in tmp_path.iterdir()) == sorted([target, *others])


def test_a_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "out.parquet"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        tmp.with_name(tmp.name + "-journal").write_text("half")
        raise RuntimeError("stop")
    assert list(tmp_path.iterdir()) == []


def test_cluster_ids_do_not_depend_on_row_order(sample_dir, tmp_path):
    """The same dwellings and panden in another row order give the same clusters and ids."""
    from warmtekans.config.inputs import sample_inputs
    from warmtekans.config.sections import ClusterSettings
    from warmtekans.io.parquet import read_geoparquet
    from warmtekans.model.clusters import build_clusters

    source = sample_inputs("GM9999").model_dump(mode="json")
    for name in ("bag", "buurten"):
        source[name]["path"] = str(sample_dir / os.path.basename(source[name]["path"]))
    out = tmp_path / "p"
    prepare_buurten(source=source["buurten"], gemeente="GM9999", output=str(out / "buurten.parquet"))
    prepare_bag(source=source["bag"], buurten=str(out / "buurten.parquet"),
                       panden_output=str(out / "panden.parquet"), vbo_output=str(out / "vbos.parquet"))
    prepare_energielabels(source=None, reference_date="2026-01-01", output=str(out / "labels.parquet"))
    prepare_streets(source=str(sample_dir / "straten.osm"), output=str(out / "straten.parquet"))
    build_dwellings(panden=str(out / "panden.parquet"), vbos=str(out / "vbos.parquet"),
                           energielabels=str(out / "labels.parquet"), buurten=str(out / "buurten.parquet"),
                           settings={}, kentallen=None, dwellings_output=str(out / "w.parquet"),
                           panden_output=str(out / "wp.parquet"), report_output=str(out / "r.json"))
    dwellings, panden = read_geoparquet(out / "w.parquet"), read_geoparquet(out / "wp.parquet")
    streets = read_geoparquet(out / "straten.parquet")
    settings = ClusterSettings()
    members, clusters = build_clusters(dwellings, panden, streets, settings)
    shuffled = build_clusters(dwellings.sample(frac=1, random_state=1), panden.sample(frac=1, random_state=2),
                              streets.sample(frac=1, random_state=3), settings)
    assert clusters["cluster_id"].str.startswith("M").sum() >= 20
    assert_frame_equal(clusters, shuffled[1], check_exact=True)
    key = ["vbo_id", "mini_cluster_id", "gebied_cluster_id", "straat_sleutel"]
    assert_frame_equal(members[key].sort_values("vbo_id").reset_index(drop=True),
                       pd.DataFrame(shuffled[0][key]).sort_values("vbo_id").reset_index(drop=True))
