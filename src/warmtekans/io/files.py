"""What a file really is (sniffed from its first bytes) and how GDAL should open it."""

from __future__ import annotations

import os
from pathlib import Path


def sniff_file(path: str | os.PathLike) -> str | None:
    """The container a file really is, from its first bytes: ``gzip``, ``zip``, ``xlsx``, ``bzip2`` or None."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh"):
        return "bzip2"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx" if b"[Content_Types].xml" in head or b"xl/" in head else "zip"
    return None


def container_hint(kind: str | None, path: Path, expected: str) -> str:
    """A sentence telling what a file really is and what to do about it."""
    if kind == "xlsx":
        return (f"is an Excel workbook (xlsx), not {expected}; open it in Excel/LibreOffice and save it as "
                "'CSV (puntkomma-gescheiden)', or export the original file again")
    if kind == "zip":
        return f"is a zip archive, not {expected}; unzip it and point the config at the file inside"
    if kind == "bzip2":
        return "is bzip2-compressed; decompress it (bunzip2) or recompress with gzip, then point the config at it"
    return f"cannot be read as {expected}"


def gdal_path(path: Path) -> tuple[str, str | None]:
    """The path GDAL should open, and the container found (gzip files are read through /vsigzip/)."""
    kind = sniff_file(path)
    if kind == "gzip":
        return f"/vsigzip/{path.resolve()}", kind
    return str(path), kind
