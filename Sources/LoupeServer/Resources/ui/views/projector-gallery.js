// The projector's galleries: the rows of a selection or of a "find similar" answer as cards
// (text rows as text, image rows as thumbnails), each a link to its row page, with its score when
// there is one. The rows come in one request (`key in [...]`), at most `GALLERY_CAP` cards.

import * as api from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { fixed } from '../lib/format.js';
import { keysFilter } from '../lib/selection.js';

/** The most cards a gallery shows (and keys one rows request names). */
export const GALLERY_CAP = 200;

/**
 * The rows of `keys` (in the order given), fetched in one rows request.
 * @returns {Promise<object[]>}
 */
async function rowsOf(dataset, keys) {
  if (keys.length === 0) return [];
  const { filter } = keysFilter(keys, GALLERY_CAP);
  const page = await api.get(`/datasets/${api.segment(dataset)}/rows`, { filter, limit: 1000 });
  const byKey = new Map(page.rows.map((row) => [row.key, row]));
  return keys.slice(0, GALLERY_CAP).map((key) => byKey.get(key)).filter(Boolean);
}

/**
 * A gallery box: `show(keys, scores, labelOf)` replaces its cards (`scores`: a Map key → score,
 * or null); `labelOf(key)` gives a card's label. `linkTo(key)` makes a card's link.
 */
export function projectorGallery({ dataset, linkTo, isStale, onError }) {
  const node = el('div', { class: 'projector-gallery' });
  let generation = 0;
  return {
    node,
    async show(keys, scores, labelOf) {
      const mine = ++generation;
      try {
        const rows = await rowsOf(dataset, keys);
        if (isStale() || mine !== generation) return;
        replaceChildren(node, rows.map((row) => card(row, scores?.get(row.key), labelOf(row.key))));
        node.dataset.keys = String(rows.length);
      } catch (error) {
        onError(error);
      }
    },
    clear() { generation += 1; replaceChildren(node); delete node.dataset.keys; },
  };

  function card(row, score, label) {
    const thumb = el('div', { class: 'projector-thumb' });
    if (row.kind === 'text' || typeof row.text === 'string') {
      thumb.classList.add('text');
      thumb.append(el('p', {}, row.text ?? ''));
    } else {
      const img = el('img', { alt: row.key, decoding: 'async', draggable: 'false' });
      thumb.append(img);
      api.imageURL(dataset, row.key).then((src) => { img.src = src; }, onError);
    }
    const link = linkTo(row.key);
    link.classList.add('projector-card');
    link.dataset.key = row.key;
    if (score !== undefined) link.dataset.score = String(score);
    link.append(thumb, el('div', { class: 'caption' },
      el('span', { class: 'card-key' }, row.key),
      label ? el('span', { class: 'badge' }, label) : null,
      score !== undefined ? el('span', { class: 'badge score' }, fixed(score, 3)) : null));
    return link;
  }
}
