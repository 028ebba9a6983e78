// The catalog's virtualized grid: a scrolling box whose sizer is as tall as all the rows would
// be, holding only the cards on screen plus a margin, absolutely placed. Pages of rows load as
// the scroll reaches them; each card loads its ground truth (and the selected run's predictions)
// once, then redraws from cache when the overlay settings change.

import * as api from '../api.js';
import { el, svg, replaceChildren } from '../dom.js';
import { gridLayout, visibleRange, cellPosition, scrollMapping } from '../lib/virtual-grid.js';
import { drawnObjects } from '../lib/overlay-shapes.js';
import { overlayNodes } from './overlay-svg.js';

const CELL = { cellWidth: 220, cellHeight: 210, gap: 10 };
const details = new Map();
const predictions = new Map();

function cached(map, id, load) {
  if (!map.has(id)) {
    map.set(id, load().catch((error) => { map.delete(id); throw error; }));
    if (map.size > 2000) map.delete(map.keys().next().value);
  }
  return map.get(id);
}

/** The row with its ground truth (`GET /datasets/{d}/rows/{key}`), cached for the session. */
export const rowDetail = (dataset, key) => cached(details, `${dataset}\n${key}`,
  () => api.get(`/datasets/${api.segment(dataset)}/rows/${api.segment(key)}`));
/** A run's predictions on a row, cached for the session. */
export const rowPredictions = (dataset, key, run) => cached(predictions, `${dataset}\n${key}\n${run}`,
  () => api.get(`/datasets/${api.segment(dataset)}/rows/${api.segment(key)}/predictions`, { run }));

/**
 * The grid over `source` (views/row-source.js). `options()` gives the current
 * `{settings, threshold, colorOf, run}`; `linkTo(row)` the card's link. Returns the node and
 * `redraw()` (overlays changed) and `refresh()` (rows arrived).
 */
export function catalogGrid({ source, dataset, options, linkTo, isStale, onError }) {
  const sizer = el('div', { class: 'grid-sizer' });
  const scroller = el('div', { class: 'grid-scroller', tabindex: '0', 'aria-label': 'Rows' }, sizer);
  const cards = new Map();
  let frame = 0;

  function layout() {
    return gridLayout({ count: source.count ?? 0, width: scroller.clientWidth - 2 * CELL.gap, ...CELL });
  }

  function update() {
    frame = 0;
    if (isStale()) { resize.disconnect(); return; }
    const grid = layout();
    const mapping = scrollMapping(grid.height + 2 * CELL.gap, scroller.clientHeight);
    sizer.style.height = `${mapping.scrollHeight}px`;
    const scrollTop = scroller.scrollTop;
    const { start, end } = visibleRange(grid, source.count ?? 0, mapping.virtualTop(scrollTop), scroller.clientHeight, 2);
    for (const [index, card] of cards) {
      if (index < start || index >= end) { card.remove(); cards.delete(index); }
    }
    for (let index = start; index < end; index += 1) {
      const row = source.rows[index];
      if (!row) continue;
      let card = cards.get(index);
      if (!card) {
        card = makeCard(row);
        card.dataset.index = String(index);
        cards.set(index, card);
        sizer.append(card);
      }
      const { left, top } = cellPosition(grid, index);
      card.style.left = `${left + CELL.gap}px`;
      card.style.top = `${mapping.screenTop(top + CELL.gap, scrollTop)}px`;
    }
    // Only the pages on screen are fetched, wherever the scroll bar was dropped.
    if (!source.has(start, end)) source.ensureRange(start, end).then(schedule, onError);
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(update);
  }

  function makeCard(row) {
    const thumb = el('div', { class: 'thumb' });
    const card = app_link(linkTo(row), thumb, row);
    if (row.kind === 'text' || typeof row.text === 'string') {
      thumb.classList.add('text');
      thumb.append(el('p', { class: 'row-text' }, row.text ?? ''));
    } else {
      const img = el('img', { alt: row.key, decoding: 'async', draggable: 'false' });
      const overlay = svg('svg', { class: 'overlay', viewBox: `0 0 ${row.width || 1} ${row.height || 1}`, preserveAspectRatio: 'xMidYMid meet', 'aria-hidden': 'true' });
      thumb.append(img, overlay);
      api.imageURL(dataset, row.key).then((src) => { img.src = src; }, onError);
      drawCard(card, row);
    }
    return card;
  }

  // Cards are links built by the caller's `linkTo` (app.link), filled here.
  function app_link(link, thumb, row) {
    link.classList.add('card');
    link.dataset.key = row.key;
    link.append(thumb, el('div', { class: 'caption' }, el('span', { class: 'card-key' }, row.key),
      row.split ? el('span', { class: 'badge' }, row.split) : null));
    return link;
  }

  async function drawCard(card, row) {
    const overlay = card.querySelector('svg.overlay');
    if (!overlay) return;
    const { settings, threshold, colorOf, run } = options();
    try {
      const [detail, preds] = await Promise.all([
        rowDetail(dataset, row.key),
        run && settings.pred ? rowPredictions(dataset, row.key, run) : Promise.resolve(null),
      ]);
      if (isStale()) return;
      const objects = drawnObjects({ annotations: detail.annotations, predictions: preds?.predictions ?? [], settings, threshold });
      replaceChildren(overlay, overlayNodes(objects, colorOf));
      card.dataset.drawn = String(objects.length);
    } catch (error) {
      onError(error);
    }
  }

  scroller.addEventListener('scroll', schedule, { passive: true });
  const resize = new ResizeObserver(schedule);
  resize.observe(scroller);

  return {
    node: scroller,
    refresh: schedule,
    redraw() { for (const [index, card] of cards) drawCard(card, source.rows[index]); },
  };
}
