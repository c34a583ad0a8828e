"""Atomic file writes: an output appears whole or not at all (every layer writes files)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

#: Files SQLite/GDAL may keep next to a GeoPackage while writing it.
_SIDECARS = ("-journal", "-wal", "-shm")


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.tmp-"


def stale_temporaries(target: str | os.PathLike) -> list[Path]:
    """Temporary siblings of ``target`` left by a write that was killed (``.name.tmp-XXXX…`` and sidecars).

    Also the older ``.stem.XXXXXXXX.suffix`` names of warmtekans before temporaries carried ``.tmp-``.
    """
    target = Path(target)
    if not target.parent.is_dir():
        return []
    legacy = re.compile(rf"\.{re.escape(target.stem)}\.[a-z0-9_]{{8}}{re.escape(target.suffix)}"
                        rf"({'|'.join(_SIDECARS)})?")
    return sorted(p for p in target.parent.iterdir()
                  if p.name.startswith(_temp_prefix(target)) or legacy.fullmatch(p.name))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it into place only on success.

    A job that fails half-way therefore never leaves a half-written output behind. A job that
    was *killed* (kill -9, power cut) cannot clean up; its temporary files are removed the next
    time the same output is written, so a rerun leaves no hidden files behind.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in stale_temporaries(target):
        _remove(stale)
    fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in _SIDECARS)):
            if leftover.exists():
                _remove(leftover)
