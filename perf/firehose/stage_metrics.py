#!/usr/bin/env python3
"""Per-stage and per-query means from a /metrics scrape (streamengine_*_duration_seconds): a raw one, as
`curl /metrics` saves it, or the lines of it that http-runs.sh keeps."""
import sys


def samples(path):
    """Each sample's name with its labels → its value; # HELP and # TYPE lines, whose text has spaces, are skipped."""
    m = {}
    for line in open(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        # A label's value may hold spaces: the name ends at the labels' closing brace, if any.
        end = line.rindex("}") + 1 if "}" in line else line.index(" ")
        m[line[:end]] = float(line[end:].split()[0])
    return m


for path in sys.argv[1:]:
    m = samples(path)

    def hist(name, label, value):
        s = m.get(f'{name}_sum{{{label}="{value}"}}', 0.0)
        c = m.get(f'{name}_count{{{label}="{value}"}}', 0.0)
        return s, c

    accepted = m.get("streamengine_posts_accepted_total", 0.0)
    rounds = hist("streamengine_stage_duration_seconds", "stage", "journal")[1] or 1
    print(f"{path}: {accepted:,.0f} posts accepted, {m.get('streamengine_mentions_recorded_total', 0):,.0f} mentions journaled in {rounds:,.0f} rounds "
          f"({accepted / rounds:,.0f} posts per round)")
    for stage in ("read", "batch", "journal"):
        s, c = hist("streamengine_stage_duration_seconds", "stage", stage)
        if c:
            print(f"  stage {stage:8} {c:8,.0f} observations, mean {s / c * 1000:8.2f} ms, {s / accepted * 1e6:6.2f} s per 1M posts")
    for endpoint in ("summary", "segments", "timeseries"):
        s, c = hist("streamengine_query_duration_seconds", "endpoint", endpoint)
        if c:
            print(f"  query {endpoint:9} {c:8,.0f} answered, mean {s / c * 1000:8.2f} ms inside the engine (ask to answer)")
