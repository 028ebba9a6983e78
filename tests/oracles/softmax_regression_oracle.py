"""Reference fits for Loupe's SoftmaxRegression probe model.

Run: $LOUPE_PYTHON tests/oracles/softmax_regression_oracle.py CASES.json   (or the JSON on stdin)
Input: {"cases": [case, ...]}; output: a JSON list with one result object per case.
Used by Tests/LoupeCoreTests/SoftmaxRegressionTests.swift. Needs scikit-learn 1.9.1 and NumPy.

Case kinds ("kind" key):
- "digits" {l2, tol, scale, rows?}: scikit-learn's digits (load_digits: 1,797 rows x 64 pixel features in
  0..16, 10 classes) divided by `scale` (16 gives intensities in [0, 1]), the first `rows` rows when given. Fits LogisticRegression(C=1/l2, tol=tol,
  max_iter=100000) with its defaults otherwise (L2 penalty, lbfgs, multinomial loss for more than
  two classes, unpenalized intercept): the objective sum_i log-loss_i + 0.5/C * ||W||^2, which
  scikit-learn divides by n. Returns the features and labels it used, coef_ (K x d), intercept_,
  predict_proba on the same rows, the training accuracy, the iterations and the fit time in seconds
  (time.perf_counter, best of 3), and the objective at its solution divided by n,
  mean log-loss + l2/(2n) * ||W||^2 (what Loupe minimizes).

BLAS runs single-threaded (OPENBLAS_NUM_THREADS=1 unless set): on a loaded two-core machine NumPy's
threaded BLAS made one fit 100 times slower.
- "fit" {x, y, l2, tol}: the same fit on given rows (y in 0..K-1, every class present).
"""
import json
import os
import sys
import time
import warnings

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

warnings.simplefilter("ignore")


def fit(x, y, l2, tol):
    from sklearn.linear_model import LogisticRegression
    best = None
    model = None
    for _ in range(3):
        start = time.perf_counter()
        model = LogisticRegression(C=1.0 / l2, tol=tol, max_iter=100000).fit(x, y)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    proba = model.predict_proba(x)
    n = len(y)
    mean_loss = -np.mean(np.log(proba[np.arange(n), y]))
    objective = mean_loss + 0.5 * l2 / n * float(np.sum(model.coef_ ** 2))
    return {
        "objective": float(objective),
        "coefficients": model.coef_.tolist(),
        "intercepts": model.intercept_.tolist(),
        "probabilities": proba.tolist(),
        "accuracy": float((model.predict(x) == y).mean()),
        "iterations": int(np.max(model.n_iter_)),
        "seconds": best,
    }


def digits(case):
    from sklearn.datasets import load_digits
    data = load_digits()
    rows = case.get("rows") or len(data.target)
    x = data.data[:rows].astype(float) / case["scale"]
    y = data.target[:rows]
    result = fit(x, y, case["l2"], case["tol"])
    result["features"] = x.tolist()
    result["labels"] = y.tolist()
    return result


def given(case):
    return fit(np.array(case["x"], dtype=float), np.array(case["y"]), case["l2"], case["tol"])


def main():
    text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
    cases = json.loads(text)["cases"]
    kinds = {"digits": digits, "fit": given}
    print(json.dumps([kinds[case["kind"]](case) for case in cases]))


if __name__ == "__main__":
    main()
