#!/usr/bin/env python3
"""Medians over rounds of per-round ratios from the per-round Markdown table a load-hivemq or
load-moquette run prints, against any target as the base (the run itself reports ratios against
its first target). Broker capacity (base broker CPU per message / target's) is added when the table
has the "broker CPU µs/msg" column. Usage: load-ratios.py run.log BASE [TARGET ...]"""
import re
import statistics
import sys

rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"\| (\d+) \| (\d) \| (\S+) \| (\d+) \| [^|]+ \| (\d+) \| (\d+) \|", line)
    if m:
        rnd, qos, target, rate, p50, p99 = m.groups()
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        cpu = float(cells[12]) if len(cells) > 12 else float("nan")
        rows[(int(rnd), int(qos), target)] = (float(rate), float(p50), float(p99), cpu)

base = sys.argv[2]
targets = sys.argv[3:] or sorted({t for _, _, t in rows if t != base})
print(f"| target | QoS | msgs/s vs {base} | p50 vs {base} | p99 vs {base} "
      f"| broker capacity vs {base} | rounds |")
print("|---|---|---|---|---|---|---|")
for t in targets:
    for qos in (0, 1):
        ratios = [(r[0] / b[0], r[1] / b[1], r[2] / b[2], b[3] / r[3])
                  for (rnd, q, name), r in rows.items() if name == t and q == qos
                  for b in [rows.get((rnd, q, base))] if b]
        if ratios:
            med = [statistics.median(x[i] for x in ratios) for i in range(4)]
            print(f"| {t} | {qos} | {med[0]:.1%} | {med[1]:.2f}× | {med[2]:.2f}× "
                  f"| {med[3]:.1%} | {len(ratios)} |")
