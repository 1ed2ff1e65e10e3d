#!/usr/bin/env python3
"""Medians (and min–max) of the firehose JSON results, as Markdown tables for perf/README.md.

Usage: perf/firehose/summarize.py inprocess|http|peer RESULTS_DIR
"""
import glob
import json
import os
import statistics
import sys
from collections import defaultdict


def med(values):
    return statistics.median(values) if values else 0


def spread(values, fmt="{:,.0f}"):
    return f"{fmt.format(med(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})" if values else "–"


def each(runs, key):
    """The runs' values of a setting, as one value or those that differ ("4/8")."""
    return "/".join(str(v) for v in sorted({r.get(key) or 0 for r in runs}))


def sound(path):
    """The run of a result file, or None for a run that measured nothing sound (its "failure" says why)."""
    run = json.load(open(path))
    failure = run.get("failure") or run.get("firstFailure") or (run.get("failedChunks") and f"{run['failedChunks']} chunks failed")
    if failure:
        print(f"left out {os.path.basename(path)}: {failure}", file=sys.stderr)
        return None
    return run


def inprocess(directory):
    runs = defaultdict(list)
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        name = os.path.basename(path).rsplit(".", 2)[0]
        run = sound(path)
        if run is not None:
            runs[name].append(run)
    print("| run | brands | concept terms | chunk | runs | accepted posts/s, median (min–max) | µs CPU/post | B alloc/post | GC pause % | journal stage ms/round | chunk p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, rs in runs.items():
        r0 = rs[0]
        journal = [next(s["meanMs"] for s in r["stages"] if s["name"] == "journal") for r in rs]
        print(f"| {name} | {r0['brands']:,} | {r0['terms'] - 4 * r0['brands']:,} | {r0['batch']:,} | {len(rs)} | "
              f"{spread([r['postsPerSecond'] for r in rs])} | {med([r['cpuMicrosecondsPerPost'] for r in rs]):.1f} | "
              f"{med([r['allocatedBytesPerPost'] for r in rs]):,.0f} | {med([r['gcPausePercent'] for r in rs]):.1f} | "
              f"{med(journal):.0f} | {med([r['chunkLatencyP99Ms'] for r in rs]):,.0f} |")


def http(directory):
    groups = defaultdict(list)
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        base = os.path.basename(path)
        name, kind, _, _ = base.rsplit(".", 3)
        run = sound(path)
        if run is not None:
            groups[(name, kind)].append(run)
    print("| model | load | runs | accepted posts/s | ack p50 / p99 / p99.9 ms | query p50 / p99 / p99.9 ms | freshness p50 / p99 / p99.9 ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (name, kind), rs in sorted(groups.items()):
        def trio(key):
            vals = [r[key] for r in rs if r.get(key) and r[key]["count"] > 0]
            if not vals:
                return "–"
            return " / ".join(f"{med([v[p] for v in vals]):.1f}" for p in ("p50", "p99", "p999"))
        load = "max" if kind == "max" else f"{med([r['offeredRate'] for r in rs]):,.0f}/s offered"
        load += f", {each(rs, 'connections')} conns"
        if any(r.get("pollers") for r in rs):
            load += f", {each(rs, 'pollers')} pollers"
        print(f"| {name} | {load} | {len(rs)} | {spread([r['acceptedPerSecond'] for r in rs])} | {trio('ack')} | {trio('allQueries')} | {trio('freshness')} |")


def peer(directory):
    print("| model | runs | posts/s, median (min–max) | batch commit p50 / p99 ms | summary p50 / p99 ms | segments p50 / p99 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    groups = defaultdict(list)
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        groups[os.path.basename(path).rsplit(".", 2)[0]].append(json.load(open(path)))
    for name, rs in groups.items():
        def pair(get):
            return " / ".join(f"{med([get(r)[p] for r in rs]):.1f}" for p in ("p50", "p99"))
        print(f"| {name} | {len(rs)} | {spread([r['ingest']['postsPerSecond'] for r in rs])} | {pair(lambda r: r['ingest']['batchCommit'])} | "
              f"{pair(lambda r: r['idleQueries']['summary'])} | {pair(lambda r: r['idleQueries']['segments'])} |")


if __name__ == "__main__":
    {"inprocess": inprocess, "http": http, "peer": peer}[sys.argv[1]](sys.argv[2])
