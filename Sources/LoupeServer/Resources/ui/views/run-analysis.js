// The run dashboard's analyses, loaded after the rest of the page: metric importance (which row
// fields predict the run's errors), the slices where the run does significantly worse (each one
// click from the catalog and from being saved), and the model's learning curves with the budget
// plan, shown as the API returns them, "unfitted" reasons included.

import * as api from '../api.js';
import { el, replaceChildren, table } from '../dom.js';
import { count, fixed, interval } from '../lib/format.js';
import { extraParam, withExtraParam } from '../lib/extra-params.js';
import { learningCurve } from './run-charts.js';

/** Resamples for the importance intervals: fewer than the CLI's 1000 so the page stays quick. */
const IMPORTANCE_RESAMPLES = 200;

/** Fills `section` from `load()` when it answers; an error is shown inside the section. */
function later(section, load, fill, context) {
  const body = el('div', { class: 'muted' }, 'Loading…');
  section.append(body);
  load().then((answer) => { if (!context.isStale()) replaceChildren(body, fill(answer)), body.classList.remove('muted'); },
    (error) => { if (!context.isStale()) replaceChildren(body, el('p', { class: 'error' }, error.message)), body.classList.remove('muted'); });
  return section;
}

function association(field) {
  const numeric = field.association?.numeric;
  if (numeric) {
    return Object.values(numeric).map((a) => (a.rho
      ? `Spearman ρ ${interval(a.rho.value, a.rho.interval?.lower, a.rho.interval?.upper)}, p = ${a.p_value?.toPrecision(2) ?? '—'}`
      : '')).join('; ');
  }
  const categorical = field.association?.categorical;
  if (categorical) {
    return Object.values(categorical).map((a) => (a.groups?.length
      ? a.groups.map((g) => `${g.value ?? g.name ?? '?'}: ${fixed(g.mean ?? g.value_mean, 2)}${g.support !== undefined ? ` (${count(g.support)})` : ''}`).join(', ')
      : 'no groups')).join('; ');
  }
  return '';
}

/** Metric importance of the run on the dataset. */
export function importanceSection(context) {
  const { run, dataset, key } = context;
  const section = el('section', { class: 'run-importance' }, el('h2', {}, 'What predicts the errors'));
  return later(section,
    () => api.get(`/runs/${api.segment(run.reference)}/importance`, { dataset, key, resamples: IMPORTANCE_RESAMPLES }),
    (answer) => [
      el('p', { class: 'muted' }, `Per-row metric “${answer.metric}” against each field (${answer.resamples} resamples, seed ${answer.seed}); strength is in [0, 1].`),
      answer.fields.length === 0 ? el('p', { class: 'empty' }, 'No fields to test.')
        : table(['field', 'strength', 'support', 'association'], answer.fields.map((f) => [
          f.name, typeof f.strength === 'number' ? fixed(f.strength) : '—', count(f.support ?? 0), association(f),
        ]), { class: 'data importance' }),
    ], context);
}

/** Slices where the run does significantly worse than on the rest of the dataset (q < 0.05). */
export function slicesSection(context) {
  const { app, run, dataset, key } = context;
  const section = el('section', { class: 'run-slices' }, el('h2', {}, 'Where it does worse'));
  return later(section,
    () => api.get(`/runs/${api.segment(run.reference)}/slice-discovery`, { dataset, key }),
    (answer) => [
      el('p', { class: 'muted' }, `${count(answer.tested)} candidate slices (metadata values, quartile bins and their pairs) tested on “${answer.metric}” `
        + `(${answer.higher_is_better ? 'higher' : 'lower'} is better); Benjamini–Hochberg at q < ${answer.level}.`),
      answer.slices.length === 0 ? el('p', { class: 'empty' }, 'No slice is significantly worse.')
        : table(['slice', 'rows', answer.metric, 'rest', 'difference', 'q', ''], answer.slices.map((s) => [
          s.name, count(s.rows), fixed(s.value, 3), fixed(s.rest, 3), interval(s.effect, s.lower, s.upper), s.q_value.toPrecision(2),
          s.filter ? el('span', { class: 'slice-actions' },
            app.link({ view: 'catalog', dataset, filter: s.filter, run: run.reference }, 'Open'), ' · ',
            app.link({ view: 'slices', dataset, filter: s.filter }, 'Save as slice…')) : '',
        ]), { class: 'data discovered-slices' }),
    ], context);
}

/** Learning curves of the run's model and, with a budget, the plan for new labels. */
export function planSection(context) {
  const { run, dataset, key, app } = context;
  const budget = extraParam(context.state.extra, 'budget');
  const section = el('section', { class: 'run-plan' }, el('h2', {}, 'Learning curves and labeling plan'));
  const input = el('input', { type: 'number', name: 'budget', min: '1', step: '1', value: budget ?? '', placeholder: 'labels', 'aria-label': 'Labeling budget' });
  section.append(el('form', { class: 'plan-form', on: { submit: (event) => {
    event.preventDefault();
    app.navigate({ ...app.state, extra: withExtraParam(app.state.extra, 'budget', input.value.trim()) }, { replace: true });
  } } }, 'Plan a budget of ', input, ' new labels ', el('button', { type: 'submit' }, 'Plan')));
  return later(section,
    () => api.get(`/datasets/${api.segment(dataset)}/plan`, { model: run.model, key, budget }),
    (plan) => [
      el('p', { class: 'muted' }, `Metric ${plan.metric} of evaluation “${plan.evaluation_key}”, by ${plan.grouped_by}, training splits ${plan.training_splits.join(', ')}; ${plan.runs.length} runs with a training snapshot.`),
      plan.runs.length ? table(['run', 'labels', plan.metric], plan.runs.map((r) => [r.run, count(r.labels), fixed(r.metric)]), { class: 'data plan-runs' }) : null,
      el('div', { class: 'curve-grid' }, plan.curves.map((curve) => el('figure', { class: 'curve', dataset: { name: curve.name } },
        el('figcaption', {}, curve.name),
        curve.points.length ? learningCurve(curve.points.map((p) => ({ x: p.label_count, y: p.metric })),
          (curve.curve?.points ?? []).map((p) => ({ x: p.label_count, y: p.metric })), { label: `learning curve of ${curve.name}` }) : null,
        curve.curve ? el('p', { class: 'small' }, `${plan.metric} ≈ ${fixed(curve.curve.parameters.ceiling)} − ${fixed(curve.curve.parameters.scale)}·n^−${fixed(curve.curve.parameters.exponent)}${curve.curve.converged ? '' : ' (not converged)'}`)
          : el('p', { class: 'unfitted small muted' }, `unfitted: ${curve.unfitted ?? 'no reason given'}`)))),
      plan.plan ? planTable(plan.plan) : el('p', { class: 'muted' }, 'Give a budget to allocate new labels to the largest predicted gain.'),
    ], context);
}

function planTable(plan) {
  return el('div', { class: 'plan' },
    el('p', {}, `Budget ${count(plan.budget)} in steps of ${count(plan.step)}; ${count(plan.unallocated_labels)} unallocated.`,
      plan.overall_gain ? ` Overall gain ${interval(plan.overall_gain.value, plan.overall_gain.lower, plan.overall_gain.upper)}.` : ''),
    plan.allocations.length ? table(['group', 'labels now', 'added', 'before', 'after', 'gain'], plan.allocations.map((a) => [
      a.name, count(a.label_count), count(a.added_labels), interval(a.before?.value, a.before?.lower, a.before?.upper),
      interval(a.after?.value, a.after?.lower, a.after?.upper), interval(a.gain?.value, a.gain?.lower, a.gain?.upper),
    ]), { class: 'data plan-allocations' }) : null,
    plan.unplannable.length ? el('ul', { class: 'unplannable muted' }, plan.unplannable.map((u) => el('li', {}, `${u.name}: ${u.reason}`))) : null);
}
