// The run dashboard's precision–recall curves per class with a score-threshold control, and the
// reliability diagram of a classification evaluation. The threshold control shows exact counts
// from the server at the IoU the evaluation matched with, and elsewhere the estimate from the
// stored 101-level curves explained in lib/pr-curve.js.

import * as api from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { fixed } from '../lib/format.js';
import { atThreshold, curvePoints, curveThresholds, findCurve } from '../lib/pr-curve.js';
import { metric } from '../lib/run-metrics.js';
import { prCurve, reliabilityDiagram } from './run-charts.js';

/** The PR-curve and calibration sections (each hidden when the evaluation lacks its data). */
export function curvesSection(context) {
  const { evaluation } = context;
  const parts = [];
  const curves = evaluation.details?.curves;
  if (Array.isArray(curves) && curves.length > 0) parts.push(prSection(context, curves));
  const bins = evaluation.details?.reliability;
  if (Array.isArray(bins) && bins.length > 0) {
    const ece = metric(evaluation.summary, 'expected_calibration_error');
    parts.push(el('section', { class: 'run-calibration' }, el('h2', {}, 'Calibration'),
      el('p', { class: 'muted' }, 'Accuracy per bin of top-class confidence (bars) against the bin’s mean confidence (ticks); the diagonal is perfect calibration.',
        ece ? ` Expected calibration error ${fixed(ece.value)}.` : ''),
      reliabilityDiagram(bins)));
  }
  return el('div', { class: 'run-curves' }, parts);
}

function prSection(context, curves) {
  const { evaluation, evaluationPath, app } = context;
  const classes = (evaluation.per_class ?? []).map((c) => c.class_name);
  const ious = curveThresholds(curves);
  // Exact counts exist at the IoU the evaluation matched objects with (stored per object);
  // other IoUs fall back to the estimate from the stored curve.
  const matchedIoU = evaluation.kind === 'detection' ? (evaluation.parameters?.iou_threshold ?? 0.5) : null;
  const minimumScore = evaluation.parameters?.score_threshold ?? 0;
  const classSelect = el('select', { name: 'pr-class', 'aria-label': 'Class' },
    classes.map((name, i) => el('option', { value: String(i) }, name)));
  const iouSelect = el('select', { name: 'pr-iou', 'aria-label': 'IoU threshold' },
    ious.map((t) => el('option', { value: String(t) }, `IoU ${fixed(t, 2)}`)));
  if (matchedIoU !== null && ious.some((t) => Math.abs(t - matchedIoU) < 1e-9)) iouSelect.value = String(ious.find((t) => Math.abs(t - matchedIoU) < 1e-9));
  const initial = typeof context.state.threshold === 'number' ? Math.min(1, Math.max(0, context.state.threshold)) : 0.5;
  const slider = el('input', { type: 'range', name: 'threshold', min: '0', max: '1', step: '0.01', value: String(initial), 'aria-label': 'Score threshold' });
  const sliderValue = el('output', { class: 'threshold-value' }, fixed(initial, 2));
  const readout = el('dl', { class: 'threshold-readout' });
  const note = el('p', { class: 'muted small' });
  const chart = el('div', { class: 'pr-chart' });
  let sequence = 0;
  let timer = null;
  const show = (points, marker, label, values, exact) => {
    replaceChildren(chart, points.length || marker
      ? prCurve(points, marker, { label })
      : el('p', { class: 'empty' }, 'No curve stored for this class.'));
    const entry = evaluation.per_class[Number(classSelect.value)];
    const bestF1 = metric(entry?.metrics, 'best_f1');
    const bestAt = metric(entry?.metrics, 'best_f1_threshold');
    readout.dataset.source = exact ? 'exact' : 'estimate';
    replaceChildren(readout,
      el('dt', {}, 'precision'), el('dd', { dataset: { metric: 'precision' } }, typeof values?.precision === 'number' ? fixed(values.precision) : '—'),
      el('dt', {}, 'recall'), el('dd', { dataset: { metric: 'recall' } }, typeof values?.recall === 'number' ? fixed(values.recall, exact ? 3 : 2) : '—'),
      el('dt', {}, 'F1'), el('dd', { dataset: { metric: 'f1' } }, typeof values?.f1 === 'number' ? fixed(values.f1) : '—'),
      exact ? [el('dt', {}, 'TP · FP · FN'), el('dd', { dataset: { metric: 'counts' } },
        `${values.true_positives} · ${values.false_positives} · ${values.false_negatives}`)] : null,
      bestF1 ? [el('dt', {}, 'best F1'), el('dd', {}, `${fixed(bestF1.value)} at score ${fixed(bestAt?.value, 2)}`)] : null);
    note.textContent = exact
      ? `Counted over every detection scoring at least the threshold, matched at IoU ${fixed(matchedIoU, 2)} as the evaluation matched them.`
      : 'Estimated from the stored curve (101 recall levels, interpolated precision): recall is known to 0.01 and precision is the best at that recall or beyond. Exact counts are kept at the evaluation\'s own IoU.';
  };
  const update = () => {
    const classIndex = Number(classSelect.value);
    const iou = Number(iouSelect.value);
    const t = Number(slider.value);
    sliderValue.textContent = fixed(t, 2);
    const curve = findCurve(curves, classIndex, iou);
    const points = curve ? curvePoints(curve) : [];
    const label = `precision–recall of ${classes[classIndex]} at IoU ${fixed(iou, 2)}`;
    const at = curve ? atThreshold(curve, t) : null;
    const current = ++sequence;
    clearTimeout(timer);
    if (matchedIoU === null || Math.abs(iou - matchedIoU) > 1e-9 || t < minimumScore) {
      show(points, at && at.level >= 0 ? at : null, label, at, false);
      return;
    }
    // While the slider moves, ask once it rests for a moment; the latest answer wins.
    timer = setTimeout(async () => {
      try {
        const point = await api.get(`${evaluationPath}/operating-point`, { threshold: t });
        if (current !== sequence || context.isStale()) return;
        const counts = point.classes.find((c) => c.class === classes[classIndex])
          ?? { true_positives: 0, false_positives: 0, false_negatives: 0, precision: null, recall: null, f1: 0 };
        show(points, counts.recall === null ? null : counts, label, counts, true);
      } catch (error) {
        if (current === sequence) app.setStatus(error.message);
      }
    }, 60);
  };
  classSelect.addEventListener('change', update);
  iouSelect.addEventListener('change', update);
  slider.addEventListener('input', update);
  // The threshold goes into the URL when the person lets go, not on every step of the drag.
  slider.addEventListener('change', () => app.remember({ ...app.state, threshold: Number(slider.value) }));
  update();
  return el('section', { class: 'run-pr' }, el('h2', {}, 'Precision–recall'),
    el('div', { class: 'pr-controls' }, classSelect, iouSelect,
      el('label', { class: 'threshold' }, 'score ≥ ', slider, sliderValue)),
    el('div', { class: 'pr-body' }, chart, el('div', {}, readout, note)));
}
