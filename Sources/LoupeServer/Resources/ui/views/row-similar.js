// "Find similar" on the row page: when the workspace has embedding spaces, a space select and a
// button that lists the 12 rows nearest to this one (POST /embedding-spaces/{space}/similar),
// each a link to its row page with its score.

import * as api from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { fixed } from '../lib/format.js';

const K = 12;

/** The panel (empty until the spaces are known; nothing when there are none). */
export function similarPanel({ dataset, key, app, isStale }) {
  const node = el('div', { class: 'row-similar' });
  api.get('/embedding-spaces').then(({ embedding_spaces: spaces }) => {
    if (isStale() || spaces.length === 0) return;
    const select = el('select', { class: 'similar-space', 'aria-label': 'Embedding space' },
      spaces.map((s) => el('option', { value: s.name }, s.name)));
    const list = el('div', { class: 'similar-list' });
    const button = el('button', { type: 'button', class: 'row-find-similar', on: { click: () => {
      button.disabled = true;
      find(select.value, list).finally(() => { button.disabled = false; });
    } } }, 'Find similar');
    const projector = el('span', {});
    const update = () => replaceChildren(projector, app.link({ view: 'projector', dataset, extra: [`space=${encodeURIComponent(select.value)}`] }, 'projector'));
    select.addEventListener('change', update);
    update();
    replaceChildren(node, el('h2', {}, 'Similar rows'),
      el('div', { class: 'similar-controls' }, spaces.length > 1 ? select : el('span', { class: 'muted' }, spaces[0].name), button, projector), list);
  }, () => {});
  return node;

  async function find(space, list) {
    replaceChildren(list, el('p', { class: 'muted' }, 'Searching…'));
    try {
      const answer = await api.post(`/embedding-spaces/${api.segment(space)}/similar`, { dataset, keys: [key], k: K });
      if (isStale()) return;
      const rows = answer.results.filter((r) => (r.dataset ?? dataset) === dataset);
      replaceChildren(list, rows.length === 0 ? el('p', { class: 'empty' }, 'No other rows.')
        : el('ol', { class: 'similar-rows', dataset: { space } }, rows.map((r) => el('li', { dataset: { key: r.key } },
          app.link({ view: 'row', dataset, row: r.key }, r.key), el('span', { class: 'muted score' }, fixed(r.score, 3))))));
    } catch (error) {
      if (isStale()) return;
      replaceChildren(list, el('p', { class: 'empty' }, error.status === 404 ? `This row has no vector in ${space}.` : `Could not search: ${error.message}`));
    }
  }
}
