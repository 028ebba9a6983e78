"""Reference values for Loupe's comparison statistics: McNemar, Spearman, the incomplete beta, eta-squared.

Run: $LOUPE_PYTHON tests/oracles/scipy_stats_oracle.py CASES.json   (or the JSON on stdin)
Input: {"cases": [case, ...]}; output: a JSON list with one result object per case, NaN as null.
Used by Tests/LoupeCoreTests/{ComparisonStatistics,MetricImportance}Tests.swift. Needs SciPy (1.17) and NumPy.

Case kinds ("kind" key):
- "mcnemar" {b, c}: statsmodels' mcnemar(exact=True) p-value written out with SciPy, since statsmodels
  is not installed: min(1, 2 * binom.cdf(min(b, c), b + c, 0.5)), 1 when b + c = 0; and
  binomtest(min(b, c), b + c).pvalue (equal for p = 1/2).
- "betainc" {point, alpha, beta}: scipy.special.betainc(alpha, beta, point) (Boost's ibeta).
- "spearman" {x, y}: scipy.stats.spearmanr(x, y) statistic and pvalue; rankdata(x) (method "average").
- "t_pvalue" {rho, n}: the p-value spearmanr derives from a correlation rho on n pairs:
  t = rho * sqrt(dof / ((rho + 1) * (1 - rho))), dof = n - 2, p = 2 * scipy.special.stdtr(dof, -|t|).
- "spearman_bootstrap" {x, y, resamples: [[row indices]], q: [lower, upper]}: spearmanr's statistic on
  each resample (NaN ones dropped), then numpy.quantile at q; also the count of valid resamples.
- "categorical" {metric, labels, min_size}: rows with a metric and a value; values with fewer than
  min_size rows pooled into one group (listed last, values ascending by Python str order, which is
  code point order); per group the mean (numpy.mean), size and pooled-value count; eta^2 = SS_b / SS_t
  and Kelley's epsilon^2 = 1 - (SS_w / (N - k)) / (SS_t / (N - 1)) in NumPy, null when undefined.
- "numeric" {metric, numbers}: spearmanr over rows where both are present; support.
"""
import json
import math
import sys
import warnings

import numpy as np
from scipy import special, stats

warnings.simplefilter("ignore")


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def mcnemar(case):
    b, c = case["b"], case["c"]
    n, k = b + c, min(b, c)
    if n == 0:
        return {"p": 1.0, "p_binomtest": 1.0}
    return {"p": min(1.0, 2 * float(stats.binom.cdf(k, n, 0.5))), "p_binomtest": float(stats.binomtest(k, n).pvalue)}


def spearman(case):
    x, y = np.array(case["x"], dtype=float), np.array(case["y"], dtype=float)
    r = stats.spearmanr(x, y)
    return {"rho": num(r.statistic), "p": num(r.pvalue), "ranks": stats.rankdata(x).tolist() if len(x) else []}


def t_pvalue(case):
    rho, dof = case["rho"], case["n"] - 2
    with np.errstate(divide="ignore"):
        t = rho * np.sqrt(dof / ((rho + 1.0) * (1.0 - rho)))
    return {"p": float(2 * special.stdtr(dof, -abs(t)))}


def spearman_bootstrap(case):
    x, y = np.array(case["x"], dtype=float), np.array(case["y"], dtype=float)
    values = [stats.spearmanr(x[rows], y[rows]).statistic for rows in case["resamples"]]
    values = np.array([v for v in values if not np.isnan(v)])
    if len(values) == 0:
        return {"lower": None, "upper": None, "valid": 0}
    lower, upper = np.quantile(values, case["q"])
    return {"lower": float(lower), "upper": float(upper), "valid": len(values)}


def categorical(case):
    rows = [(v, m) for v, m in zip(case["labels"], case["metric"]) if v is not None and m is not None]
    by_value = {}
    for v, m in rows:
        by_value.setdefault(v, []).append(m)
    groups, rare, rare_values = [], [], 0
    for v in sorted(by_value):
        if len(by_value[v]) >= case["min_size"]:
            groups.append({"value": v, "metric": by_value[v]})
        else:
            rare.extend(by_value[v])
            rare_values += 1
    if rare_values:
        groups.append({"value": None, "rare_values": rare_values, "metric": rare})
    out = [{"value": g["value"], "rare_values": g.get("rare_values", 0), "size": len(g["metric"]),
            "mean": float(np.mean(g["metric"]))} for g in groups]
    y = np.array([m for g in groups for m in g["metric"]], dtype=float)
    k, n = len(groups), len(y)
    eta = eps = None
    if k >= 2 and np.ptp(y) > 0:
        ss_t = float(np.sum((y - y.mean()) ** 2))
        ss_b = float(sum(len(g["metric"]) * (np.mean(g["metric"]) - y.mean()) ** 2 for g in groups))
        ss_w = float(sum(np.sum((np.array(g["metric"]) - np.mean(g["metric"])) ** 2) for g in groups))
        eta = min(1.0, ss_b / ss_t)
        if n > k:
            eps = 1 - (ss_w / (n - k)) / (ss_t / (n - 1))
    return {"groups": out, "support": len(rows), "eta_squared": eta, "adjusted": eps}


def numeric(case):
    pairs = [(v, m) for v, m in zip(case["numbers"], case["metric"]) if v is not None and m is not None]
    out = {"support": len(pairs), "rho": None, "p": None}
    if len(pairs) >= 2:
        r = stats.spearmanr([p[0] for p in pairs], [p[1] for p in pairs])
        out["rho"], out["p"] = num(r.statistic), num(r.pvalue)
    return out


KINDS = {
    "mcnemar": mcnemar,
    "betainc": lambda c: {"value": float(special.betainc(c["alpha"], c["beta"], c["point"]))},
    "spearman": spearman,
    "t_pvalue": t_pvalue,
    "spearman_bootstrap": spearman_bootstrap,
    "categorical": categorical,
    "numeric": numeric,
}

if __name__ == "__main__":
    data = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
    print(json.dumps([KINDS[case["kind"]](case) for case in data["cases"]]))
