"""The docs match the code: every setting they name exists, every setting is documented and read.

A *setting* is a field of :class:`warmtekans.config.models.Config` other than ``areas``, or a field of a
section model below it (``dwellings``, ``clusters``, ...), recursively through nested models and through
the values of ``dict[str, Model]`` fields (``scoring.mini.<criterion>`` -> ``weight``, ``poor``, ``good``;
``restrictions.drinkwater.<zone type>`` -> ``effect``, ``max_depth_m``). The per-area models under
``areas.<code>`` (``naam``, ``inputs``, ``bag.flavour``, ``zone_column``, ...) and ``regio.inputs`` (the
same models) are out of scope: they name a gemeente's input files rather than method choices,
README.md's example config and docs/method.md "Inputs" describe them, and the code reads them generically
(``area_inputs(...).model_dump()``), so a search for their names would prove nothing.

*Read by code* is a static search: the setting's name occurs as an attribute (``settings.view``) or as a
string constant (``settings["view"]``, ``getattr(scoring, "mini")``) in the package outside the modules
that declare the models (``config/base.py``, ``sections.py``, ``areas.py``, ``models.py``, whose
validators name every field), or as ``.name`` / ``["name"]`` in the Snakefile and the rule files, which
pass settings to the stages. ``config/inputs.py`` counts as code: it turns ``download.*`` settings into the
inputs of a downloaded area. The search cannot tell two settings of the same name apart; it does catch a
setting that no code names at all, which is how ``scoring.recommend_min_score`` outlived its last reader
(removed in issue 17).
"""

from __future__ import annotations

import ast
import re
import typing
from collections import defaultdict
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from warmtekans.config.areas import AreaInputs
from warmtekans.config.models import Config
from warmtekans.decision.kentallen import load_cost_kentallen

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "warmtekans"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Where every setting must be explained (docs/architecture.md is about the code, not the method).
SETTING_DOCS = [ROOT / "README.md", ROOT / "docs" / "method.md", ROOT / "docs" / "results.md"]
#: The modules that declare the settings models: naming a field there is not reading it.
MODEL_MODULES = {PACKAGE / "config" / name for name in ("base.py", "sections.py", "cost_settings.py",
                                                          "outdoor_unit.py", "areas.py", "models.py")}

#: Settings that no code reads yet, each with the reason. Keep it short: a setting nobody reads is a
#: promise the docs make and the code does not keep.
NOT_READ_YET: dict[str, str] = {}

#: Settings removed because nothing read them: they must not come back into the model or the docs.
REMOVED = ("scoring.recommend_min_score",)

#: Last parts of dotted words in the docs that make them file names, not settings (``results.md``).
FILE_SUFFIXES = {"py", "csv", "md", "yaml", "yml", "json", "smk", "gpkg", "parquet", "tif", "png", "html", "qgs",
                 "tsv", "log", "txt", "osm", "pbf", "gz", "dms", "rst"}


def _model_of(annotation) -> type[BaseModel] | None:
    """The settings model a field holds: the model itself, the value type of a dict, or inside Optional."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _is_mapping(annotation) -> bool:
    return typing.get_origin(annotation) is dict or any(
        typing.get_origin(a) is dict for a in typing.get_args(annotation)
    )


@cache
def settings() -> dict[str, tuple[type[BaseModel], str]]:
    """Every setting's dotted path (``clusters.mini_max_weq``; ``scoring.mini.*.weight`` for dict values)
    -> (the model that declares it, its field name)."""
    found: dict[str, tuple[type[BaseModel], str]] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            if model is Config and name == "areas":
                continue
            path = f"{prefix}{name}"
            found[path] = (model, name)
            if path == "regio.inputs":
                continue  # the same per-input models as areas.<code>.inputs (out of scope, see above)
            nested = _model_of(field.annotation)
            if nested is not None:
                walk(nested, f"{path}.*." if _is_mapping(field.annotation) else f"{path}.")

    walk(Config, "")
    return found


#: Config sections: the top-level fields that hold a settings model.
SECTIONS = sorted(
    path
    for path, (model, name) in settings().items()
    if model is Config and _model_of(Config.model_fields[name].annotation) is not None
)
#: The configuration with every default filled in (the sample area only makes it valid).
DEFAULTS = Config(gemeenten=["GM9999"], areas={"GM9999": {"naam": "Voorbeeldstad", "sample": True}})


def named_settings(text: str) -> set[str]:
    """Dotted names in ``text`` that start with a config section: ``costs.view``, ``sewer.max_distance_m``
    (not ``docs/results.md`` or ``warmtekans.sources``: a section preceded by ``/`` or ``.`` is a path)."""
    pattern = rf"(?<![\w./-])((?:{'|'.join(SECTIONS)})(?:\.[A-Za-z_]\w*)+)"
    return {match for match in re.findall(pattern, text) if match.rsplit(".", 1)[-1] not in FILE_SUFFIXES}


def resolves(path: str) -> bool:
    """Whether a dotted path names a setting: a field of the models, a key of a dict-valued default (a
    criterion, a zone type) and its fields, or a cost kentallen parameter under ``costs.overrides``."""
    parts = path.split(".")
    if parts[:2] == ["costs", "overrides"] and len(parts) == 3:
        return parts[2] in load_cost_kentallen(None).values
    if parts[:2] == ["regio", "inputs"]:
        return _resolves_in_model(AreaInputs, parts[2:])
    target: object = DEFAULTS
    for part in parts:
        if isinstance(target, BaseModel) and part in type(target).model_fields:
            target = getattr(target, part)
        elif isinstance(target, dict) and part in target:
            target = target[part]
        else:
            return False
    return True


def _resolves_in_model(model: type[BaseModel], parts: list[str]) -> bool:
    """Whether ``parts`` is a chain of field names through ``model`` and the models its fields hold."""
    for part in parts:
        if model is None or part not in model.model_fields:
            return False
        model = _model_of(model.model_fields[part].annotation)
    return True


def test_every_setting_named_in_the_docs_exists():
    unknown = {}
    for doc in DOCS:
        for name in sorted(named_settings(doc.read_text(encoding="utf-8"))):
            if not resolves(name):
                unknown.setdefault(doc.relative_to(ROOT).as_posix(), []).append(name)
    assert not unknown, f"the docs name settings that do not exist: {unknown}"


def test_the_search_finds_settings_and_skips_paths():
    text = (
        "`costs.view`, `sensitivity.draws`, (clusters.mini_max_weq) and results.buurt_maps; "
        "`costs.overrides.leiding_prive_per_m`, not bench/results.md, sources.csv or warmtekans.sources.x"
    )
    assert named_settings(text) == {
        "costs.view",
        "sensitivity.draws",
        "clusters.mini_max_weq",
        "results.buurt_maps",
        "costs.overrides.leiding_prive_per_m",
    }
    assert resolves("scoring.mini.kostenvoordeel.weight") and resolves("costs.overrides.leiding_prive_per_m")
    assert resolves("restrictions.drinkwater")
    assert not resolves("sources.require_source") and not resolves("costs.overrides.geen_kental")
    assert not resolves("scoring.mini.geen_criterium") and not resolves("loops.loop_depth_m")


@cache
def documented_names() -> frozenset[str]:
    """Every word and dotted path inside a code span (`...`) of the setting docs."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in SETTING_DOCS)
    return frozenset(
        token.rstrip(".") for span in re.findall(r"`([^`\n]+)`", text) for token in re.findall(r"[A-Za-z_][\w.]*", span)
    )


def ambiguous_names() -> set[str]:
    """Field names that more than one model declares (``full_load_hours`` in loops and sewer, ``kentallen``
    at the top and in costs): those must be named by their dotted path."""
    owners: dict[str, set[type[BaseModel]]] = defaultdict(set)
    for model, name in settings().values():
        owners[name].add(model)
    return {name for name, models in owners.items() if len(models) > 1}


def is_documented(path: str) -> bool:
    """Named in a code span of README.md, docs/method.md or docs/results.md: by its dotted path, or by
    its own name when that is unambiguous (a ``loops.`` table lists ``spf_tap_water``); a section when
    some setting of it is named. A dict value's field (``scoring.mini.*.weight``) by its own name."""
    names = documented_names()
    name = settings()[path][1]
    if path in SECTIONS:
        return any(n.startswith(f"{path}.") for n in names)
    if name in ambiguous_names() and "*" not in path:
        return path in names
    return path in names or name in names or any(n.endswith(f".{name}") for n in names)


@cache
def names_in_code() -> frozenset[str]:
    """Names the code reads: attributes and identifier-like string constants in the package (outside the
    model modules), and ``.name`` / ``["name"]`` in the Snakefile and the rule files."""
    names: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in MODEL_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                names.add(node.value)
    for path in [ROOT / "Snakefile", *sorted((ROOT / "workflow" / "rules").glob("*.smk"))]:
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r"\.([A-Za-z_]\w*)", text))
        names.update(re.findall(r"\[\"([A-Za-z_]\w*)\"\]", text))
    return frozenset(names)


def test_every_setting_is_documented():
    missing = [path for path in settings() if not is_documented(path)]
    assert not missing, (
        "settings not named in a code span of README.md, docs/method.md or docs/results.md "
        f"(name a setting whose field name is not unique by its dotted path): {missing}"
    )


def test_every_setting_is_read_by_code():
    unread = [
        path for path, (_, name) in settings().items() if name not in names_in_code() and path not in NOT_READ_YET
    ]
    assert not unread, f"settings that no code reads (or add them to NOT_READ_YET with a reason): {unread}"


def test_exemptions_are_settings_that_are_still_unread():
    """An exemption ends when its setting is read (or removed): then take it out of NOT_READ_YET."""
    for path in NOT_READ_YET:
        assert path in settings(), f"{path} is exempt but is no setting"
        assert settings()[path][1] not in names_in_code(), f"{path} is read now: remove its exemption"


def test_removed_settings_stay_out_of_the_model_and_the_docs():
    docs = "\n".join(path.read_text(encoding="utf-8") for path in DOCS)
    for path in REMOVED:
        name = path.rsplit(".", 1)[-1]
        assert path not in settings()
        assert name not in docs, f"the docs still name the removed setting {path}"
        assert name not in DEFAULTS.sensitivity.ranges and path not in DEFAULTS.sensitivity.ranges
