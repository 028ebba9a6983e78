// Box and lasso selection over a layout's points, in data coordinates. Pure.

/**
 * Whether (`x`, `y`) is inside the polygon (even–odd rule, by ray casting). Points exactly on an
 * edge may fall either way; a polygon of fewer than 3 vertices contains nothing.
 * @param {Array<[number, number]>} polygon vertices in order (closed implicitly)
 * @param {number} x
 * @param {number} y
 * @returns {boolean}
 */
export function insidePolygon(polygon, x, y) {
  const n = polygon.length;
  if (n < 3) return false;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i, i += 1) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The indices (ascending) of the points inside a closed box, bounds included.
 * - Complexity: O(n).
 * @param {ArrayLike<number>} xs
 * @param {ArrayLike<number>} ys
 * @param {{minX: number, maxX: number, minY: number, maxY: number}} box
 * @returns {Int32Array}
 */
export function selectInBox(xs, ys, box) {
  const out = [];
  for (let i = 0; i < xs.length; i += 1) {
    const x = xs[i]; const y = ys[i];
    if (x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY) out.push(i);
  }
  return Int32Array.from(out);
}

/**
 * The indices (ascending) of the points inside a polygon (`insidePolygon`); the polygon's
 * bounding box is checked first so most points cost two comparisons.
 * - Complexity: O(n + k·m) for k points in the bounding box and m vertices.
 * @param {ArrayLike<number>} xs
 * @param {ArrayLike<number>} ys
 * @param {Array<[number, number]>} polygon
 * @returns {Int32Array}
 */
export function selectInPolygon(xs, ys, polygon) {
  if (polygon.length < 3) return new Int32Array(0);
  let minX = Infinity; let maxX = -Infinity; let minY = Infinity; let maxY = -Infinity;
  for (const [x, y] of polygon) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const out = [];
  for (let i = 0; i < xs.length; i += 1) {
    const x = xs[i]; const y = ys[i];
    if (x < minX || x > maxX || y < minY || y > maxY) continue;
    if (insidePolygon(polygon, x, y)) out.push(i);
  }
  return Int32Array.from(out);
}

/**
 * A string literal of the filter language: double-quoted, with `\\`, `\"` and every control
 * character (as `\uXXXX`) escaped.
 * @param {string} text
 * @returns {string}
 */
export function quoteFilterString(text) {
  return `"${text.replace(/[\\"\u0000-\u001f]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}

/**
 * The filter that selects exactly `keys` (`key in ["a", …]`), for the first `cap` keys.
 * @param {string[]} keys
 * @param {number} [cap] default 300
 * @returns {{filter: string, truncated: boolean}}
 */
export function keysFilter(keys, cap = 300) {
  const kept = keys.slice(0, cap);
  return { filter: kept.length === 0 ? '' : `key in [${kept.map(quoteFilterString).join(', ')}]`, truncated: keys.length > cap };
}
