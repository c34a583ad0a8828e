"""One answer per street and buurt, from the clusters' answers (docs/method.md §8, "Kansrijk"; docs/results.md).

Every output that says which streets are kansrijk — ``kansrijke_straten.csv``, ``samenvatting.md``, the PNG maps,
the web map, the QGIS ``straten`` layer and ``rapport.pdf`` — takes them from :func:`kansrijke_straten` on the
fields :func:`street_verdict` adds, so they cannot disagree (a test compares them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from warmtekans.decision.verdict import LEVELS, RANK, VIEWS, WITHIN, YES, euros

#: The street fields this module adds (docs/results.md, ``straten``).
STREET_FIELDS = (
    *[f"kansrijk_{level}" for level in LEVELS], "kansrijk", "kansrijk_niveau", "kansrijk_cluster", "kansrijk_reden",
    "kansrijk_advies",
    *[f"{name}_{view}" for view in VIEWS for name in ("tweede_keus",)],
    *[f"verschil_{view}_{unit}" for view in VIEWS for unit in ("eur_jaar", "pct")],
)
KANSRIJK = (YES, WITHIN)
#: The cluster columns :func:`street_verdict` reads.
CLUSTER_COLUMNS = ("cluster_id", *[f"kansrijk_{level}" for level in LEVELS], "kansrijk_reden", "score")


def _level_clusters(clusters: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The clusters that answer for each level: first-level clusters (rows, buildings) and areas of that scale."""
    answered = {}
    for level in LEVELS:
        column = f"kansrijk_{level}"
        if column in clusters:
            answered[level] = clusters[clusters[column].notna()]
    return answered


def street_verdict(dwellings: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """Per street (``straat_sleutel``): for each level the best answer of the clusters its dwellings belong to
    (``ja`` > ``binnen marge`` > ``nee``; empty where none of its dwellings is in a cluster of that level), the
    best answer over the levels with its level, cluster and reason, and the second-best option (the most common
    among its dwellings, with the median difference) in both views."""
    woningen = dwellings[dwellings["objecttype"] == "woning"] if "objecttype" in dwellings else dwellings
    result = pd.DataFrame(index=pd.Index(sorted(woningen["straat_sleutel"].dropna().unique()), name="straat_sleutel"))
    table = clusters.set_index("cluster_id") if "cluster_id" in clusters else clusters
    best_rows = []
    for level, answering in _level_clusters(table).items():
        links = _street_links(woningen, answering.index)
        links["antwoord"] = links["cluster_id"].map(answering[f"kansrijk_{level}"])
        links["rang"] = links["antwoord"].map(RANK)
        links["score"] = links["cluster_id"].map(answering["score"]) if "score" in answering else np.nan
        links = links.sort_values(["straat_sleutel", "rang", "n", "score", "cluster_id"],
                                  ascending=[True, True, False, False, True], kind="stable")
        best = links.drop_duplicates("straat_sleutel").set_index("straat_sleutel")
        result[f"kansrijk_{level}"] = best["antwoord"].reindex(result.index).astype("string")
        best_rows.append(best.assign(niveau=level, level_order=LEVELS.index(level)))
    if best_rows:
        every = pd.concat(best_rows).reset_index()
        every = every.sort_values(["straat_sleutel", "rang", "level_order"], kind="stable")
        top = every.drop_duplicates("straat_sleutel").set_index("straat_sleutel")
        result["kansrijk"] = top["antwoord"].reindex(result.index).astype("string")
        result["kansrijk_niveau"] = top["niveau"].reindex(result.index).astype("string")
        result["kansrijk_cluster"] = top["cluster_id"].reindex(result.index).astype("string")
        result["kansrijk_reden"] = top["cluster_id"].map(table["kansrijk_reden"]).reindex(result.index) \
            .astype("string")
        result["kansrijk_advies"] = _cluster_advice(woningen, top["cluster_id"]).reindex(result.index)
    for level in LEVELS:
        if f"kansrijk_{level}" not in result:
            result[f"kansrijk_{level}"] = pd.Series(pd.NA, index=result.index, dtype="string")
    for column in ("kansrijk", "kansrijk_niveau", "kansrijk_cluster", "kansrijk_reden", "kansrijk_advies"):
        if column not in result:
            result[column] = pd.Series(pd.NA, index=result.index, dtype="string")
    return result.join(_second_best(woningen)).reindex(columns=list(STREET_FIELDS))


def _cluster_advice(woningen: pd.DataFrame, cluster_of_street: pd.Series) -> pd.Series:
    """Per street the advice (``aanbevolen``) of most of its dwellings in the cluster that answers for it."""
    frames = []
    for column in ("mini_cluster_id", "gebied_cluster_id"):
        if column in woningen:
            inside = woningen[woningen[column].astype("string") == woningen["straat_sleutel"].map(cluster_of_street)
                              .astype("string")]
            frames.append(inside[["straat_sleutel", "aanbevolen"]])
    if not frames:
        return pd.Series(dtype="string")
    joined = pd.concat(frames)
    return joined.groupby("straat_sleutel")["aanbevolen"].agg(
        lambda s: s.mode().iloc[0] if s.notna().any() else pd.NA).astype("string")


def _street_links(woningen: pd.DataFrame, cluster_ids: pd.Index) -> pd.DataFrame:
    """(street, cluster, dwellings) for every cluster in ``cluster_ids`` with dwellings on the street."""
    frames = []
    for column in ("mini_cluster_id", "gebied_cluster_id"):
        if column not in woningen:
            continue
        inside = woningen[woningen[column].isin(cluster_ids)]
        frames.append(inside.groupby(["straat_sleutel", column]).size().rename("n").reset_index()
                      .rename(columns={column: "cluster_id"}))
    if not frames:
        return pd.DataFrame(columns=["straat_sleutel", "cluster_id", "n"])
    return pd.concat(frames, ignore_index=True)


def _second_best(woningen: pd.DataFrame) -> pd.DataFrame:
    columns = {}
    grouped = woningen.groupby("straat_sleutel")
    for view in VIEWS:
        option = f"tweede_keus_{view}"
        if option not in woningen:
            continue
        columns[option] = grouped[option].agg(lambda s: s.mode().iloc[0] if s.notna().any() else pd.NA) \
            .astype("string")
        for unit in ("eur_jaar", "pct"):
            columns[f"verschil_{view}_{unit}"] = grouped[f"verschil_{view}_{unit}"].median().round(1)
    return pd.DataFrame(columns)


def kansrijke_sleutels(dwellings: pd.DataFrame, clusters: pd.DataFrame | None) -> dict[str, str]:
    """The ``straat_sleutel`` of every kansrijke street with its answer (``ja``, ``binnen marge``): the streets
    :func:`kansrijke_straten` lists (for the maps, which draw from the dwellings rather than the street layer)."""
    if clusters is None or clusters.empty or "straat_sleutel" not in dwellings:
        return {}
    verdict = street_verdict(dwellings, clusters)
    chosen = verdict[verdict["kansrijk"].isin(KANSRIJK).fillna(False).to_numpy()]
    return {str(key): str(answer) for key, answer in chosen["kansrijk"].items()}


def kansrijke_straten(streets: pd.DataFrame) -> pd.DataFrame:
    """The kansrijke streets (``kansrijk`` is ``ja`` or ``binnen marge``), one row per street, in the order every
    output lists them: ``ja`` first, then by level (mini, kleinschalig, grootschalig), the best score, the most
    dwellings and the name. ``streets`` may hold several parts per street (``deel``)."""
    if streets.empty or "kansrijk" not in streets:
        return streets.iloc[0:0]
    one = streets.drop_duplicates("straat_sleutel")
    chosen = one[one["kansrijk"].isin(KANSRIJK).fillna(False).to_numpy()].copy()
    chosen["_rang"] = chosen["kansrijk"].map(RANK)
    chosen["_niveau"] = chosen["kansrijk_niveau"].map({level: i for i, level in enumerate(LEVELS)})
    score = chosen["beste_mini_score"] if "beste_mini_score" in chosen else pd.Series(np.nan, index=chosen.index)
    chosen["_score"] = score.fillna(-1)
    chosen = chosen.sort_values(["_rang", "_niveau", "_score", "n_woningen", "straat"],
                                ascending=[True, True, False, False, True], kind="stable")
    return chosen.drop(columns=["_rang", "_niveau", "_score"])


def buurt_why_not(dwellings: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """Per buurt: ``reden_geen_collectief`` — why no collective option is kansrijk (empty when one is), and the
    collective option closest to winning: ``dichtstbij_optie``, its cluster and how much dearer it is per
    dwelling per year (``dichtstbij_verschil_eur_jaar``, in the view that decides that cluster)."""
    table = clusters.set_index("cluster_id") if "cluster_id" in clusters else clusters
    answered = table[[f"kansrijk_{level}" for level in LEVELS if f"kansrijk_{level}" in table]]
    answer = answered.bfill(axis=1).iloc[:, 0] if not answered.empty else pd.Series(dtype="string")
    woningen = dwellings[dwellings["objecttype"] == "woning"] if "objecttype" in dwellings else dwellings
    rows = {}
    for buurt, members in woningen.groupby("buurtcode"):
        ids = pd.Index(pd.concat([members[c] for c in ("mini_cluster_id", "gebied_cluster_id") if c in members])
                       .dropna().unique())
        ids = ids.intersection(table.index)
        answers = answer.reindex(ids)
        if answers.isin(KANSRIJK).any():
            rows[buurt] = (pd.NA, pd.NA, pd.NA, np.nan)
            continue
        rows[buurt] = _closest(table.loc[ids], members, answers)
    frame = pd.DataFrame.from_dict(rows, orient="index",
                                   columns=["reden_geen_collectief", "dichtstbij_optie", "dichtstbij_cluster",
                                            "dichtstbij_verschil_eur_jaar"])
    for column in ("reden_geen_collectief", "dichtstbij_optie", "dichtstbij_cluster"):
        frame[column] = frame[column].astype("string")
    frame["dichtstbij_verschil_eur_jaar"] = frame["dichtstbij_verschil_eur_jaar"].astype(float).round(0)
    return frame.rename_axis("buurtcode")


def _closest(clusters: pd.DataFrame, members: pd.DataFrame, answers: pd.Series) -> tuple:
    """(reason, option, cluster, €/yr dearer) for a buurt where nothing collective is kansrijk."""
    if clusters.empty:
        kind = "geen rij, gebouw of gebied van twee of meer woningen" if len(members) else "geen woningen"
        return f"geen cluster: {kind}", pd.NA, pd.NA, np.nan
    gaps = []
    for cluster_id, row in clusters.iterrows():
        prefix = "nationaal_eur_jaar" if row.get("beslist_op") == "nationaal" else "kosten_eur_jaar"
        shared = ("kleinschalig_warmtenet", "grootschalig_warmtenet") if row.get("niveau") == "gebied" else \
            ("gedeelde_bodemlus", "ringnet", "collectieve_luchtwarmtepomp")
        for option in shared:
            cost = row.get(f"{prefix}_{option}", np.nan)
            if pd.notna(cost) and pd.notna(row.get("eur_jaar_gekozen", np.nan)):
                gaps.append((float(cost) - float(row["eur_jaar_gekozen"]), option, cluster_id, row))
    if not gaps:
        return "geen collectieve optie mogelijk (zie de reden per cluster)", pd.NA, pd.NA, np.nan
    gap, option, cluster_id, row = min(gaps, key=lambda item: (item[0], item[2], item[1]))
    share = gap / row["eur_jaar_gekozen"] if row["eur_jaar_gekozen"] else np.nan
    reasons = [f"collectief overal duurder; het dichtstbij: {option.replace('_', ' ')} in {cluster_id}, "
               f"{euros(gap)}/jr ({100 * share:.0f} %) per woning"]
    restricted = (clusters.get("aandeel_verboden", pd.Series(0.0, index=clusters.index)).fillna(0) >= 0.5).sum()
    if restricted:
        reasons.append(f"boren verboden in {restricted} cluster{'s' if restricted > 1 else ''}")
    areas = clusters[clusters.get("niveau", pd.Series("", index=clusters.index)) == "gebied"]
    if len(areas) and "warmtebron_netwerk" in areas and (areas["warmtebron_netwerk"] == "buitenlucht").all():
        reasons.append("geen warmtebron: gebied op buitenlucht")
    return "; ".join(reasons), option, cluster_id, gap
