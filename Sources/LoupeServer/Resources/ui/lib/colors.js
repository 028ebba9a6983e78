// Colours for classes, sequential and diverging maps, and readable text colour. Pure; every
// colour is returned as a CSS `rgb(r, g, b)` string with integer channels in [0, 255].

/**
 * The categorical palette: 24 colours, hue-spread so that neighbours in the list differ most, each
 * with WCAG relative luminance between 0.11 and 0.29 so that it has at least 3:1 contrast against
 * both white and black (WCAG 1.4.11 for graphics) — boxes stay visible on dark and light images and
 * themes. The first 12 are vivid (luminance ≈ 0.20), the next 12 alternate lighter and darker
 * variants of intermediate hues.
 */
export const CATEGORICAL = Object.freeze([
  '#ee2929', '#0b8a8a', '#4b8c0b', '#a252f1', '#bb650f', '#137be4', '#0c8f0c', '#d912d9',
  '#80800a', '#6b6bf3', '#0c8e4d', '#ec1781', '#d07a5d', '#25697f', '#4ca42f', '#9334b3',
  '#ac8d32', '#385ac1', '#30a54d', '#a63088', '#7f9b2d', '#6948ca', '#2fa285', '#af3352',
]);

/** The colour for NaN and missing values in the continuous maps: a neutral mid grey. */
export const MISSING = 'rgb(128, 128, 128)';

/**
 * Viridis (matplotlib's, CC0) sampled at t = k/16, k = 0…16, from its 256-entry table (the entry
 * nearest to t·255), as 8-bit RGB.
 */
const VIRIDIS = [
  [68, 1, 84], [72, 24, 106], [71, 45, 123], [66, 64, 134], [59, 82, 139], [51, 99, 141], [44, 114, 142],
  [38, 130, 142], [33, 145, 140], [31, 159, 136], [39, 173, 129], [61, 188, 116], [92, 200, 99],
  [129, 211, 77], [170, 220, 50], [213, 226, 26], [253, 231, 37],
];

/** ColorBrewer RdBu, 11 classes, from red (−1) through near-white (0) to blue (+1). */
const RDBU = [
  [103, 0, 31], [178, 24, 43], [214, 96, 77], [244, 165, 130], [253, 219, 199], [247, 247, 247],
  [209, 229, 240], [146, 197, 222], [67, 147, 195], [33, 102, 172], [5, 48, 97],
];

/**
 * `#rrggbb` (or `#rgb`) as [r, g, b] integers.
 * @param {string} hex
 * @returns {[number, number, number]}
 */
export function parseHex(hex) {
  let h = hex.replace(/^#/, '');
  if (h.length === 3) h = h.split('').map((c) => c + c).join('');
  if (!/^[0-9a-fA-F]{6}$/.test(h)) throw new RangeError(`not a hex colour: ${hex}`);
  return [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16));
}

/**
 * [r, g, b] as `rgb(r, g, b)`, channels rounded and clamped to [0, 255].
 * @param {number[]} rgb
 * @returns {string}
 */
export function rgbString(rgb) {
  const c = rgb.map((v) => Math.min(255, Math.max(0, Math.round(v))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/**
 * The palette colour for class index `index` (0-based): `CATEGORICAL[index mod 24]` as `rgb(…)`.
 * Negative or non-integer indices are truncated and wrapped, so every integer gets a colour.
 * @param {number} index
 * @returns {string}
 */
export function classColor(index) {
  const n = CATEGORICAL.length;
  const i = ((Math.trunc(index) % n) + n) % n;
  return rgbString(parseHex(CATEGORICAL[i]));
}

/**
 * A name → colour function stable for a dataset: a class's colour is that of its position in
 * `classOrder` (the dataset's class order, as the API lists it), so the same dataset always draws a
 * class the same colour whatever rows are on screen. A name not in the order (a prediction class
 * the dataset lacks) gets a colour from a 32-bit FNV-1a hash of its UTF-16 code units, after the
 * known classes' colours — deterministic, but it may repeat one.
 * @param {string[]} classOrder
 * @returns {(name: string) => string}
 */
export function classColorMap(classOrder) {
  const index = new Map();
  classOrder.forEach((name, i) => { if (!index.has(name)) index.set(name, i); });
  return (name) => (index.has(name) ? classColor(index.get(name)) : classColor(classOrder.length + fnv1a(name)));
}

/** 32-bit FNV-1a over UTF-16 code units, as a non-negative integer. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Piecewise-linear interpolation in a table of evenly spaced stops, t in [0, 1]. */
function interpolate(table, t) {
  const x = t * (table.length - 1);
  const i = Math.min(table.length - 2, Math.floor(x));
  const f = x - i;
  return table[i].map((v, c) => v + (table[i + 1][c] - v) * f);
}

/**
 * Viridis at `t`: 17 stops (t = k/16) interpolated linearly in sRGB; t is clamped to [0, 1]
 * (0 = dark purple `rgb(68, 1, 84)`, 1 = yellow `rgb(253, 231, 37)`); NaN or a non-number gives
 * `MISSING`. Within 2 units per channel of matplotlib's 256-entry table.
 * @param {number} t
 * @returns {string}
 */
export function viridis(t) {
  if (typeof t !== 'number' || Number.isNaN(t)) return MISSING;
  return rgbString(interpolate(VIRIDIS, Math.min(1, Math.max(0, t))));
}

/**
 * The diverging map for deltas (ColorBrewer RdBu, 11 stops interpolated in sRGB) at `t` in
 * [−1, 1], clamped: −1 is dark red (worse), 0 near-white `rgb(247, 247, 247)`, +1 dark blue (better).
 * Scale a delta by the largest |delta| shown before calling. NaN or a non-number gives `MISSING`.
 * @param {number} t
 * @returns {string}
 */
export function diverging(t) {
  if (typeof t !== 'number' || Number.isNaN(t)) return MISSING;
  return rgbString(interpolate(RDBU, (Math.min(1, Math.max(-1, t)) + 1) / 2));
}

/**
 * WCAG 2 relative luminance of an sRGB colour: 0.2126 R + 0.7152 G + 0.0722 B over linearized
 * channels (c/12.92 when c ≤ 0.04045, else ((c + 0.055)/1.055)^2.4, c in [0, 1]). In [0, 1].
 * @param {string|number[]} color `#rrggbb`, `rgb(r, g, b)` or [r, g, b] with channels in [0, 255]
 * @returns {number}
 */
export function relativeLuminance(color) {
  const [r, g, b] = toRgb(color).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG contrast ratio (L1 + 0.05)/(L2 + 0.05) of two colours, lighter over darker; in [1, 21].
 * @param {string|number[]} a
 * @param {string|number[]} b
 * @returns {number}
 */
export function contrastRatio(a, b) {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The readable text colour on `background`: `#000000` or `#ffffff`, whichever has the higher WCAG
 * contrast ratio (black on ties, i.e. when luminance ≥ √(1.05·0.05) − 0.05 ≈ 0.179).
 * @param {string|number[]} background
 * @returns {'#000000'|'#ffffff'}
 */
export function textColorOn(background) {
  const l = relativeLuminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

function toRgb(color) {
  if (Array.isArray(color)) return color;
  const m = /^rgb\(\s*(\d+),\s*(\d+),\s*(\d+)\s*\)$/.exec(color);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return parseHex(color);
}
