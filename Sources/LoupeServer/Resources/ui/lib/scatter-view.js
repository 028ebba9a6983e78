// Data ↔ screen geometry for the projector's scatter: a layout's 2-D points (data units, y up)
// drawn in a canvas (CSS pixels, y down), fitted, zoomed and panned. Pure: numbers in, numbers out.

/**
 * A scatter view: screen x = x × scale + tx, screen y = ty − y × scale (data y points up).
 * `scale` is CSS pixels per data unit (> 0); (tx, ty) is where the data origin lands on screen.
 * @typedef {{scale: number, tx: number, ty: number}} ScatterView
 */

/**
 * The bounds of the finite points of (`xs`, `ys`); points with a NaN or infinite coordinate are
 * skipped. No finite point gives the unit square [0, 1] × [0, 1].
 * - Complexity: O(n).
 * @param {ArrayLike<number>} xs
 * @param {ArrayLike<number>} ys
 * @returns {{minX: number, maxX: number, minY: number, maxY: number}}
 */
export function dataBounds(xs, ys) {
  let minX = Infinity; let maxX = -Infinity; let minY = Infinity; let maxY = -Infinity;
  for (let i = 0; i < xs.length; i += 1) {
    const x = xs[i]; const y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (minX > maxX) return { minX: 0, maxX: 1, minY: 0, maxY: 1 };
  return { minX, maxX, minY, maxY };
}

/**
 * The view that fits `bounds` in a `width`×`height` canvas with `padding` pixels on each side,
 * the same scale on both axes, centred. A zero-size extent (one point, or all on a line) is
 * widened to one data unit on that axis so the scale stays finite.
 * @param {{minX: number, maxX: number, minY: number, maxY: number}} bounds
 * @param {number} width canvas width (CSS pixels)
 * @param {number} height canvas height (CSS pixels)
 * @param {number} [padding] default 16
 * @returns {ScatterView}
 */
export function fitView(bounds, width, height, padding = 16) {
  const spanX = bounds.maxX - bounds.minX || 1;
  const spanY = bounds.maxY - bounds.minY || 1;
  const availableW = Math.max(1, width - 2 * padding);
  const availableH = Math.max(1, height - 2 * padding);
  const scale = Math.min(availableW / spanX, availableH / spanY);
  const cx = (bounds.minX + bounds.maxX) / 2;
  const cy = (bounds.minY + bounds.maxY) / 2;
  return { scale, tx: width / 2 - cx * scale, ty: height / 2 + cy * scale };
}

/**
 * A data point on screen.
 * @param {ScatterView} v
 * @param {number} x
 * @param {number} y
 * @returns {[number, number]}
 */
export function dataToScreen(v, x, y) {
  return [x * v.scale + v.tx, v.ty - y * v.scale];
}

/**
 * The data point under a screen point (the inverse of `dataToScreen`).
 * @param {ScatterView} v
 * @param {number} sx
 * @param {number} sy
 * @returns {[number, number]}
 */
export function screenToData(v, sx, sy) {
  return [(sx - v.tx) / v.scale, (v.ty - sy) / v.scale];
}

/**
 * Zooms by `factor` about the screen point (`sx`, `sy`), which stays over the same data point;
 * the scale is clamped to [`minScale`, `maxScale`]. A non-finite or non-positive factor changes
 * nothing.
 * @param {ScatterView} v
 * @param {number} factor
 * @param {number} sx
 * @param {number} sy
 * @param {{minScale?: number, maxScale?: number}} [limits] default [0, Infinity)
 * @returns {ScatterView}
 */
export function zoomView(v, factor, sx, sy, limits = {}) {
  if (!(factor > 0) || !Number.isFinite(factor)) return { ...v };
  const scale = Math.min(limits.maxScale ?? Infinity, Math.max(limits.minScale ?? 0, v.scale * factor));
  const [x, y] = screenToData(v, sx, sy);
  return { scale, tx: sx - x * scale, ty: sy + y * scale };
}

/**
 * The view moved by (`dx`, `dy`) screen pixels.
 * @param {ScatterView} v
 * @param {number} dx
 * @param {number} dy
 * @returns {ScatterView}
 */
export function panView(v, dx, dy) {
  return { scale: v.scale, tx: v.tx + dx, ty: v.ty + dy };
}

/**
 * Every point's screen position written into `outX`, `outY` (typed arrays of the same length),
 * so drawing and hit-testing read precomputed numbers.
 * - Complexity: O(n).
 * @param {ScatterView} v
 * @param {ArrayLike<number>} xs
 * @param {ArrayLike<number>} ys
 * @param {Float32Array} outX
 * @param {Float32Array} outY
 */
export function projectPoints(v, xs, ys, outX, outY) {
  const { scale, tx, ty } = v;
  for (let i = 0; i < xs.length; i += 1) {
    outX[i] = xs[i] * scale + tx;
    outY[i] = ty - ys[i] * scale;
  }
}

/**
 * A screen rectangle (two corners in any order) as the data box it covers.
 * @param {ScatterView} v
 * @param {number} sx0
 * @param {number} sy0
 * @param {number} sx1
 * @param {number} sy1
 * @returns {{minX: number, maxX: number, minY: number, maxY: number}}
 */
export function screenBoxToData(v, sx0, sy0, sx1, sy1) {
  const [ax, ay] = screenToData(v, sx0, sy0);
  const [bx, by] = screenToData(v, sx1, sy1);
  return { minX: Math.min(ax, bx), maxX: Math.max(ax, bx), minY: Math.min(ay, by), maxY: Math.max(ay, by) };
}
