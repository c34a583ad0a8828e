"""The base of every settings model: strict models, meaningful-setting errors, date checks."""

from __future__ import annotations

import datetime
import re
from typing import Any

from pydantic import BaseModel, ConfigDict

GEMEENTE_PATTERN = r"^GM\d{4}$"


class SettingError(ValueError):
    """A setting that has the right type but no meaning (``key`` is relative to the model that raises it)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def at_most(model: BaseModel, low: str, high: str, *, prefix: str = "") -> None:
    """Refuse ``model.low > model.high`` naming both keys (``prefix`` = the section, for the message)."""
    low_value, high_value = getattr(model, low), getattr(model, high)
    if low_value > high_value:
        raise SettingError(low, f"must be at most {prefix}{high} ({high_value:g}), got {low_value:g}")


def real_date(value: Any, *, allow_time: bool = False) -> str:
    """A real calendar date as ``YYYY-MM-DD`` (YAML's unquoted dates are accepted too)."""
    if isinstance(value, datetime.datetime):
        value = value.date().isoformat()
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    text = value.strip()
    date_part = text[:10] if allow_time else text
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_part):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        datetime.date.fromisoformat(date_part)
    except ValueError:
        raise ValueError(f"'{value}' is not a real calendar date (YYYY-MM-DD)") from None
    if allow_time and len(text) > 10:
        try:
            datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"expected an ISO date-time like 2025-11-01T00:00:00Z, got {value!r}") from None
    return text
