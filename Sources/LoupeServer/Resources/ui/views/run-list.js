// The workspace's runs, named as the filter language and the API take them: NAME when no other
// model has a run of that name, else MODEL/NAME. Loaded once per page render.

import * as api from '../api.js';

/** Every run as `{name, reference, model}`, `name` being the short form when it is unambiguous. */
export async function listRuns() {
  const { models } = await api.get('/models');
  const lists = await Promise.all(models.map((m) => api.get(`/models/${api.segment(m.name)}/runs`)));
  const runs = lists.flatMap((l) => l.runs);
  const seen = new Map();
  for (const r of runs) seen.set(r.name, (seen.get(r.name) ?? 0) + 1);
  return runs.map((r) => ({ name: seen.get(r.name) > 1 ? r.reference : r.name, reference: r.reference, model: r.model }));
}

const evaluatedOn = new Map();

/**
 * The runs whose `default` evaluation is on `dataset` (asked once per run and session: its list
 * of evaluations, then one row of the default one for its dataset), so the row page never asks
 * for a row result that cannot exist.
 */
export async function runsEvaluatedOn(dataset, runs) {
  const checks = await Promise.all(runs.map(async (run) => {
    if (!evaluatedOn.has(run.reference)) {
      evaluatedOn.set(run.reference, (async () => {
        const { evaluations } = await api.get(`/runs/${api.segment(run.reference)}/evaluations`);
        if (!evaluations.some((e) => e.key === 'default')) return null;
        const page = await api.get(`/runs/${api.segment(run.reference)}/evaluations/default/rows`, { limit: 1 });
        return page.dataset ?? null;
      })());
    }
    return (await evaluatedOn.get(run.reference)) === dataset;
  }));
  return runs.filter((_, i) => checks[i]);
}
