"""pycocotools COCOeval results for a batch of cases, for Tests/LoupeCoreTests/COCOEvaluatorTests.swift.

Run: $LOUPE_PYTHON tests/oracles/coco_eval_oracle.py cases.json > expected.json
Input: a JSON list of cases, each {"iouType": "bbox"|"segm"|"keypoints", "gt": <COCO dataset dict>,
"results": <COCO results list>, optional "useCats": 0|1}. Each case runs COCO / loadRes / COCOeval
evaluate, accumulate, summarize with default parameters (their prints are swallowed).
Output: a JSON list, one object per case:
  stats      COCOeval.stats
  text       the lines summarize() prints
  shape      [T, R, K, A, M]
  precision  eval['precision'] transposed to [T, K, A, M, R] and flattened, run-length encoded as
             [[value, count], ...] (rows along R are step functions, so this stays small)
  scores     eval['scores'], encoded the same way
  recall     eval['recall'] flattened in its [T, K, A, M] order
  categories per K entry [AP, AP50, AP75, AR] at area 'all' and the largest maxDets: np.mean of
             the precision[:, :, k, 0, -1] (or recall[:, k, 0, -1]) values > -1, -1 when none
  matches    evalImgs of the first area range: per non-empty (image, category) entry
             [image_id, category_id, dtIds, gtIds, dtMatches (T x D gt ids, 0 = none), dtIgnore (T x D 0/1)]
"""
import contextlib
import io
import json
import sys

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval


def run_length(values):
    runs = []
    for value in values.tolist():
        if runs and runs[-1][0] == value:
            runs[-1][1] += 1
        else:
            runs.append([value, 1])
    return runs


def evaluate(case):
    gt = COCO()
    gt.dataset = case["gt"]
    gt.createIndex()
    if case["results"]:
        dt = gt.loadRes(case["results"])
    else:  # loadRes cannot read an empty list; an empty results object is what it would build
        dt = COCO()
        dt.dataset = {"images": list(case["gt"]["images"]), "categories": case["gt"]["categories"], "annotations": []}
        dt.createIndex()
    evaluator = COCOeval(gt, dt, case["iouType"])
    evaluator.params.useCats = case.get("useCats", 1)
    evaluator.evaluate()
    evaluator.accumulate()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        evaluator.summarize()
    e = evaluator.eval
    images = max(len(evaluator.params.imgIds), 1)
    matches = []
    # evalImgs is laid out [category][area range][image]
    first_range = [entry for index, entry in enumerate(evaluator.evalImgs)
                   if (index // images) % len(evaluator.params.areaRng) == 0 and entry is not None]
    for entry in first_range:
        matches.append([int(entry["image_id"]), int(entry["category_id"]), [int(i) for i in entry["dtIds"]],
                        [int(i) for i in entry["gtIds"]], entry["dtMatches"].astype(np.int64).tolist(),
                        entry["dtIgnore"].astype(np.int64).tolist()])
    def mean(values):
        values = values[values > -1]
        return float(np.mean(values)) if values.size else -1.0

    thresholds = evaluator.params.iouThrs
    categories = []
    for k in range(e["precision"].shape[2]):
        p = e["precision"][:, :, k, 0, -1]
        categories.append([mean(p), mean(p[np.where(thresholds == .5)[0]]), mean(p[np.where(thresholds == .75)[0]]),
                           mean(e["recall"][:, k, 0, -1])])
    return {
        "categories": categories,
        "stats": [float(v) for v in evaluator.stats],
        "text": printed.getvalue().rstrip("\n"),
        "shape": list(e["counts"]),
        "precision": run_length(np.moveaxis(e["precision"], 1, -1).ravel()),
        "scores": run_length(np.moveaxis(e["scores"], 1, -1).ravel()),
        "recall": e["recall"].ravel().tolist(),
        "matches": matches,
    }


def main():
    source = open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin
    cases = json.load(source)
    output = []
    with contextlib.redirect_stdout(io.StringIO()):
        for case in cases:
            output.append(evaluate(case))
    json.dump(output, sys.stdout)


if __name__ == "__main__":
    main()
