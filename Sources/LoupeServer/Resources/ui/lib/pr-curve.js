// Precision–recall curves as the evaluations store them (pycocotools' `precision[T, R, K, A, M]`
// sliced to one class, area "all", the largest detection limit): `precision[i]` is the
// interpolated precision at recall level `i / 100` (i = 0…100) and `scores[i]` the score of the
// detection at which recall first reaches that level; levels never reached hold 0 in both. Pure.
//
// What a score threshold can and cannot be computed from this: keeping detections with score ≥ t
// reaches every recall level whose `scores[i]` ≥ t, so recall(t) is at least the highest such level
// (it is quantized to steps of 0.01, and may lie up to 0.01 above), and precision(t) is taken as the
// interpolated precision there (the best precision at that recall or beyond, pycocotools' envelope):
// an estimate, not the raw count ratio. Exact counts come from the server
// (`/runs/{run}/evaluations/{key}/operating-point`) at the IoU the evaluation matched objects
// with; this estimate serves the curve's other IoU thresholds.

/** The number of recall levels pycocotools uses (0, 0.01, …, 1). */
export const RECALL_LEVELS = 101;

/**
 * The reached part of a stored curve as points: `{recall, precision, score}` for each level i
 * with precision > 0, in recall order (levels past the last one reached are dropped, as their 0s
 * mean "not reached", not "precision 0").
 * @param {{precision: number[], scores?: number[]}} curve
 * @returns {{recall: number, precision: number, score: number|null}[]}
 */
export function curvePoints(curve) {
  const precision = curve?.precision ?? [];
  const scores = curve?.scores ?? [];
  const points = [];
  for (let i = 0; i < precision.length; i += 1) {
    if (!(precision[i] > 0)) continue;
    points.push({ recall: i / (precision.length - 1 || 1), precision: precision[i], score: typeof scores[i] === 'number' ? scores[i] : null });
  }
  return points;
}

/**
 * F1 of a precision and a recall: 2PR / (P + R); 0 when both are 0; null when either is missing.
 * @param {number|null} precision
 * @param {number|null} recall
 * @returns {number|null}
 */
export function f1Score(precision, recall) {
  if (typeof precision !== 'number' || typeof recall !== 'number') return null;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Precision, recall and F1 at score threshold `t` estimated from a stored curve (see the module
 * comment): the highest reached recall level whose score is ≥ t. Below every level (a threshold
 * above the best detection): recall 0 and precision null (no detection kept), F1 0.
 * @param {{precision: number[], scores: number[]}} curve
 * @param {number} t
 * @returns {{precision: number|null, recall: number, f1: number, level: number}} level = −1 when none
 */
export function atThreshold(curve, t) {
  const points = curvePoints(curve);
  let best = -1;
  for (let i = 0; i < points.length; i += 1) {
    if (points[i].score !== null && points[i].score >= t) best = i;
  }
  if (best < 0) return { precision: null, recall: 0, f1: 0, level: -1 };
  const { precision, recall } = points[best];
  return { precision, recall, f1: f1Score(precision, recall), level: Math.round(recall * (RECALL_LEVELS - 1)) };
}

/**
 * The curve of a class at an IoU threshold among `details.curves` (entries `{category_id,
 * iou_threshold, precision, scores}`, category ids 1-based in per-class order), or null.
 * @param {object[]} curves
 * @param {number} classIndex 0-based index of the class in the evaluation's per-class list
 * @param {number} iou
 * @returns {object|null}
 */
export function findCurve(curves, classIndex, iou) {
  return (curves ?? []).find((c) => c.category_id === classIndex + 1 && Math.abs(c.iou_threshold - iou) < 1e-9) ?? null;
}

/**
 * The distinct IoU thresholds of the stored curves, ascending.
 * @param {object[]} curves
 * @returns {number[]}
 */
export function curveThresholds(curves) {
  return [...new Set((curves ?? []).map((c) => c.iou_threshold))].sort((a, b) => a - b);
}
