// The run dashboard's confusion matrix (rows = ground truth, columns = predicted, last = "none"
// for detection) and the gallery of the rows behind a cell, from
// GET /runs/{run}/evaluations/{key}/confusion?actual=…&predicted=…. The open cell is kept in the
// URL (`actual=…&predicted=…`) so that a link reopens it.

import * as api from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { count } from '../lib/format.js';
import { viridis, textColorOn } from '../lib/colors.js';
import { cellShade, maxCount } from '../lib/run-metrics.js';
import { extraParam, withExtraParam } from '../lib/extra-params.js';

/** Rows per gallery page (a `cell_limit=` page parameter overrides it, 1–1000). */
const PAGE = 60;

/** The confusion-matrix section (empty note when the evaluation has none). */
export function confusionSection(context) {
  const { evaluation, state } = context;
  const matrix = evaluation.details?.confusion_matrix;
  const section = el('section', { class: 'run-confusion' }, el('h2', {}, 'Confusion matrix'));
  if (!matrix?.classes?.length) return section.append(el('p', { class: 'empty' }, 'This evaluation has no confusion matrix.')), section;
  const gallery = el('div', { class: 'confusion-gallery', 'aria-live': 'polite' });
  const max = maxCount(matrix.counts);
  let selected = null;
  const open = (actual, predicted, button) => {
    selected?.classList.remove('selected');
    selected = button;
    button?.classList.add('selected');
    let extra = withExtraParam(context.app.state.extra, 'actual', actual);
    extra = withExtraParam(extra, 'predicted', predicted);
    context.app.remember({ ...context.app.state, extra });
    showGallery(context, gallery, actual, predicted);
  };
  const head = el('tr', {}, el('th', { class: 'corner', scope: 'col' }, 'truth ↓ / predicted →'),
    matrix.classes.map((name) => el('th', { scope: 'col', class: 'predicted' }, el('span', {}, name))));
  const initial = [extraParam(state.extra, 'actual'), extraParam(state.extra, 'predicted')];
  let initialButton = null;
  const rows = matrix.classes.map((actual, i) => el('tr', {}, el('th', { scope: 'row' }, actual),
    matrix.classes.map((predicted, j) => {
      const n = matrix.counts[i]?.[j] ?? 0;
      const cell = el('td', { class: i === j ? 'cell diagonal' : 'cell' });
      if (n > 0) {
        const background = viridis(cellShade(n, max));
        const button = el('button', {
          type: 'button', class: 'cell-button', dataset: { actual, predicted, count: String(n) },
          title: `${count(n)} objects: truth ${actual}, predicted ${predicted}`,
          'aria-label': `${count(n)} objects with truth ${actual} predicted as ${predicted}: show their rows`,
        }, count(n));
        button.addEventListener('click', () => open(actual, predicted, button));
        cell.style.backgroundColor = background;
        button.style.color = textColorOn(background);
        cell.append(button);
        if (actual === initial[0] && predicted === initial[1]) initialButton = button;
      }
      return cell;
    })));
  section.append(
    el('p', { class: 'muted' }, matrix.classes.at(-1) === 'none'
      ? 'Rows are the ground truth, columns the prediction; "none" is a missed object (row) or a prediction matching nothing (column). Click a cell to see its rows.'
      : 'Rows are the true class, columns the predicted one. Click a cell to see its rows.'),
    el('div', { class: 'scroll-x' }, el('table', { class: 'confusion-matrix' }, el('thead', {}, head), el('tbody', {}, rows))),
    gallery);
  if (initial[0] !== null && initial[1] !== null) open(initial[0], initial[1], initialButton);
  return section;
}

/** Loads the first page of a cell's rows into `gallery`, with a button for the next pages. */
async function showGallery(context, gallery, actual, predicted) {
  const token = {};
  gallery.token = token;
  const grid = el('ol', { class: 'thumb-grid' });
  const heading = el('h3', {}, `Truth ${actual}, predicted ${predicted}`);
  const note = el('p', { class: 'muted gallery-count' }, 'Loading…');
  const more = el('div', { class: 'gallery-more' });
  replaceChildren(gallery, heading, note, grid, more);
  const load = async (cursor) => {
    let page;
    try {
      page = await api.get(`${context.evaluationPath}/confusion`, { actual, predicted, limit: pageSize(context.state), cursor });
    } catch (error) {
      if (gallery.token !== token || context.isStale()) return;
      replaceChildren(more, el('p', { class: 'error', role: 'alert' }, `Could not load the rows of this cell: ${error.message}`));
      return;
    }
    if (gallery.token !== token || context.isStale()) return;
    for (const row of page.rows) grid.append(thumbnail(context, row));
    const rows = typeof page.row_count === 'number' ? ` in ${count(page.row_count)} rows` : '';
    note.textContent = `${count(page.count)} objects${rows}; ${count(grid.childElementCount)} rows shown${page.next_cursor ? ', more below' : ''}`;
    replaceChildren(more, page.next_cursor
      ? el('button', { type: 'button', class: 'load-more', on: { click: () => { more.textContent = 'Loading…'; load(page.next_cursor); } } }, 'Show more rows')
      : null);
    if (!page.next_cursor) gallery.dataset.complete = 'true';
  };
  delete gallery.dataset.complete;
  await load(null);
}

function pageSize(state) {
  const n = Number(extraParam(state.extra, 'cell_limit'));
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : PAGE;
}

/** One row of a cell: its image (or a text row's text), key and how many of the cell's objects it holds. */
function thumbnail({ app, dataset, run }, row) {
  let image;
  if (row.kind === 'text') {
    image = el('span', { class: 'thumb-text' }, row.text ?? '');
  } else {
    image = el('img', { alt: row.key, loading: 'lazy', decoding: 'async', width: 120, height: 90 });
    api.imageURL(dataset, row.key).then((src) => { image.src = src; }, () => image.replaceWith(el('span', { class: 'no-image' }, 'no image')));
  }
  return el('li', { class: 'thumb', dataset: { key: row.key } },
    app.link({ view: 'row', dataset, row: row.key, run: run.reference }, image,
      el('span', { class: 'thumb-key' }, row.key), el('span', { class: 'thumb-count' }, `${count(row.count)}×`)));
}
