#!/usr/bin/env python3
"""Prints the benchmark table for the README from criterion's saved estimates.

Run after `cargo bench -p rtcinspect-benches`. For every group and input shape it
prints each implementation's median time, its throughput, and how many times slower
than rtcinspect it is (the ratio of medians from the same run).
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
rows = {}
for est in sorted(root.glob("*/*/*/new/estimates.json")):
    shape_dir = est.parent.parent
    impl_dir = shape_dir.parent
    group_dir = impl_dir.parent
    bench = json.loads((est.parent / "benchmark.json").read_text())
    group = bench["group_id"]
    impl, shape = bench["function_id"], bench["value_str"]
    median_ns = json.loads(est.read_text())["median"]["point_estimate"]
    throughput = bench.get("throughput") or {}
    size = throughput.get("Bytes")
    rows.setdefault((group, shape), {})[impl] = (median_ns, size)

print("| group | input | implementation | median | throughput | ratio to rtcinspect |")
print("|---|---|---|---:|---:|---:|")
for (group, shape), impls in sorted(rows.items()):
    ours = impls.get("rtcinspect", (None, None))[0]
    for impl in sorted(impls, key=lambda i: (i != "rtcinspect", i)):
        ns, size = impls[impl]
        tput = f"{size / ns:.2f} GB/s" if size else ""
        ratio = f"{ns / ours:.1f}×" if ours else ""
        print(f"| `{group}` | {shape} | {impl} | {ns:.1f} ns | {tput} | {ratio} |")
