"""Reference values for Loupe's classification, calibration, segmentation and quantile code.

Run: $LOUPE_PYTHON tests/oracles/sklearn_metrics_oracle.py CASES.json   (or the JSON on stdin)
Input: {"cases": [case, ...]}; output: a JSON list with one result object per case, NaN as null.
Used by Tests/LoupeCoreTests/{ClassificationMetrics,SegmentationMetrics,Bootstrap}Tests.swift.

Case kinds:
- "classification" {classes (K), y_true, y_pred, proba (n rows of K, or absent), float32 (bool), top_k [k]}:
  scikit-learn 1.9.1 for accuracy, confusion_matrix, precision_recall_fscore_support
  (average=None with labels=range(K); macro/micro/weighted with the default labels=None;
  zero_division=0 throughout), top_k_accuracy_score, log_loss and brier_score_loss (labels=range(K)),
  roc_auc_score / average_precision_score per class on the binary truth y == c. Averages of the
  ranking metrics come from sklearn's multiclass calls where sklearn defines them (K >= 3; every
  class present for AP), else null. With float32=true, log_loss is also given for the float32 array
  (computed by sklearn in float32) and, exactly, for the float64 values clipped at float32's eps.
  Expected calibration error (not in sklearn) is plain NumPy: 15 bins, edges linspace(0, 1, 16),
  bin = searchsorted(edges, conf, "left") - 1 clipped at 0 (right-closed bins, 0 in the first),
  conf = max prob, correct = argmax == y, ECE = sum(count/n * |acc - mean conf|). Row quantities:
  max, top1 - top2 of np.sort, entropy -sum(p log p) with 0 log 0 = 0.
- "segmentation" {classes (K), ignore (or null), images: [{gt, pred}]}: NumPy bincount of gt*K+pred over
  pixels whose gt != ignore; IoU = tp/(row+col-tp), Dice = 2tp/(row+col), accuracy = tp/row,
  nan (null) on 0/0, means with nanmean, pixel accuracy = trace/total.
- "paint" {h, w, background, masks: [{class, counts}]}: pycocotools mask.decode of each uncompressed
  RLE, painted in order (later masks win), flattened row-major.
- "quantile" {values, q: [..]}: numpy.quantile with the default method="linear".
"""
import json
import sys
import warnings

import numpy as np
from sklearn import metrics as skm

warnings.simplefilter("ignore")


def num(x):
    x = float(x)
    return None if np.isnan(x) else x


def classification(case):
    K, y, pred = case["classes"], np.array(case["y_true"]), np.array(case["y_pred"])
    labels = list(range(K))
    out = {
        "accuracy": skm.accuracy_score(y, pred),
        "confusion": skm.confusion_matrix(y, pred, labels=labels).tolist(),
    }
    p, r, f, s = skm.precision_recall_fscore_support(y, pred, labels=labels, average=None, zero_division=0)
    out["per_class"] = {"precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist()}
    for avg in ("macro", "micro", "weighted"):
        out[avg] = list(skm.precision_recall_fscore_support(y, pred, average=avg, zero_division=0)[:3])
    if case.get("proba") is None:
        return out
    P = np.array(case["proba"], dtype=np.float64).reshape(len(y), K)
    multiclass = len(np.unique(y)) > 2  # sklearn's top_k multiclass path needs >= 3 labels in y_true
    top_k = {}
    for k in case["top_k"]:
        if multiclass:
            top_k[str(k)] = skm.top_k_accuracy_score(y, P, k=k, labels=labels)
        else:  # the same two lines sklearn runs on its multiclass path
            order = np.argsort(P, axis=1, kind="mergesort")[:, ::-1]
            top_k[str(k)] = float(np.mean((y == order[:, :k].T).any(axis=0)))
    out["top_k"] = top_k
    out["top_k_source"] = "sklearn" if multiclass else "numpy"
    if case.get("float32"):
        eps = np.finfo(np.float32).eps
        out["log_loss"] = skm.log_loss(y, np.clip(P, eps, 1 - eps), labels=labels)
        out["log_loss_float32"] = skm.log_loss(y, P.astype(np.float32), labels=labels)
    else:
        out["log_loss"] = skm.log_loss(y, P, labels=labels)
    out["brier"] = skm.brier_score_loss(y, P, labels=labels)
    out["auc"] = [num(skm.roc_auc_score(y == c, P[:, c])) if 0 < (y == c).sum() < len(y) else None for c in range(K)]
    out["ap"] = [num(skm.average_precision_score(y == c, P[:, c])) if (y == c).any() else None for c in range(K)]
    if K >= 3:
        for avg in ("macro", "weighted"):
            out["auc_" + avg] = num(skm.roc_auc_score(y, P, multi_class="ovr", average=avg, labels=labels))
            out["ap_" + avg] = (num(skm.average_precision_score(y, P, average=avg))
                                if len(np.unique(y)) == K else None)
    # Calibration and row quantities: NumPy (see the docstring).
    conf = P.max(axis=1)
    correct = P.argmax(axis=1) == y
    edges = np.linspace(0, 1, 16)
    bins = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, 14)
    ece, table = 0.0, []
    for b in range(15):
        m = bins == b
        if m.any():
            ece += m.sum() / len(y) * abs(correct[m].mean() - conf[m].mean())
            table.append([int(m.sum()), float(conf[m].mean()), float(correct[m].mean())])
        else:
            table.append([0, None, None])
    out["ece"], out["bins"] = float(ece), table
    srt = np.sort(P, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["entropy"] = (-np.where(P > 0, P * np.log(P), 0.0).sum(axis=1)).tolist()
    out["confidence"], out["margin"] = conf.tolist(), (srt[:, -1] - srt[:, -2]).tolist()
    return out


def segmentation(case):
    K, ignore = case["classes"], case.get("ignore")
    cm = np.zeros(K * K, dtype=np.int64)
    for image in case["images"]:
        gt, pred = np.array(image["gt"], dtype=np.int64), np.array(image["pred"], dtype=np.int64)
        keep = gt != ignore if ignore is not None else np.ones(gt.shape, dtype=bool)
        cm += np.bincount(gt[keep] * K + pred[keep], minlength=K * K)
    cm = cm.reshape(K, K)
    tp, row, col = np.diag(cm).astype(float), cm.sum(axis=1), cm.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        iou, dice, acc = tp / (row + col - tp), 2 * tp / (row + col), tp / row
        means = [np.nanmean(v) if not np.isnan(v).all() else np.nan for v in (iou, dice, acc)]
    return {"confusion": cm.tolist(), "iou": [num(v) for v in iou], "dice": [num(v) for v in dice],
            "accuracy": [num(v) for v in acc], "miou": num(means[0]), "mdice": num(means[1]),
            "macc": num(means[2]), "pixel_accuracy": num(np.trace(cm) / cm.sum()) if cm.sum() else None}


def paint(case):
    from pycocotools import mask as mask_utils

    h, w = case["h"], case["w"]
    out = np.full((h, w), case["background"], dtype=np.int64)
    for m in case["masks"]:
        rle = mask_utils.frPyObjects({"size": [h, w], "counts": m["counts"]}, h, w)
        out[mask_utils.decode(rle).astype(bool)] = m["class"]
    return {"pixels": out.ravel().tolist()}


def quantile(case):
    return {"quantiles": [float(np.quantile(np.array(case["values"], dtype=np.float64), q)) for q in case["q"]]}


KINDS = {"classification": classification, "segmentation": segmentation, "paint": paint, "quantile": quantile}

if __name__ == "__main__":
    text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
    results = [KINDS[case["kind"]](case) for case in json.loads(text)["cases"]]
    print(json.dumps(results, allow_nan=False))
