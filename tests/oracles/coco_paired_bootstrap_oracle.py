"""An independent paired bootstrap of COCO AP for two runs, with pycocotools.

Run: $LOUPE_PYTHON tests/oracles/coco_paired_bootstrap_oracle.py case.json
case.json: {"gt": GT.json, "a": RESULTS_A.json, "b": RESULTS_B.json,
            "resamples": [[file_name, ...], ...]}   (each resample: the drawn images, with repeats)
For each resample it builds a COCO dataset in which every drawn image appears as often as it was
drawn (new image and annotation ids, the same boxes), evaluates both runs' detections on it with
pycocotools, and takes AP(B) - AP(A). Prints JSON: the full-sample AP of A and B, the
differences, and their 2.5% and 97.5% percentiles (numpy's linear interpolation).
Used by Tests/LoupeCLITests/RunsCompareOracleTests.swift.
"""
import contextlib
import copy
import io
import json
import sys

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval


def average_precision(dataset, results):
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO()
        gt.dataset = dataset
        gt.createIndex()
        dt = gt.loadRes(copy.deepcopy(results)) if results else COCO()
        evaluation = COCOeval(gt, dt, "bbox")
        evaluation.evaluate()
        evaluation.accumulate()
        evaluation.summarize()
    return float(evaluation.stats[0])


def resampled(gt, results, names):
    by_name = {image["file_name"]: image for image in gt["images"]}
    annotations = {}
    for annotation in gt["annotations"]:
        annotations.setdefault(annotation["image_id"], []).append(annotation)
    detections = {}
    for detection in results:
        detections.setdefault(detection["image_id"], []).append(detection)
    images, new_annotations, new_results = [], [], []
    for position, name in enumerate(names):
        image = dict(by_name[name], id=position + 1)
        images.append(image)
        for annotation in annotations.get(by_name[name]["id"], []):
            new_annotations.append(dict(annotation, id=len(new_annotations) + 1, image_id=position + 1))
        for detection in detections.get(by_name[name]["id"], []):
            new_results.append(dict(detection, image_id=position + 1))
    dataset = {"images": images, "annotations": new_annotations, "categories": gt["categories"]}
    return dataset, new_results


def main():
    case = json.load(open(sys.argv[1]))
    gt = json.load(open(case["gt"]))
    runs = {side: json.load(open(case[side])) for side in ("a", "b")}
    full = {side: average_precision(gt, runs[side]) for side in ("a", "b")}
    differences = []
    for names in case["resamples"]:
        values = {}
        for side in ("a", "b"):
            dataset, results = resampled(gt, runs[side], names)
            values[side] = average_precision(dataset, results)
        differences.append(values["b"] - values["a"])
    low, high = np.percentile(np.array(differences), [2.5, 97.5])
    print(json.dumps({"a": full["a"], "b": full["b"], "differences": differences, "lower": float(low), "upper": float(high)}))


if __name__ == "__main__":
    main()
