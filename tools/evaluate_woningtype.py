"""Evaluate the woningtype from BAG geometry on real footprints.

    .venv/bin/python tools/evaluate_woningtype.py                       # the Den Haag-Oost extract
    .venv/bin/python tools/evaluate_woningtype.py --labels ep-online.csv --bag bag.gpkg --flavour bag-light \
        --buurten wijkenbuurten.gpkg --gemeente GM0344

Two evaluations:

* **Border cuts** (no labels needed): the gemeente is cut by straight lines through the
  extract (x and y at 30, 50 and 70 % of its extent); the dwellings on one side are
  classified as if the other side were a neighbouring gemeente, with and without the
  ``neighbour_buffer_m`` buffer, and compared with the classification of the uncut extract.
  Agreement is reported for dwellings within 50 m of the cut and further away.
* **Held-out labels** (``--labels``): the geometry type of every dwelling with an EP-online
  ``Pand_gebouwtype`` is compared with that label (the label is *not* used to classify):
  overall agreement and each family's recall.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from shapely.geometry import box

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warmtekans.config.areas import BagInput, LayerInput  # noqa: E402
from warmtekans.config.sections import DwellingSettings  # noqa: E402
from warmtekans.core.schemas import empty_energielabels  # noqa: E402
from warmtekans.inputs.bag import read_bag  # noqa: E402
from warmtekans.inputs.cbs import read_buurten  # noqa: E402
from warmtekans.inputs.ep_online import read_energielabels  # noqa: E402
from warmtekans.model.demand import load_kentallen  # noqa: E402
from warmtekans.model.dwellings import DwellingReport, build_dwellings, join_labels  # noqa: E402
from warmtekans.model.woningtype import WONINGTYPES, agreement, woningtype_from_ep_online  # noqa: E402

DENHAAG = ROOT.parent / "shared" / "data" / "real" / "denhaag_0518"


def geometry_types(panden, vbos, buurten, kentallen, **settings) -> pd.Series:
    """Woningtype from geometry per dwelling (vbo_id), no labels used."""
    dwellings, _, _ = build_dwellings(panden, vbos, empty_energielabels(), buurten, kentallen,
                                      DwellingSettings(**settings))
    woningen = dwellings[dwellings["objecttype"] == "woning"]
    return pd.Series(woningen["woningtype"].to_numpy(), index=woningen["vbo_id"].to_numpy()), woningen


def border_cuts(panden, vbos, buurten, kentallen, settings: dict) -> pd.DataFrame:
    reference, woningen = geometry_types(panden, vbos, buurten, kentallen, **settings)
    points = woningen.set_index("vbo_id").geometry
    minx, miny, maxx, maxy = buurten.total_bounds
    rows = []
    for axis in ("x", "y"):
        for share in (0.3, 0.5, 0.7):
            at = (minx + share * (maxx - minx)) if axis == "x" else (miny + share * (maxy - miny))
            for side in ("low", "high"):
                low, high = (minx - 1, miny - 1), (maxx + 1, maxy + 1)
                if axis == "x":
                    half = box(*low, at, high[1]) if side == "low" else box(at, low[1], *high)
                else:
                    half = box(*low, high[0], at) if side == "low" else box(low[0], at, *high)
                # the border follows the party walls: each pand lies wholly on the side of its centre
                centre = panden.representative_point()
                this_side = centre.within(half)
                half = half.union(panden.geometry[this_side].union_all()).difference(
                    panden.geometry[~this_side].buffer(0.05).union_all())
                cut_buurten = buurten.assign(geometry=buurten.geometry.intersection(half))
                cut_buurten = cut_buurten[~cut_buurten.geometry.is_empty]
                line_distance = (points.x - at).abs() if axis == "x" else (points.y - at).abs()
                other_side_vbos = ~vbos.geometry.within(half)
                buffer_m = settings.get("neighbour_buffer_m", 50.0)
                variants = (("no buffer", vbos, 0.0), (f"{buffer_m:g} m buffer", vbos, buffer_m),
                            (f"{buffer_m:g} m buffer, no objects across", vbos[~other_side_vbos], buffer_m))
                for variant, variant_vbos, buffer_m in variants:
                    predicted, _ = geometry_types(panden, variant_vbos, cut_buurten, kentallen,
                                                  **{**settings, "neighbour_buffer_m": buffer_m})
                    truth = reference.reindex(predicted.index)
                    near = line_distance.reindex(predicted.index) < 50
                    grondgebonden = truth != "appartement"
                    for zone, mask in (("< 50 m from the cut", near), (">= 50 m from the cut", ~near)):
                        for group, rows_in in (("all dwellings", mask), ("grondgebonden", mask & grondgebonden)):
                            scores = agreement(truth[rows_in], predicted[rows_in])
                            rows.append({"cut": f"{axis}={share:.0%} {side}", "variant": variant, "zone": zone,
                                         "group": group, **scores})
    return pd.DataFrame(rows)


def held_out_labels(panden, vbos, buurten, kentallen, labels_path: str, settings: dict) -> dict[str, float]:
    predicted, woningen = geometry_types(panden, vbos, buurten, kentallen, **settings)
    labels = read_energielabels(labels_path, reference_date=DwellingSettings().label_reference_date)
    joined = join_labels(woningen.reset_index(drop=True), labels, DwellingReport())
    truth = pd.Series(woningtype_from_ep_online(joined["gebouwtype"]).to_numpy(), index=woningen["vbo_id"].to_numpy())
    scores = agreement(truth, predicted)
    confusion = pd.crosstab(truth.rename("EP-online"), predicted.rename("geometrie"))
    print(confusion.reindex(index=list(WONINGTYPES), columns=list(WONINGTYPES)).fillna(0).astype(int).to_string())
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bag", default=str(DENHAAG / "bag.gpkg"))
    parser.add_argument("--flavour", default="nlextract")
    parser.add_argument("--nummeraanduiding", default=str(DENHAAG / "nummeraanduiding.csv"))
    parser.add_argument("--buurten", default=str(DENHAAG / "cbs_buurten_2022.gpkg"))
    parser.add_argument("--buurten-layer", default="buurten")
    parser.add_argument("--gemeente", default="GM0518")
    parser.add_argument("--labels", help="EP-online CSV: compare the geometry type with Pand_gebouwtype")
    parser.add_argument("--no-cuts", action="store_true", help="skip the border-cut evaluation")
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE",
                        help="dwelling settings, e.g. annex_max_area_m2=30")
    args = parser.parse_args(argv)
    settings = {key: float(value) for key, value in (item.split("=", 1) for item in args.set)}
    bag = BagInput(path=args.bag, flavour=args.flavour,
                   nummeraanduiding=args.nummeraanduiding if args.flavour == "nlextract" else None)
    panden, vbos = read_bag(bag)
    buurten = read_buurten(LayerInput(path=args.buurten, layer=args.buurten_layer), args.gemeente)
    kentallen = load_kentallen()
    if args.labels:
        scores = held_out_labels(panden, vbos, buurten, kentallen, args.labels, settings)
        print({key: round(value, 3) for key, value in scores.items()})
    if not args.no_cuts:
        table = border_cuts(panden, vbos, buurten, kentallen, settings)
        summary = (table.assign(agree=table["overall"] * table["n"])
                   .groupby(["group", "variant", "zone"])[["agree", "n"]].sum())
        summary["agreement"] = summary["agree"] / summary["n"]
        print(summary[["n", "agreement"]].round(3).to_string())


if __name__ == "__main__":
    main()
