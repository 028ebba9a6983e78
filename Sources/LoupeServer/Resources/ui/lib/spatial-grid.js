// A uniform grid over screen points for hover hit-testing: each point on screen lands in one
// square cell, stored cell by cell (a counting sort), so the nearest point to the pointer is
// looked for in the few cells around it instead of in every point. Pure.

/**
 * @typedef {{cell: number, cols: number, rows: number, starts: Int32Array, items: Int32Array}} SpatialGrid
 * `starts[c]` … `starts[c + 1]` is the range of `items` (point indices, ascending) in cell `c`
 * (row-major: c = row × cols + col).
 */

/**
 * The grid of the points of (`sx`, `sy`) that lie in [0, `width`) × [0, `height`); points
 * off screen (or NaN) are left out.
 * - Complexity: O(n + cells), two passes.
 * @param {ArrayLike<number>} sx screen x per point
 * @param {ArrayLike<number>} sy screen y per point
 * @param {number} width
 * @param {number} height
 * @param {number} [cell] cell size in pixels, default 16
 * @returns {SpatialGrid}
 */
export function buildGrid(sx, sy, width, height, cell = 16) {
  const cols = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  const n = sx.length;
  const cellOf = new Int32Array(n);
  const starts = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i += 1) {
    const x = sx[i]; const y = sy[i];
    if (!(x >= 0 && x < width && y >= 0 && y < height)) { cellOf[i] = -1; continue; }
    const c = Math.floor(y / cell) * cols + Math.floor(x / cell);
    cellOf[i] = c;
    starts[c + 1] += 1;
  }
  for (let c = 0; c < cols * rows; c += 1) starts[c + 1] += starts[c];
  const fill = starts.slice(0, cols * rows);
  const items = new Int32Array(starts[cols * rows]);
  for (let i = 0; i < n; i += 1) {
    const c = cellOf[i];
    if (c >= 0) { items[fill[c]] = i; fill[c] += 1; }
  }
  return { cell, cols, rows, starts, items };
}

/**
 * The index of the point nearest to (`x`, `y`) within `radius` pixels (Euclidean), or −1.
 * Ties go to the point drawn last (the highest index), which is the one on top.
 * - Complexity: O(points in the cells the radius touches).
 * @param {SpatialGrid} grid
 * @param {ArrayLike<number>} sx
 * @param {ArrayLike<number>} sy
 * @param {number} x
 * @param {number} y
 * @param {number} radius
 * @returns {number}
 */
export function nearestPoint(grid, sx, sy, x, y, radius) {
  const { cell, cols, rows, starts, items } = grid;
  const c0 = Math.max(0, Math.floor((x - radius) / cell));
  const c1 = Math.min(cols - 1, Math.floor((x + radius) / cell));
  const r0 = Math.max(0, Math.floor((y - radius) / cell));
  const r1 = Math.min(rows - 1, Math.floor((y + radius) / cell));
  let best = -1;
  let bestDistance = radius * radius;
  for (let r = r0; r <= r1; r += 1) {
    for (let c = c0; c <= c1; c += 1) {
      const cellIndex = r * cols + c;
      for (let k = starts[cellIndex]; k < starts[cellIndex + 1]; k += 1) {
        const i = items[k];
        const dx = sx[i] - x; const dy = sy[i] - y;
        const d = dx * dx + dy * dy;
        if (d < bestDistance || (d === bestDistance && i > best)) { best = i; bestDistance = d; }
      }
    }
  }
  return best;
}
