import test from 'node:test';
import assert from 'node:assert/strict';
import { decodeCounts, decodeMask, maskPixels } from '../../../Sources/LoupeServer/Resources/ui/lib/rle.js';

// Both fixtures were encoded by pycocotools 2.0.11 (mask.encode of a Fortran-ordered uint8 array):
// a seeded numpy 7×5 mask (default_rng(3), > 0.55), and a 40×30 rectangle with a bar across it.
const small = {
  size: [7, 5], counts: '311040M000O51K00O10',
  mask: [[0, 0, 1, 1, 0], [0, 0, 0, 1, 0], [0, 0, 0, 1, 1], [1, 0, 1, 1, 0], [0, 1, 0, 0, 1], [1, 0, 1, 0, 1], [0, 0, 1, 1, 0]],
};
const big = { size: [40, 30], counts: ':2V1000Kl0YO0000000000000000000000000000000000000000000005TOg0000F', area: 732 };

test('a pycocotools mask decodes pixel for pixel', () => {
  assert.deepEqual(Array.from(decodeMask(small)), small.mask.flat());
});

test('runs add up to the image and the area is pycocotools\'', () => {
  const counts = decodeCounts(big.counts);
  assert.equal(counts.reduce((a, b) => a + b, 0), 40 * 30);
  const mask = decodeMask(big);
  assert.equal(mask.reduce((a, b) => a + b, 0), big.area);
  // The bar across rows 10–11 reaches both edges; the rectangle spans rows 5–34, columns 3–26.
  assert.equal(mask[10 * 30 + 0], 1);
  assert.equal(mask[10 * 30 + 29], 1);
  assert.equal(mask[4 * 30 + 10], 0);
  assert.equal(mask[34 * 30 + 26], 1);
  assert.equal(mask[35 * 30 + 26], 0);
});

test('uncompressed counts, empty and short RLEs', () => {
  assert.deepEqual(Array.from(decodeMask({ size: [2, 2], counts: [1, 2, 1] })), [0, 1, 1, 0]);
  assert.deepEqual(decodeCounts(''), []);
  assert.deepEqual(Array.from(decodeMask({ size: [2, 2], counts: [] })), [0, 0, 0, 0]);
  assert.deepEqual(Array.from(decodeMask({ size: [1, 3], counts: [0, 9] })), [1, 1, 1]);
});

test('pixels paint ones in the colour and leave zeros clear', () => {
  assert.deepEqual(Array.from(maskPixels(Uint8Array.from([1, 0]), [10, 20, 30], 128)), [10, 20, 30, 128, 0, 0, 0, 0]);
});
