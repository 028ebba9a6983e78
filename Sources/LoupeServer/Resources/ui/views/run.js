// One run's dashboard (`view=run&run=MODEL/NAME&dataset=D`, optional `key=` for the evaluation):
// summary metrics with intervals and support, a sortable per-class table, the confusion matrix
// opening the gallery behind each cell, PR curves with a score-threshold control, the reliability
// diagram (classification), metric importance, learning curves and the budget plan.

import * as api from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { fixed, interval, count } from '../lib/format.js';
import { extraParam } from '../lib/extra-params.js';
import { metric, perClassColumns, sortPerClass } from '../lib/run-metrics.js';
import { confusionSection } from './run-confusion.js';
import { curvesSection } from './run-curves.js';
import { importanceSection, planSection, slicesSection } from './run-analysis.js';

/** Renders the dashboard of `state.run` into `root`. */
export async function render(root, state, app, isStale) {
  if (!state.run) throw new Error('No run given: open a run from its model’s run list.');
  const runPath = `/runs/${api.segment(state.run)}`;
  const run = await api.get(runPath);
  if (isStale()) return;
  const keyParam = extraParam(state.extra, 'key');
  const key = keyParam ?? run.evaluations?.[0]?.key ?? 'default';
  app.setCrumbs([['Loupe', {}], [run.model, { view: 'runs', model: run.model }], [run.name, null]]);
  root.append(el('h1', {}, `Run ${run.reference}`), configLine(run));
  if (!run.evaluations?.length) {
    root.append(el('p', { class: 'empty' }, 'This run has no evaluation yet (loupe runs eval).'));
    return;
  }
  const evaluationPath = `${runPath}/evaluations/${api.segment(key)}`;
  app.setStatus('Loading the evaluation…');
  const evaluation = await api.get(evaluationPath);
  let dataset = state.dataset;
  if (!dataset) dataset = (await api.get(`${evaluationPath}/rows`, { limit: 1 })).dataset ?? '';
  if (isStale()) return;
  app.setStatus('');
  const context = { app, state, run, key, dataset, evaluation, evaluationPath, isStale };
  root.append(
    evaluationPicker(context),
    summarySection(evaluation),
    perClassSection(evaluation),
    confusionSection(context),
    curvesSection(context),
    importanceSection(context),
    slicesSection(context),
    planSection(context),
  );
}

function configLine(run) {
  const config = Object.keys(run.config ?? {}).sort().map((k) => `${k}: ${JSON.stringify(run.config[k])}`).join(' · ');
  return el('p', { class: 'muted run-config' }, `${run.task} · created ${run.created_at ?? '—'}`, config ? ` · ${config}` : '');
}

function evaluationPicker({ app, state, run, key, dataset }) {
  const links = run.evaluations.map((e) => (e.key === key
    ? el('strong', {}, e.key)
    : app.link({ ...state, dataset, extra: [`key=${encodeURIComponent(e.key)}`] }, e.key)));
  return el('p', { class: 'evaluation-picker' }, 'Evaluation: ', links.flatMap((l, i) => (i ? [' · ', l] : [l])),
    dataset ? [' · on ', app.link({ view: 'catalog', dataset }, dataset)] : null,
    ' · ', app.link({ view: 'runs', model: run.model }, 'all runs of this model'));
}

function summarySection(evaluation) {
  return el('section', { class: 'run-summary' }, el('h2', {}, 'Summary'),
    el('div', { class: 'metric-cards' }, (evaluation.summary ?? []).map((m) => el('div', { class: 'metric-card', dataset: { metric: m.name } },
      el('div', { class: 'metric-name' }, m.name),
      el('div', { class: 'metric-value' }, fixed(m.value)),
      el('div', { class: 'metric-interval muted' }, typeof m.lower === 'number' ? `95% [${fixed(m.lower)}, ${fixed(m.upper)}]` : 'no interval'),
      el('div', { class: 'metric-support muted' }, `support ${count(m.support ?? 0)}`)))));
}

function perClassSection(evaluation) {
  const columns = perClassColumns(evaluation.per_class);
  const section = el('section', { class: 'run-per-class' }, el('h2', {}, 'Per class'));
  if (!columns.length) return section.append(el('p', { class: 'empty' }, 'No per-class results.')), section;
  let order = { column: null, descending: false };
  const body = el('tbody');
  const headers = ['class_name', ...columns].map((column) => el('th', {
    scope: 'col', class: column === 'class_name' ? 'sortable' : 'sortable num', tabindex: '0', dataset: { column },
    'aria-sort': 'none',
    on: { click: () => sortBy(column), keydown: (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sortBy(column); } } },
  }, column === 'class_name' ? 'class' : column));
  function sortBy(column) {
    // The first click on a metric sorts best first (descending); on the class name, A to Z.
    order = order.column === column ? { column, descending: !order.descending } : { column, descending: column !== 'class_name' };
    for (const th of headers) th.setAttribute('aria-sort', th.dataset.column === column ? (order.descending ? 'descending' : 'ascending') : 'none');
    fill(sortPerClass(evaluation.per_class, column, order.descending));
  }
  function fill(entries) {
    replaceChildren(body, entries.map((entry) => el('tr', { dataset: { className: entry.class_name } },
      el('th', { scope: 'row' }, entry.class_name),
      columns.map((column) => {
        const m = metric(entry.metrics, column);
        const integer = m && Number.isInteger(m.value) && ['tp', 'fp', 'fn', 'support', 'predicted'].includes(column);
        return el('td', { class: 'num', title: m ? `support ${m.support ?? '—'}` : null },
          m ? (integer ? count(m.value) : interval(m.value, m.lower, m.upper)) : '—');
      }))));
  }
  fill(evaluation.per_class);
  section.append(el('p', { class: 'muted' }, 'Click a column to sort (again to reverse).'),
    el('div', { class: 'scroll-x' }, el('table', { class: 'data per-class' }, el('thead', {}, el('tr', {}, headers)), body)));
  return section;
}
