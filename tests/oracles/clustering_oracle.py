"""Reference values for LoupeCore's k-means.

Run: $LOUPE_PYTHON tests/oracles/clustering_oracle.py CASES.json   (or the JSON on stdin)
Input: {"cases": [case, ...]}; output: a JSON list with one result object per case.
Used by Tests/LoupeCoreTests/KMeansTests.swift. Needs scikit-learn 1.9.1.

Case kinds:
- "kmeans" {x (flat, row-major), rows, k, n_init, seeds, labels, truth (or null)}: for each seed,
  sklearn KMeans(n_clusters=k, n_init=n_init, random_state=seed, algorithm="lloyd") on x as float64;
  the fit with the lowest inertia is "best": {inertias (per seed), best_inertia, ari_best (adjusted
  Rand index of the given labels against the best fit's), ari_truth (given labels against truth,
  null without truth), best_ari_truth (best fit against truth, null without truth)}.
"""
import json
import sys
import warnings

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

warnings.simplefilter("ignore")


def kmeans(case):
    X = np.array(case["x"], dtype=np.float64).reshape(case["rows"], -1)
    fits = [KMeans(n_clusters=case["k"], n_init=case["n_init"], random_state=s, algorithm="lloyd").fit(X)
            for s in case["seeds"]]
    best = min(fits, key=lambda f: f.inertia_)
    truth = case.get("truth")
    return {
        "inertias": [float(f.inertia_) for f in fits],
        "best_inertia": float(best.inertia_),
        "ari_best": float(adjusted_rand_score(best.labels_, case["labels"])),
        "ari_truth": None if truth is None else float(adjusted_rand_score(truth, case["labels"])),
        "best_ari_truth": None if truth is None else float(adjusted_rand_score(truth, best.labels_)),
    }


def main():
    source = open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin
    cases = json.load(source)["cases"]
    json.dump([{"kmeans": kmeans}[c["kind"]](c) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
