"""Reference values for LoupeCore's 2-D projection: PCA, UMAP's pieces and the quality of a layout.

Run: $LOUPE_PYTHON tests/oracles/projection_oracle.py CASES.json   (or the JSON on stdin)
Input: {"cases": [case, ...]}; output: a JSON list with one result object per case.
Used by Tests/LoupeCoreTests/{PrincipalComponents,UMAP}Tests.swift. Needs scikit-learn 1.9.1,
SciPy and umap-learn 0.5.12 (the "umap_*" kinds only; imported lazily, its first call compiles
with numba for about 10 s).

Matrices travel flat in row-major order with their "rows" and "columns".
Case kinds:
- "digits" {}: sklearn.datasets.load_digits(): {x (1797 x 64 flat), rows, columns, y}.
- "pca" {x, rows, columns, components}: sklearn PCA(n_components, svd_solver="full") on x as float64:
  {components (flat c x d), explained_variance, explained_variance_ratio, transform (flat n x c), mean}.
- "umap_ab" {spread, min_dist}: umap.umap_.find_ab_params(spread, min_dist): {a, b}.
- "umap_fuzzy" {rows, k, indices (flat n x k, self excluded), distances (flat n x k, metric distances)}:
  umap.umap_.fuzzy_simplicial_set with the point itself prepended at distance 0 (umap-learn's k-NN
  includes it), n_neighbors = k + 1, defaults otherwise: {sigmas, rhos, row, col, data} of the
  symmetric graph in COO order sorted by (row, col).
- "laplacian" {rows, row, col, data}: the eigenvalues of the symmetric normalized Laplacian
  I - D^-1/2 W D^-1/2 of the given symmetric graph, ascending (numpy.linalg.eigh, dense).
- "layout_quality" {x, rows, columns, y, embedding (flat n x 2), trust_k}: the trustworthiness
  (sklearn.manifold.trustworthiness, n_neighbors=trust_k, Euclidean) of the given embedding of x and
  its 5-fold cross-validated 2-D k-NN classifier accuracy (KNeighborsClassifier(n_neighbors=10),
  StratifiedKFold(5, shuffle=True, random_state=0)): {trust, knn}.
- "umap_reference" {x, rows, columns, y, n_neighbors, n_epochs, seed, trust_k}: umap-learn's
  UMAP(n_neighbors, n_epochs, random_state=seed, defaults otherwise) on x, scored as "layout_quality":
  {trust, knn, seconds}.
"""
import json
import sys
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")


def matrix(case, key="x"):
    return np.array(case[key], dtype=np.float64).reshape(case["rows"], -1)


def digits(case):
    from sklearn.datasets import load_digits
    d = load_digits()
    return {"x": d.data.ravel().tolist(), "rows": d.data.shape[0], "columns": d.data.shape[1], "y": d.target.tolist()}


def pca(case):
    from sklearn.decomposition import PCA
    X = matrix(case)
    p = PCA(n_components=case["components"], svd_solver="full").fit(X)
    return {
        "components": p.components_.ravel().tolist(),
        "explained_variance": p.explained_variance_.tolist(),
        "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
        "transform": p.transform(X).ravel().tolist(),
        "mean": p.mean_.tolist(),
    }


def umap_ab(case):
    from umap.umap_ import find_ab_params
    a, b = find_ab_params(case["spread"], case["min_dist"])
    return {"a": float(a), "b": float(b)}


def umap_fuzzy(case):
    from umap.umap_ import fuzzy_simplicial_set
    n, k = case["rows"], case["k"]
    idx = np.array(case["indices"], dtype=np.int64).reshape(n, k)
    dist = np.array(case["distances"], dtype=np.float32).reshape(n, k)
    idx = np.hstack([np.arange(n)[:, None], idx])
    dist = np.hstack([np.zeros((n, 1), dtype=np.float32), dist])
    graph, sigmas, rhos = fuzzy_simplicial_set(np.zeros((n, 1)), k + 1, np.random.RandomState(0), "euclidean",
                                               knn_indices=idx, knn_dists=dist)
    g = graph.tocoo()
    order = np.lexsort((g.col, g.row))
    return {"sigmas": sigmas.tolist(), "rhos": rhos.tolist(), "row": g.row[order].tolist(),
            "col": g.col[order].tolist(), "data": g.data[order].astype(float).tolist()}


def laplacian(case):
    n = case["rows"]
    W = np.zeros((n, n))
    W[case["row"], case["col"]] = case["data"]
    d = W.sum(axis=1)
    inv = np.where(d > 0, 1 / np.sqrt(np.where(d > 0, d, 1)), 0)
    L = np.eye(n) - inv[:, None] * W * inv[None, :]
    return {"eigenvalues": np.linalg.eigh(L)[0].tolist()}


def layout_quality(case, embedding=None):
    from sklearn.manifold import trustworthiness
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.neighbors import KNeighborsClassifier
    X = matrix(case)
    E = embedding if embedding is not None else np.array(case["embedding"], dtype=np.float64).reshape(X.shape[0], -1)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    knn = cross_val_score(KNeighborsClassifier(n_neighbors=10), E, np.array(case["y"]), cv=folds).mean()
    return {"trust": float(trustworthiness(X, E, n_neighbors=case["trust_k"])), "knn": float(knn)}


def umap_reference(case):
    import umap
    start = time.perf_counter()
    E = umap.UMAP(n_neighbors=case["n_neighbors"], n_epochs=case["n_epochs"],
                  random_state=case["seed"]).fit_transform(matrix(case))
    seconds = time.perf_counter() - start
    return dict(layout_quality(case, E), seconds=seconds)


KINDS = {"digits": digits, "pca": pca, "umap_ab": umap_ab, "umap_fuzzy": umap_fuzzy, "laplacian": laplacian,
         "layout_quality": layout_quality, "umap_reference": umap_reference}


def main():
    source = open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin
    cases = json.load(source)["cases"]
    json.dump([KINDS[c["kind"]](c) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
