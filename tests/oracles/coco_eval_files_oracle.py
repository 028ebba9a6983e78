"""pycocotools' 12 (or 10) summary numbers for a ground-truth file and a detections file.

Run: $LOUPE_PYTHON tests/oracles/coco_eval_files_oracle.py GT.json DT.json bbox|segm|keypoints
Used by Tests/LoupeCatalogTests/COCOEvaluationFilesTests.swift. A dataset-shaped detections
file (a dict) is read as its "annotations" list, as the data READMEs do (`loadRes(d["annotations"])`).
Prints the stats as a JSON list of float.hex() strings, so no digit is lost.
"""
import contextlib
import io
import json
import sys

from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

gt_path, dt_path, iou_type = sys.argv[1:4]
with contextlib.redirect_stdout(io.StringIO()):
    gt = COCO(gt_path)
    with open(dt_path) as handle:
        detections = json.load(handle)
    if isinstance(detections, dict):
        detections = detections["annotations"]
    evaluation = COCOeval(gt, gt.loadRes(detections), iou_type)
    evaluation.evaluate()
    evaluation.accumulate()
    evaluation.summarize()
print(json.dumps([float(value).hex() for value in evaluation.stats]))
