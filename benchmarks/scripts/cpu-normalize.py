#!/usr/bin/env python3
"""Summarizes a JMH JSON result of AclDecisionBenchmark: wall-clock ops/s and decisions per
CPU-second of the benchmark thread (calls / cpuNanos per iteration), plus ratios against the
10-rule baseline of the same run. Usage: cpu-normalize.py result.json"""
import json
import statistics
import sys

rows = []
for b in json.load(open(sys.argv[1])):
    sm = b["secondaryMetrics"]
    calls = [c for fork in sm["calls"]["rawData"] for c in fork]
    cpu = [c for fork in sm["cpuNanos"]["rawData"] for c in fork]
    per_cpu = [c / (n / 1e9) for c, n in zip(calls, cpu) if n > 0]
    wall = b["primaryMetric"]["score"]
    share = sum(cpu) / 1e9 / (sum(calls) / wall) if wall else 0
    rows.append((b["params"]["rules"], b["params"]["topicSet"], wall, statistics.mean(per_cpu),
                 min(per_cpu), max(per_cpu), share))

base = {t: p for r, t, _, p, *_ in rows if r == "10"}
print("| rules | topics | wall ops/s | decisions per CPU-s (mean) | min..max per iteration | CPU share | ratio vs 10 rules |")
print("|---:|---|---:|---:|---:|---:|---:|")
for r, t, wall, mean, lo, hi, share in rows:
    ratio = mean / base[t] if base.get(t) else float("nan")
    print(f"| {int(r):,} | {t} | {wall/1e6:.2f} M | {mean/1e6:.2f} M | {lo/1e6:.2f}..{hi/1e6:.2f} M | {share:.0%} | {ratio:.2f} |")
