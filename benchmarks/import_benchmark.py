#!/usr/bin/env python3
"""Import benchmark: whole-process wall time and peak memory of `loupe import`, with a peer figure.

Generates (seeded, deterministic) the two inputs of the foundation issue's targets:
  * 1,000,000 JSONL rows with five metadata fields each      (target: <= 30 s)
  * a COCO file of 100,000 images and 1,000,000 boxes         (target: <= 60 s, peak RSS < 4 GiB)
and runs the release `loupe` binary on each into a fresh workspace, measured with GNU time.
As a peer figure on the same file it times pycocotools' `COCO(file)` (load + index, no database),
which is what a pycocotools user waits for before any evaluation.

Usage: python3 benchmarks/import_benchmark.py [--rows 1000000] [--images 100000] [--boxes 1000000]
Build first: swift build -c release --product loupe
"""
import argparse
import json
import os
import random
import sys
import tempfile

from measure import timed

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_jsonl(path, rows):
    rng = random.Random(7)
    cameras = ["x100", "a7", "gopro", "pixel", "iphone"]
    with open(path, "w") as out:
        for i in range(rows):
            line = {
                "key": f"row-{i:07d}",
                "label": "spam" if rng.random() < 0.13 else "ham",
                "split": "train" if i % 10 < 8 else "val",
                "metadata": {
                    "camera": rng.choice(cameras),
                    "iso": rng.choice([100, 200, 400, 800, 1600]),
                    "brightness": round(rng.random(), 4),
                    "night": rng.random() < 0.3,
                    "taken": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T12:00:00Z",
                },
            }
            out.write(json.dumps(line, separators=(",", ":")) + "\n")


def write_coco(path, images, boxes):
    rng = random.Random(11)
    categories = [{"id": i + 1, "name": f"class{i:02d}", "supercategory": "thing"} for i in range(80)]
    image_list = [{"id": i + 1, "file_name": f"{i + 1:012d}.jpg", "width": 640, "height": 480} for i in range(images)]
    annotations = []
    for a in range(boxes):
        w, h = round(rng.uniform(2, 200), 2), round(rng.uniform(2, 200), 2)
        x, y = round(rng.uniform(0, 640 - w), 2), round(rng.uniform(0, 480 - h), 2)
        annotations.append({"id": a + 1, "image_id": 1 + a % images, "category_id": 1 + rng.randrange(80),
                            "bbox": [x, y, w, h], "area": round(w * h, 2), "iscrowd": 0})
    with open(path, "w") as out:
        json.dump({"images": image_list, "annotations": annotations, "categories": categories}, out,
                  separators=(",", ":"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--images", type=int, default=100_000)
    parser.add_argument("--boxes", type=int, default=1_000_000)
    parser.add_argument("--loupe", default=os.path.join(ROOT, ".build", "release", "loupe"))
    args = parser.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time: apt-get install time")
    with tempfile.TemporaryDirectory() as folder:
        jsonl = os.path.join(folder, "rows.jsonl")
        coco = os.path.join(folder, "coco.json")
        write_jsonl(jsonl, args.rows)
        write_coco(coco, args.images, args.boxes)
        print(f"inputs: {args.rows:,} JSONL rows ({os.path.getsize(jsonl) / 2**20:.0f} MiB), "
              f"COCO {args.images:,} images / {args.boxes:,} boxes ({os.path.getsize(coco) / 2**20:.0f} MiB)")

        seconds, peak, _ = timed([args.loupe, "import", "jsonl", "--workspace", os.path.join(folder, "a.sqlite"),
                               "--dataset", "rows", jsonl])
        print(f"loupe import jsonl     {seconds:7.2f} s   peak {peak:7.0f} MiB   (target <= 30 s)")
        seconds, peak, _ = timed([args.loupe, "import", "coco", "--workspace", os.path.join(folder, "b.sqlite"),
                               "--dataset", "coco", "--annotations", coco])
        print(f"loupe import coco      {seconds:7.2f} s   peak {peak:7.0f} MiB   (target <= 60 s, < 4096 MiB)")
        try:
            import pycocotools  # noqa: F401
            seconds, peak, _ = timed([sys.executable, "-c",
                                   f"from pycocotools.coco import COCO; COCO({coco!r})"])
            print(f"pycocotools COCO(file) {seconds:7.2f} s   peak {peak:7.0f} MiB   (peer: load and index only)")
        except ImportError:
            print("pycocotools not installed: peer figure skipped")


if __name__ == "__main__":
    main()
