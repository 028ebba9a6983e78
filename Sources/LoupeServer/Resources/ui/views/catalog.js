// The catalog page (`view=catalog&dataset=NAME`): the rows a filter selects as a virtualized grid
// of thumbnails with ground truth and a run's predictions drawn on them, a filter bar with
// completion and inline errors, facets, sort, overlay toggles and a score threshold. Filter and
// sort changes navigate (they are the page's identity); overlay settings are remembered in place.

import * as api from '../api.js';
import { el } from '../dom.js';
import { classColorMap } from '../lib/colors.js';
import { count as formatCount } from '../lib/format.js';
import { FIELD_NAMES, RUN_FIELDS } from '../lib/filter-completion.js';
import { DEFAULT_THRESHOLD, readOverlays } from '../lib/overlay-shapes.js';
import { rowSource } from './row-source.js';
import { listRuns } from './run-list.js';
import { filterBar } from './catalog-filterbar.js';
import { catalogGrid } from './catalog-grid.js';
import { facetsPanel } from './catalog-facets.js';
import { catalogControls } from './catalog-controls.js';
import { issuesSection } from './catalog-issues.js';

/** Renders the catalog of `state.dataset` into `root`. */
export async function render(root, state, app, isStale) {
  const dataset = state.dataset;
  app.setCrumbs([['Loupe', {}], [dataset, null]]);
  // The schema at once; the statistics (seconds to count on a large dataset) come to the facets later.
  const [info, runs, issues] = await Promise.all([
    api.get(`/datasets/${api.segment(dataset)}`, { statistics: false }), listRuns(), api.get(`/datasets/${api.segment(dataset)}/issues`)]);
  if (isStale()) return;
  const classNames = info.classes.map((c) => c.name);
  const colorOf = classColorMap(classNames);
  const view = { state: { ...state }, settings: readOverlays(state.overlays), threshold: state.threshold ?? DEFAULT_THRESHOLD };
  const source = rowSource(dataset, state.filter, state.sort);
  const countLine = el('p', { class: 'catalog-count', role: 'status' }, 'Loading…');

  const onError = (error) => { if (!isStale()) app.setStatus(`Error: ${error.message}`); };
  const vocabulary = () => ({
    fields: [...FIELD_NAMES, 'meta.', 'run(', ...(issues.reports.length ? ['issue('] : [])],
    issues: issues.reports.map((r) => r.kind),
    classes: classNames,
    metadataKeys: (info.metadata_fields ?? []).map((f) => f.name),
    runs: runs.map((r) => r.name),
    metrics: RUN_FIELDS,
  });

  /** Checks a new filter or sort with the API first (a 200 verdict, no failed request), so a bad
   * one leaves the grid alone and shows where it stops making sense. */
  async function apply(changes) {
    const next = { ...view.state, ...changes };
    const verdict = await api.get(`/datasets/${api.segment(dataset)}/filter-check`, { filter: next.filter, sort: next.sort });
    if (!verdict.valid) { bar.showError(verdict); return; }
    if (!isStale()) app.navigate(next);
  }

  const bar = filterBar({ value: state.filter, vocabulary, onApply: (filter) => apply({ filter }).catch(onError) });
  const remember = () => app.remember(view.state);
  const controls = catalogControls({
    view, runs, classNames, colorOf,
    onSort: (sort) => apply({ sort }).catch(onError),
    onRun: (run) => app.navigate({ ...view.state, run }),
    onOverlays: () => { remember(); grid.redraw(); },
  });
  const linkTo = (row) => app.link({
    view: 'row', dataset, row: row.key, filter: view.state.filter, sort: view.state.sort, run: view.state.run,
    threshold: view.state.threshold, overlays: view.state.overlays,
  });
  const grid = catalogGrid({
    source, dataset, linkTo, isStale, onError,
    options: () => ({ settings: view.settings, threshold: view.threshold, colorOf, run: view.state.run }),
  });
  const facets = facetsPanel({
    dataset, info, filter: state.filter, colorOf, isStale, onError,
    apply: (filter) => apply({ filter }).catch(onError),
  });

  const issueList = issuesSection({ reports: issues.reports, apply: (changes) => apply(changes).catch(onError) });
  if (issueList) facets.node.prepend(issueList);

  // The current filter, one click from being a saved slice (the slices page takes it prefilled).
  const saveSlice = state.filter
    ? app.link({ view: 'slices', dataset, filter: state.filter }, 'Save this filter as a slice…')
    : app.link({ view: 'slices', dataset }, 'Slices');
  saveSlice.classList.add('save-slice');
  root.append(
    el('div', { class: 'catalog-head' }, el('h1', {}, dataset), countLine, saveSlice),
    bar.node, controls.node,
    el('div', { class: 'catalog-body' }, facets.node, grid.node));

  // A link may carry a filter that no longer holds (a run renamed since): say so, without a failed request.
  if (source.count === null && (state.filter || state.sort)) {
    const verdict = await api.get(`/datasets/${api.segment(dataset)}/filter-check`, { filter: state.filter, sort: state.sort });
    if (!verdict.valid) {
      bar.showError(verdict);
      countLine.textContent = verdict.field === 'sort' ? 'The sort does not hold.' : 'The filter does not hold.';
      return;
    }
  }
  if (source.count === null) await source.loadNext();
  if (isStale()) return;
  countLine.textContent = `${formatCount(source.count)} ${source.count === 1 ? 'row' : 'rows'}`;
  countLine.dataset.count = String(source.count);
  // The facet counts query the whole dataset: only once the grid's first page is in.
  facets.start();
  grid.refresh();
}
