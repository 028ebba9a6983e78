#!/usr/bin/env python3
"""Evaluation benchmark: `loupe eval coco` against pycocotools and faster-coco-eval, side by side.

Generates the seeded COCO-scale case with benchmarks/coco_eval_case.py (5,000 images, 80 classes,
about 36,000 objects with crowd regions, 100 detections per image), then runs each tool end to end
in its own process (JSON parsing, matching, accumulation and the summary) under GNU time, for
bbox and segm. Reports wall time, peak resident memory, the ratios, and whether the 12 summary
numbers agree (to 1e-12) with pycocotools'.

Usage: .venv/bin/python benchmarks/coco_eval_benchmark.py [--images 5000] [--types bbox,segm] [--case DIR]
Build first: swift build -c release --product loupe
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from measure import timed

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = sys.executable


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--types", default="bbox,segm")
    parser.add_argument("--case", help="a folder holding a generated case (generated if missing)")
    args = parser.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time: apt-get install time")
    loupe = os.path.join(ROOT, ".build", "release", "loupe")
    if not os.path.exists(loupe):
        sys.exit("build first: swift build -c release --product loupe")

    case = args.case or os.path.join(tempfile.gettempdir(), f"loupe-eval-case-{args.images}")
    if not os.path.exists(os.path.join(case, "dt_segm.json")):
        print(f"==> generating the case in {case}", flush=True)
        subprocess.run([PYTHON, os.path.join(ROOT, "benchmarks", "coco_eval_case.py"), case, "--images", str(args.images)],
                       check=True)
    gt = os.path.join(case, "gt.json")

    rows = []
    for iou_type in args.types.split(","):
        dt = os.path.join(case, f"dt_{iou_type}.json")
        figures = {}
        for tool in ["loupe", "faster-coco-eval", "pycocotools"]:
            if tool == "loupe":
                command = [loupe, "eval", "coco", "--gt", gt, "--dt", dt, "--iou-type", iou_type, "--json"]
            else:
                command = [PYTHON, os.path.join(ROOT, "benchmarks", "coco_eval_peer.py"), tool, gt, dt, iou_type]
            print(f"==> {iou_type}: {tool}", flush=True)
            seconds, peak, out = timed(command)
            if tool == "loupe":
                stats = json.loads(out)["stats"]
            else:
                stats = json.loads(out.strip().splitlines()[-1])
            figures[tool] = (seconds, peak, stats)
            print(f"    {seconds:.2f} s, peak {peak:.0f} MiB", flush=True)
        reference = figures["pycocotools"][2]
        for tool, (seconds, peak, stats) in figures.items():
            difference = max(abs(a - b) for a, b in zip(stats, reference))
            rows.append((iou_type, tool, seconds, peak, difference))
        loupe_seconds = figures["loupe"][0]
        print(f"    ratios: {figures['faster-coco-eval'][0] / loupe_seconds:.1f}x faster-coco-eval, "
              f"{figures['pycocotools'][0] / loupe_seconds:.1f}x pycocotools")

    print("\n| iou type | tool | wall | peak RSS | max |Δ stats| vs pycocotools |")
    print("|---|---|---|---|---|")
    for iou_type, tool, seconds, peak, difference in rows:
        print(f"| {iou_type} | {tool} | {seconds:.2f} s | {peak:.0f} MiB | {difference:.1e} |")


if __name__ == "__main__":
    main()
