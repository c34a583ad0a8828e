"""Reading config files (strict YAML: file, line and column in every syntax error) and validating them."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from warmtekans.config.base import SettingError
from warmtekans.config.models import Config
from warmtekans.core.errors import ConfigError


def _format_error(error: dict[str, Any]) -> str:
    loc = list(error["loc"])
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, SettingError):
        loc.append(cause.key)
        message = cause.message
    else:
        message = error["msg"].removeprefix("Value error, ")
    location = ".".join(str(part) for part in loc)
    if error["type"] == "extra_forbidden":
        return f"unknown key '{location}'"
    return f"'{location}': {message}"


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at the parent of ``loc`` in ``model`` (best effort, for messages)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            annotation = current.model_fields[part].annotation
            current = _unwrap_model(annotation)
        elif current is dict:
            continue
        else:
            current = _unwrap_model(current) if not isinstance(part, str) else current
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(current.model_fields)
    return []


def _unwrap_model(annotation: Any) -> Any:
    """Find the pydantic model inside Optional[...] / dict[str, Model]."""

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _unwrap_model(arg)
        if found is not None:
            return found
    return None


def validate_config(raw: dict[str, Any], *, source: str = "config") -> Config:
    """Validate a config mapping; raise :class:`ConfigError` with every problem named."""
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            line = _format_error(error)
            if error["type"] == "extra_forbidden":
                allowed = _allowed_keys(Config, tuple(error["loc"]))
                if allowed:
                    line += f" (allowed here: {', '.join(allowed)})"
            lines.append("  - " + line)
        raise ConfigError(f"invalid configuration in {source}:\n" + "\n".join(lines)) from None


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key given twice in one mapping (YAML would keep the last silently)."""

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark,
                    f"the key '{key}' is given twice (first on line {seen[key].line + 1}); "
                    "YAML would silently keep only the last one", key_node.start_mark)
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML config file; a syntax error names the file, line and column.

    Raises :class:`ConfigError` when the file is missing, is not valid YAML (the message gives
    the line and column PyYAML stopped at, 1-based), repeats a key, or is not a mapping.
    """
    path = Path(path)
    if not path.exists():
        raise ConfigError("the config file does not exist", path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"is not UTF-8 text ({exc.reason} at byte {exc.start}); save the config as UTF-8",
                          path=path) from None
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ConfigError(_yaml_error_text(exc), path=path) from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"expected a YAML mapping of settings (key: value) at the top, got a {type(raw).__name__}",
                          path=path)
    return raw


def _yaml_error_text(exc: yaml.YAMLError) -> str:
    """'YAML syntax error on line L, column C: <problem>' from a PyYAML error (marks are 0-based)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    where = f" on line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    if "given twice" in problem:
        return f"repeated key{where}: {problem}"
    detail = f"{problem} ({context})" if context else problem
    hint = "; indent with spaces, not tabs" if "\\t" in problem else ""
    return f"YAML syntax error{where}: {detail}{hint}"


def check_config_files(paths: list[str | Path]) -> None:
    """Re-read config files with the strict loader, so a syntax error or a repeated key is reported with its line."""
    for path in paths:
        read_yaml(path)


def load_config(path: str | Path) -> Config:
    """Read and validate a YAML config file."""
    return validate_config(read_yaml(path), source=str(path))


def merge_config(base: dict[str, Any], update: dict[str, Any]) -> None:
    """Merge ``update`` into ``base`` the way Snakemake merges --configfile files (nested mappings update)."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge_config(base[key], value)
        else:
            base[key] = value
