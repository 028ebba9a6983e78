import test from 'node:test';
import assert from 'node:assert/strict';
import { atThreshold, curvePoints, curveThresholds, f1Score, findCurve } from '../../../Sources/LoupeServer/Resources/ui/lib/pr-curve.js';
import { cellShade, headlineNames, maxCount, perClassColumns, runsOldestFirst, sortPerClass } from '../../../Sources/LoupeServer/Resources/ui/lib/run-metrics.js';
import { linePath, plotArea, reliabilityBars, seriesPoints } from '../../../Sources/LoupeServer/Resources/ui/lib/chart-geometry.js';
import { errorDelta, flippedRows } from '../../../Sources/LoupeServer/Resources/ui/lib/compare-rows.js';
import { extraParam, withExtraParam } from '../../../Sources/LoupeServer/Resources/ui/lib/extra-params.js';

// A 5-level curve (recall 0, .25, .5, .75, 1) reaching recall 0.5: scores fall as recall grows.
const curve = { precision: [1, 1, 0.5, 0, 0], scores: [0.9, 0.9, 0.3, 0, 0] };

test('curvePoints drops the levels never reached', () => {
  assert.deepEqual(curvePoints(curve), [
    { recall: 0, precision: 1, score: 0.9 }, { recall: 0.25, precision: 1, score: 0.9 }, { recall: 0.5, precision: 0.5, score: 0.3 }]);
  assert.deepEqual(curvePoints({ precision: [] }), []);
});

test('atThreshold takes the highest recall level whose score clears the threshold', () => {
  const low = atThreshold(curve, 0.3);
  assert.equal(low.recall, 0.5);
  assert.equal(low.precision, 0.5);
  assert.equal(low.f1, 0.5);
  const high = atThreshold(curve, 0.5);
  assert.equal(high.recall, 0.25);
  assert.equal(high.precision, 1);
  assert.equal(high.f1, 0.4);
  assert.deepEqual(atThreshold(curve, 0.95), { precision: null, recall: 0, f1: 0, level: -1 });
});

test('f1Score: harmonic mean, 0 for 0/0, null when missing', () => {
  assert.equal(f1Score(1, 1), 1);
  assert.equal(f1Score(0, 0), 0);
  assert.equal(f1Score(null, 0.5), null);
  assert.ok(Math.abs(f1Score(0.5, 0.25) - 1 / 3) < 1e-12);
});

test('findCurve maps the 1-based category id to the per-class index at one IoU', () => {
  const curves = [{ category_id: 1, iou_threshold: 0.5 }, { category_id: 2, iou_threshold: 0.5 }, { category_id: 2, iou_threshold: 0.75 }];
  assert.equal(findCurve(curves, 1, 0.75), curves[2]);
  assert.equal(findCurve(curves, 0, 0.75), null);
  assert.deepEqual(curveThresholds(curves), [0.5, 0.75]);
});

test('sortPerClass: by value, missing last in both directions, ties in input order', () => {
  const rows = [
    { class_name: 'b', metrics: [{ name: 'AP', value: 0.5 }] },
    { class_name: 'a', metrics: [{ name: 'AP' }] },
    { class_name: 'c', metrics: [{ name: 'AP', value: 0.9 }] },
    { class_name: 'd', metrics: [{ name: 'AP', value: 0.5 }] },
  ];
  assert.deepEqual(sortPerClass(rows, 'AP', true).map((r) => r.class_name), ['c', 'b', 'd', 'a']);
  assert.deepEqual(sortPerClass(rows, 'AP', false).map((r) => r.class_name), ['b', 'd', 'c', 'a']);
  assert.deepEqual(sortPerClass(rows, 'class_name', false).map((r) => r.class_name), ['a', 'b', 'c', 'd']);
  assert.deepEqual(perClassColumns([{ metrics: [{ name: 'AP' }] }, { metrics: [{ name: 'tp' }, { name: 'AP' }] }]), ['AP', 'tp']);
});

test('headlineNames and run order', () => {
  assert.deepEqual(headlineNames({ kind: 'detection', summary: [{ name: 'AR1' }, { name: 'AP50' }, { name: 'AP' }] }), ['AP', 'AP50']);
  assert.deepEqual(headlineNames({ kind: 'other', summary: [{ name: 'x' }, { name: 'y' }] }), ['x', 'y']);
  const runs = runsOldestFirst([{ name: 'b', created_at: '2026-01-02T00:00:00Z' }, { name: 'c', created_at: '2026-01-01T00:00:00Z' }, { name: 'a', created_at: '2026-01-02T00:00:00Z' }]);
  assert.deepEqual(runs.map((r) => r.name), ['c', 'a', 'b']);
});

test('cellShade is logarithmic in [0, 1]', () => {
  assert.equal(cellShade(0, 10), 0);
  assert.equal(cellShade(10, 10), 1);
  assert.equal(cellShade(3, 0), 0);
  assert.ok(cellShade(1, 100) > 0.1 && cellShade(1, 100) < 0.2);
  assert.equal(maxCount([[1, 7], [3, 0]]), 7);
  assert.equal(maxCount([]), 0);
});

test('chart geometry: areas, series with gaps, reliability bars', () => {
  const area = plotArea(100, 50, { top: 5, right: 10, bottom: 5, left: 10 });
  assert.deepEqual(area, { x0: 10, x1: 90, y0: 45, y1: 5 });
  const { points } = seriesPoints([0, null, 1], area, [0, 1]);
  assert.deepEqual(points, [[10, 45], [50, null], [90, 5]]);
  assert.equal(linePath([[10, 45], [50, NaN], [90, 5], [91.005, 6]]), 'M10,45M90,5L91.01,6');
  assert.deepEqual(seriesPoints([0.5], area, [0, 1]).points, [[50, 25]]);
  const bars = reliabilityBars([
    { lower_edge: 0, upper_edge: 0.5, count: 0 },
    { lower_edge: 0.5, upper_edge: 1, count: 4, accuracy: 0.5, mean_confidence: 0.75 }], area);
  assert.equal(bars.length, 1);
  assert.deepEqual({ x: bars[0].x, width: bars[0].width, y: bars[0].y, height: bars[0].height, gapY: bars[0].gapY },
    { x: 50, width: 40, y: 25, height: 20, gapY: 15 });
});

test('flippedRows: classification flips as given, detection by the change in errors', () => {
  const { fixed, broken } = flippedRows([
    { key: 'a', flip: 'fixed' }, { key: 'b', flip: 'broken' },
    { key: 'c', true_positives: 1, false_positives: 0, false_negatives: -1 },
    { key: 'd', true_positives: 0, false_positives: 2, false_negatives: 0 },
    { key: 'e', true_positives: 1, false_positives: 1, false_negatives: -1 }]);
  assert.deepEqual(fixed.map((c) => c.key), ['a', 'c']);
  assert.deepEqual(broken.map((c) => c.key), ['b', 'd']);
  assert.equal(errorDelta({ false_negatives: -2 }), -2);
});

test('extra parameters are read, replaced and removed in place', () => {
  const extra = ['key=a%2Fb', 'x', 'n=1+2'];
  assert.equal(extraParam(extra, 'key'), 'a/b');
  assert.equal(extraParam(extra, 'x'), '');
  assert.equal(extraParam(extra, 'n'), '1 2');
  assert.equal(extraParam(extra, 'missing', 'd'), 'd');
  assert.equal(extraParam(['bad=%E0'], 'bad', 'f'), 'f');
  assert.deepEqual(withExtraParam(extra, 'key', 'c d'), ['key=c%20d', 'x', 'n=1+2']);
  assert.deepEqual(withExtraParam(extra, 'key', null), ['x', 'n=1+2']);
  assert.deepEqual(withExtraParam(extra, 'new', 'v'), [...extra, 'new=v']);
});
