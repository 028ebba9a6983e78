import test from 'node:test';
import assert from 'node:assert/strict';
import {
  IDENTITY, fitTransform, zoomAt, pan, imageToScreen, screenToImage, boxToScreen, polygonToScreen,
  boxIoU, pointInBox, pointInPolygon, topmostAt,
} from '../../../Sources/LoupeServer/Resources/ui/lib/geometry.js';

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} ≉ ${b}`);

test('fitTransform: a 640×480 image in an 800×600 viewport with 20 px padding', () => {
  // available 760×560: min(760/640, 560/480) = min(1.1875, 1.1667) = 1.1667 (height-bound)
  const t = fitTransform(640, 480, 800, 600, { padding: 20 });
  close(t.scale, 560 / 480);
  close(t.tx, (800 - 640 * (560 / 480)) / 2);
  close(t.ty, 20);
  const [x, y] = imageToScreen(t, 640, 480);
  close(y, 580);
  close(x, 800 - t.tx);
});

test('fitTransform: maxScale caps upscaling, degenerate sizes give scale 1 centred', () => {
  const small = fitTransform(10, 10, 1000, 1000, { maxScale: 4 });
  assert.deepEqual(small, { scale: 4, tx: 480, ty: 480 });
  assert.deepEqual(fitTransform(0, 100, 200, 200), { scale: 1, tx: 100, ty: 50 });
  assert.deepEqual(fitTransform(100, 100, 30, 30, { padding: 20 }), { scale: 1, tx: -35, ty: -35 });
});

test('screenToImage inverts imageToScreen', () => {
  const t = { scale: 2.5, tx: -13, ty: 7.25 };
  for (const [x, y] of [[0, 0], [10.5, -3], [1e4, 123.456]]) {
    const [sx, sy] = imageToScreen(t, x, y);
    const [ix, iy] = screenToImage(t, sx, sy);
    close(ix, x);
    close(iy, y);
  }
  assert.deepEqual(imageToScreen(IDENTITY, 3, 4), [3, 4]);
});

test('zoomAt keeps the image point under the cursor fixed and clamps the scale', () => {
  const t = { scale: 1, tx: 100, ty: 50 };
  const before = screenToImage(t, 300, 200);
  const z = zoomAt(t, 2, 300, 200);
  assert.equal(z.scale, 2);
  const after = screenToImage(z, 300, 200);
  close(after[0], before[0]);
  close(after[1], before[1]);
  assert.deepEqual(z, { scale: 2, tx: -100, ty: -100 });
  const capped = zoomAt(t, 1000, 300, 200, { maxScale: 8 });
  assert.equal(capped.scale, 8);
  const p = screenToImage(capped, 300, 200);
  close(p[0], before[0]);
  assert.equal(zoomAt(t, 1e-6, 0, 0, { minScale: 0.5 }).scale, 0.5);
  assert.deepEqual(zoomAt(t, 0, 0, 0), t);
  assert.deepEqual(zoomAt(t, NaN, 0, 0), t);
});

test('pan moves the offset only', () => {
  assert.deepEqual(pan({ scale: 3, tx: 1, ty: 2 }, 10, -5), { scale: 3, tx: 11, ty: -3 });
});

test('boxToScreen and polygonToScreen scale and translate', () => {
  const t = { scale: 2, tx: 10, ty: 20 };
  assert.deepEqual(boxToScreen(t, { x: 5, y: 6, width: 7, height: 8 }), { x: 20, y: 32, width: 14, height: 16 });
  assert.deepEqual(polygonToScreen(t, [0, 0, 1, 0, 1, 1]), [[[10, 20], [12, 20], [12, 22]]]);
  assert.deepEqual(polygonToScreen(t, [[0, 0, 1, 1, 2], [3, 3]]), [[[10, 20], [12, 22]], [[16, 26]]]);
  assert.deepEqual(polygonToScreen(t, []), []);
});

test('boxIoU matches the COCO definition on hand-computed cases', () => {
  const a = { x: 0, y: 0, width: 10, height: 10 };
  assert.equal(boxIoU(a, a), 1);
  // overlap 5×10 = 50, union 100 + 100 − 50 = 150
  close(boxIoU(a, { x: 5, y: 0, width: 10, height: 10 }), 50 / 150);
  // overlap 2×3 = 6, union 100 + 6 − 6
  close(boxIoU(a, { x: 1, y: 2, width: 2, height: 3 }), 6 / 100);
  assert.equal(boxIoU(a, { x: 10, y: 0, width: 5, height: 5 }), 0); // touching edges
  assert.equal(boxIoU(a, { x: 20, y: 20, width: 5, height: 5 }), 0);
  assert.equal(boxIoU({ x: 1, y: 1, width: 0, height: 0 }, { x: 1, y: 1, width: 0, height: 0 }), 0);
  assert.equal(boxIoU(a, { x: 0, y: 0, width: -5, height: 5 }), 0);
  // symmetric; pycocotools maskUtils.iou([[0,0,10,10]], [[3,4,12,9]], [0]) = 42/(100+108-42)
  const b = { x: 3, y: 4, width: 12, height: 9 };
  close(boxIoU(a, b), 42 / 166);
  close(boxIoU(b, a), boxIoU(a, b));
});

test('pointInBox includes edges, rejects negative sizes', () => {
  const box = { x: 1, y: 2, width: 3, height: 4 };
  assert.equal(pointInBox(box, 1, 2), true);
  assert.equal(pointInBox(box, 4, 6), true);
  assert.equal(pointInBox(box, 4.01, 6), false);
  assert.equal(pointInBox(box, 0.99, 3), false);
  assert.equal(pointInBox({ x: 0, y: 0, width: -1, height: 1 }, 0, 0), false);
});

test('pointInPolygon: even-odd over rings, holes excluded, degenerate rings ignored', () => {
  const square = [0, 0, 10, 0, 10, 10, 0, 10];
  assert.equal(pointInPolygon(square, 5, 5), true);
  assert.equal(pointInPolygon(square, 15, 5), false);
  const withHole = [square, [3, 3, 7, 3, 7, 7, 3, 7]];
  assert.equal(pointInPolygon(withHole, 5, 5), false);
  assert.equal(pointInPolygon(withHole, 1, 1), true);
  // concave "L": the notch (7,7) is outside
  const ell = [0, 0, 10, 0, 10, 4, 4, 4, 4, 10, 0, 10];
  assert.equal(pointInPolygon(ell, 7, 7), false);
  assert.equal(pointInPolygon(ell, 2, 8), true);
  assert.equal(pointInPolygon([0, 0, 1, 1], 0.5, 0.5), false);
  assert.equal(pointInPolygon([], 0, 0), false);
});

test('topmostAt returns the last drawn object under the point, polygon before box', () => {
  const objects = [
    { id: 'big', box: { x: 0, y: 0, width: 100, height: 100 } },
    { id: 'small', box: { x: 10, y: 10, width: 10, height: 10 } },
    { id: 'tri', box: { x: 50, y: 50, width: 40, height: 40 }, polygon: [50, 50, 90, 50, 50, 90] },
    { id: 'nothing' },
  ];
  assert.equal(topmostAt(objects, 15, 15).object.id, 'small');
  assert.equal(topmostAt(objects, 15, 15).index, 1);
  assert.equal(topmostAt(objects, 55, 55).object.id, 'tri');
  // inside the triangle's box but outside the triangle: falls through to "big"
  assert.equal(topmostAt(objects, 85, 85).object.id, 'big');
  assert.equal(topmostAt(objects, 150, 150), null);
  assert.equal(topmostAt([], 0, 0), null);
});
