"""Reference results for Loupe's exact vector search: NumPy brute force in float64.

Run: $LOUPE_PYTHON tests/oracles/vector_search_oracle.py CASES.json
Input: {"cases": [case, ...]}; output: a JSON list with one result per case.
Used by Tests/LoupeCoreTests/ExactVectorIndexTests.swift. Needs NumPy.

Case kinds ("kind" key):
- "search" {metric, ids, base: [[float]], queries: [[float]], k, allowed: [id] or null}: per query
  the k best stored vectors among `allowed` (all when null) as [[id, score], ...], best first, ties
  by ascending id. Scores are similarities: cosine a.b / (|a||b|) with 0 for a zero vector; inner
  product a.b; l2 -|a - b|^2.
- "graph" {metric, rows: [[float]], k}: the k nearest other rows of each row as [[index, distance],
  ...] nearest first, ties by index; distance = 1 - cosine, -a.b, or |a - b|^2.
"""
import json
import sys

import numpy as np


def similarities(metric, queries, base):
    if metric == "cosine":
        def unit(m):
            norms = np.linalg.norm(m, axis=1, keepdims=True)
            return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)
        return unit(queries) @ unit(base).T
    if metric == "inner_product":
        return queries @ base.T
    return -(((queries[:, None, :] - base[None, :, :]) ** 2).sum(axis=2))


def search(case):
    base = np.asarray(case["base"], dtype=np.float64).reshape(-1, len(case["queries"][0]))
    queries = np.asarray(case["queries"], dtype=np.float64)
    ids = np.asarray(case["ids"], dtype=np.int64)
    scores = similarities(case["metric"], queries, base)
    allowed = None if case.get("allowed") is None else set(case["allowed"])
    out = []
    for row in scores:
        pairs = [(float(s), int(i)) for s, i in zip(row, ids) if allowed is None or int(i) in allowed]
        pairs.sort(key=lambda p: (-p[0], p[1]))
        out.append([[i, s] for s, i in pairs[:case["k"]]])
    return out


def graph(case):
    rows = np.asarray(case["rows"], dtype=np.float64)
    distance = -similarities(case["metric"], rows, rows)
    if case["metric"] == "cosine":
        distance = 1 + distance
    out = []
    for i, row in enumerate(distance):
        pairs = sorted(((float(d), j) for j, d in enumerate(row) if j != i), key=lambda p: (p[0], p[1]))
        out.append([[j, d] for d, j in pairs[:case["k"]]])
    return out


def main():
    with open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin as handle:
        cases = json.load(handle)["cases"]
    json.dump([search(c) if c["kind"] == "search" else graph(c) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
