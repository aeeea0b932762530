#!/usr/bin/env python3
"""The dev evaluation for CI: runs ../shared/eval/run.py for every task in .ci/bars.json, prints
each scorer's output, and fails when a figure drops below a bar that has been met.

.ci/bars.json: {"runs": [{"name", "task", "data"?, "args"?, "bars": {figure: [regex, min]}}]}.
Each regex is searched in that run's output; its first group is the figure. A run with no bars
is only reported."""
import argparse, json, re, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
a = ap.parse_args()
spec = json.load(open(ROOT / ".ci" / "bars.json"))
runpy = ROOT.parent / "shared" / "eval" / "run.py"
data_root = ROOT.parent / "shared" / "data"
failed = []
for run in spec["runs"]:
    cmd = [sys.executable, str(runpy), run["task"], "--bin", a.bin]
    if run.get("data"):
        cmd += ["--data", str(data_root / run["data"])]
    if run.get("args"):
        cmd += ["--args", run["args"].replace("$DATA", str(data_root)).replace("$ROOT", str(ROOT))]
    print(f"== {run['name']}: {' '.join(cmd[1:])}", flush=True)
    t0 = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True)
    out = r.stdout + r.stderr
    print("\n".join(out.strip().splitlines()[-14:]), flush=True)
    print(f"   ({time.time() - t0:.0f} s)")
    bars = run.get("bars", {})
    if r.returncode != 0:
        if bars:
            failed.append(f"{run['name']}: run.py exited {r.returncode}")
        continue
    for name, (rx, minimum) in bars.items():
        m = re.search(rx, out)
        if not m:
            failed.append(f"{run['name']}/{name}: figure not found ({rx})")
            continue
        v = float(m.group(1))
        ok = v >= minimum
        print(f"   {run['name']}/{name} = {v} (bar {minimum}) {'ok' if ok else 'BELOW BAR'}")
        if not ok:
            failed.append(f"{run['name']}/{name} = {v} < {minimum}")
if failed:
    print("dev evaluation: FAILED\n  " + "\n  ".join(failed))
    sys.exit(1)
print("dev evaluation: every bar that has been met still holds")
