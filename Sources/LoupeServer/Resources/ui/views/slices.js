// A dataset's saved slices (`view=slices&dataset=D`, optional `filter=` to prefill the form,
// `resamples=`): a form that saves a filter as a slice (the API's 400 message shown inline, at its
// position), and a table of slices × runs with each run's headline metric and 95% interval.

import * as api from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { count, interval } from '../lib/format.js';
import { extraParam } from '../lib/extra-params.js';
import { metric } from '../lib/run-metrics.js';

/** The headline slice metric by task (what `GET …/slices/{name}/metrics` computes). */
const SLICE_HEADLINE = { detection: 'AP50', classification: 'accuracy' };
/** Resamples for the cells' intervals by default (the API's 1000 is slow for a whole table). */
const DEFAULT_RESAMPLES = 200;

/** Renders the slices page of `state.dataset` into `root`. */
export async function render(root, state, app, isStale) {
  if (!state.dataset) throw new Error('No dataset given.');
  const dataset = state.dataset;
  const resamples = extraParam(state.extra, 'resamples') ?? String(DEFAULT_RESAMPLES);
  app.setCrumbs([['Loupe', {}], [dataset, { view: 'catalog', dataset }], ['Slices', null]]);
  const runs = await runsOn(dataset);
  if (isStale()) return;
  const tableHolder = el('div', { class: 'slices-table' });
  const refresh = async () => {
    const { slices } = await api.get(`/datasets/${api.segment(dataset)}/slices`);
    if (isStale()) return;
    replaceChildren(tableHolder, slicesTable(dataset, slices, runs, resamples, app, isStale));
  };
  root.append(el('h1', {}, `Slices of ${dataset}`), saveForm(dataset, state, app, refresh), el('h2', {}, 'Metrics per slice and run'),
    el('p', { class: 'muted' }, `Each cell: the run’s headline metric on the slice’s evaluated rows, with a 95% bootstrap interval (${resamples} resamples).`),
    tableHolder);
  await refresh();
}

/** The runs evaluated on `dataset` (the dataset of a run's default evaluation), by model then age. */
async function runsOn(dataset) {
  const { models } = await api.get('/models');
  const lists = await Promise.all(models.map((m) => api.get(`/models/${api.segment(m.name)}/runs`)));
  const runs = lists.flatMap((list, i) => list.runs.map((r) => ({ ...r, task: models[i].task })));
  const details = await Promise.all(runs.map((r) => api.get(`/runs/${api.segment(r.reference)}`)));
  // GET /runs/{run} does not name the dataset of an evaluation; its rows page does.
  const found = await Promise.all(details.map((d) => {
    const key = d.evaluations?.find((e) => e.key === 'default')?.key ?? d.evaluations?.[0]?.key;
    if (!key) return null;
    return api.get(`/runs/${api.segment(d.reference)}/evaluations/${api.segment(key)}/rows`, { limit: 1 })
      .then((page) => (page.dataset === dataset ? key : null), () => null);
  }));
  return runs.map((r, i) => ({ ...r, key: found[i] })).filter((r) => r.key);
}

function saveForm(dataset, state, app, refresh) {
  const name = el('input', { name: 'slice-name', required: true, placeholder: 'crowded', 'aria-label': 'Slice name', autocomplete: 'off' });
  const filter = el('input', { name: 'slice-filter', class: 'filter-input', required: true, value: state.filter, placeholder: 'gt.count >= 4', 'aria-label': 'Filter', autocomplete: 'off', spellcheck: 'false' });
  const message = el('div', { class: 'form-message', 'aria-live': 'polite' });
  const button = el('button', { type: 'submit' }, 'Save slice');
  const submit = async (event) => {
    event.preventDefault();
    replaceChildren(message);
    button.disabled = true;
    try {
      // Checked first (a 200 verdict), so a bad filter is shown without a failed request.
      const verdict = await api.get(`/datasets/${api.segment(dataset)}/filter-check`, { filter: filter.value });
      if (!verdict.valid) throw verdict;
      const saved = await api.put(`/datasets/${api.segment(dataset)}/slices/${api.segment(name.value.trim())}`, { filter: filter.value });
      replaceChildren(message, el('p', { class: 'saved' }, `Saved “${saved.name}”: ${count(saved.rows ?? 0)} rows.`));
      await refresh();
    } catch (error) {
      replaceChildren(message, errorNote(error, filter.value));
      if (typeof error.position === 'number' && error.field !== 'name') {
        filter.focus();
        filter.setSelectionRange(error.position, error.position);
      }
    } finally {
      button.disabled = false;
    }
  };
  return el('form', { class: 'slice-form', on: { submit } },
    el('label', {}, 'Name ', name), el('label', { class: 'grow' }, 'Filter ', filter), button, message);
}

/** The API's message, with the filter text split at the error's position when it has one. */
function errorNote(error, text) {
  const note = el('div', { class: 'error slice-error', role: 'alert' }, el('span', { class: 'message' }, error.message));
  if (typeof error.position === 'number' && error.position <= text.length) {
    note.append(el('pre', { class: 'filter-at' }, text.slice(0, error.position), el('mark', {}, text.slice(error.position) || ' ')));
  }
  return note;
}

function slicesTable(dataset, slices, runs, resamples, app, isStale) {
  if (slices.length === 0) return el('p', { class: 'empty' }, 'No slices yet: save a filter above.');
  const head = el('tr', {}, el('th', { scope: 'col' }, 'slice'), el('th', { scope: 'col' }, 'filter'), el('th', { scope: 'col', class: 'num' }, 'rows'),
    runs.map((r) => el('th', { scope: 'col' }, app.link({ view: 'run', run: r.reference, dataset }, r.reference), el('br'),
      el('span', { class: 'muted' }, SLICE_HEADLINE[r.task] ?? 'metric'))));
  const body = slices.map((s) => el('tr', { dataset: { slice: s.name } },
    el('th', { scope: 'row' }, app.link({ view: 'catalog', dataset, filter: s.filter }, s.name)),
    el('td', {}, el('code', {}, s.filter)),
    el('td', { class: 'num' }, s.error ? el('span', { class: 'error-text' }, s.error) : count(s.rows ?? 0)),
    runs.map((r) => metricCell(dataset, s, r, resamples, isStale))));
  return el('div', { class: 'scroll-x' }, el('table', { class: 'data slices' }, el('thead', {}, head), el('tbody', {}, body)));
}

function metricCell(dataset, slice, run, resamples, isStale) {
  const cell = el('td', { class: 'num metric-cell', dataset: { run: run.reference, state: 'loading' } }, '…');
  if (slice.error) {
    cell.textContent = '—';
    cell.dataset.state = 'unavailable';
    return cell;
  }
  const name = SLICE_HEADLINE[run.task];
  api.get(`/datasets/${api.segment(dataset)}/slices/${api.segment(slice.name)}/metrics`, { run: run.reference, key: run.key, resamples })
    .then((answer) => {
      if (isStale()) return;
      const m = metric(answer.summary, name) ?? answer.summary?.[0];
      cell.textContent = m ? interval(m.value, m.lower, m.upper) : '—';
      cell.title = m ? `${m.name} on ${count(answer.rows)} rows, support ${count(m.support ?? 0)}` : '';
      cell.dataset.state = 'done';
    }, (error) => {
      if (isStale()) return;
      cell.textContent = error.message;
      cell.dataset.state = 'error';
    });
  return cell;
}
