"""Benchmark the workflow on generated data of several sizes and write bench/results.md.

    .venv/bin/python bench/run_bench.py                      # 10 000, 100 000 and 1 000 000 dwellings
    .venv/bin/python bench/run_bench.py --sizes 10000 100000  # a subset
    .venv/bin/python bench/run_bench.py --kinds real          # only the tiled real footprints

Two kinds of input: ``generated`` Voorbeeldstad towns, and ``real``: translated copies of the real
Den Haag-Oost footprints (``bench/tile_real.py``; NLExtract BAG, no labels or optional layers), whose
geometry is as irregular as a real gemeente's, all in one gemeente. For generated input it makes towns
(about 2 450 dwellings each) spread over gemeenten of at most ``--gemeente-dwellings`` dwellings, runs the whole
workflow with ``--cores`` (per-buurt PNG maps off, as for a province run), and reads Snakemake's
``benchmark:`` files for the wall time, CPU time and peak memory of every rule. In the same
run it measures the I/O floor: the time to only read the inputs (BAG layers and buurten with
pyogrio, the EP-online CSV with DuckDB). It also times the EP-online reader on a national-size
CSV (5 000 000 rows) in a separate process and records its peak memory.

Public tools only: Snakemake benchmark files and Python's ``resource`` module.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DWELLINGS_PER_TOWN = 2_450
TARGETS = {"peak_gb": 8, "scaling": 11, "floor_ratio": 15, "draws_ratio": 1.5, "national_min": 30}  # issues 13, 21


def machine() -> dict[str, str]:
    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import duckdb
    import geopandas
    import snakemake

    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": f"{memory:.1f} GiB",
            "python": platform.python_version(),
            "os": platform.platform(), "snakemake": snakemake.__version__, "geopandas": geopandas.__version__,
            "duckdb": duckdb.__version__}


def generate(work: Path, size: int, per_gemeente: int) -> list[tuple[str, Path]]:
    """Generated inputs for ``size`` dwellings (cached between runs)."""
    from warmtekans.sample.generate import generate as generate_town

    towns = max(1, math.ceil(size / DWELLINGS_PER_TOWN))
    towns_per_gemeente = max(1, per_gemeente // DWELLINGS_PER_TOWN)
    gemeenten = []
    for k in range(math.ceil(towns / towns_per_gemeente)):
        code = f"GM{8000 + k:04d}"
        count = min(towns_per_gemeente, towns - k * towns_per_gemeente)
        folder = work / "inputs" / f"{code}-{count}"
        if not (folder / "straten.osm").exists():
            print(f"  generating {code}: {count} towns", flush=True)
            generate_town(folder, code, towns=count)
        gemeenten.append((code, folder))
    return gemeenten


def config_for(gemeenten: list[tuple[str, Path]]) -> dict:
    areas = {}
    for code, folder in gemeenten:
        areas[code] = {"naam": f"Bench {code}", "inputs": {
            "bag": {"path": str(folder / "bag-light.gpkg")},
            "buurten": {"path": str(folder / "wijkenbuurten.gpkg"), "layer": "buurten"},
            "energielabels": str(folder / "ep-online.csv"),
            "drinkwater": {"path": str(folder / "grondwaterbeschermingsgebieden.gpkg"), "zone_column": "zone_type"},
            "archeologie": {"path": str(folder / "archeologie.gpkg"), "zone_column": "categorie"},
            "riool": {"path": str(folder / "gwsw-leidingen.gpkg"), "layer": "beheer_leiding"},
            "straten": str(folder / "straten.osm"),
            "warmtenet_gepland": {"path": str(folder / "warmtenet-gepland.gpkg")},
            "bodemenergiesystemen": {"path": str(folder / "bodemenergiesystemen.gpkg")},
        }}
    # a regio: the final merge_region job (benchmarks/PV00/, logs/PV00/) is measured as one more rule
    return {"gemeenten": [code for code, _ in gemeenten], "areas": areas, "results": {"buurt_maps": False},
            "regio": {"code": "PV00", "naam": "Benchmarkprovincie"}}


def generate_real(work: Path, size: int) -> tuple[dict, list[Path]]:
    """Tiled real footprints for about ``size`` dwellings in one gemeente; returns (config, files to read)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from tile_real import DWELLINGS_PER_COPY, config_for as real_config, tile

    copies = max(1, round(size / DWELLINGS_PER_COPY))
    print(f"  tiling {copies} copies of the real Den Haag-Oost footprints", flush=True)
    paths = tile(work / "inputs-real", copies)
    return real_config(paths), list(paths.values())


def io_floor_real(paths: list[Path]) -> float:
    """Seconds to only read the tiled real inputs (BAG layers, buurten, nummeraanduiding)."""
    import pyogrio

    start = time.perf_counter()
    for path in paths:
        if path.suffix == ".csv":
            pd.read_csv(path, dtype="string")
        else:
            for layer, _ in pyogrio.list_layers(path):
                pyogrio.read_dataframe(path, layer=layer)
    return time.perf_counter() - start


def work_folder(root: Path, kind: str, size: int) -> Path:
    return root / (str(size) if kind == "generated" else f"real-{size}")


def io_floor(gemeenten: list[tuple[str, Path]]) -> float:
    """Seconds to only read the inputs: BAG layers and buurten (pyogrio), EP-online (DuckDB)."""
    import duckdb
    import pyogrio

    start = time.perf_counter()
    for _, folder in gemeenten:
        for layer in ("pand", "verblijfsobject"):
            pyogrio.read_dataframe(folder / "bag-light.gpkg", layer=layer)
        pyogrio.read_dataframe(folder / "wijkenbuurten.gpkg", layer="buurten")
        ep_online = folder / "ep-online.csv"
        duckdb.sql(f"SELECT count(*) FROM read_csv('{ep_online}', delim=';', all_varchar=true)").fetchall()
    return time.perf_counter() - start


def run_workflow(work: Path, config: dict, cores: int) -> float:
    run_dir = work / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    shutil.copytree(ROOT / "config", run_dir / "config")
    (run_dir / "bench.json").write_text(json.dumps(config))
    command = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(run_dir),
               "--cores", str(cores), "--configfile", str(run_dir / "bench.json"), "--quiet", "all"]
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=open(work / "snakemake.log", "w"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    (work / "run_cpu.json").write_text(json.dumps({"run_cpu_s": cpu}))
    return time.perf_counter() - start


JOB_USAGE = re.compile(r"job usage: cpu_s=([0-9.]+) peak_mb=([0-9.]+)")


def job_usage(log: Path) -> tuple[float, float]:
    """(CPU s, peak MB) of one job from the last line ``warmtekans.pipeline.workflow.run`` writes to its log;
    NaN if absent.

    Exact (``getrusage`` of the job's process, incl. Python start-up), unlike Snakemake's sampled ``cpu_time``.
    """
    found = JOB_USAGE.findall(log.read_text(encoding="utf-8", errors="replace")) if log.exists() else []
    return (float(found[-1][0]), float(found[-1][1])) if found else (math.nan, math.nan)


DRAWS_CPU = re.compile(r"draws cpu_s=([0-9.]+)")


def draws_cpu_s(work: Path) -> float:
    """CPU seconds of the sensitivity draws inside every score_clusters job (their log line), NaN if absent."""
    found = [float(value) for log in (work / "run" / "logs").glob("*/score_clusters.log")
             for value in DRAWS_CPU.findall(log.read_text(encoding="utf-8", errors="replace"))]
    return sum(found) if found else math.nan


def rule_figures(work: Path) -> pd.DataFrame:
    """Per rule: summed wall and CPU seconds over the gemeenten, and the largest peak memory of one job."""
    rows = []
    for path in (work / "run" / "benchmarks").glob("*/*.tsv"):
        figures = pd.read_csv(path, sep="\t")
        job_cpu, job_peak = job_usage(work / "run" / "logs" / path.parent.name / f"{path.stem}.log")
        rows.append(
            {
                "rule": path.stem,
                "s": figures["s"].iloc[-1],
                "cpu_s": figures["cpu_time"].iloc[-1],
                "max_rss_mb": figures["max_rss"].iloc[-1],
                "job_cpu_s": job_cpu,
                "job_peak_mb": job_peak,
            }
        )
    frame = pd.DataFrame(rows)
    return (
        frame.groupby("rule")
        .agg(
            wall_s=("s", "sum"),
            cpu_s=("cpu_s", "sum"),
            peak_mb=("max_rss_mb", "max"),
            job_cpu_s=("job_cpu_s", lambda v: v.sum(min_count=len(v))),
            job_peak_mb=("job_peak_mb", "max"),
            jobs=("s", "size"),
        )
        .sort_values("wall_s", ascending=False)
    )


def startup_cpu_s(repeats: int = 3) -> float:
    """CPU seconds to start one job's Python and import what every rule imports (no data); the least of ``repeats``."""
    code = "import snakemake.script, warmtekans.pipeline.workflow"
    best = math.inf
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", code], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime))
    return best


def run_peak_mb(rules: pd.DataFrame) -> float:
    """The largest peak memory of any job (MB): Snakemake's sampled figure or the job's own exact one."""
    return float(max(rules["peak_mb"].max(), rules["job_peak_mb"].max()))


def national_ep_online(work: Path, rows: int) -> dict:
    """Time the EP-online reader on a CSV of ``rows`` rows, in a separate process (peak memory)."""
    csv = work / f"ep-online-{rows}.csv"
    if not csv.exists():
        import duckdb

        from warmtekans.sample.generate import EP_ONLINE_HEADER_2021

        columns = ", ".join(
            {
                "Pand_opnamedatum": "strftime(DATE '2014-01-01' + CAST(i % 4000 AS INTEGER), '%Y%m%d')",
                "Pand_energieklasse": "['A','B','C','D','E','F','G','A+'][1 + CAST(i % 8 AS INTEGER)]",
                "Pand_gebouwklasse": "'W'",
                "Meting_geldig_tot": "strftime(DATE '2024-01-01' + CAST(i % 4000 AS INTEGER), '%Y%m%d')",
                "Pand_postcode": "printf('%04dAA', 1000 + CAST(i % 8999 AS INTEGER))",
                "Pand_huisnummer": "CAST(i % 500 AS VARCHAR)",
                "Pand_bagverblijfsobjectid": "printf('%016d', CAST(i // 2 AS BIGINT))",  # two registrations each
                "Pand_gebouwtype": "'Rijwoning tussen'",
            }.get(c, "''")
            + f' AS "{c}"'
            for c in EP_ONLINE_HEADER_2021
        )
        duckdb.sql(f"COPY (SELECT {columns} FROM range({rows}) t(i)) TO '{csv}' (HEADER, DELIMITER ';')")
    code = (
        "import resource, time, json; from warmtekans.inputs.ep_online import read_energielabels; "
        "t = time.perf_counter(); "
        f"f = read_energielabels({str(csv)!r}, reference_date='2026-01-01'); "
        "print(json.dumps({'seconds': time.perf_counter() - t, 'dwellings': len(f), "
        "'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    figures = next(line for line in reversed(result.stdout.splitlines()) if line.startswith("{"))
    return {"rows": rows, **json.loads(figures)}


def read_before(folder: Path | None) -> dict[int, dict]:
    """Runs of an older commit's ``run_bench.py`` (``--work`` folder given as ``--before``), by size."""
    if folder is None:
        return {}
    runs = {}
    for timings in sorted(folder.glob("*/timings.json")):
        figures = json.loads(timings.read_text())
        rules = rule_figures(timings.parent)
        commit = (folder / "commit.txt").read_text().strip() if (folder / "commit.txt").exists() else "older commit"
        runs[figures["dwellings"]] = {
            **figures,
            "cpu_s": rules["cpu_s"].sum(),
            "rules": rules,
            "commit": commit,
            "jobs": int(rules["jobs"].sum()),
        }
    return runs


def before_lines(results: list[dict], before: dict[int, dict]) -> list[str]:
    """The same generated input sizes run with an older commit just before: wall time, CPU and jobs, and the ratio."""
    lines = [
        "Both runs on this machine in the same sitting, generated input, `--cores` as above. CPU (s) is "
        "Snakemake's sampled `cpu_time` summed over the jobs (the older commit logs no exact figure).",
        "",
        "| dwellings | commit | jobs | wall (s) | CPU (s) | after / before (wall) |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.get("kind", "generated") != "generated":
            continue
        old = min(before.values(), key=lambda b: abs(b["dwellings"] - r["dwellings"]), default=None)
        if old is None or abs(old["dwellings"] - r["dwellings"]) > 0.05 * r["dwellings"]:
            continue
        lines.append(
            f"| {old['dwellings']:,} | {old['commit']} | {old['jobs']} | {old['wall_s']:.0f} | {old['cpu_s']:.0f} | |"
        )
        lines.append(
            f"| {r['dwellings']:,} | this commit | {int(r['rules']['jobs'].sum())} | {r['wall_s']:.0f} | "
            f"{r['cpu_s']:.0f} | {r['wall_s'] / old['wall_s']:.2f}× |"
        )
        met = r["wall_s"] <= 0.5 * old["wall_s"]
        lines += [
            "",
            f"- {r['dwellings']:,} dwellings in ≤ half the time of {old['commit']}: "
            f"{'met' if met else 'missed'} ({r['wall_s']:.0f} s against {old['wall_s']:.0f} s).",
        ]
        added = [rule for rule in ADDED_STEPS if rule in r["rules"].index]
        both = r["rules"].drop(index=added)
        sensitivity_s = r["rules"].loc["sensitivity", "wall_s"].sum() if "sensitivity" in r["rules"].index else 0
        lines.append(
            f"- The steps both commits have (the old six `prepare_*` jobs are now `prepare_inputs`) took "
            f"{both['wall_s'].sum():.0f} s of job time against {old['rules']['wall_s'].sum():.0f} s before; "
            f"the steps added since for the method ({', '.join(added)}) took "
            f"{r['rules'].loc[added, 'wall_s'].sum():.0f} s, of which `sensitivity` "
            f"{sensitivity_s:.0f} s."
        )
    return lines


#: Rules added after the older commit for the method (issues 9–12), not found in its job list.
ADDED_STEPS = ("sensitivity", "prepare_barriers", "prepare_sources", "provenance", "merge_region")


def markdown(
    info: dict,
    results: list[dict],
    ep: dict | None,
    before: dict[int, dict] | None = None,
    startup_s: float | None = None,
) -> str:
    lines = [
        "# Benchmark",
        "",
        f"Written by `bench/run_bench.py` on {time.strftime('%Y-%m-%d %H:%M')}.",
        "",
        "## Machine",
        "",
    ] + [f"- {k}: {v}" for k, v in info.items()]
    lines += [
        "",
        "## End to end",
        "",
        "Generated Voorbeeldstad towns; per-buurt PNG maps off (`results.buurt_maps: false`), "
        "everything else on. Floor = only reading the inputs (pyogrio, DuckDB).",
        "",
        "| inputs | dwellings | gemeenten | wall (s) | CPU (s) | peak job memory (MB) | I/O floor (s) "
        "| end-to-end / floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.get('kind', 'generated')} | {r['dwellings']:,} | {r['gemeenten']} | {r['wall_s']:.0f} | "
            f"{r['cpu_s']:.0f} | "
            f"{r['peak_mb']:.0f} | {r['floor_s']:.1f} | {r['wall_s'] / r['floor_s']:.0f}× |"
        )
    for r in results:
        lines += [
            "",
            f"### {r['dwellings']:,} dwellings ({r.get('kind', 'generated')}): per rule (summed over gemeenten)",
            "",
            "CPU (s) is Snakemake's sampled `cpu_time`; job CPU (s) and job peak (MB) are the exact "
            "`getrusage` figures each job logs (`job usage:`, incl. Python start-up).",
            "",
            "| rule | jobs | wall (s) | CPU (s) | job CPU (s) | peak memory (MB) | job peak (MB) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for rule, row in r["rules"].iterrows():
            lines.append(
                f"| {rule} | {int(row['jobs'])} | {row['wall_s']:.1f} | {row['cpu_s']:.1f} | "
                f"{row['job_cpu_s']:.1f} | {row['peak_mb']:.0f} | {row['job_peak_mb']:.0f} |"
            )
        if r.get("run_cpu_s"):
            lines.append(
                f"\nWhole run (Snakemake and every job, `getrusage` of the children): {r['run_cpu_s']:.0f} CPU s."
            )
    if ep:
        lines += [
            "",
            "## EP-online at national size",
            "",
            f"`read_energielabels` on {ep['rows']:,} rows: {ep['seconds']:.1f} s, "
            f"{ep['dwellings']:,} dwellings kept, peak memory {ep['peak_mb']:.0f} MB (DuckDB streams the file; "
            "only the newest registration per dwelling reaches pandas).",
        ]
    if before:
        lines += ["", "## Before and after, in one sitting", ""] + before_lines(results, before)
    lines += ["", "## Targets", ""] + target_lines(results)
    lines += ["", "## Where the time goes", ""] + analysis_lines(results, startup_s)
    return "\n".join(lines) + "\n" + kept_sections()


KEPT_HEADINGS = ("## Issue 13:", "## Issue 21:")  # hand-written sections measured in other sittings


def kept_sections(path: Path = ROOT / "bench" / "results.md") -> str:
    """Hand-written sections of the current results.md (measured in other sittings) that a new run keeps."""
    if not path.exists():
        return ""
    kept, keep = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = line.startswith(KEPT_HEADINGS)
        if keep:
            kept.append(line)
    return ("\n" + "\n".join(kept) + "\n") if kept else ""


def analysis_lines(results: list[dict], startup_s: float | None = None) -> list[str]:
    """Which rules dominate, and how much of the wall time is the fixed cost of starting jobs."""
    lines = []
    if startup_s is not None:
        lines.append(
            f"- Starting one job (Python, `snakemake.script`, `warmtekans.pipeline.workflow`; no data) costs "
            f"{startup_s:.2f} CPU s on this machine."
        )
    for r in results:
        rules = r["rules"]
        total = rules["wall_s"].sum()
        top = rules.head(3)
        shares = ", ".join(f"{rule} {row['wall_s'] / total:.0%}" for rule, row in top.iterrows())
        jobs = int(rules["jobs"].sum())
        light = [i for i in rules.index if i == "prepare_buurten"] or [
            i for i in rules.index if i.startswith("prepare_")
        ]
        fixed = float(rules.loc[light, "wall_s"].sum() / max(1, rules.loc[light, "jobs"].sum()))
        lines.append(
            f"- {r['dwellings']:,} dwellings: {jobs} jobs; largest rules {shares}. A light job "
            f"({light[0] if light else 'prepare_buurten'}) takes {fixed:.1f} s on average, "
            "mostly starting Python and importing "
            f"geopandas, so about {jobs * fixed / max(total, 1e-9):.0%} of the summed job time is "
            "start-up rather than data work."
        )
    return lines


def summarise(args) -> list[dict]:
    """Rebuild the figures from the work folders (after a run, or to rewrite results.md)."""
    results = []
    for kind in args.kinds:
        for size in args.sizes:
            work = work_folder(args.work, kind, size)
            if not (work / "timings.json").exists():
                continue
            timings = {"kind": kind, **json.loads((work / "timings.json").read_text())}
            if (work / "run_cpu.json").exists():
                timings |= json.loads((work / "run_cpu.json").read_text())
            rules = rule_figures(work)
            results.append({**timings, "cpu_s": rules["cpu_s"].sum(), "peak_mb": run_peak_mb(rules), "rules": rules,
                            "draws_cpu_s": draws_cpu_s(work)})
    return results


def target_lines(results: list[dict]) -> list[str]:
    """The issue-13 targets, per kind of input: ≤ 15× the I/O floor, 10× the data in ≤ 11× the time, ≤ 8 GB a job."""
    lines = []
    for kind in dict.fromkeys(r.get("kind", "generated") for r in results):
        runs = [r for r in results if r.get("kind", "generated") == kind]
        by_size = {r["dwellings"]: r for r in runs}
        peak = max(r["peak_mb"] for r in runs) / 1024
        lines.append(
            f"- {kind}: ≤ {TARGETS['peak_gb']} GB in any job: "
            f"{'met' if peak <= TARGETS['peak_gb'] else 'missed'} (largest {peak:.2f} GB)."
        )
        sizes = sorted(by_size)
        for small, large in zip(sizes, sizes[1:]):
            ratio = by_size[large]["wall_s"] / by_size[small]["wall_s"]
            factor = large / small
            allowed = TARGETS["scaling"] * factor / 10
            lines.append(
                f"- {kind}: {factor:.1f}× the data ≤ {allowed:.1f}× the time: "
                f"{'met' if ratio <= allowed else 'missed'} ({ratio:.1f}×)."
            )
        for r in runs:
            draws = r.get("draws_cpu_s", math.nan)
            if "score_clusters" in r["rules"].index and not math.isnan(draws):
                total = float(r["rules"].loc["score_clusters", "job_cpu_s"])
                ratio = draws / max(total - draws, 1e-9)
                lines.append(
                    f"- {kind}: sensitivity (the {draws:.0f} CPU s of draws inside score_clusters) ≤ "
                    f"{TARGETS['draws_ratio']}× the rest of score_clusters ({total - draws:.0f} CPU s) at "
                    f"{r['dwellings']:,}: {'met' if ratio <= TARGETS['draws_ratio'] else 'missed'} ({ratio:.2f}×)."
                )
        for r in runs:
            ratio = r["wall_s"] / r["floor_s"]
            lines.append(
                f"- {kind}: end-to-end ≤ {TARGETS['floor_ratio']}× the I/O floor at {r['dwellings']:,}: "
                f"{'met' if ratio <= TARGETS['floor_ratio'] else 'missed'} ({ratio:.0f}×)."
            )
        if len(sizes) >= 2:
            slope = (by_size[sizes[-1]]["wall_s"] - by_size[sizes[0]]["wall_s"]) / (sizes[-1] - sizes[0])
            national_min = slope * 8e6 / 60
            lines.append(
                f"- {kind}: per-dwelling slope {slope * 1e6:.0f} s per million dwellings; the Netherlands "
                f"(8 M dwellings) extrapolates to about {national_min:.0f} min on this machine (target ≤ "
                f"{TARGETS['national_min']} min: {'met' if national_min <= TARGETS['national_min'] else 'missed'})."
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--kinds", nargs="+", choices=["generated", "real"], default=["generated", "real"])
    parser.add_argument("--gemeente-dwellings", type=int, default=100_000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--ep-online-rows", type=int, default=5_000_000)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--summarise", action="store_true", help="only rewrite results.md from the work folders")
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="the --work folder of an older commit's run_bench.py run just before (same sizes), to compare",
    )
    args = parser.parse_args()
    before = read_before(args.before)
    startup_file = args.work / "startup.json"
    if args.summarise:
        ep_file = args.work / "ep-online.json"
        ep = json.loads(ep_file.read_text()) if ep_file.exists() else None
        startup = json.loads(startup_file.read_text())["cpu_s"] if startup_file.exists() else None
        args.out.write_text(markdown(machine(), summarise(args), ep, before, startup), encoding="utf-8")
        print(f"wrote {args.out}")
        return
    args.work.mkdir(parents=True, exist_ok=True)
    startup = startup_cpu_s()
    startup_file.write_text(json.dumps({"cpu_s": startup}))
    results = []
    for kind in args.kinds:
        for size in args.sizes:
            work = work_folder(args.work, kind, size)
            print(f"{size} dwellings ({kind})", flush=True)
            if kind == "generated":
                gemeenten = generate(work, size, args.gemeente_dwellings)
                floor = io_floor(gemeenten)
                config, n_gemeenten = config_for(gemeenten), len(gemeenten)
            else:
                config, paths = generate_real(work, size)
                floor = io_floor_real(paths)
                n_gemeenten = 1
            wall = run_workflow(work, config, args.cores)
            rules = rule_figures(work)
            dwellings = int(
                sum(
                    pd.read_parquet(p, columns=["objecttype"])["objecttype"].eq("woning").sum()
                    for p in (work / "run" / "data" / "processed").glob("*/woningen.parquet")
                )
            )
            timings = {
                "kind": kind,
                "dwellings": dwellings,
                "gemeenten": n_gemeenten,
                "wall_s": wall,
                "floor_s": floor,
                **json.loads((work / "run_cpu.json").read_text()),
            }
            (work / "timings.json").write_text(json.dumps(timings))
            results.append({**timings, "cpu_s": rules["cpu_s"].sum(), "peak_mb": run_peak_mb(rules), "rules": rules,
                            "draws_cpu_s": draws_cpu_s(work)})
            print(f"  wall {wall:.0f} s, floor {floor:.1f} s", flush=True)
            args.out.write_text(markdown(machine(), results, None, before, startup), encoding="utf-8")  # so far
    ep = national_ep_online(args.work, args.ep_online_rows) if args.ep_online_rows else None
    if ep:
        (args.work / "ep-online.json").write_text(json.dumps(ep))
    args.out.write_text(markdown(machine(), results, ep, before, startup), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
