// Drawing overlay records (lib/overlay-shapes.js) into SVG in image pixel coordinates: the
// caller sizes the SVG (a viewBox over the image for thumbnails, a transformed group for the
// zoomable row image). Strokes keep their screen width whatever the scale.

import { svg } from '../dom.js';
import { decodeMask, maskPixels } from '../lib/rle.js';

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
    if (s.type === 'mask') {
      const [height, width] = s.rle.size;
      return svg('image', { class: attributes.class, 'data-source': o.source, 'data-id': o.id, 'data-index': index, x: 0, y: 0, width, height,
        href: maskImage(s.rle, color), preserveAspectRatio: 'none' }, title);
    }
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

/** Fallback colours of the outcome variables, for mask pixels (a canvas cannot read CSS variables). */
const OUTCOME_RGB = { 'var(--tp)': [22, 163, 74], 'var(--fp)': [220, 38, 38], 'var(--fn)': [217, 119, 6], 'var(--muted)': [97, 110, 124] };
const maskCache = new Map();

/** A data URL of the mask painted in `color` (an `rgb(r, g, b)` string or an outcome variable), cached. */
function maskImage(rle, color) {
  const key = `${rle.size.join('x')}:${typeof rle.counts === 'string' ? rle.counts : rle.counts.join(',')}:${color}`;
  if (maskCache.has(key)) return maskCache.get(key);
  const [height, width] = rle.size;
  const match = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(color);
  const rgb = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : OUTCOME_RGB[color] ?? [59, 130, 246];
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').putImageData(new ImageData(maskPixels(decodeMask(rle), rgb, 110), width, height), 0, 0);
  const url = canvas.toDataURL('image/png');
  if (maskCache.size > 500) maskCache.clear();
  maskCache.set(key, url);
  return url;
}
