"""``python -m warmtekans.config``: check config files, print the JSON schema or the commented defaults."""

from __future__ import annotations

import json
import sys
from typing import Any

import yaml
from pydantic import BaseModel

from warmtekans.config.loader import merge_config, read_yaml, validate_config
from warmtekans.config.models import Config
from warmtekans.core.errors import ConfigError


def json_schema() -> dict[str, Any]:
    """The JSON schema of the configuration, generated from the models."""
    return Config.model_json_schema()


class _NoAliases(yaml.SafeDumper):
    """Writes equal values out in full (no ``&id001`` anchors when two defaults are the same tuple)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _yaml_scalar(value: Any) -> str:
    return yaml.dump(value, Dumper=_NoAliases, default_flow_style=True, allow_unicode=True).strip() \
        .removesuffix("...").strip()


def _defaults_lines(model: BaseModel, indent: int) -> list[str]:
    lines = []
    pad = " " * indent
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if field.description:
            lines.append(f"{pad}# {field.description}")
        if isinstance(value, BaseModel):
            lines.append(f"{pad}{name}:")
            lines.extend(_defaults_lines(value, indent + 2))
        elif isinstance(value, dict) and value and all(isinstance(v, BaseModel) for v in value.values()):
            lines.append(f"{pad}{name}:")
            for key, item in value.items():
                dumped = item.model_dump(mode="json", exclude_none=True)
                lines.append(f"{pad}  {_yaml_scalar(key)}: {_yaml_scalar(dumped)}")
        else:
            lines.append(f"{pad}{name}: {_yaml_scalar(value)}")
    return lines


def defaults_yaml() -> str:
    """Every setting with its default and its source, as commented YAML (config/defaults.yaml)."""
    header = [
        "# All settings with their defaults and sources, generated from src/warmtekans/config/",
        "# by `make schema` (a test fails when this file drifts). docs/method.md explains each.",
        "# Copy what you want to change into your own config; gemeenten and areas are required.",
    ]
    body = []
    for name in (
        "kentallen",
        "dwellings",
        "clusters",
        "loops",
        "buitenunit",
        "sewer",
        "sources",
        "restrictions",
        "scoring",
        "costs",
        "advies",
        "download",
        "results",
        "sensitivity",
    ):
        field = Config.model_fields[name]
        value = field.get_default(call_default_factory=True)
        if field.description:
            body.append(f"# {field.description}")
        if isinstance(value, BaseModel):
            body.append(f"{name}:")
            body.extend(_defaults_lines(value, 2))
        else:
            body.append(f"{name}: {_yaml_scalar(value)}")
    return "\n".join(header + body) + "\n"


def main(argv: list[str]) -> int:
    """``python -m warmtekans.config --check FILE...``: check config files (syntax and meaning) before a run."""
    files = [a for a in argv if not a.startswith("--")]
    merged: dict[str, Any] = {}
    try:
        for path in files:
            merge_config(merged, read_yaml(path))
        validate_config(merged, source=" + ".join(files))
    except ConfigError as exc:
        print(f"warmtekans: {exc}", file=sys.stderr)
        return 1
    print(f"{' + '.join(files)}: configuration is valid")
    return 0


def cli(argv: list[str]) -> int:
    """Dispatch ``--check FILE...`` (exit status), ``--schema`` and ``--defaults`` (printed to stdout)."""
    if "--check" in argv:
        return main(argv)
    if "--schema" in argv:
        print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    if "--defaults" in argv:
        print(defaults_yaml(), end="")
    return 0
