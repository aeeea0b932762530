#!/usr/bin/env python3
"""Runs ../shared/eval/run.py for each task whose bar has been met, and fails if a figure drops
below its bar. The bars live in .ci/bars.json: {task: {"args": "...", "bars": {name: [regex, min]}}}.
Each regex is searched in the run.py output; its first group is the figure."""
import argparse, json, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
a = ap.parse_args()
bars = json.load(open(ROOT / ".ci" / "bars.json"))
runpy = ROOT.parent / "shared" / "eval" / "run.py"
failed = []
for task, spec in bars.items():
    if task.startswith("_"):
        continue
    cmd = [sys.executable, str(runpy), spec.get("task", task), "--bin", a.bin]
    if spec.get("data"):
        cmd += ["--data", str((ROOT / spec["data"]).resolve())]
    if spec.get("args"):
        cmd += ["--args", spec["args"]]
    print("$", " ".join(cmd), flush=True)
    r = subprocess.run(cmd, capture_output=True, text=True)
    out = r.stdout + r.stderr
    print(out[-3000:], flush=True)
    if r.returncode != 0:
        failed.append(f"{task}: run.py exited {r.returncode}")
        continue
    for name, (rx, minimum) in spec["bars"].items():
        m = re.search(rx, out)
        if not m:
            failed.append(f"{task}/{name}: figure not found ({rx})")
            continue
        v = float(m.group(1))
        status = "ok" if v >= minimum else "BELOW BAR"
        print(f"   {task}/{name} = {v} (bar {minimum}) {status}")
        if v < minimum:
            failed.append(f"{task}/{name} = {v} < {minimum}")
if failed:
    print("dev evaluation: FAILED\n  " + "\n  ".join(failed))
    sys.exit(1)
print("dev evaluation: all met bars hold")
