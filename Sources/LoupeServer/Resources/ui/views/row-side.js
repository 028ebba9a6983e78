// The row page's side panel: the drawn objects with class, score, match outcome, reason and IoU
// (hovering one highlights its shape), the row's metadata and tags, and each run's result on it.

import { el, table } from '../dom.js';
import { fixed, MISSING_TEXT } from '../lib/format.js';

/** The objects table; `onHover(index|null)` follows the pointer over its rows. */
export function objectsTable(objects, onHover) {
  if (objects.length === 0) return el('p', { class: 'empty' }, 'Nothing drawn (no objects, or all hidden or under the threshold).');
  const body = objects.map((o, index) => el('tr', {
    class: 'object-item', dataset: { index: String(index), source: o.source },
    on: { mouseenter: () => onHover(index), mouseleave: () => onHover(null) },
  },
  el('td', {}, o.source === 'gt' ? 'GT' : 'pred'),
  el('td', {}, o.className),
  el('td', { class: 'num' }, o.score === undefined ? '' : fixed(o.score, 2)),
  el('td', {}, o.outcome ? el('span', { class: `badge ${o.outcome}` }, o.outcome.toUpperCase()) : ''),
  el('td', {}, o.reason ? o.reason.replaceAll('_', ' ') : ''),
  el('td', { class: 'num' }, o.iou === undefined ? '' : fixed(o.iou, 2))));
  return el('table', { class: 'data objects' },
    el('thead', {}, el('tr', {}, ['', 'Class', 'Score', 'Outcome', 'Reason', 'IoU'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, body));
}

/** The row's fields, metadata (names and values as text) and tags. */
export function rowFacts(row) {
  const entries = [['key', row.key], ['kind', row.kind], ['size', row.width ? `${row.width} × ${row.height}` : null],
    ['split', row.split], ['label version', row.label_version]]
    .filter(([, v]) => v !== undefined && v !== null);
  const meta = Object.entries(row.metadata ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return el('div', { class: 'row-facts' },
    el('h2', {}, 'Row'),
    el('dl', { class: 'row-meta' }, entries.map(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
    el('h2', {}, 'Metadata'),
    meta.length === 0 ? el('p', { class: 'empty' }, 'none')
      : el('dl', { class: 'row-meta metadata' }, meta.map(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
    el('h2', {}, 'Tags'),
    (row.tags ?? []).length === 0 ? el('p', { class: 'empty' }, 'none')
      : el('p', { class: 'tags' }, row.tags.map((tag) => el('span', { class: 'badge' }, tag))));
}

/** Each run's per-row result (`tp`, `fp`, `fn`, `iou`, or classification's fields). */
export function runResults(results) {
  if (results.length === 0) return el('p', { class: 'empty' }, 'No run evaluated this row.');
  const fields = ['tp', 'fp', 'fn', 'iou', 'correct', 'confidence'].filter((f) => results.some((r) => r.result[f] !== undefined));
  return table(['Run', ...fields], results.map(({ run, result }) => [run,
    ...fields.map((f) => (typeof result[f] === 'number' ? (Number.isInteger(result[f]) ? String(result[f]) : fixed(result[f], 3))
      : result[f] === undefined ? MISSING_TEXT : String(result[f])))]), { class: 'data run-results' });
}
