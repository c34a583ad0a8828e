import json

import pytest
import yaml

from warmtekans.config import Config, json_schema, load_config, validate_config
from warmtekans.errors import ConfigError
from tests.conftest import ROOT


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
    from warmtekans.config import defaults_yaml

    text = (ROOT / "config" / "defaults.yaml").read_text()
    assert text == defaults_yaml()
    parsed = yaml.safe_load(text)
    assert parsed["clusters"]["mini_max_weq"] == 50
    assert "seed 000" in text and "seed 004" in text and "Vesta" in text


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.yaml")
