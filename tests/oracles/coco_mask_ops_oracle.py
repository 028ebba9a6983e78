"""pycocotools' answers for the mask operations in Tests/LoupeCoreTests/RunLengthMaskOperationsTests.swift.

Run: $LOUPE_PYTHON tests/oracles/coco_mask_ops_oracle.py cases.json   (the Swift test writes cases.json)
Input (JSON): {"polygons": [{"height", "width", "rings"}], "boxes": [{"height", "width", "box": [x, y, w, h]}],
  "masks": [{"height", "width", "bits": base64 of the column-major bytes}],
  "merges": [{"sources": [{"kind", "index"}], "intersect"}], kind one of "polygon", "box", "mask", "merge" (earlier),
  "maskIous": [{"detections": [{"kind", "index"}], "groundTruths": [...], "crowd": [bool]}],
  "boxIous": [{"detections": [[x, y, w, h]], "groundTruths": [...], "crowd": [bool]}],
  "cocoAnnotations": path of a COCO instances file or null}
Output (JSON, stdout): per polygon {"counts" (frPyObjects + merge, i.e. COCO.annToRLE) or null, "error" (exception
  name) or null, "ringUnion" (merge of _mask.frPoly per ring)}; per box, mask and merge {"counts"}; each with "area"
  and "bbox" (toBbox) when it has counts and pixels. Counts are compressed strings. IoU matrices are row-major
  (detection, ground truth), values as float.hex() so they cross exactly. "coco": {annotation id: annToRLE counts}
  for every polygon annotation.
"""
import base64
import contextlib
import json
import sys

import numpy as np
from pycocotools import _mask, mask as mask_utils
from pycocotools.coco import COCO


def described(rle):
    """Compressed counts plus area and box, for one RLE dict."""
    h, w = rle["size"]
    out = {"counts": rle["counts"].decode()}
    if h > 0 and w > 0:  # rleToBbox divides by h
        out["area"] = int(mask_utils.area(rle))
        out["bbox"] = [float(v) for v in mask_utils.toBbox(rle)]
    return out


def main():
    cases = json.load(open(sys.argv[1]))
    pool = {"polygon": [], "box": [], "mask": [], "merge": []}
    result = {"polygons": [], "boxes": [], "masks": [], "merges": [], "maskIous": [], "boxIous": [], "coco": {}}

    for case in cases["polygons"]:
        h, w, rings = case["height"], case["width"], case["rings"]
        union = mask_utils.merge(_mask.frPoly(rings or [[]], h, w))  # no rings: an empty mask
        try:
            rle = mask_utils.merge(mask_utils.frPyObjects(rings, h, w))  # COCO.annToRLE for a polygon
            out, error = described(rle), None
        except Exception as exc:  # the first-ring trap: TypeError, ValueError, IndexError, Exception
            rle, out, error = union, {"counts": None}, type(exc).__name__
        out["error"] = error
        out["ringUnion"] = union["counts"].decode()
        pool["polygon"].append(rle)
        result["polygons"].append(out)

    for case in cases["boxes"]:
        rle = mask_utils.frPyObjects(np.array([case["box"]], dtype=np.double), case["height"], case["width"])[0]
        pool["box"].append(rle)
        result["boxes"].append(described(rle))

    for case in cases["masks"]:
        h, w = case["height"], case["width"]
        bits = np.frombuffer(base64.b64decode(case["bits"]), dtype=np.uint8).reshape((h, w), order="F")
        rle = mask_utils.encode(np.asfortranarray(bits))
        pool["mask"].append(rle)
        result["masks"].append(described(rle))

    for case in cases["merges"]:
        rle = mask_utils.merge([pool[s["kind"]][s["index"]] for s in case["sources"]], intersect=int(case["intersect"]))
        pool["merge"].append(rle)
        result["merges"].append(described(rle))

    for case in cases["maskIous"]:
        dt = [pool[s["kind"]][s["index"]] for s in case["detections"]]
        gt = [pool[s["kind"]][s["index"]] for s in case["groundTruths"]]
        iou = np.asarray(mask_utils.iou(dt, gt, [int(c) for c in case["crowd"]]), dtype=np.double)
        result["maskIous"].append([float(v).hex() for v in iou.reshape(-1)])

    for case in cases["boxIous"]:
        dt, gt = case["detections"], case["groundTruths"]
        iou = np.asarray(mask_utils.iou(dt, gt, [int(c) for c in case["crowd"]]), dtype=np.double)
        result["boxIous"].append([float(v).hex() for v in iou.reshape(-1)])

    if cases.get("cocoAnnotations"):
        with contextlib.redirect_stdout(sys.stderr):  # COCO() prints progress
            coco = COCO(cases["cocoAnnotations"])
        for ann in coco.dataset["annotations"]:
            if isinstance(ann["segmentation"], list):
                result["coco"][str(ann["id"])] = coco.annToRLE(ann)["counts"].decode()

    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
