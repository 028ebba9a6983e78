// The row page (`view=row&dataset=NAME&row=KEY`, with the catalog's filter, sort, run, threshold
// and overlays): the full image with zoom and pan, ground truth and the selected run's
// predictions coloured by match outcome, the objects, metadata, tags and each run's result, and
// keyboard navigation through the catalog's rows (→/j next, ←/k previous, Escape back).

import * as api from '../api.js';
import { el } from '../dom.js';
import { classColorMap } from '../lib/colors.js';
import { DEFAULT_THRESHOLD, drawnObjects, readOverlays, withOutcomes } from '../lib/overlay-shapes.js';
import { overlayNodes } from './overlay-svg.js';
import { rowDetail, rowPredictions } from './catalog-grid.js';
import { listRuns, runsEvaluatedOn } from './run-list.js';
import { imageStage } from './row-stage.js';
import { objectsTable, rowFacts, runResults } from './row-side.js';
import { similarPanel } from './row-similar.js';

const evaluationRow = (run, key) => api.get(`/runs/${api.segment(run)}/evaluations/default/rows/${api.segment(key)}`);

/** The row's whole-row classes (geometry `none`: a text or image label), which no overlay draws. */
function wholeRowLabels(annotations) {
  const labels = annotations.filter((a) => a.geometry?.kind === 'none');
  if (labels.length === 0) return null;
  return el('p', { class: 'row-labels' }, 'Labels: ', labels.map((a) => el('span', { class: 'badge label' }, a.class_name)));
}

/** Renders the row page into `root`. */
export async function render(root, state, app, isStale) {
  const { dataset, row: key } = state;
  if (!key) throw new Error('This page needs a row (row=KEY).');
  const catalog = { view: 'catalog', dataset, filter: state.filter, sort: state.sort, run: state.run, threshold: state.threshold, overlays: state.overlays };
  app.setCrumbs([['Loupe', {}], [dataset, catalog], [key, null]]);
  const [info, detail, allRuns] = await Promise.all([
    api.get(`/datasets/${api.segment(dataset)}`), rowDetail(dataset, key), listRuns()]);
  const runs = await runsEvaluatedOn(dataset, allRuns);
  if (isStale()) return;
  const run = runs.find((r) => r.name === state.run || r.reference === state.run) ?? null;
  const [predictions, evaluation, results] = await Promise.all([
    run ? rowPredictions(dataset, key, run.name) : null,
    run ? evaluationRow(run.reference, key) : null,
    Promise.all(runs.map((r) => (r === run ? null : evaluationRow(r.reference, key)))),
  ]);
  if (isStale()) return;
  const colorOf = classColorMap(info.classes.map((c) => c.name));
  const threshold = state.threshold ?? DEFAULT_THRESHOLD;
  const objects = withOutcomes(drawnObjects({
    annotations: detail.annotations, predictions: predictions?.predictions ?? [],
    settings: readOverlays(state.overlays), threshold,
  }), evaluation?.objects ?? []);

  const row = detail.row;
  let stage = null;
  let picture;
  if (row.kind === 'text' || typeof row.text === 'string') {
    picture = el('div', { class: 'row-text-full' }, row.text ?? '');
  } else {
    const src = detail.asset_url ? await api.imageURL(dataset, key) : null;
    stage = imageStage({ src, width: row.width || 1, height: row.height || 1, alt: key });
    stage.draw(overlayNodes(objects, colorOf, { byOutcome: Boolean(evaluation) }));
    stage.node.dataset.drawn = String(objects.length);
    picture = stage.node;
  }
  const onHover = (index) => {
    stage?.highlight(index);
    root.querySelectorAll('tr.object-item').forEach((tr) => tr.classList.toggle('active', tr.dataset.index === String(index)));
  };

  const runSelect = el('select', { class: 'run-select', 'aria-label': 'Run', on: { change: () => app.navigate({ ...state, run: runSelect.value }, { replace: true }) } },
    el('option', { value: '' }, 'no run'), runs.map((r) => el('option', { value: r.name, selected: r === run }, r.name)));
  const position = el('span', { class: 'row-position muted' }, '');
  const prev = el('button', { type: 'button', class: 'row-prev', disabled: true, title: 'Previous row (← or k)' }, '← previous');
  const next = el('button', { type: 'button', class: 'row-next', disabled: true, title: 'Next row (→ or j)' }, 'next →');

  const all = [...results.filter(Boolean), ...(evaluation ? [evaluation] : [])]
    .map((r) => ({ run: runs.find((x) => x.reference === r.run)?.name ?? r.run, result: r.result }))
    .sort((a, b) => (a.run < b.run ? -1 : a.run > b.run ? 1 : 0));
  root.append(
    el('div', { class: 'row-toolbar' }, app.link(catalog, '↑ catalog (Esc)'), prev, next, position,
      el('label', {}, 'Run ', runSelect), el('span', { class: 'muted' }, `score ≥ ${threshold.toFixed(2)}`)),
    el('h1', {}, key),
    el('div', { class: 'row-layout' }, picture,
      el('div', { class: 'row-side' },
        el('h2', {}, run ? `Objects (ground truth and ${run.name})` : 'Objects (ground truth)'),
        objectsTable(objects, onHover),
        wholeRowLabels(detail.annotations),
        el('h2', {}, 'Runs on this row'), runResults(all),
        rowFacts(row),
        similarPanel({ dataset, key, app, isStale }))));
  stage?.fit();

  // Neighbours in the catalog's order, from the server's cached view: a lookup at any depth.
  let neighbours = { prev: null, next: null };
  const go = (target) => { if (target && !isStale()) app.navigate({ ...state, row: target }); };
  prev.addEventListener('click', () => go(neighbours.prev));
  next.addEventListener('click', () => go(neighbours.next));
  function onKey(event) {
    if (isStale()) { document.removeEventListener('keydown', onKey); return; }
    if (event.target.closest?.('input, select, textarea') || event.metaKey || event.ctrlKey || event.altKey) return;
    if (event.key === 'ArrowRight' || event.key === 'j') { event.preventDefault(); go(neighbours.next); }
    else if (event.key === 'ArrowLeft' || event.key === 'k') { event.preventDefault(); go(neighbours.prev); }
    else if (event.key === 'Escape') { event.preventDefault(); document.removeEventListener('keydown', onKey); app.navigate(catalog); }
  }
  document.addEventListener('keydown', onKey);
  const place = await api.get(`/datasets/${api.segment(dataset)}/rows/${api.segment(key)}/neighbors`,
    { filter: state.filter, sort: state.sort });
  if (isStale()) return;
  if (place.position !== null) {
    neighbours = { prev: place.previous, next: place.next };
    prev.disabled = !neighbours.prev;
    next.disabled = !neighbours.next;
    position.textContent = `${place.position + 1} of ${place.count}`;
  } else {
    position.textContent = 'not in the current filter';
  }
  root.dataset.ready = 'true';
}
