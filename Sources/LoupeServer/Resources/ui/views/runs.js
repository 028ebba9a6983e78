// A model's runs (`view=runs&model=M`), oldest first, with the headline metrics of their
// evaluations and a small line chart of each headline metric over the runs (the iteration
// history); links to each run's dashboard and to its comparison with the previous run.

import * as api from '../api.js';
import { el, table } from '../dom.js';
import { fixed } from '../lib/format.js';
import { extraParam } from '../lib/extra-params.js';
import { headlineNames, metric, runsOldestFirst } from '../lib/run-metrics.js';
import { metricOverRuns } from './run-charts.js';

/** Renders the run list of `state.model` into `root`. */
export async function render(root, state, app, isStale) {
  if (!state.model) throw new Error('No model given: pick one on the start page.');
  app.setCrumbs([['Loupe', {}], [state.model, null]]);
  const listing = await api.get(`/models/${api.segment(state.model)}/runs`);
  const runs = runsOldestFirst(listing.runs);
  app.setStatus(`Loading ${runs.length} runs…`);
  const details = await Promise.all(runs.map((r) => api.get(`/runs/${api.segment(r.reference)}`)));
  if (isStale()) return;
  app.setStatus('');
  const key = extraParam(state.extra, 'key') ?? 'default';
  const evaluations = details.map((d) => d.evaluations?.find((e) => e.key === key) ?? d.evaluations?.[0] ?? null);
  const first = evaluations.find(Boolean);
  const names = first ? headlineNames(first) : [];
  // The dataset a run was evaluated on is not in GET /runs/{run}; each run's evaluation rows say
  // it (one row is enough), and the dashboard and the comparison need it.
  const datasets = await Promise.all(details.map((d, i) => (evaluations[i]
    ? api.get(`/runs/${api.segment(d.reference)}/evaluations/${api.segment(evaluations[i].key)}/rows`, { limit: 1 }).then((p) => p.dataset ?? '', () => '')
    : '')));
  if (isStale()) return;
  root.append(el('h1', {}, `Runs of ${state.model}`));
  if (runs.length === 0) {
    root.append(el('p', { class: 'empty' }, 'This model has no runs yet.'));
    return;
  }
  root.append(
    el('p', { class: 'muted' }, `${runs.length} runs, oldest first; metrics of the evaluation “${key}” with 95% intervals.`),
    table(['run', 'created', ...names, ''], details.map((d, i) => [
      app.link({ view: 'run', run: d.reference, dataset: datasets[i] }, d.name),
      el('span', { class: 'muted' }, runs[i].created_at ?? '—'),
      ...names.map((name) => {
        const m = metric(evaluations[i]?.summary, name);
        return el('span', { class: 'num', dataset: { metric: name }, title: m ? `95% [${fixed(m.lower)}, ${fixed(m.upper)}], support ${m.support}` : null }, m ? fixed(m.value) : '—');
      }),
      i > 0 ? app.link({ view: 'compare', dataset: datasets[i], run: details[i - 1].reference, b: d.reference }, `compare with ${details[i - 1].name}`) : '',
    ]), { class: 'data runs' }),
    el('h2', {}, 'History'),
    el('div', { class: 'history-charts' }, names.map((name) => metricOverRuns(name,
      evaluations.map((e) => metric(e?.summary, name)?.value ?? null), details.map((d) => d.name)))));
}
