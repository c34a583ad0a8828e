"""Derive the package's demand tables from PBL's Startanalyse 2025 kentallen in ../shared.

Writes, from ``../shared/data/kentallen/asa2025/``:

* ``src/warmtekans/data/heat_demand.csv`` – space heating per label (``Vrv_<label>_asl`` + ``_opp``
  per m²) and tap water (``Vww_asl``) per Vesta dwelling type × bouwjaar class, labels A–G and N;
* ``src/warmtekans/data/isolatiestappen.csv`` – the insulation steps ``Ki_S<van><naar>_{min,max}_{asl,opp}``
  (euro per dwelling + per m²) to labels D, C and B;
* ``src/warmtekans/data/energieprijzen.csv`` – the small consumer's gas and electricity price per year (the
  price path of the TCO method);
* ``src/warmtekans/data/verschilfactor.csv.gz`` – the local demand correction per CBS buurt (2020 codes)
  × Vesta dwelling type.

Run from the project root: ``python tools/make_kentallen.py``. Figures: PBL, Vesta MAIS Startanalyse
2025, github.com/pbl-nl/model-vesta-public (branch ActualisatieStartanalyse2025, commit 98006a82).
"""

import csv
import gzip
import io
import re
from pathlib import Path

SHARED = Path("../shared/data/kentallen/asa2025")
DWELLINGS = SHARED / "20241112_Woningen_BAG.csv"
FACTORS = SHARED / "20241016_Lokale_Praktijkfactor_Referentieverbruik_2.csv"
DATA = Path("src/warmtekans/data")
SOURCE = "Vesta MAIS Startanalyse 2025, data/20241112_Woningen_BAG.csv"

LABELS = ("A", "B", "C", "D", "E", "F", "G", "N")
STEP_TARGETS = {"D": ("G", "F", "E"), "C": ("G", "F", "E", "D"), "B": ("G", "F", "E", "D", "C")}
#: Vesta's dwelling types in the order of its classification (the woningtype codes 1–6 of the verschilfactor table).
VESTA_TYPES = ("vrijstaand", "2 onder 1 kap", "rijwoning hoek", "rijwoning tussen", "meergezins: laag en midden",
               "meergezins: hoog")


def bouwjaar_bounds(text: str) -> tuple[str, str]:
    """'voor 1930' → ('', '1929'); '1930 - 1945' → ('1930', '1945'); '2015 - 2020' → ('2015', '') (open-ended)."""
    if text.startswith("voor"):
        return "", str(int(re.findall(r"\d{4}", text)[0]) - 1)
    low, high = re.findall(r"\d{4}", text)
    return low, ("" if high == "2020" else high)


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def number(value: str) -> str:
    return f"{float(value):.6g}"


def write_demand(rows: list[dict[str, str]]) -> int:
    with open(DATA / "heat_demand.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["woningtype_vesta", "bouwjaar_van", "bouwjaar_tot", "energielabel", "rv_gj_vast",
                         "rv_gj_per_m2", "tw_gj_vast", "bron"])
        count = 0
        for line, row in enumerate(rows, start=2):
            low, high = bouwjaar_bounds(row["bouwjaar_str"])
            for label in LABELS:
                writer.writerow([row["type_str"], low, high, label, number(row[f"Vrv_{label}_asl"]),
                                 number(row[f"Vrv_{label}_opp"]), number(row["Vww_asl"]), f"{SOURCE}:{line}"])
                count += 1
    return count


def write_steps(rows: list[dict[str, str]]) -> int:
    with open(DATA / "isolatiestappen.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["woningtype_vesta", "bouwjaar_van", "bouwjaar_tot", "van_label", "naar_label",
                         "eur_min_asl", "eur_min_opp", "eur_max_asl", "eur_max_opp", "bron"])
        count = 0
        for line, row in enumerate(rows, start=2):
            low, high = bouwjaar_bounds(row["bouwjaar_str"])
            for target, starts in STEP_TARGETS.items():
                for start in starts:
                    key = f"Ki_S{start}{target}"
                    writer.writerow([row["type_str"], low, high, start, target,
                                     *(number(row[f"{key}_{part}"]) for part in ("min_asl", "min_opp", "max_asl",
                                                                                  "max_opp")),
                                     f"{SOURCE}:{line} ({key}_*)"])
                    count += 1
    return count


def write_factors() -> int:
    rows = read_rows(FACTORS)
    # mtime 0: the same table gives the same bytes (the provenance hashes them)
    with gzip.GzipFile(DATA / "verschilfactor.csv.gz", "wb", compresslevel=9, mtime=0) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        writer = csv.writer(text)
        writer.writerow(["buurtcode", "woningtype_vesta", "verschilfactor"])
        for row in rows:
            writer.writerow([row["buurt2020"], VESTA_TYPES[int(row["woningtype"]) - 1],
                             f"{float(row['verschilfactor']):.4f}"])
    return len(rows)


def write_prices() -> int:
    """Small consumers' total price (``KG_P``: commodity, network, SDE, energy tax and VAT) per year, gas and
    electricity: the Startanalyse 2025 price path; warmtekans uses it relative to the price year."""
    tables = {carrier: read_rows(SHARED / f"Energieprijzen_20250108_Energieprijzen_{name}.csv")
              for carrier, name in (("gas_eur_m3", "Aardgas"), ("elektriciteit_eur_kwh", "Elek"))}
    years = [row["Jaar"] for row in tables["gas_eur_m3"]]
    with open(DATA / "energieprijzen.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["jaar", *tables, "bron"])
        for position, year in enumerate(years):
            writer.writerow([year, *(number(tables[c][position]["KG_P"]) for c in tables),
                             f"Vesta MAIS Startanalyse 2025, data/Energieprijzen/20250108 (KG_P, rij {position + 2})"])
    return len(years)


def main() -> None:
    rows = read_rows(DWELLINGS)
    print(f"heat_demand.csv: {write_demand(rows)} rows")
    print(f"isolatiestappen.csv: {write_steps(rows)} rows")
    print(f"verschilfactor.csv.gz: {write_factors()} rows")
    print(f"energieprijzen.csv: {write_prices()} rows")


if __name__ == "__main__":
    main()
