#!/usr/bin/env python3
"""Joins Gatling's per-5-second request counts with bench/cpu-sampler.py's lines: ms of CPU per request
by process group, 5 s window by window (a developer's tool).

Usage: bench/cpu-per-write.py system-tests/target/failsafe-reports/<...>KeystoneBench-output.txt cpu.txt
"""
import re
import sys


def seconds(hms):
    h, m, s = map(int, hms.split(":"))
    return h * 3600 + m * 60 + s


def gatling_counts(path):
    """Requests per Gatling report window, keyed by the window's time (seconds of the day)."""
    counts, total, stamp = {}, 0, None
    for line in open(path):
        m = re.match(r"\d{4}-\d\d-\d\d (\d\d:\d\d:\d\d) GMT", line)
        if m:
            stamp = m.group(1)
        m = re.match(r"> Global\s+\|\s+([\d,]+)", line)
        if m and stamp:
            n = int(m.group(1).replace(",", ""))  # Gatling prints thousands separators
            counts[seconds(stamp)] = n - total
            total, stamp = n, None
    return counts


def main(gatling, sampler):
    counts = gatling_counts(gatling)
    lines = [l.split() for l in open(sampler)]
    groups = lines[0][1:]
    print("time      req/s " + " ".join(f"{g[:9]:>9}" for g in groups) + "   machine (ms/request)")
    for row in lines[1:]:
        near = [n for t, n in counts.items() if abs(t - seconds(row[0])) <= 2]
        rate = near[0] / 5 if near else 0
        if rate < 20:
            continue
        cores = [float(x) for x in row[1:]]
        print(f"{row[0]} {rate:6.0f} " + " ".join(f"{c * 1000 / rate:9.2f}" for c in cores)
              + f"   {sum(cores) * 1000 / rate:7.2f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
