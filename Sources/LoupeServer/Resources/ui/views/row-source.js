// The rows a filter and sort select, loaded page by page through the API's cursors and cached
// for the session, so the catalog's grid and the row page's previous/next walk the same list
// without asking twice. Pages are sequential (cursors are opaque), so reaching index N loads
// every page before it.

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
    this.cursor = undefined;
    this.loading = null;
  }

  /** Whether every row is loaded. */
  get complete() { return this.cursor === null; }

  /** Loads the next page (one at a time; concurrent callers share it). Throws ApiError. */
  loadNext(limit = PAGE) {
    if (this.complete) return Promise.resolve();
    if (!this.loading) {
      this.loading = api.get(`/datasets/${api.segment(this.dataset)}/rows`, {
        filter: this.filter, sort: this.sort, limit, cursor: this.cursor,
      }).then((page) => {
        this.rows.push(...page.rows);
        this.count = page.count;
        this.cursor = page.next_cursor;
      }).finally(() => { this.loading = null; });
    }
    return this.loading;
  }

  /** Loads pages until row `index` is in (or the list ends). */
  async ensure(index, limit = PAGE) {
    while (this.rows.length <= index && !this.complete) await this.loadNext(limit);
  }
}
