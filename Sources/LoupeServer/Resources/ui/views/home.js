// The start page: the workspace's datasets (with their size and labels) and models (with their
// runs), each leading to its catalog or run list.

import * as api from '../api.js';
import { el, table } from '../dom.js';
import { count } from '../lib/format.js';

/** Renders the start page into `root`. */
export async function render(root, state, app) {
  app.setCrumbs([['Loupe', null]]);
  const [{ datasets: names }, { models }] = await Promise.all([api.get('/datasets'), api.get('/models')]);
  const datasets = await Promise.all(names.map((d) => api.get(`/datasets/${api.segment(d.name)}`)));
  root.append(
    el('h1', {}, 'Datasets'),
    datasets.length === 0
      ? el('p', { class: 'empty' }, 'No datasets yet: import one with loupe import, or run loupe demo.')
      : table(['Dataset', 'Rows', 'Labeled', 'Classes', ''], datasets.map((d) => [
        app.link({ view: 'catalog', dataset: d.name }, d.name), count(d.statistics?.rows ?? 0),
        count(d.statistics?.labeled_rows ?? 0), count(d.classes.length),
        [app.link({ view: 'slices', dataset: d.name }, 'Slices'),
          // Rows with vectors can be laid out in 2-D: the projector picks the first space.
          (d.statistics?.embeddings ?? 0) > 0 ? [' · ', app.link({ view: 'projector', dataset: d.name }, 'Projector')] : null],
      ]), { class: 'data datasets' }),
    el('h1', {}, 'Models'),
    models.length === 0
      ? el('p', { class: 'empty' }, 'No model runs yet: import predictions with --model and --run.')
      : table(['Model', 'Task', 'Runs'], models.map((m) => [
        app.link({ view: 'runs', model: m.name }, m.name), m.task, count(m.runs),
      ]), { class: 'data models' }));
}
