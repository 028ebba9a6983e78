// Small hand-written SVG charts for the run pages, drawn from the pure geometry in
// lib/chart-geometry.js: a metric over runs, a precision–recall curve, a reliability diagram.

import { svg } from '../dom.js';
import { fixed } from '../lib/format.js';
import { linearScale } from '../lib/scales.js';
import { linePath, plotArea, reliabilityBars, seriesPoints, unitPoints } from '../lib/chart-geometry.js';

const MARGIN = { top: 10, right: 12, bottom: 26, left: 38 };

function axes(area, yScale, yTicks, xLabels) {
  const parts = [svg('line', { class: 'axis', x1: area.x0, y1: area.y0, x2: area.x1, y2: area.y0 }),
    svg('line', { class: 'axis', x1: area.x0, y1: area.y0, x2: area.x0, y2: area.y1 })];
  for (const t of yTicks) {
    const y = yScale(t);
    parts.push(svg('line', { class: 'grid', x1: area.x0, y1: y, x2: area.x1, y2: y }),
      svg('text', { class: 'tick', x: area.x0 - 4, y: y + 3, 'text-anchor': 'end' }, fixed(t, Number.isInteger(Math.round(t * 1e6) / 1e5) ? 1 : 2)));
  }
  for (const [x, label] of xLabels) parts.push(svg('text', { class: 'tick', x, y: area.y0 + 14, 'text-anchor': 'middle' }, label));
  return parts;
}

/**
 * A line chart of one metric over runs (in order), with a dot and a tooltip per run.
 * @param {string} title the metric name
 * @param {(number|null)[]} values
 * @param {string[]} labels run names
 */
export function metricOverRuns(title, values, labels, { width = 260, height = 150 } = {}) {
  const area = plotArea(width, height, MARGIN);
  const { points, y } = seriesPoints(values, area, [0, 1]);
  return svg('svg', { class: 'chart metric-history', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title} over runs` },
    svg('title', {}, `${title} over runs`),
    axes(area, y, [0, 0.5, 1], points.map(([x], i) => [x, labels[i]])),
    svg('path', { class: 'series', d: linePath(points.map(([x, v]) => [x, v ?? NaN])) }),
    points.filter(([, v]) => v !== null).map(([x, v], i) => svg('circle', { class: 'dot', cx: x, cy: v, r: 3 },
      svg('title', {}, `${labels[i]}: ${fixed(values[i])}`))),
    svg('text', { class: 'chart-title', x: area.x0 + 4, y: area.y1 + 10 }, title));
}

/**
 * A precision–recall curve (recall on x, precision on y, both [0, 1]) with an optional marker.
 * @param {{recall: number, precision: number}[]} points
 * @param {{recall: number, precision: number}|null} marker the operating point of the threshold
 */
export function prCurve(points, marker, { width = 340, height = 260, label = 'precision–recall curve' } = {}) {
  const area = plotArea(width, height, { ...MARGIN, bottom: 34 });
  const y = linearScale([0, 1], [area.y0, area.y1]);
  const xs = linearScale([0, 1], [area.x0, area.x1]);
  const screen = unitPoints(points.map((p) => ({ x: p.recall, y: p.precision })), area);
  return svg('svg', { class: 'chart pr-curve', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
    svg('title', {}, label),
    axes(area, y, [0, 0.25, 0.5, 0.75, 1], [0, 0.5, 1].map((t) => [xs(t), fixed(t, 1)])),
    svg('text', { class: 'axis-label', x: (area.x0 + area.x1) / 2, y: height - 4, 'text-anchor': 'middle' }, 'recall'),
    svg('path', { class: 'series', d: linePath(screen) }),
    marker && typeof marker.precision === 'number'
      ? svg('circle', { class: 'marker', cx: xs(marker.recall), cy: y(marker.precision), r: 5 }) : null);
}

/**
 * A reliability diagram: per confidence bin a bar of its accuracy, a tick at its mean confidence,
 * and the diagonal of perfect calibration.
 * @param {object[]} bins `details.reliability` (lower_edge, upper_edge, count, mean_confidence, accuracy)
 */
export function reliabilityDiagram(bins, { width = 340, height = 260 } = {}) {
  const area = plotArea(width, height, { ...MARGIN, bottom: 34 });
  const y = linearScale([0, 1], [area.y0, area.y1]);
  const xs = linearScale([0, 1], [area.x0, area.x1]);
  return svg('svg', { class: 'chart reliability', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'reliability diagram' },
    svg('title', {}, 'reliability diagram: accuracy per confidence bin'),
    axes(area, y, [0, 0.5, 1], [0, 0.5, 1].map((t) => [xs(t), fixed(t, 1)])),
    svg('text', { class: 'axis-label', x: (area.x0 + area.x1) / 2, y: height - 4, 'text-anchor': 'middle' }, 'confidence'),
    svg('line', { class: 'diagonal', x1: area.x0, y1: area.y0, x2: area.x1, y2: area.y1 }),
    reliabilityBars(bins, area).map((bar) => svg('g', { class: 'bin' },
      svg('rect', { x: bar.x + 1, y: bar.y, width: Math.max(0, bar.width - 2), height: bar.height },
        svg('title', {}, `confidence ${fixed(bar.bin.lower_edge, 2)}–${fixed(bar.bin.upper_edge, 2)}: accuracy ${fixed(bar.bin.accuracy)}, ${bar.bin.count} rows`)),
      bar.gapY === null ? null : svg('line', { class: 'confidence', x1: bar.x + 1, x2: bar.x + bar.width - 1, y1: bar.gapY, y2: bar.gapY }))));
}

/**
 * A learning curve: observed points (labels on x, metric on y) and the fitted curve when given.
 * @param {{x: number, y: number}[]} observed
 * @param {{x: number, y: number}[]} fitted
 */
export function learningCurve(observed, fitted, { width = 260, height = 160, label = 'learning curve' } = {}) {
  const area = plotArea(width, height, MARGIN);
  const all = [...observed, ...fitted];
  const xMax = Math.max(1, ...all.map((p) => p.x));
  const x = linearScale([0, xMax], [area.x0, area.x1]);
  const y = linearScale([0, 1], [area.y0, area.y1]);
  return svg('svg', { class: 'chart learning-curve', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
    svg('title', {}, label),
    axes(area, y, [0, 0.5, 1], [[area.x0, '0'], [area.x1, fixed(xMax, 0)]]),
    svg('path', { class: 'series fitted', d: linePath(fitted.map((p) => [x(p.x), y(p.y)])) }),
    observed.map((p) => svg('circle', { class: 'dot', cx: x(p.x), cy: y(p.y), r: 3 })));
}
