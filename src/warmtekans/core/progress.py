"""Progress lines for steps that take more than a few seconds (a log line at most every few seconds)."""
from __future__ import annotations

import logging
import time
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


log = logging.getLogger("warmtekans.progress")


def progress(items: Iterable[T], *, total: int, what: str, every_s: float = 5.0) -> Iterator[T]:
    """Yield ``items``, logging '<what>: i/total (p %)' at most every ``every_s`` seconds, and once at the end."""
    start = last = time.monotonic()
    count = 0
    for count, item in enumerate(items, start=1):
        yield item
        now = time.monotonic()
        if now - last >= every_s:
            log.info("%s: %d/%d (%.0f %%), %.0f s", what, count, total, 100 * count / max(total, 1), now - start)
            last = now
    if time.monotonic() - start >= every_s:
        log.info("%s: %d/%d done in %.0f s", what, count, total, time.monotonic() - start)
