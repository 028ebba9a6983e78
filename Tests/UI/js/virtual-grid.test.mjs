import test from 'node:test';
import assert from 'node:assert/strict';
import { gridLayout, visibleRange, cellPosition } from '../../../Sources/LoupeServer/Resources/ui/lib/virtual-grid.js';

test('gridLayout: columns that fit with gaps, total height without a trailing gap', () => {
  // (1000 + 10) / (200 + 10) = 4.8 → 4 columns; 10 cells → 3 grid rows of pitch 250
  const layout = gridLayout({ count: 10, width: 1000, cellWidth: 200, cellHeight: 240, gap: 10 });
  assert.deepEqual(layout, { columns: 4, pitchX: 210, pitchY: 250, rows: 3, height: 740 });
  assert.equal(gridLayout({ count: 0, width: 1000, cellWidth: 200, cellHeight: 240 }).height, 0);
  assert.equal(gridLayout({ count: 5, width: 50, cellWidth: 200, cellHeight: 240 }).columns, 1);
});

test('visibleRange: the rows intersecting the viewport plus a margin, clamped', () => {
  const layout = gridLayout({ count: 1000, width: 1000, cellWidth: 200, cellHeight: 240, gap: 10 });
  // top 0, height 500: grid rows 0..2, margin 1 → rows 0..3 → cells [0, 16)
  assert.deepEqual(visibleRange(layout, 1000, 0, 500, 1), { start: 0, end: 16 });
  // top 2500 (row 10), height 500 → rows 10..12, margin 1 → 9..13 → [36, 56)
  assert.deepEqual(visibleRange(layout, 1000, 2500, 500, 1), { start: 36, end: 56 });
  // past the end: clamped to count
  assert.deepEqual(visibleRange(layout, 10, 0, 5000, 1), { start: 0, end: 10 });
  assert.deepEqual(visibleRange(layout, 0, 0, 500), { start: 0, end: 0 });
  assert.deepEqual(visibleRange(layout, 1000, -300, 200, 0), { start: 0, end: 0 });
});

test('cellPosition is row-major on the pitch', () => {
  const layout = gridLayout({ count: 10, width: 1000, cellWidth: 200, cellHeight: 240, gap: 10 });
  assert.deepEqual(cellPosition(layout, 0), { left: 0, top: 0 });
  assert.deepEqual(cellPosition(layout, 5), { left: 210, top: 250 });
});

test('scrollMapping: the identity below the cap; above it, the whole grid spans the capped area', async () => {
  const { scrollMapping } = await import('../../../Sources/LoupeServer/Resources/ui/lib/virtual-grid.js');
  const small = scrollMapping(5000, 800, 8000);
  assert.equal(small.scrollHeight, 5000);
  assert.equal(small.virtualTop(1234), 1234);
  assert.equal(small.screenTop(300, 1234), 300);
  // A million cards of 220 px in rows of 4: 55,000,000 px onto 8,000,000.
  const big = scrollMapping(55_000_000, 800, 8_000_000);
  assert.equal(big.scrollHeight, 8_000_000);
  assert.equal(big.virtualTop(0), 0);
  // The last scroll position shows the grid's last screen.
  assert.ok(Math.abs(big.virtualTop(8_000_000 - 800) - (55_000_000 - 800)) < 1e-6);
  // A cell at the virtual top appears at the top of the viewport, wherever the scroll is.
  for (const scrollTop of [0, 1234, 4_000_000, 7_999_200]) {
    const top = big.virtualTop(scrollTop);
    assert.ok(Math.abs(big.screenTop(top, scrollTop) - scrollTop) < 1e-6);
    assert.ok(Math.abs(big.screenTop(top + 220, scrollTop) - (scrollTop + 220)) < 1e-6);
  }
});
