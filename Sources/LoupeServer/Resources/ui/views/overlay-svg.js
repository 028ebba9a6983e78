// Drawing overlay records (lib/overlay-shapes.js) into SVG in image pixel coordinates: the
// caller sizes the SVG (a viewBox over the image for thumbnails, a transformed group for the
// zoomable row image). Strokes keep their screen width whatever the scale.

import { svg } from '../dom.js';

/** The outcome colours (CSS variables from app.css), used on the row page. */
const OUTCOME = { tp: 'var(--tp)', fp: 'var(--fp)', fn: 'var(--fn)', ignored: 'var(--muted)' };

/**
 * SVG nodes for `objects`: ground truth solid, predictions dashed; coloured by class
 * (`colorOf`) or, with `byOutcome`, by match outcome. Each node has `data-source`, `data-id`
 * and a `<title>` (class, score) as text.
 */
export function overlayNodes(objects, colorOf, { byOutcome = false } = {}) {
  return objects.map((o, index) => {
    const color = byOutcome && o.outcome ? OUTCOME[o.outcome] ?? colorOf(o.className) : colorOf(o.className);
    const attributes = {
      class: `shape ${o.source}${o.outcome ? ` outcome-${o.outcome}` : ''}`,
      stroke: color, fill: 'none', 'vector-effect': 'non-scaling-stroke',
      'stroke-width': o.source === 'gt' ? 2 : 2,
      'stroke-dasharray': o.source === 'pred' ? '6 3' : null,
      'data-source': o.source, 'data-id': o.id, 'data-index': index,
    };
    const title = svg('title', {}, o.score === undefined ? o.className : `${o.className} ${o.score.toFixed(2)}`);
    const s = o.shape;
    if (s.type === 'box') return svg('rect', { ...attributes, x: s.x, y: s.y, width: Math.max(0, s.width), height: Math.max(0, s.height) }, title);
    if (s.type === 'point') return svg('circle', { ...attributes, cx: s.x, cy: s.y, r: 3, fill: color }, title);
    const d = s.rings.map((ring) => {
      const parts = [];
      for (let k = 0; k + 1 < ring.length; k += 2) parts.push(`${k === 0 ? 'M' : 'L'}${ring[k]},${ring[k + 1]}`);
      return parts.join(' ') + ' Z';
    }).join(' ');
    return svg('path', { ...attributes, d, 'fill-rule': 'evenodd' }, title);
  });
}
