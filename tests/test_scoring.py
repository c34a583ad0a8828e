"""The score is built from registered criteria; a new one changes it without touching the Snakefile."""

import pandas as pd
import pytest

from warmtekans.config.sections import CriterionSettings
from warmtekans.decision.scoring import (
    CRITERIA,
    criterion,
    normalise,
    score,
    unregister,
)


def clusters():
    return pd.DataFrame({"warmtedichtheid_gj_m": [1.0, 3.0, 6.0], "weq": [10, 20, 30]})


def test_normalise_both_directions():
    raw = pd.Series([0.0, 1.0, 3.0, 5.0, 9.0])
    assert list(normalise(raw, CriterionSettings(weight=1, poor=1, good=5))) == [0, 0, 0.5, 1, 1]
    assert list(normalise(raw, CriterionSettings(weight=1, poor=5, good=1))) == [1, 1, 0.5, 0, 0]


def test_score_is_weighted_mean_of_components():
    settings = {"warmtedichtheid": CriterionSettings(weight=1, poor=1, good=5)}
    result = score(clusters(), settings, set())
    assert list(result["c_warmtedichtheid"]) == [0.0, 0.5, 1.0]
    assert list(result["score"]) == [0.0, 50.0, 100.0]


def test_missing_input_is_unknown_not_fine():
    settings = {"warmtedichtheid": CriterionSettings(weight=1, poor=1, good=5),
                "riothermie_dekking": CriterionSettings(weight=3, poor=0, good=1)}
    # default 'markeren': scored over the known criterion, but flagged with the unknown one named
    result = score(clusters(), settings, available_inputs=set())
    assert list(result["score"]) == [0.0, 50.0, 100.0]
    assert result["score_onvolledig"].all()
    assert result["criteria_onbekend"].iloc[0] == "riothermie_dekking"
    # 'als_slechtst': the unknown criterion counts as 0 -> 100 x (1 x c) / (1 + 3)
    worst = score(clusters(), settings, available_inputs=set(), missing_input="als_slechtst")
    assert list(worst["score"]) == [0.0, 12.5, 25.0]
    # with the input the score is complete
    complete = score(clusters().assign(riool_potentie_gj=0.0, warmtevraag_gj=1.0), settings, {"riool"})
    assert not complete["score_onvolledig"].any() and (complete["criteria_onbekend"] == "").all()


def test_register_new_criterion_at_run_time_changes_scores():
    settings = {"warmtedichtheid": CriterionSettings(weight=1, poor=1, good=5)}
    before = score(clusters(), settings, set())["score"]

    @criterion("klein_is_fijn", unit="WEQ", description="test: smaller clusters are better")
    def klein_is_fijn(frame):
        return frame["weq"]

    try:
        settings["klein_is_fijn"] = CriterionSettings(weight=1, poor=30, good=10)
        after = score(clusters(), settings, set())
        assert list(after["c_klein_is_fijn"]) == [1.0, 0.5, 0.0]
        assert list(after["score"]) == [50.0, 50.0, 50.0]
        assert not after["score"].equals(before)
    finally:
        unregister("klein_is_fijn")
    assert "klein_is_fijn" not in CRITERIA


def test_unknown_criterion_in_config_is_refused():
    from warmtekans.core.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown scoring criteria"):
        score(clusters(), {"bestaat_niet": CriterionSettings(weight=1, poor=0, good=1)}, set())
