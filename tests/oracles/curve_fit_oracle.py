"""Reference fits of the saturating power law metric(n) = c - s * n**(-b) for LoupeCore's LearningCurve.

Run: $LOUPE_PYTHON tests/oracles/curve_fit_oracle.py CASES.json   (or the JSON on stdin)
Input: {"cases": [case, ...]}; output: a JSON list with one result object per case.
Used by Tests/LoupeCoreTests/LearningCurveTests.swift.

Case kinds:
- "fit" {n, y, w (null = unit weights), bounded, predict_at}: scipy.optimize.curve_fit (method "trf")
  with the same model and bounds as Loupe: c in [0, 1] when bounded (else free), s >= 0,
  b in [0.001, 3]; sigma = 1/sqrt(w), absolute_sigma=False (pcov scaled by RSS/(m-3));
  ftol = xtol = gtol = 1e-15, max_nfev = 20000. Started independently of Loupe from five exponents
  (0.05, 0.2, 0.5, 1, 2), each with c and s from numpy.linalg.lstsq at that exponent, clipped into
  the bounds; the start with the lowest weighted RSS wins.
  Output: {params: [c, s, b], rss, pcov (3x3, null when not finite), predictions (unclamped model)}.
- "t" {p, dof}: {quantile: scipy.stats.t.ppf(p, dof)}.
"""
import json
import sys
import warnings

import numpy as np
from scipy import stats
from scipy.optimize import curve_fit

warnings.simplefilter("ignore")


def model(n, c, s, b):
    return c - s * n ** (-b)


def fit(case):
    n = np.asarray(case["n"], float)
    y = np.asarray(case["y"], float)
    w = np.ones_like(n) if case.get("w") is None else np.asarray(case["w"], float)
    bounded = case["bounded"]
    lower = [0.0 if bounded else -np.inf, 0.0, 0.001]
    upper = [1.0 if bounded else np.inf, np.inf, 3.0]
    best = None
    for b0 in (0.05, 0.2, 0.5, 1.0, 2.0):
        x = n ** (-b0)
        design = np.column_stack([np.ones_like(x), -x]) * np.sqrt(w)[:, None]
        c0, s0 = np.linalg.lstsq(design, y * np.sqrt(w), rcond=None)[0]
        p0 = [float(np.clip(c0, lower[0], upper[0])), max(float(s0), 1e-6), b0]
        try:
            p, pcov = curve_fit(model, n, y, p0=p0, sigma=1 / np.sqrt(w), absolute_sigma=False, bounds=(lower, upper),
                                method="trf", ftol=1e-15, xtol=1e-15, gtol=1e-15, max_nfev=20000)
        except RuntimeError:
            continue
        rss = float(np.sum(w * (y - model(n, *p)) ** 2))
        if best is None or rss < best[0]:
            best = (rss, p, pcov)
    rss, p, pcov = best
    predictions = [float(model(float(m), *p)) for m in case["predict_at"]]
    return {"params": [float(v) for v in p], "rss": rss,
            "pcov": pcov.tolist() if np.all(np.isfinite(pcov)) else None, "predictions": predictions}


def main():
    text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
    out = []
    for case in json.loads(text)["cases"]:
        if case["kind"] == "fit":
            out.append(fit(case))
        else:
            out.append({"quantile": float(stats.t.ppf(case["p"], case["dof"]))})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
