"""Derive the package's compact heat-demand table from ../shared/data/kentallen.

Keeps only the columns warmtekans uses, with the source row of each figure. Run from the
project root: ``python tools/make_kentallen.py``. Figures: PBL, Vesta MAIS 5.0,
github.com/RuudvandenWijngaart/VestaDV (commit 4742ff05), data/20201202_Woningen_BAG.csv.
"""

import csv
from pathlib import Path

SOURCE = Path("../shared/data/kentallen/heat_demand_dwellings.csv")
TARGET = Path("src/warmtekans/data/heat_demand.csv")

COLUMNS = {
    "woningtype_vesta": "woningtype_vesta",
    "bouwjaar_van": "bouwjaar_van",
    "bouwjaar_tot": "bouwjaar_tot",
    "energielabel": "energielabel",
    "space_heating_gj_per_dwelling_fixed": "rv_gj_vast",
    "space_heating_gj_per_m2": "rv_gj_per_m2",
    "hot_water_gj_per_dwelling": "tw_gj_vast",
    "source": "bron",
}


def main() -> None:
    with open(SOURCE, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(TARGET, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS.values())
        for row in rows:
            values = []
            for key in COLUMNS:
                value = row[key]
                if key.startswith(("space_", "hot_")):
                    value = f"{float(value):.6g}"
                if key == "source":
                    value = value.split(" (")[0]
                values.append(value)
            writer.writerow(values)
    print(f"wrote {len(rows)} rows to {TARGET}")


if __name__ == "__main__":
    main()
