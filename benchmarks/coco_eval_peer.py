#!/usr/bin/env python3
"""One peer evaluation run, end to end, for the evaluation benchmark (run as its own process so
that its wall time and peak memory can be measured alone).

Usage: python3 benchmarks/coco_eval_peer.py pycocotools|faster-coco-eval GT.json DT.json bbox|segm
Prints the 12 summary numbers as a JSON list on the last line of stdout.
"""
import contextlib
import io
import json
import sys


def main():
    tool, gt_path, dt_path, iou_type = sys.argv[1:5]
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet):
        if tool == "pycocotools":
            from pycocotools.coco import COCO
            from pycocotools.cocoeval import COCOeval
            gt = COCO(gt_path)
            dt = gt.loadRes(dt_path)
            evaluation = COCOeval(gt, dt, iou_type)
        elif tool == "faster-coco-eval":
            from faster_coco_eval import COCO, COCOeval_faster
            gt = COCO(gt_path)
            dt = gt.loadRes(dt_path)
            evaluation = COCOeval_faster(gt, dt, iou_type)
        else:
            sys.exit(f"unknown tool {tool}")
        evaluation.evaluate()
        evaluation.accumulate()
        evaluation.summarize()
    print(json.dumps([float(value) for value in evaluation.stats]))


if __name__ == "__main__":
    main()
