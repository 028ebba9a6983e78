#!/usr/bin/env python3
"""Writes the .npy fixtures that NPYFormatTests reads, with NumPy itself as the reference writer.

Usage: make_npy_fixtures.py OUTPUT_DIR [MINILM_REFERENCE_JSON]

Every array is derived from `base = np.arange(12).reshape(3, 4) / 8 - 0.5` (exact in float32), so
the Swift test knows the expected values without reading anything else:
  f4.npy  f8.npy          little-endian float32 / float64, C order, format 1.0
  be_f4.npy  be_f8.npy    the same values big-endian ('>f4', '>f8')
  tenth_f8.npy            [[0.1, 0.2], [0.3, 1e300]]: float64 rounding, and a value beyond float32
  v2.npy  v3.npy          float32, format versions 2.0 and 3.0
  fortran.npy             float32 in Fortran order (refused)
  one_d.npy               float32 of shape (5,) (refused)
  three_d.npy             float32 of shape (2, 3, 2) (refused)
  int64.npy               int64 of shape (3, 4) (refused: not a float dtype)
  empty.npy               float32 of shape (0, 4)
  nan.npy                 float32 (3, 4) with NaN at row 2, column 1
  minilm.npy              the 21 x 384 reference vectors as float32 (if the JSON path is given)
Prints "ok <numpy version>" when done.
"""
import json
import os
import sys

import numpy as np


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    base = np.arange(12).reshape(3, 4) / 8 - 0.5

    def save(name, array):
        np.save(os.path.join(out, name), array)

    save("f4.npy", base.astype("<f4"))
    save("f8.npy", base.astype("<f8"))
    save("be_f4.npy", base.astype(">f4"))
    save("be_f8.npy", base.astype(">f8"))
    save("tenth_f8.npy", np.array([[0.1, 0.2], [0.3, 1e300]], dtype="<f8"))
    for version in [(2, 0), (3, 0)]:
        with open(os.path.join(out, f"v{version[0]}.npy"), "wb") as handle:
            np.lib.format.write_array(handle, base.astype("<f4"), version=version)
    save("fortran.npy", np.asfortranarray(base.astype("<f4")))
    save("one_d.npy", np.arange(5, dtype="<f4"))
    save("three_d.npy", np.zeros((2, 3, 2), dtype="<f4"))
    save("int64.npy", np.arange(12, dtype="<i8").reshape(3, 4))
    save("empty.npy", np.zeros((0, 4), dtype="<f4"))
    with_nan = base.astype("<f4")
    with_nan[2, 1] = np.nan
    save("nan.npy", with_nan)
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as handle:
            items = json.load(handle)["items"]
        save("minilm.npy", np.array([item["embedding"] for item in items], dtype="<f4"))
    print("ok", np.__version__)


if __name__ == "__main__":
    main()
