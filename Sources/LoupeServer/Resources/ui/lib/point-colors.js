// Colours of the projector's points: each point gets a category code (its label or split), each
// code a packed RGBA colour for writing straight into ImageData. Pure.

import { MISSING, classColorMap, parseHex, viridis } from './colors.js';

/**
 * The category of every point as a code: 0 for none (no value), k + 1 for `categories[k]`.
 * `categories` lists `order`'s names first (the dataset's class order, so colours match the other
 * pages), then the other values in sorted order (code-unit order).
 * - Complexity: O(n + c log c).
 * @param {Array<string|null|undefined>} values one per point
 * @param {string[]} [order] names that come first, in this order
 * @returns {{categories: string[], codes: Uint16Array, counts: number[]}} `counts[k]` points per
 *   code (index 0 = none)
 */
export function categorize(values, order = []) {
  const seen = new Set(values.filter((v) => typeof v === 'string'));
  const first = order.filter((name, i) => seen.has(name) && order.indexOf(name) === i);
  const firstSet = new Set(first);
  const rest = [...seen].filter((v) => !firstSet.has(v)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const categories = [...first, ...rest];
  const index = new Map(categories.map((name, k) => [name, k + 1]));
  const codes = new Uint16Array(values.length);
  const counts = new Array(categories.length + 1).fill(0);
  values.forEach((v, i) => {
    const code = typeof v === 'string' ? index.get(v) : 0;
    codes[i] = code;
    counts[code] += 1;
  });
  return { categories, codes, counts };
}

/**
 * `rgb(r, g, b)` or `#rrggbb` as [r, g, b].
 * @param {string} color
 * @returns {[number, number, number]}
 */
export function rgbTriple(color) {
  const match = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : parseHex(color);
}

/**
 * A colour packed as one little-endian RGBA word, as a Uint32Array view of ImageData holds it
 * (alpha 255).
 * @param {[number, number, number]} rgb
 * @returns {number}
 */
export function packRGBA([r, g, b]) {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/**
 * `rgb` mixed with `background` (weight `amount` of the colour), for dimming the points outside a
 * selection without alpha blending per pixel.
 * @param {[number, number, number]} rgb
 * @param {[number, number, number]} background
 * @param {number} amount in [0, 1]
 * @returns {[number, number, number]}
 */
export function mix(rgb, background, amount) {
  return rgb.map((c, k) => Math.round(c * amount + background[k] * (1 - amount)));
}

/**
 * The CSS colour of each code: index 0 (none) is `MISSING` grey; labels take the dataset's class
 * colours (`classColorMap(classOrder)`), other kinds (splits) the palette in category order.
 * @param {string[]} categories
 * @param {'label'|'split'} by
 * @param {string[]} classOrder the dataset's classes
 * @returns {string[]} length categories.length + 1
 */
export function categoryColors(categories, by, classOrder) {
  const colorOf = classColorMap(by === 'label' ? classOrder : categories);
  return [MISSING, ...categories.map((name) => colorOf(name))];
}

/**
 * Packed colours per code, full and dimmed against `background`.
 * @param {string[]} colors CSS colours per code
 * @param {[number, number, number]} background
 * @returns {{full: Uint32Array, dim: Uint32Array}}
 */
export function packedPalette(colors, background) {
  const triples = colors.map(rgbTriple);
  return {
    full: Uint32Array.from(triples.map(packRGBA)),
    dim: Uint32Array.from(triples.map((t) => packRGBA(mix(t, background, 0.2)))),
  };
}

/**
 * Scores in [0, 1] (a data-issue score: lower is worse) as `bins` equal-width categories, for
 * colouring a layout by a continuous value with the categorical machinery: code 0 for a point
 * without a score (null, undefined or NaN), k + 1 for bin k = min(bins − 1, ⌊score · bins⌋), values
 * clamped to [0, 1]. Categories are the bins' ranges (`0.0–0.1`), colours viridis from the worst
 * bin (dark purple) to the cleanest (yellow).
 * - Complexity: O(n + bins).
 * @param {Array<number|null|undefined>} scores one per point
 * @param {number} [bins] 1…1000
 * @returns {{categories: string[], codes: Uint16Array, counts: number[], colors: string[]}}
 */
export function scoreBins(scores, bins = 10) {
  const digits = bins <= 10 ? 1 : 2;
  const categories = Array.from({ length: bins }, (_, k) => `${(k / bins).toFixed(digits)}–${((k + 1) / bins).toFixed(digits)}`);
  const codes = new Uint16Array(scores.length);
  const counts = new Array(bins + 1).fill(0);
  scores.forEach((score, i) => {
    const code = typeof score === 'number' && !Number.isNaN(score)
      ? 1 + Math.min(bins - 1, Math.floor(Math.min(1, Math.max(0, score)) * bins)) : 0;
    codes[i] = code;
    counts[code] += 1;
  });
  const colors = [MISSING, ...categories.map((_, k) => viridis(bins === 1 ? 1 : k / (bins - 1)))];
  return { categories, codes, counts, colors };
}
