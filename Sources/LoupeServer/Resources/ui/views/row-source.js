// The rows a filter and sort select, loaded a page at a time by offset and cached for the session,
// so the catalog's grid can jump anywhere in a million rows and load only the pages on screen.
// `rows` is sparse: index → row for the pages loaded so far.

import * as api from '../api.js';

const PAGE = 200;
const cache = new Map();

/** The row list of a dataset under a filter and sort (shared while the query is the same). */
export function rowSource(dataset, filter, sort) {
  const id = JSON.stringify([dataset, filter, sort]);
  let source = cache.get(id);
  if (!source) {
    source = new RowSource(dataset, filter, sort);
    cache.set(id, source);
    if (cache.size > 8) cache.delete(cache.keys().next().value);
  }
  return source;
}

/** A paged, cached row list. `count` is null until the first page is in. */
export class RowSource {
  constructor(dataset, filter, sort) {
    this.dataset = dataset;
    this.filter = filter;
    this.sort = sort;
    this.rows = [];
    this.count = null;
    /** Page number → the promise of its load (kept once loaded, dropped on failure). */
    this.pages = new Map();
  }

  /** The rows loaded so far, in order (without the holes of pages not loaded). */
  get loaded() { return this.rows.filter(Boolean); }

  /** Loads page `page` (rows `page × PAGE` on) once; concurrent callers share it. Throws ApiError. */
  loadPage(page) {
    if (!this.pages.has(page)) {
      const loading = api.get(`/datasets/${api.segment(this.dataset)}/rows`, {
        filter: this.filter, sort: this.sort, limit: PAGE, offset: page * PAGE,
      }).then((answer) => {
        answer.rows.forEach((row, i) => { this.rows[page * PAGE + i] = row; });
        this.count = answer.count;
      });
      loading.catch(() => this.pages.delete(page));
      this.pages.set(page, loading);
    }
    return this.pages.get(page);
  }

  /** Loads the first page (the count comes with it). */
  loadNext() { return this.loadPage(0); }

  /** Loads the pages that hold rows [start, end). */
  ensureRange(start, end) {
    const last = Math.max(start, Math.min(end, this.count ?? end) - 1);
    const pages = [];
    for (let page = Math.floor(start / PAGE); page <= Math.floor(last / PAGE); page += 1) pages.push(this.loadPage(page));
    return Promise.all(pages);
  }

  /** Whether every row of [start, end) is loaded. */
  has(start, end) {
    for (let index = start; index < Math.min(end, this.count ?? 0); index += 1) if (!this.rows[index]) return false;
    return true;
  }
}
