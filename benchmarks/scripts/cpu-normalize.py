#!/usr/bin/env python3
"""Summarizes a JMH JSON result whose benchmarks count calls and thread CPU time per iteration
(the CpuClock @AuxCounters state: secondary metrics "calls" and "cpuNanos").

AclDecisionBenchmark results ("rules" and "topicSet" parameters): decisions per CPU-second, with ratios against
the 10-rule row of the same topic set. Any other benchmark: CPU time per operation (and bytes per
CPU-second when there is a "size" parameter), wall-clock score and the CPU share the benchmark
thread got. Usage: cpu-normalize.py result.json"""
import json
import statistics
import sys


def per_iteration(b):
    sm = b["secondaryMetrics"]
    calls = [c for fork in sm["calls"]["rawData"] for c in fork]
    cpu = [c for fork in sm["cpuNanos"]["rawData"] for c in fork]
    return calls, cpu


def acl(results):
    """One row per result; with an "impl" parameter (old vs new in one run) the ratio is against
    the 10-rule row of the same impl and topic set, and a last column compares against "legacy"."""
    rows = []
    for b in results:
        calls, cpu = per_iteration(b)
        per_cpu = [c / (n / 1e9) for c, n in zip(calls, cpu) if n > 0]
        wall = b["primaryMetric"]["score"]
        share = sum(cpu) / 1e9 / (sum(calls) / wall) if wall else 0
        rows.append((b["params"].get("impl", ""), b["params"]["rules"], b["params"]["topicSet"], wall,
                     statistics.mean(per_cpu), min(per_cpu), max(per_cpu), share))
    base = {(i, t): p for i, r, t, _, p, *_ in rows if r == "10"}
    legacy = {(r, t): p for i, r, t, _, p, *_ in rows if i == "legacy"}
    with_impl = any(i for i, *_ in rows)
    head = "| impl " if with_impl else ""
    tail = " vs legacy |" if with_impl else ""
    print(f"{head}| rules | topics | wall ops/s | decisions per CPU-s (mean) | min..max per iteration | CPU share | ratio vs 10 rules |{tail}")
    print(("|---" if with_impl else "") + "|---:|---|---:|---:|---:|---:|---:|" + ("---:|" if with_impl else ""))
    for i, r, t, wall, mean, lo, hi, share in rows:
        ratio = mean / base[(i, t)] if base.get((i, t)) else float("nan")
        first = f"| {i} " if with_impl else ""
        last = f" {mean / legacy[(r, t)]:.2f} |" if with_impl and legacy.get((r, t)) else (" |" if with_impl else "")
        print(f"{first}| {int(r):,} | {t} | {wall/1e6:.2f} M | {mean/1e6:.2f} M | {lo/1e6:.2f}..{hi/1e6:.2f} M | {share:.0%} | {ratio:.2f} |{last}")


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns/1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns/1e3:.2f} µs"
    return f"{ns:.1f} ns"


def generic(results):
    print("| benchmark | params | CPU time per op (mean) | min..max per iteration | bytes per CPU-s | wall score | CPU share |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for b in results:
        calls, cpu = per_iteration(b)
        per_op = [n / c for c, n in zip(calls, cpu) if c > 0]
        mean = statistics.mean(per_op)
        name = b["benchmark"].rsplit(".", 1)[1]
        params = ", ".join(f"{k}={v}" for k, v in (b.get("params") or {}).items())
        size = (b.get("params") or {}).get("size")
        rate = f"{int(size) / (mean / 1e9) / 1e9:.3f} GB/s" if size and "noRule" not in name else ""
        unit = b["primaryMetric"]["scoreUnit"]
        wall = b["primaryMetric"]["score"]
        wall_ns = wall * {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}.get(unit, float("nan"))
        share = mean / wall_ns if wall_ns else float("nan")
        print(f"| {name} | {params} | {fmt_ns(mean)} | {fmt_ns(min(per_op))}..{fmt_ns(max(per_op))} | {rate} | {wall:.4g} {unit} | {share:.0%} |")


results = json.load(open(sys.argv[1]))
if results and {"rules", "topicSet"} <= set(results[0].get("params") or {}):
    acl(results)
else:
    generic(results)
