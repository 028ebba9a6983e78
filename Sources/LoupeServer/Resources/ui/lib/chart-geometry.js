// Geometry of the run pages' small SVG charts (line charts over runs, PR curves, reliability
// diagrams, learning curves): data in, screen coordinates and SVG path text out. Pure.

import { linearScale } from './scales.js';

/**
 * The plot area inside a chart of `width` × `height` with `margin` {top, right, bottom, left}.
 * @returns {{x0: number, x1: number, y0: number, y1: number}} x0 < x1 left to right; y0 > y1 (y grows down)
 */
export function plotArea(width, height, margin) {
  return { x0: margin.left, x1: width - margin.right, y0: height - margin.bottom, y1: margin.top };
}

/**
 * An SVG path through `points` ([x, y] screen pairs); a point with a non-finite coordinate breaks
 * the line (the next one starts a new `M`). Coordinates are rounded to 0.01 px for stable output.
 * @param {[number, number][]} points
 * @returns {string} "" for no drawable point
 */
export function linePath(points) {
  const r = (v) => Math.round(v * 100) / 100;
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) { pen = false; continue; }
    d += `${pen ? 'L' : 'M'}${r(x)},${r(y)}`;
    pen = true;
  }
  return d;
}

/**
 * A series over equally spaced categories (runs in order) as screen points: x at the centre of
 * category i of n across [x0, x1] (a single one in the middle), y by a linear scale over
 * `domain` (default: [0, 1] widened to the values). Missing values give null y (a gap).
 * @param {(number|null)[]} values
 * @param {{x0: number, x1: number, y0: number, y1: number}} area
 * @param {[number, number]} [domain]
 * @returns {{points: [number, number|null][], y: Function}}
 */
export function seriesPoints(values, area, domain) {
  const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  const lo = domain ? domain[0] : Math.min(0, ...finite);
  const hi = domain ? domain[1] : Math.max(1, ...finite);
  const y = linearScale([lo, hi], [area.y0, area.y1]);
  const n = values.length;
  const x = (i) => (n <= 1 ? (area.x0 + area.x1) / 2 : area.x0 + ((area.x1 - area.x0) * i) / (n - 1));
  return {
    points: values.map((v, i) => [x(i), typeof v === 'number' && Number.isFinite(v) ? y(v) : null]),
    y,
  };
}

/**
 * Points in unit coordinates (both axes over [0, 1], as PR curves and reliability diagrams are)
 * mapped to the plot area.
 * @param {{x: number, y: number}[]} points
 * @param {{x0: number, x1: number, y0: number, y1: number}} area
 * @returns {[number, number][]}
 */
export function unitPoints(points, area) {
  const x = linearScale([0, 1], [area.x0, area.x1]);
  const y = linearScale([0, 1], [area.y0, area.y1]);
  return points.map((p) => [x(p.x), y(p.y)]);
}

/**
 * The bars of a reliability diagram: one per non-empty bin, spanning the bin's edges on x, its
 * accuracy on y (the bar's top), with the gap to its mean confidence (the diagonal would be perfect
 * calibration). Bins without rows (`count` 0 or no accuracy) are left out.
 * @param {{lower_edge: number, upper_edge: number, count: number, accuracy?: number, mean_confidence?: number}[]} bins
 * @param {{x0: number, x1: number, y0: number, y1: number}} area
 * @returns {{x: number, width: number, y: number, height: number, gapY: number, bin: object}[]}
 */
export function reliabilityBars(bins, area) {
  const x = linearScale([0, 1], [area.x0, area.x1]);
  const y = linearScale([0, 1], [area.y0, area.y1]);
  return (bins ?? []).filter((b) => b.count > 0 && typeof b.accuracy === 'number').map((b) => ({
    x: x(b.lower_edge),
    width: x(b.upper_edge) - x(b.lower_edge),
    y: y(b.accuracy),
    height: area.y0 - y(b.accuracy),
    gapY: typeof b.mean_confidence === 'number' ? y(b.mean_confidence) : null,
    bin: b,
  }));
}
