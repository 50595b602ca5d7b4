#!/usr/bin/env python3
"""CPU per process group, every 5 s, while a benchmark runs (a developer's tool; Linux /proc only).

Usage: bench/cpu-sampler.py > cpu.txt &   ...run the benchmark...   kill %1
       bench/cpu-per-write.py <the bench's *KeystoneBench-output.txt> cpu.txt

Each line: the time and the cores each group used in the last 5 s. On a shared 2-core machine a closed
loop's rate is 2 cores divided by the machine's CPU per write, so "which process pays for a write"
is the question a throughput ratio comes down to (docs/benchmarks.md, "Where a write's CPU goes").
"""
import os
import time

HZ = os.sysconf("SC_CLK_TCK")
GROUPS = ["kbench-redis", "kbench-near", "kbench-db", "liberty-main", "postgres", "kafka", "redis",
          "gatling", "other"]


def group(cmd):
    for node in ("kbench-redis", "kbench-near", "kbench-db"):
        if node in cmd:
            return node
    if "ws-launch" in cmd or "ws-server" in cmd:
        return "liberty-main"
    if cmd.startswith("postgres") or "/bin/postgres" in cmd:
        return "postgres"
    if "kafka.Kafka" in cmd:
        return "kafka"
    if "redis-server" in cmd:
        return "redis"
    if "failsafe" in cmd or "surefire" in cmd:
        return "gatling"
    return "other"


def snapshot():
    seen = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        seen[pid] = (group(cmd), (int(fields[11]) + int(fields[12])) / HZ)
    return seen


def main():
    print("time " + " ".join(GROUPS), flush=True)
    before = snapshot()
    while True:
        time.sleep(5)
        now = snapshot()
        cores = dict.fromkeys(GROUPS, 0.0)
        for pid, (name, cpu) in now.items():
            if pid in before and before[pid][0] == name:
                cores[name] += (cpu - before[pid][1]) / 5
        before = now
        print(time.strftime("%H:%M:%S") + " " + " ".join(f"{cores[g]:.2f}" for g in GROUPS), flush=True)


if __name__ == "__main__":
    main()
