import test from 'node:test';
import assert from 'node:assert/strict';
import {
  dataBounds, fitView, dataToScreen, screenToData, zoomView, panView, projectPoints, screenBoxToData,
} from '../../../Sources/LoupeServer/Resources/ui/lib/scatter-view.js';
import { buildGrid, nearestPoint } from '../../../Sources/LoupeServer/Resources/ui/lib/spatial-grid.js';
import { insidePolygon, selectInBox, selectInPolygon, keysFilter, quoteFilterString } from '../../../Sources/LoupeServer/Resources/ui/lib/selection.js';
import { categorize, categoryColors, packRGBA, packedPalette, rgbTriple, mix } from '../../../Sources/LoupeServer/Resources/ui/lib/point-colors.js';
import { rasterize } from '../../../Sources/LoupeServer/Resources/ui/lib/scatter-raster.js';
import { classColorMap, MISSING } from '../../../Sources/LoupeServer/Resources/ui/lib/colors.js';

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} ≉ ${b}`);

/** A seeded linear congruential generator in [0, 1). */
function random(seed) {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

test('dataBounds skips non-finite points; none gives the unit square', () => {
  assert.deepEqual(dataBounds([1, NaN, -2, 4], [3, 0, Infinity, -1]), { minX: 1, maxX: 4, minY: -1, maxY: 3 });
  assert.deepEqual(dataBounds([], []), { minX: 0, maxX: 1, minY: 0, maxY: 1 });
});

test('fitView: a 4×2 extent in a 232×132 canvas with 16 px padding, y up, centred', () => {
  // available 200×100: scale = min(200/4, 100/2) = 50; centre (1, 1) at (116, 66)
  const v = fitView({ minX: -1, maxX: 3, minY: 0, maxY: 2 }, 232, 132);
  close(v.scale, 50);
  assert.deepEqual(dataToScreen(v, 1, 1), [116, 66]);
  assert.deepEqual(dataToScreen(v, -1, 2), [16, 16]); // top-left corner: min x, max y
  assert.deepEqual(dataToScreen(v, 3, 0), [216, 116]);
  // A single point: the zero extent is widened to 1, so the scale stays finite.
  const one = fitView({ minX: 5, maxX: 5, minY: 5, maxY: 5 }, 100, 100, 0);
  close(one.scale, 100);
  assert.deepEqual(dataToScreen(one, 5, 5), [50, 50]);
});

test('screenToData inverts dataToScreen; zoom keeps the point under the pointer; pan moves by pixels', () => {
  const v = { scale: 37.5, tx: -12.25, ty: 400 };
  for (const [x, y] of [[0, 0], [3.5, -2], [-10, 7.25]]) {
    const [sx, sy] = dataToScreen(v, x, y);
    const [bx, by] = screenToData(v, sx, sy);
    close(bx, x); close(by, y);
  }
  const anchor = screenToData(v, 300, 200);
  const zoomed = zoomView(v, 2, 300, 200);
  close(zoomed.scale, 75);
  const after = screenToData(zoomed, 300, 200);
  close(after[0], anchor[0]); close(after[1], anchor[1]);
  assert.equal(zoomView(v, 1000, 0, 0, { maxScale: 100 }).scale, 100);
  assert.deepEqual(zoomView(v, NaN, 0, 0), v);
  const moved = panView(v, 10, -5);
  const [sx, sy] = dataToScreen(moved, 1, 1);
  const [ox, oy] = dataToScreen(v, 1, 1);
  close(sx - ox, 10); close(sy - oy, -5);
});

test('projectPoints fills typed arrays as dataToScreen does; screenBoxToData orders corners', () => {
  const v = { scale: 2, tx: 10, ty: 100 };
  const xs = [0, 1, -3]; const ys = [0, 5, 2];
  const sx = new Float32Array(3); const sy = new Float32Array(3);
  projectPoints(v, xs, ys, sx, sy);
  assert.deepEqual([...sx], [10, 12, 4]);
  assert.deepEqual([...sy], [100, 90, 96]);
  assert.deepEqual(screenBoxToData(v, 14, 80, 10, 100), { minX: 0, maxX: 2, minY: 0, maxY: 10 });
});

test('insidePolygon: a concave L shape, its notch outside; degenerate polygons contain nothing', () => {
  const l = [[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4]];
  assert.equal(insidePolygon(l, 0.5, 3), true);
  assert.equal(insidePolygon(l, 3, 0.5), true);
  assert.equal(insidePolygon(l, 3, 3), false); // the notch
  assert.equal(insidePolygon(l, 5, 0.5), false);
  assert.equal(insidePolygon([[0, 0], [1, 1]], 0.5, 0.5), false);
});

test('selectInBox includes the bounds; selectInPolygon agrees with a brute-force even-odd oracle', () => {
  const xs = [0, 1, 2, 3, 1.5]; const ys = [0, 1, 2, 3, 1.5];
  assert.deepEqual([...selectInBox(xs, ys, { minX: 1, maxX: 2, minY: 1, maxY: 2 })], [1, 2, 4]);
  const next = random(7);
  const n = 2000;
  const px = Array.from({ length: n }, () => next() * 10);
  const py = Array.from({ length: n }, () => next() * 10);
  for (let trial = 0; trial < 20; trial += 1) {
    // A random star polygon around (5, 5): vertices at increasing angles, random radii.
    const polygon = Array.from({ length: 7 }, (_, k) => {
      const angle = (k / 7) * 2 * Math.PI; const r = 1 + next() * 4;
      return [5 + r * Math.cos(angle), 5 + r * Math.sin(angle)];
    });
    const expected = [];
    for (let i = 0; i < n; i += 1) if (insidePolygon(polygon, px[i], py[i])) expected.push(i);
    assert.deepEqual([...selectInPolygon(px, py, polygon)], expected);
    // A box as a 4-vertex polygon selects what the box selects (no point lies on its edges).
    const box = { minX: next() * 5, maxX: 5 + next() * 5, minY: next() * 5, maxY: 5 + next() * 5 };
    assert.deepEqual([...selectInPolygon(px, py, [[box.minX, box.minY], [box.maxX, box.minY], [box.maxX, box.maxY], [box.minX, box.maxY]])],
      [...selectInBox(px, py, box)]);
  }
});

test('keysFilter quotes keys for the filter language and says when it cut the list', () => {
  assert.deepEqual(keysFilter(['a', 'b"c'], 5), { filter: 'key in ["a", "b\\"c"]', truncated: false });
  assert.deepEqual(keysFilter(['a', 'b', 'c'], 2), { filter: 'key in ["a", "b"]', truncated: true });
  assert.deepEqual(keysFilter([]), { filter: '', truncated: false });
  assert.equal(quoteFilterString('x\\y\n'), '"x\\\\y\\u000a"');
});

test('nearestPoint over the grid equals a brute-force search, ties to the highest index', () => {
  const next = random(3);
  const n = 3000; const width = 400; const height = 300;
  const sx = Float32Array.from({ length: n }, () => next() * 440 - 20); // some off screen
  const sy = Float32Array.from({ length: n }, () => next() * 340 - 20);
  const grid = buildGrid(sx, sy, width, height, 16);
  for (let q = 0; q < 500; q += 1) {
    const x = next() * width; const y = next() * height; const radius = 2 + next() * 10;
    let best = -1; let bestD = radius * radius;
    for (let i = 0; i < n; i += 1) {
      if (!(sx[i] >= 0 && sx[i] < width && sy[i] >= 0 && sy[i] < height)) continue;
      const d = (sx[i] - x) ** 2 + (sy[i] - y) ** 2;
      if (d < bestD || (d === bestD && i > best)) { best = i; bestD = d; }
    }
    assert.equal(nearestPoint(grid, sx, sy, x, y, radius), best);
  }
  const twins = buildGrid(Float32Array.of(5, 5), Float32Array.of(5, 5), 10, 10, 4);
  assert.equal(nearestPoint(twins, Float32Array.of(5, 5), Float32Array.of(5, 5), 5, 5, 1), 1);
  assert.equal(nearestPoint(twins, Float32Array.of(5, 5), Float32Array.of(5, 5), 9, 9, 1), -1);
});

test('categorize: class order first, then sorted others, 0 for none, with counts', () => {
  const { categories, codes, counts } = categorize(['spam', null, 'x', 'ham', 'spam', undefined], ['ham', 'spam', 'absent']);
  assert.deepEqual(categories, ['ham', 'spam', 'x']);
  assert.deepEqual([...codes], [2, 0, 3, 1, 2, 0]);
  assert.deepEqual(counts, [2, 1, 2, 1]);
});

test('categoryColors: labels take the dataset class colours, none is grey; packing is little-endian RGBA', () => {
  const colors = categoryColors(['spam', 'other'], 'label', ['ham', 'spam']);
  const colorOf = classColorMap(['ham', 'spam']);
  assert.deepEqual(colors, [MISSING, colorOf('spam'), colorOf('other')]);
  const splits = categoryColors(['test', 'train'], 'split', []);
  assert.deepEqual(splits, [MISSING, classColorMap(['test', 'train'])('test'), classColorMap(['test', 'train'])('train')]);
  assert.deepEqual(rgbTriple('rgb(1, 2, 3)'), [1, 2, 3]);
  assert.deepEqual(rgbTriple('#0a0b0c'), [10, 11, 12]);
  assert.equal(packRGBA([1, 2, 3]), 0xff030201);
  assert.deepEqual(mix([200, 100, 0], [0, 0, 100], 0.5), [100, 50, 50]);
  const palette = packedPalette(['rgb(200, 0, 0)'], [255, 255, 255]);
  assert.equal(palette.full[0], packRGBA([200, 0, 0]));
  assert.equal(palette.dim[0], packRGBA([244, 204, 204]));
});

test('rasterize draws squares, skips points off the buffer, and draws a selection over the rest', () => {
  const width = 8; const height = 6;
  const pixels = new Uint32Array(width * height);
  const palette = { full: Uint32Array.of(0, 11, 22), dim: Uint32Array.of(0, 1, 2) };
  const sx = Float32Array.of(1, 1.5, 7, -1); const sy = Float32Array.of(1, 1, 5, 2);
  const codes = Uint16Array.of(1, 2, 1, 1);
  // Point 1 overlaps point 0 and is drawn later; points 2 (square past the edge) and 3 are off.
  assert.equal(rasterize(pixels, width, height, sx, sy, codes, palette, { size: 2 }), 2);
  assert.equal(pixels[1 * width + 1], 22);
  assert.equal(pixels[2 * width + 2], 22);
  assert.equal(pixels[0], 0);
  // With point 0 selected, it is drawn in full after the dimmed others.
  pixels.fill(0);
  rasterize(pixels, width, height, sx, sy, codes, palette, { size: 2, selected: Uint8Array.of(1, 0, 0, 0), anySelected: true });
  assert.equal(pixels[1 * width + 1], 11);
  assert.equal(pixels[1 * width + 2], 11);
  // A ratio of 2 (a high-density screen) places the point at twice the coordinates.
  pixels.fill(0);
  rasterize(pixels, width, height, Float32Array.of(1), Float32Array.of(1), Uint16Array.of(1), palette, { size: 1, ratio: 2 });
  assert.equal(pixels[2 * width + 2], 11);
});

test('scoreBins: equal-width bins of [0, 1], clamped, missing scores in code 0, viridis from worst to clean', async () => {
  const { scoreBins } = await import('../../../Sources/LoupeServer/Resources/ui/lib/point-colors.js');
  const { viridis, MISSING } = await import('../../../Sources/LoupeServer/Resources/ui/lib/colors.js');
  const { categories, codes, counts, colors } = scoreBins([0, 0.05, 0.1, 0.95, 1, null, Number.NaN, -3, 7], 10);
  assert.deepEqual(Array.from(codes), [1, 1, 2, 10, 10, 0, 0, 1, 10]);
  assert.equal(categories.length, 10);
  assert.equal(categories[0], '0.0–0.1');
  assert.equal(categories[9], '0.9–1.0');
  assert.deepEqual(counts, [2, 3, 1, 0, 0, 0, 0, 0, 0, 0, 3]);
  assert.equal(colors[0], MISSING);
  assert.equal(colors[1], viridis(0));
  assert.equal(colors[10], viridis(1));
  assert.deepEqual(Array.from(scoreBins([0.5], 1).codes), [1]);
});
