// Editing filter text from the UI: the predicate a facet click adds, and joining it to what the
// filter bar holds. Pure; strings are quoted as the filter lexer reads them.

import { metadataField, quoteString } from './filter-tokens.js';

/**
 * The predicate for a facet value: `gt.class = "dog"`, `split = "val"`, `tag = "x"`, a metadata
 * range `meta.iso between 100 and 400`, or `meta.camera = "x100"`.
 * @param {{field: 'gt.class'|'split'|'tag'|'meta', name?: string, value?: string|number|boolean, low?: number, high?: number}} facet
 * @returns {string}
 */
export function facetPredicate(facet) {
  const field = facet.field === 'meta' ? metadataField(facet.name) : facet.field;
  if (facet.low !== undefined && facet.high !== undefined) return `${field} between ${literal(facet.low)} and ${literal(facet.high)}`;
  return `${field} = ${literal(facet.value)}`;
}

function literal(value) {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return quoteString(String(value));
}

/**
 * `filter and predicate`: the existing filter in parentheses when it has a top-level `or` could
 * change meaning, so it is parenthesized whenever it is not a single simple condition already
 * joined by `and` only. An empty filter gives the predicate alone; a predicate already present
 * as a conjunct is not added twice.
 * @param {string} filter
 * @param {string} predicate
 * @returns {string}
 */
export function addConjunct(filter, predicate) {
  const text = filter.trim();
  if (text === '') return predicate;
  if (splitAnd(text).includes(predicate)) return text;
  return /\bor\b/.test(text) ? `(${text}) and ${predicate}` : `${text} and ${predicate}`;
}

/** The conjuncts of a filter split at ` and ` (for the duplicate check only). */
function splitAnd(text) {
  return text.split(/\s+and\s+/).map((s) => s.trim());
}

/**
 * The sort choices for the catalog: row fields, then each run's metrics, ascending and (`-`)
 * descending, as `{value, label}`.
 * @param {string[]} runs run names as the filter language takes them
 * @param {string[]} [metrics] the run metrics offered
 * @returns {{value: string, label: string}[]}
 */
export function sortChoices(runs, metrics = ['tp', 'fp', 'fn', 'iou']) {
  const fields = ['key', 'width', 'height', 'gt.count', 'pred.score', 'split'];
  const keys = [...fields, ...runs.flatMap((r) => metrics.map((m) => `run(${quoteString(r)}).${m}`))];
  const out = [{ value: '', label: 'row order' }];
  for (const k of keys) {
    out.push({ value: k, label: `${k} ↑` });
    out.push({ value: `-${k}`, label: `${k} ↓` });
  }
  return out;
}
