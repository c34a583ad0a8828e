"""EP-online energy labels as published (the national CSV), read with DuckDB."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityEntry, QualityLog
from warmtekans.inputs.common import _SCIENTIFIC, bare_id, quality_entry
from warmtekans.io.files import container_hint, sniff_file

log = logging.getLogger(__name__)


LABEL_CLASSES = {"A++++": "A", "A+++": "A", "A++": "A", "A+": "A", "A": "A", "B": "B", "C": "C", "D": "D",
                 "E": "E", "F": "F", "G": "G"}


EP_COLUMNS_REQUIRED = ["Pand_opnamedatum", "Pand_energieklasse", "Pand_bagverblijfsobjectid", "Pand_postcode",
                       "Pand_huisnummer"]


#: Date formats accepted in EP-online date columns, tried in this order. EP-online publishes
#: YYYYMMDD; the others appear after a spreadsheet round trip (day first, the Dutch order).
EP_DATE_FORMATS = ("%Y%m%d", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d")


#: Without ``Meting_geldig_tot`` a registration is taken as valid for 10 years after its
#: opnamedatum (an energielabel is valid 10 years: Besluit energieprestatie gebouwen, art. 2.2).
LABEL_VALID_YEARS = 10


def _date_sql(expression: str) -> str:
    formats = ", ".join(f"try_strptime({expression}, '{f}')" for f in EP_DATE_FORMATS)
    return f"coalesce({formats})"


def _ep_header(path: Path) -> tuple[list[str], str, str | None]:
    """The header names, encoding and compression of an EP-online CSV; refuses what it cannot be."""
    kind = sniff_file(path)
    if kind in ("xlsx", "zip", "bzip2"):
        raise InputError(container_hint(kind, path, "an EP-online CSV export"), path=path)
    opener = gzip.open if kind == "gzip" else open
    with opener(path, "rb") as handle:
        first_line = handle.readline()
    if first_line.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in first_line:
        raise InputError("looks UTF-16 encoded; expected an EP-online CSV in UTF-8 or Latin-1", path=path)
    try:
        header_text = first_line.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        header_text = first_line.decode("latin-1")
        encoding = "latin-1"
    if ";" not in header_text:
        separator = next((s for s in (",", "\t", "|") if s in header_text), None)
        found = f"it looks '{separator}'-separated" if separator else "the first line has no ';'"
        raise InputError(
            f"expected a ';'-separated EP-online export, but {found}: {header_text.strip()[:80]!r}",
            path=path,
        )
    header = [h.strip().strip('"').strip() for h in header_text.strip().split(";")]
    return header, encoding, ("gzip" if kind == "gzip" else None)


def read_energielabels(path: str | Path, *, reference_date: str, quality: QualityLog | None = None,
                       threads: int | None = None) -> pd.DataFrame:
    """The newest registration per dwelling from an EP-online CSV, using DuckDB.

    DuckDB streams the file, so a national export (millions of rows) is never loaded whole
    into pandas. Rows with ``Pand_status`` = ``Vergunningsaanvraag`` (a label computed for a
    permit, not of the dwelling as it stands) and rows of a ligplaats or standplaats (houseboat,
    caravan: no verblijfsobject) are set apart and counted. Valid registrations
    (``Meting_geldig_tot`` ≥ ``reference_date``) win over expired ones; among those the newest
    ``Pand_opnamedatum``; a same-day tie goes to the later ``Pand_registratiedatum``, then to the
    *worse* label (no optimism); remaining ties are broken by every other column, so the result
    does not depend on file order or DuckDB's thread count (``threads`` sets it, for tests).
    Quoted fields and gzip (whatever the file name) are read.

    Returns one row per ``vbo_id`` (or per address where the VBO id is empty), ordered by
    ``vbo_id`` then address, with ``label`` (as registered), ``labelklasse`` (Vesta class
    A..G), ``label_datum``, ``label_geldig``, ``gebouwtype``, ``gebouwsubtype``, and address
    columns.
    """
    import duckdb

    path = Path(path)
    if not path.exists():
        raise InputError("the EP-online file does not exist", path=path)
    if path.is_dir():
        raise InputError("is a directory, not an EP-online CSV file", path=path)
    header, encoding, compression = _ep_header(path)
    for column in EP_COLUMNS_REQUIRED:
        if column not in header:
            raise InputError(f"required EP-online column is missing (header has {len(header)} columns)", path=path,
                             column=column)
    has = set(header)
    entry = quality_entry(quality, "energielabels", path)
    letter = "Pand_huisletter" if "Pand_huisletter" in has else None
    addition = "Pand_huisnummertoevoeging" if "Pand_huisnummertoevoeging" in has else (
        "Pand_huisnummer_toev" if "Pand_huisnummer_toev" in has else None)

    def col(name: str | None) -> str:
        return f'trim("{name}")' if name and name in has else "NULL"

    valid_until = (_date_sql(col("Meting_geldig_tot")) if "Meting_geldig_tot" in has
                   else f"label_datum + INTERVAL {LABEL_VALID_YEARS} YEAR")
    if "Meting_geldig_tot" not in has:
        log.warning("%s has no column Meting_geldig_tot: a label counts as valid for %d years after its opnamedatum",
                    path, LABEL_VALID_YEARS)
        if entry is not None:
            entry.note(f"kolom Meting_geldig_tot ontbreekt: geldig tot = opnamedatum + {LABEL_VALID_YEARS} jaar")
    # same day: the later registration, then the worse label (no optimism), then every other column
    ordering = (
        "label_geldig DESC, label_datum DESC NULLS LAST, registratie DESC NULLS LAST, geldig_tot DESC NULLS LAST, "
        f"{_label_rank_sql('label')} DESC NULLS LAST, label, gebouwtype NULLS LAST, gebouwsubtype NULLS LAST, "
        "postcode NULLS LAST, huisnummer NULLS LAST, huisletter NULLS LAST, toevoeging NULLS LAST, "
        "vbo_id NULLS LAST"
    )

    def run(encoding_name: str) -> tuple[pd.DataFrame, dict]:
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        try:
            options = f"delim=';', header=true, all_varchar=true, encoding='{encoding_name}', quote='\"'"
            options += f", compression='{compression or 'none'}'"  # by content, not by file name
            source = f"read_csv('{_sql_text(path)}', {options})"
            con.execute(f"""
                CREATE TEMP VIEW parsed AS
                SELECT *, {_date_sql("opname_tekst")} AS label_datum FROM (
                    SELECT
                        nullif({col("Pand_bagverblijfsobjectid")}, '') AS vbo_id,
                        upper(replace({col("Pand_postcode")}, ' ', '')) AS postcode,
                        {col("Pand_huisnummer")} AS huisnummer,
                        nullif(upper({col(letter)}), '') AS huisletter,
                        nullif(upper({col(addition)}), '') AS toevoeging,
                        upper({col("Pand_energieklasse")}) AS label,
                        nullif({col("Pand_opnamedatum")}, '') AS opname_tekst,
                        nullif({col("Meting_geldig_tot")}, '') AS geldig_tekst,
                        nullif({col("Pand_gebouwklasse")}, '') AS gebouwklasse,
                        nullif({col("Pand_gebouwtype")}, '') AS gebouwtype,
                        nullif({col("Pand_gebouwsubtype")}, '') AS gebouwsubtype,
                        nullif({col("Pand_status")}, '') AS pand_status,
                        nullif({col("Pand_registratiedatum")}, '') AS registratie_tekst,
                        nullif({col("Pand_bagligplaatsid")}, '') AS ligplaats_id,
                        nullif({col("Pand_bagstandplaatsid")}, '') AS standplaats_id
                    FROM {source}
                )""")
            con.execute(f"""
                CREATE TEMP VIEW dated AS
                SELECT *, {valid_until.replace('trim("Meting_geldig_tot")', "geldig_tekst")} AS geldig_tot,
                    {_date_sql("registratie_tekst")} AS registratie,
                    CASE WHEN lower(coalesce(pand_status, '')) = 'vergunningsaanvraag' THEN 'vergunning'
                         WHEN ligplaats_id IS NOT NULL OR standplaats_id IS NOT NULL THEN 'lig_standplaats'
                         WHEN coalesce(upper(gebouwklasse), 'W') <> 'W' THEN 'geen_woning'
                         WHEN coalesce(label, '') = '' THEN 'geen_label'
                    END AS uitgesloten
                FROM parsed""")
            stats = (
                con.execute(f"""
                SELECT count(*) AS rows,
                    count(*) FILTER (WHERE opname_tekst IS NOT NULL AND label_datum IS NULL) AS bad_opname,
                    list(DISTINCT opname_tekst) FILTER (WHERE opname_tekst IS NOT NULL AND label_datum IS NULL)[:3]
                        AS bad_opname_examples,
                    count(*) FILTER (WHERE geldig_tekst IS NOT NULL AND geldig_tot IS NULL) AS bad_geldig,
                    list(DISTINCT geldig_tekst) FILTER (WHERE geldig_tekst IS NOT NULL AND geldig_tot IS NULL)[:3]
                        AS bad_geldig_examples,
                    count(*) FILTER (WHERE label_datum IS NOT NULL AND try_strptime(opname_tekst, '%Y%m%d') IS NULL)
                        AS other_format,
                    list(DISTINCT opname_tekst) FILTER (WHERE label_datum IS NOT NULL
                        AND try_strptime(opname_tekst, '%Y%m%d') IS NULL)[:3] AS other_format_examples,
                    count(*) FILTER (WHERE regexp_matches(vbo_id, '{_SCIENTIFIC}')) AS scientific,
                    list(DISTINCT vbo_id) FILTER (WHERE regexp_matches(vbo_id, '{_SCIENTIFIC}'))[:3]
                        AS scientific_examples,
                    count(*) FILTER (WHERE uitgesloten = 'vergunning') AS permit,
                    count(*) FILTER (WHERE uitgesloten = 'lig_standplaats') AS berth,
                    count(*) FILTER (WHERE uitgesloten = 'geen_woning') AS not_dwelling,
                    count(*) FILTER (WHERE uitgesloten = 'geen_label') AS no_label
                FROM dated""")
                .df()
                .iloc[0]
                .to_dict()
            )
            frame = con.execute(f"""
                WITH ranked AS (
                    SELECT *,
                        coalesce(geldig_tot >= DATE '{reference_date}', false) AS label_geldig,
                        row_number() OVER (
                            PARTITION BY coalesce(vbo_id, postcode || '|' || huisnummer || '|' ||
                                                  coalesce(huisletter, '') || '|' || coalesce(toevoeging, ''))
                            ORDER BY coalesce(geldig_tot >= DATE '{reference_date}', false) DESC,
                                     {ordering.split(", ", 1)[1]}
                        ) AS rank
                    FROM dated
                    WHERE uitgesloten IS NULL
                )
                SELECT vbo_id, postcode, huisnummer, huisletter, toevoeging, label,
                       CAST(label_datum AS DATE) AS label_datum, label_geldig, gebouwtype, gebouwsubtype
                FROM ranked WHERE rank = 1
                ORDER BY vbo_id NULLS LAST, postcode NULLS LAST, huisnummer NULLS LAST, huisletter NULLS LAST,
                         toevoeging NULLS LAST, {ordering}
                """).df()
            return frame, stats
        finally:
            con.close()

    try:
        try:
            frame, stats = run(encoding)
        except duckdb.InvalidInputException as exc:
            if encoding != "utf-8" or "not utf-8 encoded" not in str(exc).lower():
                raise
            log.warning("%s is not UTF-8; reading it as Latin-1", path)
            frame, stats = run("latin-1")
    except duckdb.Error as exc:
        raise InputError(f"cannot be read as an EP-online CSV ({str(exc).splitlines()[0]})", path=path) from exc
    _check_ep_stats(stats, path=path, entry=entry)
    unknown = sorted(set(frame["label"]) - set(LABEL_CLASSES))
    if unknown:
        raise InputError(
            f"unknown energy label classes {unknown[:5]}; expected one of {', '.join(LABEL_CLASSES)}",
            path=path,
            column="Pand_energieklasse",
        )
    frame["labelklasse"] = frame["label"].map(LABEL_CLASSES)
    frame["vbo_id"] = bare_id(frame["vbo_id"])
    for column in (
        "vbo_id",
        "postcode",
        "huisnummer",
        "huisletter",
        "toevoeging",
        "label",
        "labelklasse",
        "gebouwtype",
        "gebouwsubtype",
    ):
        frame[column] = frame[column].astype("string")
    if entry is not None:
        entry.note(f"{len(frame)} woningen met een registratie (nieuwste geldige per woning)")
    return frame


def _label_rank_sql(column: str) -> str:
    """SQL: the position of an energy label from best (A++++, 0) to worst (G, 10); NULL when unknown."""
    cases = " ".join(f"WHEN '{label}' THEN {rank}" for rank, label in enumerate(LABEL_CLASSES))
    return f"CASE {column} {cases} END"


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


def _check_ep_stats(stats: dict, *, path: Path, entry: QualityEntry | None) -> None:
    """Refuse unreadable dates and scientific-notation ids; count repaired dates and skipped rows."""

    def listed(key: str) -> list:
        values = stats.get(key)
        return [] if values is None or (isinstance(values, float) and np.isnan(values)) else list(values)

    def examples(key: str) -> str:
        return ", ".join(map(str, listed(key)))

    if stats["scientific"]:
        raise InputError(
            f"{int(stats['scientific'])} identifiers are in scientific notation "
            f"(e.g. {examples('scientific_examples')}): "
            "the file was opened and saved in a spreadsheet, which rounds 16-digit ids. Download the EP-online "
            "export again (expected ids like 0599010000000001)",
            path=path,
            column="Pand_bagverblijfsobjectid",
        )
    accepted = ", ".join(f.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD") for f in EP_DATE_FORMATS)
    for key, column in (("bad_opname", "Pand_opnamedatum"), ("bad_geldig", "Meting_geldig_tot")):
        if stats[key]:
            raise InputError(
                f"{int(stats[key])} values are not dates (e.g. {examples(key + '_examples')}); expected "
                f"YYYYMMDD as EP-online publishes (also accepted: {accepted})",
                path=path,
                column=column,
            )
    if entry is not None:
        entry.read(int(stats["rows"]))
        entry.repair(
            "Pand_opnamedatum in een andere notatie dan YYYYMMDD gelezen",
            int(stats["other_format"]),
            examples=listed("other_format_examples"),
        )
        entry.drop(
            "Pand_status Vergunningsaanvraag: label berekend voor een vergunning, niet van de woning zoals "
            "die er staat",
            int(stats["permit"]),
        )
        entry.drop(
            "ligplaats of standplaats (woonboot, woonwagen): apart gezet, geen verblijfsobject", int(stats["berth"])
        )
        entry.drop("geen woning (Pand_gebouwklasse is niet W)", int(stats["not_dwelling"]))
        entry.drop("geen energieklasse", int(stats["no_label"]))
