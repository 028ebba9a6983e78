// The catalog's sidebar: facet values with their counts within the current filter — classes and
// splits counted by the API (one `limit=1` rows query each, which answers `count`), tags and numeric
// metadata histograms from the rows loaded so far. Clicking a value adds its predicate to the
// filter and applies it.

import * as api from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { count as formatCount, fixed } from '../lib/format.js';
import { addConjunct, facetPredicate, metadataSummary, tagCounts } from '../lib/filter-edit.js';
import { histogram } from '../lib/scales.js';

/**
 * The sidebar node. `apply(filterText)` applies a new filter. Counts load in the background;
 * `updateLoaded(rows)` refreshes the facets computed from loaded rows.
 */
export function facetsPanel({ dataset, info, filter, colorOf, apply, isStale, onError }) {
  const classes = el('ul', { class: 'facet-list facet-classes' });
  const splits = el('ul', { class: 'facet-list facet-splits' });
  const tags = el('ul', { class: 'facet-list facet-tags' });
  const meta = el('div', { class: 'facet-meta' });
  const node = el('aside', { class: 'facets', 'aria-label': 'Facets' },
    el('h2', {}, 'Classes'), classes, el('h2', {}, 'Splits'), splits, el('h2', {}, 'Tags'), tags, meta);

  const click = (facet) => apply(addConjunct(filter, facetPredicate(facet)));
  const item = (facet, label, swatch) => el('li', {},
    el('button', { type: 'button', class: 'facet', dataset: { field: facet.field, value: String(facet.value ?? '') }, on: { click: () => click(facet) } },
      swatch ? el('span', { class: 'swatch', dataset: { color: swatch } }) : null,
      el('span', { class: 'facet-label' }, label), el('span', { class: 'facet-count' }, '…')));

  const classItems = info.classes.map((c) => item({ field: 'gt.class', value: c.name }, c.name, colorOf(c.name)));
  replaceChildren(classes, classItems);
  classItems.forEach((li) => { const s = li.querySelector('.swatch'); if (s) s.style.background = s.dataset.color; });
  replaceChildren(splits, el('li', { class: 'muted' }, 'counting…'));

  // Counts, a few at a time so the grid's own requests are not starved: the classes now, the
  // splits once the dataset's statistics (counted apart from the schema) have arrived.
  const countFacets = async (jobs) => {
    for (let k = 0; k < jobs.length; k += 4) {
      if (isStale()) return;
      await Promise.all(jobs.slice(k, k + 4).map(async ([li, predicate]) => {
        const page = await api.get(`/datasets/${api.segment(dataset)}/rows`, { filter: addConjunct(filter, predicate), limit: 1 });
        const n = page.count;
        li.querySelector('.facet-count').textContent = formatCount(n);
        li.classList.toggle('zero', n === 0);
      }));
    }
  };
  const start = () => {
    countFacets(info.classes.map((c, i) => [classItems[i], facetPredicate({ field: 'gt.class', value: c.name })])).catch(onError);
    countSplits().catch(onError);
  };
  const countSplits = async () => {
    const statistics = info.statistics ?? (await api.get(`/datasets/${api.segment(dataset)}`)).statistics;
    if (isStale()) return;
    const splitNames = Object.keys(statistics?.rows_by_split ?? {}).sort();
    const splitItems = splitNames.map((s) => item({ field: 'split', value: s }, s));
    replaceChildren(splits, splitItems.length ? splitItems : el('li', { class: 'muted' }, 'no splits'));
    await countFacets(splitNames.map((s, i) => [splitItems[i], facetPredicate({ field: 'split', value: s })]));
  };

  function updateLoaded(rows) {
    const counts = tagCounts(rows);
    replaceChildren(tags, counts.length === 0 ? el('li', { class: 'muted' }, 'no tags in the loaded rows')
      : counts.slice(0, 30).map(([tag, n]) => {
        const li = item({ field: 'tag', value: tag }, tag);
        li.querySelector('.facet-count').textContent = formatCount(n);
        return li;
      }));
    const { numeric } = metadataSummary(rows);
    replaceChildren(meta, [...numeric].slice(0, 6).map(([name, values]) => metaHistogram(name, values, click)));
  }

  return { node, updateLoaded, start };
}

/** A small bar histogram of a numeric metadata field; a bar click filters to its bin. */
function metaHistogram(name, values, click) {
  const { edges, counts } = histogram(values, 8);
  const max = Math.max(1, ...counts);
  const bars = counts.map((n, i) => {
    const bar = el('button', {
      type: 'button', class: 'histogram-bar', title: `${fixed(edges[i], 2)} – ${fixed(edges[i + 1], 2)}: ${n}`,
      'aria-label': `${name} from ${edges[i]} to ${edges[i + 1]}: ${n} rows`,
      on: { click: () => click({ field: 'meta', name, low: edges[i], high: edges[i + 1] }) },
    });
    bar.style.height = `${Math.round((n / max) * 100)}%`;
    return bar;
  });
  return el('div', { class: 'facet-histogram' }, el('h2', {}, `meta.${name}`), el('div', { class: 'histogram' }, bars),
    el('div', { class: 'histogram-axis muted' }, el('span', {}, fixed(edges[0], 2)), el('span', {}, fixed(edges[edges.length - 1], 2))));
}
