"""Expected RLE areas and boxes from pycocotools, for Tests/LoupeCatalogTests/COCOFormatTests.swift.

Run: .venv/bin/python tests/oracles/coco_rle_oracle.py [path/to/shared/data]
Prints, for the coco-fake100 segm results (compressed RLE) and the coco128 crowd annotations
(uncompressed RLE), the mask areas and boxes pycocotools computes (maskUtils.area / toBbox),
as the aggregate numbers the Swift tests assert.
"""
import json
import sys
from pathlib import Path

from pycocotools import mask as mask_utils

data = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared" / "data")

segm = json.loads((data / "coco-fake100" / "instances_val2014_fakesegm100_results.json").read_text())
areas = [int(mask_utils.area(d["segmentation"])) for d in segm]
boxes = [mask_utils.toBbox(d["segmentation"]).tolist() for d in segm]
print("fakesegm count", len(segm))
print("fakesegm total area", sum(areas))
print("fakesegm total bbox", [sum(b[i] for b in boxes) for i in range(4)])
for index in (0, 1, 733):
    print(f"fakesegm[{index}] area", areas[index], "bbox", boxes[index])

gt = json.loads((data / "coco128" / "annotations" / "instances_train2017.json").read_text())
for ann in gt["annotations"]:
    if not ann["iscrowd"]:
        continue
    seg = ann["segmentation"]
    h, w = seg["size"]
    rle = mask_utils.frPyObjects(seg, h, w)
    print("coco128 crowd", ann["id"], "area", int(mask_utils.area(rle)), "file area", ann["area"],
          "bbox", mask_utils.toBbox(rle).tolist(), "file bbox", ann["bbox"])
