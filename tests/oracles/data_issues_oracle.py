"""Reference values for Loupe's data-issue scores and slice discovery statistics.

Run: $LOUPE_PYTHON tests/oracles/data_issues_oracle.py CASES.json   (or the JSON on stdin)
Input: {"cases": [case, ...]}; output: a JSON list with one result object per case, NaN as null.
Used by Tests/LoupeCoreTests/{NeighborhoodIssues,ConfidentLearning,SliceDiscovery}Tests.swift.
Needs scikit-learn 1.9.1, cleanlab 2.9.0, SciPy 1.17 and NumPy.

Case kinds ("kind" key):
- "lof" {points: [[x]], k, metric: "euclidean"|"cosine"}: sklearn LocalOutlierFactor(n_neighbors=k,
  metric=metric, algorithm="brute").fit(points): negative_outlier_factor_ and the neighbour indices
  kneighbors() reports for the training points (self excluded), nearest first.
- "cleanlab" {labels, pred_probs, stable}: cleanlab.filter.find_label_issues with filter_by
  "prune_by_noise_rate" and "confident_learning" (n_jobs=1), as masks; find_label_issues(...,
  return_indices_ranked_by="self_confidence"); cleanlab.rank.get_label_quality_scores with
  "self_confidence" and "normalized_margin"; count.get_confident_thresholds;
  count.compute_confident_joint with calibrate False and True. With "stable": true, numpy.argsort is
  replaced by its kind="stable" version while cleanlab runs: NumPy 2.x sorts even 10 values with an
  unstable SIMD routine (AVX-512 here), so cleanlab orders exact ties (equal rounding remainders in
  the calibration, equal margins) by the CPU's sorting network; made stable, its results are
  deterministic and Loupe must equal them exactly.
- "cleanlab_timed" {labels, pred_probs}: find_label_issues(labels, pred_probs) with its defaults
  (prune_by_noise_rate, n_jobs = physical cores), timed with time.perf_counter (best of 3): the
  flagged indices and the seconds.
- "bh" {p}: scipy.stats.false_discovery_control(p, method="bh").
- "welch" {a, b}: scipy.stats.ttest_ind(a, b, equal_var=False): statistic, pvalue and
  confidence_interval(0.95).
- "ztest" {x1, n1, x2, n2}: the pooled two-proportion z statistic and 2 * norm.sf(|z|), written out
  with SciPy (statsmodels' proportions_ztest is not installed).
"""
import json
import math
import sys
import warnings

import numpy as np
from scipy import stats

warnings.simplefilter("ignore")


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def lof(case):
    from sklearn.neighbors import LocalOutlierFactor
    x = np.array(case["points"], dtype=float)
    model = LocalOutlierFactor(n_neighbors=case["k"], metric=case["metric"], algorithm="brute").fit(x)
    _, neighbors = model.kneighbors()
    return {"values": model.negative_outlier_factor_.tolist(), "neighbors": neighbors.tolist()}


def cleanlab_case(case):
    if case.get("stable"):
        unstable = np.argsort
        np.argsort = lambda a, axis=-1, kind=None, order=None, **kw: unstable(a, axis=axis, kind="stable", order=order)
        try:
            return cleanlab_run(case)
        finally:
            np.argsort = unstable
    return cleanlab_run(case)


def cleanlab_run(case):
    from cleanlab import count, filter, rank
    labels = np.array(case["labels"], dtype=int)
    p = np.array(case["pred_probs"], dtype=float)
    out = {}
    for method in ["prune_by_noise_rate", "confident_learning"]:
        mask = filter.find_label_issues(labels, p, filter_by=method, n_jobs=1)
        out[method] = [int(i) for i in np.flatnonzero(mask)]
    out["ranked"] = [int(i) for i in filter.find_label_issues(labels, p, return_indices_ranked_by="self_confidence",
                                                               n_jobs=1)]
    for method in ["self_confidence", "normalized_margin"]:
        out[method] = rank.get_label_quality_scores(labels, p, method=method).tolist()
    out["thresholds"] = count.get_confident_thresholds(labels, p).tolist()
    out["joint"] = count.compute_confident_joint(labels, p, calibrate=False).flatten().tolist()
    out["calibrated"] = count.compute_confident_joint(labels, p, calibrate=True).flatten().tolist()
    return out


def cleanlab_timed(case):
    import time
    from cleanlab import filter
    labels = np.array(case["labels"], dtype=int)
    p = np.array(case["pred_probs"], dtype=float)
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        mask = filter.find_label_issues(labels, p)
        best = min(best, time.perf_counter() - start)
    return {"flagged": [int(i) for i in np.flatnonzero(mask)], "seconds": best}


def welch(case):
    r = stats.ttest_ind(case["a"], case["b"], equal_var=False)
    ci = r.confidence_interval(0.95)
    return {"statistic": num(r.statistic), "p": num(r.pvalue), "lower": num(ci.low), "upper": num(ci.high)}


def ztest(case):
    x1, n1, x2, n2 = case["x1"], case["n1"], case["x2"], case["n2"]
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (x1 / n1 - x2 / n2) / se
    return {"statistic": z, "p": float(2 * stats.norm.sf(abs(z)))}


KINDS = {
    "lof": lof,
    "cleanlab": cleanlab_case,
    "cleanlab_timed": cleanlab_timed,
    "bh": lambda c: {"values": stats.false_discovery_control(c["p"], method="bh").tolist()},
    "welch": welch,
    "ztest": ztest,
}

if __name__ == "__main__":
    data = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
    print(json.dumps([KINDS[case["kind"]](case) for case in data["cases"]]))
