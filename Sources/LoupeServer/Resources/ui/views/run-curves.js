// The run dashboard's precision–recall curves per class with a score-threshold control, and the
// reliability diagram of a classification evaluation. What the threshold control computes (an
// estimate from the stored 101-level curves) is explained in lib/pr-curve.js.

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
  const { evaluation, app } = context;
  const classes = (evaluation.per_class ?? []).map((c) => c.class_name);
  const ious = curveThresholds(curves);
  const classSelect = el('select', { name: 'pr-class', 'aria-label': 'Class' },
    classes.map((name, i) => el('option', { value: String(i) }, name)));
  const iouSelect = el('select', { name: 'pr-iou', 'aria-label': 'IoU threshold' },
    ious.map((t) => el('option', { value: String(t) }, `IoU ${fixed(t, 2)}`)));
  const initial = typeof context.state.threshold === 'number' ? Math.min(1, Math.max(0, context.state.threshold)) : 0.5;
  const slider = el('input', { type: 'range', name: 'threshold', min: '0', max: '1', step: '0.01', value: String(initial), 'aria-label': 'Score threshold' });
  const sliderValue = el('output', { class: 'threshold-value' }, fixed(initial, 2));
  const readout = el('dl', { class: 'threshold-readout' });
  const chart = el('div', { class: 'pr-chart' });
  const update = () => {
    const classIndex = Number(classSelect.value);
    const iou = Number(iouSelect.value);
    const t = Number(slider.value);
    sliderValue.textContent = fixed(t, 2);
    const curve = findCurve(curves, classIndex, iou);
    const points = curve ? curvePoints(curve) : [];
    const at = curve ? atThreshold(curve, t) : null;
    replaceChildren(chart, curve
      ? prCurve(points, at && at.level >= 0 ? at : null, { label: `precision–recall of ${classes[classIndex]} at IoU ${fixed(iou, 2)}` })
      : el('p', { class: 'empty' }, 'No curve stored for this class.'));
    const entry = evaluation.per_class[classIndex];
    const bestF1 = metric(entry?.metrics, 'best_f1');
    const bestAt = metric(entry?.metrics, 'best_f1_threshold');
    replaceChildren(readout,
      el('dt', {}, 'precision'), el('dd', { dataset: { metric: 'precision' } }, at?.precision === null || !at ? '—' : fixed(at.precision)),
      el('dt', {}, 'recall'), el('dd', { dataset: { metric: 'recall' } }, at ? fixed(at.recall, 2) : '—'),
      el('dt', {}, 'F1'), el('dd', { dataset: { metric: 'f1' } }, at ? fixed(at.f1) : '—'),
      bestF1 ? [el('dt', {}, 'best F1 (exact)'), el('dd', {}, `${fixed(bestF1.value)} at score ${fixed(bestAt?.value, 2)}`)] : null);
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
    el('div', { class: 'pr-body' }, chart, el('div', {}, readout,
      el('p', { class: 'muted small' }, 'Estimated from the stored curve (101 recall levels, interpolated precision): recall is known to 0.01 and precision is the best at that recall or beyond. The best-F1 line is computed from every detection.'))));
}
