// What the projector can colour its points by, beyond label and split: a stored data-issue
// report's score, and a run's per-row result (correct or wrong and confidence for classification,
// errors and IoU for detection), each fetched once as a column and aligned with the points.

import * as api from '../api.js';
import { MISSING } from '../lib/colors.js';
import { categorize, scoreBins } from '../lib/point-colors.js';
import { listRuns, runsEvaluatedOn } from './run-list.js';

/** Each evaluation kind's colourings: a per-row metric and whether it is a category or a [0, 1] score. */
const RUN_METRICS = {
  classification: [['correct', 'category'], ['confidence', 'score']],
  detection: [['errors', 'category'], ['iou', 'score']],
  segmentation: [['errors', 'category'], ['iou', 'score']],
};

/**
 * The choices beyond label and split, as `{value, label}`: `issue:KIND` per stored report, and
 * `run:METRIC:RUN` per run whose default evaluation is on `dataset`.
 * @param {string} dataset
 * @param {{kind: string}[]} reports the dataset's stored data-issue reports
 */
export async function extraColorChoices(dataset, reports) {
  const choices = reports.map((r) => ({ value: `issue:${r.kind}`, label: `${r.kind.replaceAll('_', ' ')} score` }));
  const runs = await runsEvaluatedOn(dataset, await listRuns());
  for (const run of runs) {
    const { evaluations } = await api.get(`/runs/${api.segment(run.reference)}/evaluations`);
    const kind = evaluations.find((e) => e.key === 'default')?.kind;
    for (const [metric] of RUN_METRICS[kind] ?? []) choices.push({ value: `run:${metric}:${run.name}`, label: `${run.name}: ${metric}` });
  }
  return choices;
}

/** Outcome colours: green for right or clean, through amber, to red for wrong or 3+ errors. */
const OUTCOME_COLORS = {
  correct: '#2a9d5c', wrong: '#d62728', '0 errors': '#2a9d5c', '1 error': '#e9c46a', '2 errors': '#f4a261', '3+ errors': '#d62728',
};

/** The category of a per-row result: correct or wrong; an error count, 3 and more together. */
function categoryOf(metric, value) {
  if (value === null || value === undefined) return null;
  if (metric === 'correct') return value === 1 ? 'correct' : 'wrong';
  return value >= 3 ? '3+ errors' : `${value} ${value === 1 ? 'error' : 'errors'}`;
}

/**
 * The colouring of `choice` (`issue:KIND` or `run:METRIC:RUN`) over the points, as
 * `{categories, codes, counts, colors}`; each column is fetched once and kept in `cache`.
 * @param {string} choice
 * @param {{dataset: string, keyIndex: Map<string, number>, n: number, cache: Map<string, Array>}} points
 */
export async function extraColoring(choice, { dataset, keyIndex, n, cache }) {
  if (!cache.has(choice)) {
    let keys, values;
    if (choice.startsWith('issue:')) {
      ({ keys, scores: values } = await api.get(`/datasets/${api.segment(dataset)}/issues/${api.segment(choice.slice(6))}/scores`));
    } else {
      const [, metric, run] = choice.split(/:(.*?):(.*)/s);
      ({ keys, values } = await api.get(`/runs/${api.segment(run)}/evaluations/default/column`, { metric }));
    }
    const aligned = new Array(n).fill(null);
    keys.forEach((key, k) => { const i = keyIndex.get(key); if (i !== undefined) aligned[i] = values[k]; });
    cache.set(choice, aligned);
  }
  const values = cache.get(choice);
  if (choice.startsWith('issue:')) return scoreBins(values, 10);
  const metric = choice.split(':')[1];
  const [, type] = Object.values(RUN_METRICS).flat().find(([m]) => m === metric);
  if (type === 'score') return scoreBins(values, 10);
  const order = metric === 'correct' ? ['correct', 'wrong'] : ['0 errors', '1 error', '2 errors', '3+ errors'];
  const { categories, codes, counts } = categorize(values.map((v) => categoryOf(metric, v)), order);
  return { categories, codes, counts, colors: [MISSING, ...categories.map((name) => OUTCOME_COLORS[name])] };
}
