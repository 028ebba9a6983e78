import test from 'node:test';
import assert from 'node:assert/strict';
import {
  linearScale, logScale, bandScale, tickStep, ticks, niceDomain, histogram,
} from '../../../Sources/LoupeServer/Resources/ui/lib/scales.js';

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} ≉ ${b}`);

test('linearScale maps, inverts, clamps, handles reversed and empty domains', () => {
  const s = linearScale([0, 10], [100, 300]);
  assert.equal(s(0), 100);
  assert.equal(s(2.5), 150);
  assert.equal(s(20), 500);
  assert.equal(s.invert(150), 2.5);
  const c = linearScale([0, 10], [100, 300], { clamp: true });
  assert.equal(c(20), 300);
  assert.equal(c(-5), 100);
  assert.equal(c.invert(1000), 10);
  const y = linearScale([0, 1], [400, 0]); // SVG y axis
  assert.equal(y(0.25), 300);
  assert.equal(y.invert(100), 0.75);
  const r = linearScale([10, 0], [0, 100]);
  assert.equal(r(10), 0);
  assert.equal(r(2), 80);
  const e = linearScale([5, 5], [0, 100]);
  assert.equal(e(5), 50);
  assert.equal(e(99), 50);
  assert.equal(e.invert(10), 5);
  assert.deepEqual(s.ticks(5), [0, 2, 4, 6, 8, 10]);
});

test('logScale: decades evenly spaced, invert, ticks', () => {
  const s = logScale([1, 1000], [0, 300]);
  close(s(10), 100);
  close(s(100), 200);
  close(s.invert(150), Math.sqrt(1000));
  assert.ok(Number.isNaN(s(0)));
  assert.ok(Number.isNaN(s(-1)));
  assert.deepEqual(s.ticks(), [1, 10, 100, 1000]);
  assert.deepEqual(logScale([1, 10], [0, 1]).ticks(), [1, 2, 5, 10]);
  assert.deepEqual(logScale([0.001, 0.1], [0, 1]).ticks(), [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]);
  const neg = logScale([-1000, -1], [0, 300]);
  close(neg(-10), 200);
  assert.deepEqual(neg.ticks(), [-1000, -100, -10, -1]);
});

test('bandScale: positions, bandwidth, padding, lookup by position', () => {
  const b = bandScale(['a', 'b', 'c', 'd'], [0, 100]);
  assert.equal(b.step, 25);
  assert.equal(b.bandwidth, 25);
  assert.equal(b('c'), 50);
  assert.equal(b('z'), undefined);
  // step = 120 / (3 − 0.2 + 2·0.5) = 120 / 3.8; band 0 starts at 0.5·step
  const p = bandScale(['x', 'y', 'z'], [0, 120], { paddingInner: 0.2, paddingOuter: 0.5 });
  close(p.step, 120 / 3.8);
  close(p.bandwidth, 0.8 * 120 / 3.8);
  close(p('x'), 0.5 * 120 / 3.8);
  close(p('z') + p.bandwidth + 0.5 * p.step, 120);
  assert.equal(p.index('y'), 1);
  assert.equal(p.index('w'), -1);
  assert.equal(p.at(p('y') + 1), 1);
  assert.equal(p.at(1), -1); // outer padding
  assert.equal(p.at(p('x') + p.bandwidth + 0.5), -1); // inner padding
  assert.equal(bandScale([], [0, 100]).step, 0);
  assert.equal(bandScale([], [0, 100]).at(5), -1);
});

test('tickStep is 1, 2 or 5 × 10^k as d3 chooses it', () => {
  assert.equal(tickStep(0, 10, 10), 1);
  assert.equal(tickStep(0, 10, 5), 2);
  assert.equal(tickStep(0, 100, 3), 50); // 33.3 ≥ √10·10 → 5·10
  assert.equal(tickStep(0, 1, 10), 0.1);
  assert.equal(tickStep(3, 3, 10), 0);
  assert.equal(tickStep(0, 1, 0), 0);
  assert.equal(tickStep(0, Infinity, 5), 0);
});

test('ticks: nice values, reversed, negative, tiny, huge, equal ends', () => {
  assert.deepEqual(ticks(0, 1, 10), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assert.deepEqual(ticks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(ticks(-7.3, 12.1, 5), [-5, 0, 5, 10]);
  assert.deepEqual(ticks(-1, 1, 5), [-1, -0.5, 0, 0.5, 1]);
  assert.deepEqual(ticks(1, 0, 5), [1, 0.8, 0.6, 0.4, 0.2, 0]);
  assert.deepEqual(ticks(0.001, 0.0013, 3), [0.001, 0.0011, 0.0012, 0.0013]);
  assert.deepEqual(ticks(1e-9, 5e-9, 4), [1e-9, 2e-9, 3e-9, 4e-9, 5e-9]);
  assert.deepEqual(ticks(0, 1e12, 4), [0, 2e11, 4e11, 6e11, 8e11, 1e12]);
  assert.deepEqual(ticks(3, 3), [3]);
  assert.deepEqual(ticks(0, NaN), []);
  assert.deepEqual(ticks(0, 1, 0), []);
  for (const t of ticks(-1, 1, 10)) assert.ok(!Object.is(t, -0));
  // count ≈ requested
  for (const [lo, hi] of [[0, 7], [-3.3, 99], [12, 13.7], [0.05, 0.93]]) {
    const n = ticks(lo, hi, 10).length;
    assert.ok(n >= 5 && n <= 15, `${lo}..${hi}: ${n} ticks`);
  }
});

test('niceDomain widens to ticks', () => {
  assert.deepEqual(niceDomain(0.13, 0.97, 10), [0.1, 1]);
  assert.deepEqual(niceDomain(-7.3, 12.1, 5), [-10, 15]);
  assert.deepEqual(niceDomain(97, 3, 10), [100, 0]);
  assert.deepEqual(niceDomain(4, 4), [4, 4]);
});

test('histogram: exactly n bins with nice edges, counts, last edge inclusive', () => {
  const h = histogram([0, 0.05, 0.5, 1], 10);
  assert.deepEqual(h.edges, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assert.deepEqual(h.counts, [2, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  const g = histogram([3, 17, 42, 99], 4);
  assert.deepEqual(g.edges, [0, 25, 50, 75, 100]);
  assert.deepEqual(g.counts, [2, 1, 0, 1]);
  const n = histogram([-0.3, 0.7, Infinity, NaN], 5);
  // width 0.1 and 0.2 cannot cover [−0.3, 0.7] in 5 bins from a multiple below −0.3; 0.25 can
  assert.deepEqual(n.edges, [-0.5, -0.25, 0, 0.25, 0.5, 0.75]);
  assert.deepEqual(n.counts, [1, 0, 0, 0, 1]);
  assert.equal(n.skipped, 2);
  assert.deepEqual(histogram([2, 2, NaN]), { edges: [1.5, 2.5], counts: [2], skipped: 1 });
  assert.deepEqual(histogram([]), { edges: [], counts: [], skipped: 0 });
  assert.deepEqual(histogram([-0.29, 0.69], 1), { edges: [-1, 1], counts: [2], skipped: 0 });
});

test('histogram: every value lands in exactly one bin (seeded random data)', () => {
  let seed = 42;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let trial = 0; trial < 50; trial += 1) {
    const scale = 10 ** Math.floor(random() * 12 - 6);
    const values = Array.from({ length: 200 }, () => (random() - 0.3) * scale);
    const bins = 1 + Math.floor(random() * 30);
    const h = histogram(values, bins);
    assert.equal(h.counts.length, bins);
    assert.equal(h.edges.length, bins + 1);
    assert.equal(h.counts.reduce((a, b) => a + b), values.length);
    for (let i = 0; i < bins; i += 1) assert.ok(h.edges[i] < h.edges[i + 1]);
    assert.ok(h.edges[0] <= Math.min(...values) && h.edges[bins] >= Math.max(...values));
    for (const v of values) {
      const expected = h.edges.findIndex((e, i) => i < bins && v >= e && (v < h.edges[i + 1] || i === bins - 1));
      assert.ok(expected >= 0);
    }
  }
});
