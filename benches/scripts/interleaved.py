#!/usr/bin/env python3
"""Runs commands in turn, N rounds, and prints per command the median wall time and
the median user and system time (from wait4), so that load from other work on a shared
machine falls on every command alike.

    python3 benches/scripts/interleaved.py 25 "cat F" "$B/pcap_walk F" "$B/capture_extract F"
    python3 benches/scripts/interleaved.py 9 --drop-caches ...   # as root: cold cache
"""

import os
import shlex
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    child = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_utime, usage.ru_stime


def main():
    rounds = int(sys.argv[1])
    commands = sys.argv[2:]
    drop = commands[:1] == ["--drop-caches"]
    if drop:
        commands = commands[1:]
    results = {c: [] for c in commands}
    for c in commands:
        run(c)  # warm-up
    for _ in range(rounds):
        for c in commands:
            if drop:
                subprocess.run("sync; echo 3 > /proc/sys/vm/drop_caches", shell=True, check=True)
            results[c].append(run(c))
    for c, runs in results.items():
        wall, user, system = ([r[i] * 1000 for r in runs] for i in range(3))
        print(
            f"{c}: wall median {statistics.median(wall):.0f} ms "
            f"(min {min(wall):.0f}, max {max(wall):.0f}), "
            f"user median {statistics.median(user):.1f} ms, "
            f"system median {statistics.median(system):.1f} ms"
        )


if __name__ == "__main__":
    main()
