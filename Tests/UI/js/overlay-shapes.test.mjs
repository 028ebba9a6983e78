import test from 'node:test';
import assert from 'node:assert/strict';
import { readOverlays, writeOverlays, shapeOf, drawnObjects, withOutcomes } from '../../../Sources/LoupeServer/Resources/ui/lib/overlay-shapes.js';

test('overlays are exclusions: empty shows everything, and they round-trip', () => {
  const all = readOverlays([]);
  assert.equal(all.gt, true);
  assert.equal(all.pred, true);
  assert.equal(all.hiddenClasses.size, 0);
  const some = readOverlays(['-pred', '-class:dog', '-class:a,b']);
  assert.equal(some.gt, true);
  assert.equal(some.pred, false);
  assert.deepEqual([...some.hiddenClasses], ['dog', 'a,b']);
  assert.deepEqual(writeOverlays(some), ['-pred', '-class:dog', '-class:a,b']);
});

test('shapeOf: boxes, polygons, points and masks (their RLE kept); none and malformed masks draw nothing', () => {
  assert.deepEqual(shapeOf({ kind: 'box', box: [1, 2, 3, 4] }), { type: 'box', x: 1, y: 2, width: 3, height: 4 });
  assert.deepEqual(shapeOf({ kind: 'polygon', polygon: [[0, 0, 1, 0, 1, 1]] }), { type: 'polygon', rings: [[0, 0, 1, 0, 1, 1]] });
  assert.deepEqual(shapeOf({ kind: 'point', point: [5, 6] }), { type: 'point', x: 5, y: 6 });
  assert.equal(shapeOf({ kind: 'none' }), null);
  assert.deepEqual(shapeOf({ kind: 'mask', mask: { size: [1, 1], counts: '1' } }), { type: 'mask', rle: { size: [1, 1], counts: '1' } });
  assert.equal(shapeOf({ kind: 'mask', mask: { counts: '1' } }), null);
});

const annotations = [
  { id: 1, class_name: 'dog', geometry: { kind: 'box', box: [0, 0, 10, 10] } },
  { id: 2, class_name: 'cat', geometry: { kind: 'box', box: [5, 5, 10, 10] } },
  { id: 3, class_name: 'cat', geometry: { kind: 'none' } },
];
const predictions = [
  { id: 7, class_name: 'dog', score: 0.9, geometry: { kind: 'box', box: [0, 0, 9, 9] } },
  { id: 8, class_name: 'cat', score: 0.5, geometry: { kind: 'box', box: [50, 50, 9, 9] } },
  { id: 9, class_name: 'dog', score: 0.49, geometry: { kind: 'box', box: [1, 1, 9, 9] } },
];

test('drawnObjects: threshold inclusive, hidden sources and classes left out', () => {
  const all = drawnObjects({ annotations, predictions, settings: readOverlays([]), threshold: 0.5 });
  assert.deepEqual(all.map((o) => `${o.source}${o.id}`), ['gt1', 'gt2', 'pred7', 'pred8']);
  const noCats = drawnObjects({ annotations, predictions, settings: readOverlays(['-class:cat']), threshold: 0 });
  assert.deepEqual(noCats.map((o) => `${o.source}${o.id}`), ['gt1', 'pred7', 'pred9']);
  const gtOnly = drawnObjects({ annotations, predictions, settings: readOverlays(['-pred']), threshold: 0 });
  assert.deepEqual(gtOnly.map((o) => o.source), ['gt', 'gt']);
});

test('withOutcomes joins predictions by prediction_id and ground truth by annotation_id', () => {
  const objects = drawnObjects({ annotations, predictions, settings: readOverlays([]), threshold: 0 });
  const evaluated = [
    { outcome: 'tp', prediction_id: 7, annotation_id: 1, iou: 0.81 },
    { outcome: 'fp', prediction_id: 8, reason: 'background' },
    { outcome: 'fp', prediction_id: 9, reason: 'duplicate' },
    { outcome: 'fn', annotation_id: 2 },
  ];
  const joined = withOutcomes(objects, evaluated);
  assert.deepEqual(joined.map((o) => [o.source, o.id, o.outcome, o.reason, o.iou]), [
    ['gt', 1, 'tp', undefined, 0.81], ['gt', 2, 'fn', undefined, undefined],
    ['pred', 7, 'tp', undefined, 0.81], ['pred', 8, 'fp', 'background', undefined], ['pred', 9, 'fp', 'duplicate', undefined],
  ]);
  assert.equal(withOutcomes(objects, [])[0].outcome, undefined);
});
