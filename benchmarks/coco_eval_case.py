#!/usr/bin/env python3
"""Generates the seeded COCO-scale evaluation case of the evaluation benchmark.

Writes into OUTDIR:
  gt.json        5,000 images, 80 categories, about 36,000 objects (polygon segmentations;
                 about 1% crowd regions as uncompressed RLE, as in COCO), `area` = mask area
  dt_bbox.json   100 detections per image (500,000), a results list: image_id, category_id, bbox, score
  dt_segm.json   the same detections with `segmentation` as compressed RLE instead of `bbox`

Detections are made to look like a detector's: jittered copies of ground-truth boxes (mostly the
right class, sometimes a confusable one), duplicates, and background boxes, with scores rounded
to three decimals so that ties occur, as in real result files.

Usage: python3 benchmarks/coco_eval_case.py OUTDIR [--images 5000] [--seed 11]
Needs numpy and pycocotools (the test venv has both).
"""
import argparse
import json
import math
import os

import numpy as np
from pycocotools import mask as mask_utils

SIZES = [(640, 480), (480, 640), (640, 427), (500, 375), (640, 512), (427, 640)]


def ellipse_polygon(rng, x, y, w, h):
    n = int(rng.integers(8, 21))
    angles = np.sort(rng.uniform(0, 2 * math.pi, n))
    radius = rng.uniform(0.75, 1.0, n)
    cx, cy = x + w / 2, y + h / 2
    xs = cx + np.cos(angles) * radius * w / 2
    ys = cy + np.sin(angles) * radius * h / 2
    return [round(float(v), 2) for pair in zip(xs, ys) for v in pair]


def random_box(rng, width, height):
    # Log-uniform areas so that small, medium and large objects all occur.
    area = math.exp(rng.uniform(math.log(40), math.log(width * height * 0.6)))
    aspect = math.exp(rng.uniform(-1.0, 1.0))
    w = min(width - 1.0, math.sqrt(area * aspect))
    h = min(height - 1.0, math.sqrt(area / aspect))
    x = rng.uniform(0, width - w)
    y = rng.uniform(0, height - h)
    return [round(x, 2), round(y, 2), round(w, 2), round(h, 2)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--per-image", type=int, default=100)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.outdir, exist_ok=True)

    categories = [{"id": i + 1, "name": f"class{i + 1:02d}", "supercategory": "thing"} for i in range(80)]
    # A skewed class frequency, like COCO's (person dominates).
    weights = 1.0 / np.arange(1, 81) ** 0.8
    weights /= weights.sum()

    images, annotations, bbox_results, segm_results = [], [], [], []
    next_ann = 1
    for image_id in range(1, args.images + 1):
        width, height = SIZES[int(rng.integers(len(SIZES)))]
        images.append({"id": image_id, "file_name": f"{image_id:012d}.jpg", "width": width, "height": height})
        objects = []
        for _ in range(int(rng.poisson(7.2))):
            category = int(rng.choice(80, p=weights)) + 1
            box = random_box(rng, width, height)
            crowd = rng.random() < 0.01
            polygon = ellipse_polygon(rng, *box)
            rle = mask_utils.merge(mask_utils.frPyObjects([polygon], height, width))
            area = float(mask_utils.area(rle))
            if crowd:
                flat = mask_utils.decode(rle).flatten(order="F")
                # Uncompressed counts: run lengths of the column-major pixels, starting with background.
                changes = np.flatnonzero(np.diff(flat)) + 1
                edges = np.concatenate(([0], changes, [flat.size]))
                counts = np.diff(edges).tolist()
                if flat[0] == 1:
                    counts = [0] + counts
                segmentation = {"size": [height, width], "counts": counts}
            else:
                segmentation = [polygon]
            annotations.append({"id": next_ann, "image_id": image_id, "category_id": category,
                                "bbox": box, "area": area, "iscrowd": int(crowd), "segmentation": segmentation})
            objects.append((category, box))
            next_ann += 1

        detections = []
        for category, (x, y, w, h) in objects:
            for copy in range(int(rng.integers(1, 4))):
                jitter = 0.15 if copy == 0 else 0.35
                dx, dy = rng.normal(0, jitter * w / 3), rng.normal(0, jitter * h / 3)
                sw, sh = math.exp(rng.normal(0, jitter / 2)), math.exp(rng.normal(0, jitter / 2))
                bw, bh = min(w * sw, width - 1.0), min(h * sh, height - 1.0)
                bx = min(max(x + dx, 0.0), width - bw)
                by = min(max(y + dy, 0.0), height - bh)
                label = category if rng.random() < 0.85 else int(rng.integers(1, 81))
                score = rng.beta(5, 2) if copy == 0 else rng.beta(2, 3)
                detections.append((label, [bx, by, bw, bh], score))
        while len(detections) < args.per_image:
            detections.append((int(rng.choice(80, p=weights)) + 1, random_box(rng, width, height), rng.beta(1, 6)))
        for label, (bx, by, bw, bh), score in detections[: args.per_image]:
            box = [round(bx, 2), round(by, 2), round(bw, 2), round(bh, 2)]
            score = round(float(score), 3)
            bbox_results.append({"image_id": image_id, "category_id": label, "bbox": box, "score": score})
            polygon = ellipse_polygon(rng, *box)
            rle = mask_utils.merge(mask_utils.frPyObjects([polygon], height, width))
            segm_results.append({"image_id": image_id, "category_id": label,
                                 "segmentation": {"size": [height, width], "counts": rle["counts"].decode("ascii")},
                                 "score": score})

    gt = {"info": {"description": "Loupe seeded evaluation benchmark case", "seed": args.seed},
          "licenses": [], "images": images, "annotations": annotations, "categories": categories}
    with open(os.path.join(args.outdir, "gt.json"), "w") as out:
        json.dump(gt, out)
    with open(os.path.join(args.outdir, "dt_bbox.json"), "w") as out:
        json.dump(bbox_results, out)
    with open(os.path.join(args.outdir, "dt_segm.json"), "w") as out:
        json.dump(segm_results, out)
    crowd = sum(a["iscrowd"] for a in annotations)
    print(f"{len(images)} images, {len(annotations)} objects ({crowd} crowd), {len(bbox_results)} detections")


if __name__ == "__main__":
    main()
