#!/usr/bin/env python3
"""System-of-record benchmark: filtered pages, counts and slice metrics on a 1,000,000-row workspace.

Builds (seeded, deterministic; cached under --cache between runs) a detection dataset through the
release `loupe` binary, the way a user would:
  * 1,000,000 JSONL rows, each with 0-4 ground-truth boxes over 20 classes and five metadata
    fields (camera, iso, brightness, night, region);
  * one detector run (`loupe runs predictions --format coco`): jittered copies of the boxes,
    wrong classes, misses and background boxes, evaluated on import (per-row TP/FP/FN/IoU stored);
  * a slice `region-3` (`meta.region = "r3"`, about 100,000 rows).
Then it times, as whole `loupe` processes (start-up, opening the workspace and printing included),
each repeated --repeat times, the median and the slowest:
  * the first page (100 rows) of a filter combining metadata and run metrics   (target <= 50 ms)
  * the count of that filter                                                  (target <= 500 ms)
  * the run's metrics with 95% bootstrap intervals on the slice               (target <= 1 s)

Usage: python3 benchmarks/query_benchmark.py [--rows 1000000] [--repeat 11] [--cache DIR]
Build first: swift build -c release --product loupe
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

from measure import timed

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLASSES = [f"class{i:02d}" for i in range(20)]
CAMERAS = ["x100", "a7", "gopro", "pixel", "iphone"]
FILTERS = {
    "metadata + run metric": 'meta.night = true and run("detector").fp >= 1',
    "metadata range + two run metrics": 'meta.camera = "gopro" and meta.brightness < 0.5 and run("detector").fn >= 1 and run("detector").iou < 0.8',
}


def jitter(rng, box, amount):
    x, y, w, h = box
    return [round(x + rng.uniform(-amount, amount) * w, 2), round(y + rng.uniform(-amount, amount) * h, 2),
            round(w * (1 + rng.uniform(-amount, amount)), 2), round(h * (1 + rng.uniform(-amount, amount)), 2)]


def write_inputs(folder, rows):
    rng = random.Random(17)
    jsonl, instances, results = (os.path.join(folder, name) for name in ("rows.jsonl", "instances.json", "results.json"))
    images, detections = [], []
    with open(jsonl, "w") as out:
        out.write(json.dumps({"classes": CLASSES}) + "\n")
        for i in range(rows):
            key = f"{i:07d}.jpg"
            boxes = []
            for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
                w, h = rng.uniform(8, 200), rng.uniform(8, 200)
                boxes.append({"class": rng.choice(CLASSES),
                              "box": [round(rng.uniform(0, 640 - w), 2), round(rng.uniform(0, 480 - h), 2), round(w, 2), round(h, 2)]})
            line = {"key": key, "uri": f"images/{key}", "width": 640, "height": 480,
                    "split": "train" if i % 10 < 8 else "val", "annotations": boxes,
                    "metadata": {"camera": rng.choice(CAMERAS), "iso": rng.choice([100, 200, 400, 800, 1600]),
                                 "brightness": round(rng.random(), 4), "night": rng.random() < 0.3,
                                 "region": f"r{rng.randrange(10)}"}}
            out.write(json.dumps(line, separators=(",", ":")) + "\n")
            images.append({"id": i + 1, "file_name": key, "width": 640, "height": 480})
            for box in boxes:
                roll = rng.random()
                if roll < 0.15:
                    continue  # missed
                label = box["class"] if roll < 0.9 else rng.choice(CLASSES)
                detections.append({"image_id": i + 1, "category_id": 1 + CLASSES.index(label),
                                   "bbox": jitter(rng, box["box"], 0.25 if roll < 0.8 else 0.6), "score": round(rng.random(), 3)})
            for _ in range(rng.choice([0, 0, 1, 2])):
                w, h = rng.uniform(8, 120), rng.uniform(8, 120)
                detections.append({"image_id": i + 1, "category_id": 1 + rng.randrange(len(CLASSES)),
                                   "bbox": [round(rng.uniform(0, 640 - w), 2), round(rng.uniform(0, 480 - h), 2), round(w, 2), round(h, 2)],
                                   "score": round(rng.random() * 0.6, 3)})
    categories = [{"id": k + 1, "name": name} for k, name in enumerate(CLASSES)]
    with open(instances, "w") as out:
        json.dump({"images": images, "annotations": [], "categories": categories}, out, separators=(",", ":"))
    with open(results, "w") as out:
        json.dump(detections, out, separators=(",", ":"))
    return jsonl, instances, results, len(detections)


def loupe(args, *arguments):
    return [args.loupe, *arguments, "--workspace", args.workspace]


def build_workspace(args):
    folder = args.cache
    os.makedirs(folder, exist_ok=True)
    jsonl, instances, results, count = write_inputs(folder, args.rows)
    print(f"inputs: {args.rows:,} rows ({os.path.getsize(jsonl) / 2**20:.0f} MiB), {count:,} detections "
          f"({os.path.getsize(results) / 2**20:.0f} MiB)")
    steps = [
        ("import rows", loupe(args, "import", "jsonl", "--dataset", "bench", jsonl)),
        ("import + evaluate run", loupe(args, "runs", "predictions", "--dataset", "bench", "--run", "detector", "--format", "coco",
                                        "--instances", instances, "--bootstrap", "0", results)),
        ("save slice", loupe(args, "slices", "save", "--dataset", "bench", "--name", "region-3", "--filter", 'meta.region = "r3"')),
    ]
    for name, command in steps:
        seconds, peak, _ = timed(command)
        print(f"  {name:<24} {seconds:7.1f} s   peak {peak:6.0f} MiB")
    for name in ("rows.jsonl", "instances.json", "results.json"):
        os.remove(os.path.join(folder, name))
    with open(os.path.join(folder, "built"), "w") as out:
        out.write(f"{args.rows}\n")


def wall(command, repeat):
    times, output = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if completed.returncode != 0:
            sys.exit(f"{' '.join(command)} failed: {completed.stderr}")
        output = completed.stdout
    return statistics.median(times), max(times), output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--cache", default=os.path.join(ROOT, ".build", "query-benchmark"))
    parser.add_argument("--loupe", default=os.path.join(ROOT, ".build", "release", "loupe"))
    args = parser.parse_args()
    args.workspace = os.path.join(args.cache, "bench.sqlite")
    marker = os.path.join(args.cache, "built")
    if not (os.path.exists(marker) and open(marker).read().strip() == str(args.rows)):
        if os.path.exists(args.workspace):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(args.workspace + suffix):
                    os.remove(args.workspace + suffix)
        build_workspace(args)
    print(f"workspace: {os.path.getsize(args.workspace) / 2**20:.0f} MiB, {args.rows:,} rows; "
          f"whole-process wall time over {args.repeat} runs (median / slowest)")

    for name, expression in FILTERS.items():
        median, slowest, output = wall(loupe(args, "query", "--dataset", "bench", "--filter", expression,
                                             "--limit", "100", "--no-count", "--json"), args.repeat)
        shown = len(json.loads(output)["rows"])
        print(f"first page ({shown} rows), {name:<34} {median * 1000:7.1f} ms / {slowest * 1000:7.1f} ms   (target <= 50 ms)")
        median, slowest, output = wall(loupe(args, "query", "--dataset", "bench", "--filter", expression,
                                             "--limit", "0", "--json"), args.repeat)
        print(f"count ({json.loads(output)['count']:,} rows), {name:<34} {median * 1000:7.1f} ms / {slowest * 1000:7.1f} ms   (target <= 500 ms)")

    median, slowest, output = wall(loupe(args, "slices", "metrics", "--dataset", "bench", "--slice", "region-3", "--model", "bench", "--run", "detector",
                                         "--json"), max(3, args.repeat // 2))
    report = json.loads(output)
    headline = next(m for m in report["summary"] if m.get("lower") is not None)
    print(f"slice metrics ({report['rows']:,} rows, {headline['name']} = {headline['value']:.4f} "
          f"[{headline['lower']:.4f}, {headline['upper']:.4f}])  {median * 1000:7.1f} ms / {slowest * 1000:7.1f} ms   (target <= 1000 ms)")


if __name__ == "__main__":
    main()
