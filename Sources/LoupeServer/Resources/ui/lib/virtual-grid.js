// The arithmetic of the catalog's virtualized grid: how many columns fit, which cells are on
// screen (plus a margin) for a scroll position, and how tall the whole grid is. Pure.

/**
 * The layout of `count` equal cells in a container `width` pixels wide: `columns` (at least 1),
 * the cell pitch (`cellWidth`, `rowHeight`, gaps included) and the grid's total height.
 * Edge cases: zero cells give height 0; a container narrower than one cell still has one column.
 * @param {{count: number, width: number, cellWidth: number, cellHeight: number, gap?: number}} options
 * @returns {{columns: number, pitchX: number, pitchY: number, rows: number, height: number}}
 */
export function gridLayout({ count, width, cellWidth, cellHeight, gap = 0 }) {
  const columns = Math.max(1, Math.floor((width + gap) / (cellWidth + gap)));
  const rows = Math.ceil(Math.max(0, count) / columns);
  const pitchX = cellWidth + gap;
  const pitchY = cellHeight + gap;
  return { columns, pitchX, pitchY, rows, height: rows === 0 ? 0 : rows * pitchY - gap };
}

/**
 * The half-open range [start, end) of cell indices to render when the viewport shows grid pixels
 * [`top`, `top + height`): every cell of a grid row that intersects it, plus `margin` grid rows
 * above and below, clamped to [0, count).
 * @param {ReturnType<typeof gridLayout>} layout
 * @param {number} count
 * @param {number} top scroll offset into the grid (may be negative above it)
 * @param {number} height viewport height
 * @param {number} [margin=1] extra grid rows on each side
 * @returns {{start: number, end: number}}
 */
export function visibleRange(layout, count, top, height, margin = 1) {
  if (count <= 0 || height <= 0) return { start: 0, end: 0 };
  const firstRow = Math.max(0, Math.floor(top / layout.pitchY) - margin);
  const lastRow = Math.max(-1, Math.floor((top + height) / layout.pitchY) + margin);
  const start = Math.min(count, firstRow * layout.columns);
  const end = Math.min(count, (lastRow + 1) * layout.columns);
  return { start, end: Math.max(start, end) };
}

/**
 * The pixel position of cell `index` in the grid (row-major).
 * @param {ReturnType<typeof gridLayout>} layout
 * @param {number} index
 * @returns {{left: number, top: number}}
 */
export function cellPosition(layout, index) {
  return { left: (index % layout.columns) * layout.pitchX, top: Math.floor(index / layout.columns) * layout.pitchY };
}

/**
 * Browsers cap an element's height (Chromium at 2^25 px), and a million rows of cards are taller.
 * This maps a grid of `height` px onto a scroll area of at most `maxHeight` px: `scrollHeight` is
 * the area to make scrollable; `virtualTop(scrollTop)` the grid offset a scroll position shows (so
 * the bottom of the scroll area is the bottom of the grid); `screenTop(top, scrollTop)` where a
 * cell at grid offset `top` goes in the scroll area. Below the cap it is the identity.
 * @param {number} height the grid's height (px)
 * @param {number} viewport the visible height (px)
 * @param {number} [maxHeight=8_000_000] the tallest scroll area used (px)
 */
export function scrollMapping(height, viewport, maxHeight = 8_000_000) {
  if (height <= maxHeight) {
    return { scrollHeight: height, virtualTop: (scrollTop) => scrollTop, screenTop: (top) => top };
  }
  const ratio = Math.max(0, height - viewport) / Math.max(1, maxHeight - viewport);
  return {
    scrollHeight: maxHeight,
    virtualTop: (scrollTop) => scrollTop * ratio,
    screenTop: (top, scrollTop) => top - scrollTop * ratio + scrollTop,
  };
}
