import json

import pytest
import yaml

from tests.conftest import ROOT
from warmtekans.config.cli import json_schema
from warmtekans.config.loader import load_config, validate_config
from warmtekans.config.models import Config
from warmtekans.core.errors import ConfigError


def minimal(**extra):
    raw = {"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "Voorbeeldstad", "sample": True}}}
    raw.update(extra)
    return raw


def test_default_config_and_examples_validate():
    for path in [ROOT / "config" / "config.yaml", *sorted((ROOT / "config" / "examples").glob("*.yaml"))]:
        raw = yaml.safe_load(path.read_text())
        if "areas" in raw and "GM9999" not in raw["areas"] and "GM9999" in raw["gemeenten"]:
            raw["areas"]["GM9999"] = {"naam": "Voorbeeldstad", "sample": True}
        assert isinstance(validate_config(raw, source=str(path)), Config)


def test_misspelled_key_is_named_with_allowed_keys():
    raw = minimal(clusters={"mini_max_gap": 10})
    with pytest.raises(ConfigError) as err:
        validate_config(raw)
    message = str(err.value)
    assert "unknown key 'clusters.mini_max_gap'" in message
    assert "mini_max_gap_m" in message  # the allowed keys are listed


def test_misspelled_top_level_key():
    with pytest.raises(ConfigError, match="unknown key 'gemeente'"):
        validate_config({**minimal(), "gemeente": ["GM9999"]})


def test_wrong_type_is_reported():
    with pytest.raises(ConfigError, match="clusters.mini_max_gap_m"):
        validate_config(minimal(clusters={"mini_max_gap_m": "wide"}))


def test_gemeente_code_and_area_checked():
    with pytest.raises(ConfigError, match="not a gemeentecode"):
        validate_config({"gemeenten": ["0518"], "areas": {}})
    with pytest.raises(ConfigError, match="no entry under 'areas'"):
        validate_config({"gemeenten": ["GM0518"], "areas": {}})


def test_area_needs_inputs_or_sample():
    with pytest.raises(ConfigError, match="give 'inputs'"):
        validate_config({"gemeenten": ["GM0518"], "areas": {"GM0518": {"naam": "x"}}})


def test_schema_file_matches_models():
    """config/schema.json is generated from the models (make schema); fail when it drifts."""
    committed = json.loads((ROOT / "config" / "schema.json").read_text())
    assert committed == json_schema()


def test_defaults_file_matches_models_and_names_sources():
    from warmtekans.config.cli import defaults_yaml

    text = (ROOT / "config" / "defaults.yaml").read_text()
    assert text == defaults_yaml()
    parsed = yaml.safe_load(text)
    assert parsed["clusters"]["mini_max_weq"] == 50
    assert "seed 000" in text and "seed 004" in text and "Vesta" in text


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.yaml")


# --- meaning, not only types: one case per check; the message names the dotted key ------------------------

@pytest.mark.parametrize("section, values, key, expected", [
    ("clusters", {"mini_min_weq": 60}, "clusters.mini_min_weq", "must be at most clusters.mini_max_weq (50), got 60"),
    ("clusters", {"mini_max_weq": 2000}, "clusters.mini_max_weq",
     "must be at most clusters.small_scale_max_weq (1500), got 2000"),
    ("clusters", {"shared_loop_max_dwellings": 80}, "clusters.shared_loop_max_dwellings",
     "must be at most clusters.mini_max_weq (50), got 80"),
    ("clusters", {"mini_max_gap_m": 0}, "clusters.mini_max_gap_m", "greater than 0"),
    ("clusters", {"street_max_distance_m": -5}, "clusters.street_max_distance_m", "greater than 0"),
    ("loops", {"loop_depth_min_m": 600}, "loops.loop_depth_min_m",
     "must be at most loops.loop_depth_max_m (500), got 600"),
    ("loops", {"loop_depth_max_m": -100}, "loops.loop_depth_max_m", "greater than 0"),
    ("loops", {"loop_depth_min_m": 0}, "loops.loop_depth_min_m", "greater than 0"),
    ("dwellings", {"floor_area_min_m2": 300}, "dwellings.floor_area_min_m2",
     "must be at most dwellings.floor_area_max_m2 (200), got 300"),
    ("dwellings", {"floor_area_min_m2": 0}, "dwellings.floor_area_min_m2", "greater than 0"),
    ("dwellings", {"high_rise_min_storeys": 0}, "dwellings.high_rise_min_storeys", "greater than or equal to 2"),
    ("dwellings", {"label_reference_date": "2026-02-30"}, "dwellings.label_reference_date", "not a real calendar date"),
    ("dwellings", {"label_reference_date": "01-01-2026"}, "dwellings.label_reference_date",
     "expected a date as YYYY-MM-DD"),
    ("dwellings", {"statuses": []}, "dwellings.statuses", "name at least one living VBO status"),
    ("sewer", {"dry_weather_types": []}, "sewer.dry_weather_types", "at least one GWSW type"),
    ("sewer", {"max_distance_m": 0}, "sewer.max_distance_m", "greater than 0"),
    ("download", {"osm_date": "2025-13-01T00:00:00Z"}, "download.osm_date", "not a real calendar date"),
    ("restrictions", {"drinkwater": {"boringsvrije zone": {"effect": "restricted", "max_depth_m": 0}}},
     "restrictions.drinkwater.boringsvrije zone.max_depth_m", "greater than 0"),
    ("scoring", {"mini": {"warmtedichtheid": {"weight": 1, "poor": 2, "good": 2}}}, "scoring.mini.warmtedichtheid.good",
     "must differ from 'poor' (both 2.0)"),
    ("scoring", {"kleinschalig": {"warmtedichtheid": {"weight": 0, "poor": 0.5, "good": 2.5}}}, "scoring.kleinschalig",
     "needs at least one criterion with a positive weight"),
    ("scoring", {"grootschalig": {}}, "scoring.grootschalig", "needs at least one criterion with a positive weight"),
    ("scoring", {"mini": {"warmtedichtheid": {"weight": -1, "poor": 0.5, "good": 2.5}}},
     "scoring.mini.warmtedichtheid.weight", "greater than or equal to 0"),
    ("clusters", {"detour_factor": float("inf")}, "clusters.detour_factor", "finite number"),
])
def test_meaningless_setting_is_refused_by_key(section, values, key, expected):
    with pytest.raises(ConfigError) as err:
        validate_config(minimal(**{section: values}))
    message = str(err.value)
    assert f"'{key}': " in message, message
    assert expected in message, message


def test_sensible_edges_are_accepted():
    """Equal bounds are a range of one value, not an error; YAML's unquoted dates are read as dates."""
    import datetime

    config = validate_config(minimal(clusters={"mini_min_weq": 50, "mini_max_weq": 50},
                                     loops={"loop_depth_min_m": 400, "loop_depth_max_m": 400},
                                     dwellings={"label_reference_date": datetime.date(2025, 7, 1)}))
    assert config.clusters.mini_min_weq == config.clusters.mini_max_weq == 50
    assert config.dwellings.label_reference_date == "2025-07-01"


def test_every_problem_is_listed_at_once():
    with pytest.raises(ConfigError) as err:
        validate_config(minimal(clusters={"mini_min_weq": 60}, loops={"loop_depth_min_m": 600}))
    assert "clusters.mini_min_weq" in str(err.value) and "loops.loop_depth_min_m" in str(err.value)


# --- YAML files: syntax errors and repeated keys with file, line and column --------------------------------

@pytest.mark.parametrize("text, expected", [
    ("clusters:\n  mini_max_gap_m: 15\n   area_link_distance_m: 50\n", "YAML syntax error on line 3, column 24"),
    ("gemeenten: [GM9999\nareas: {}\n", "YAML syntax error on line 2, column 6: expected ',' or ']'"),
    ("clusters:\n\tmini_max_gap_m: 15\n", "line 2, column 1: found character '\\t'"),
    ("clusters: {mini_max_gap_m: 15}\nsewer: {}\nclusters: {mini_min_weq: 3}\n",
     "repeated key on line 3, column 1: the key 'clusters' is given twice (first on line 1)"),
    ("- GM9999\n", "expected a YAML mapping of settings"),
])
def test_yaml_problem_names_file_and_line(tmp_path, text, expected):
    from warmtekans.config.loader import read_yaml

    path = tmp_path / "mijn-config.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        read_yaml(path)
    assert f"file '{path}'" in str(err.value)
    assert expected in str(err.value)


def test_check_command_reports_meaning_of_merged_files(tmp_path, capsys):
    from warmtekans.config.cli import main

    extra = tmp_path / "extra.yaml"
    extra.write_text("loops:\n  loop_depth_max_m: 150\n")
    assert main([str(ROOT / "config" / "config.yaml"), str(extra), "--check"]) == 1
    assert "'loops.loop_depth_min_m': must be at most loops.loop_depth_max_m (150), got 200" in capsys.readouterr().err
    extra.write_text("loops:\n  loop_depth_max_m: 250\n")
    assert main([str(ROOT / "config" / "config.yaml"), str(extra), "--check"]) == 0


@pytest.mark.workflow
def test_snakemake_reports_yaml_error_in_default_config_with_line(tmp_path):
    from tests.conftest import snakemake, workdir_with

    workdir = workdir_with(tmp_path)
    (workdir / "config" / "config.yaml").write_text("gemeenten: [GM9999\nareas:\n  GM9999: {naam: X, sample: true}\n")
    result = snakemake(workdir, "-n", check=False)
    assert result.returncode != 0
    assert ("warmtekans: file 'config/config.yaml': YAML syntax error on line 2, column 6: expected ',' or ']'"
            in result.stderr), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.workflow
def test_snakemake_refuses_repeated_key_and_meaningless_setting_before_any_job(tmp_path):
    from tests.conftest import snakemake, workdir_with

    workdir = workdir_with(tmp_path)
    extra = workdir / "extra.yaml"
    extra.write_text("clusters:\n  mini_max_gap_m: 10\nclusters:\n  mini_min_weq: 3\n")
    result = snakemake(workdir, "--configfile", str(extra), check=False)
    assert result.returncode != 0
    assert f"file '{extra}': repeated key on line 3, column 1: the key 'clusters' is given twice" in result.stderr
    extra.write_text("clusters:\n  mini_min_weq: 60\n")
    result = snakemake(workdir, "--configfile", str(extra), check=False)
    assert result.returncode != 0
    assert "'clusters.mini_min_weq': must be at most clusters.mini_max_weq (50), got 60" in result.stderr
    assert f"invalid configuration in config/config.yaml + {extra}" in result.stderr
    assert not (workdir / "data").exists() and not (workdir / "results").exists()


@pytest.mark.workflow
def test_snakemake_yaml_syntax_error_in_configfile_is_refused(tmp_path):
    """Snakemake parses --configfile itself, before the Snakefile runs: it refuses the file without a line;
    `python -m warmtekans.config --check` gives the line (documented in README)."""
    import subprocess
    import sys

    from tests.conftest import snakemake, workdir_with

    workdir = workdir_with(tmp_path)
    extra = workdir / "extra.yaml"
    extra.write_text("clusters:\n  mini_max_gap_m: 15\n   area_link_distance_m: 50\n")
    result = snakemake(workdir, "--configfile", str(extra), check=False)
    assert result.returncode != 0 and "not valid JSON or YAML" in result.stderr
    assert not (workdir / "data").exists()
    check = subprocess.run([sys.executable, "-m", "warmtekans.config", "--check", str(extra)], capture_output=True,
                           text=True)
    assert check.returncode == 1
    assert f"file '{extra}': YAML syntax error on line 3, column 24" in check.stderr


def test_sample_area_with_own_inputs_is_refused():
    """config.yaml's GM9999 is `sample: true`; a --configfile adding inputs for GM9999 would silently be ignored."""
    raw = minimal()
    raw["areas"]["GM9999"]["inputs"] = {"bag": {"path": "bag.gpkg"}, "buurten": {"path": "b.gpkg"}}
    with pytest.raises(ConfigError, match=r"'areas.GM9999.inputs': are ignored because 'sample: true'"):
        validate_config(raw)
