// The catalog's sidebar: facet values with their counts within the current filter, over the whole
// view — classes, splits, tags and numeric metadata histograms, one `GET /facets` request each. Clicking a value adds its predicate to
// the filter and applies it.

import * as api from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { count as formatCount, fixed } from '../lib/format.js';
import { addConjunct, facetPredicate } from '../lib/filter-edit.js';

/**
 * The sidebar node. `apply(filterText)` applies a new filter. `start()` loads the counts in the
 * background (the caller waits for the grid's first page).
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

  // Counts over the whole view, one facet request per field, one after another so the grid's own
  // requests are not starved: classes, splits, tags, then numeric metadata histograms.
  const segment = api.segment(dataset);
  const start = () => countAll().catch(onError);
  const countAll = async () => {
    const classFacet = await api.get(`/datasets/${segment}/facets`, { field: 'gt.class', filter, limit: 1000 });
    if (isStale()) return;
    const byName = new Map(classFacet.values.map(({ value, count: n }) => [value, n]));
    info.classes.forEach((c, i) => {
      const n = byName.get(c.name) ?? 0;
      counted(classItems[i], n).classList.toggle('zero', n === 0);
    });
    const facet = await api.get(`/datasets/${segment}/facets`, { field: 'split', filter });
    if (isStale()) return;
    replaceChildren(splits, facet.values.length === 0 ? el('li', { class: 'muted' }, 'no splits')
      : facet.values.map(({ value, count: n }) => counted(item({ field: 'split', value }, value), n)));
    const tagFacet = await api.get(`/datasets/${segment}/facets`, { field: 'tag', filter, limit: 30 });
    if (isStale()) return;
    replaceChildren(tags, tagFacet.values.length === 0 ? el('li', { class: 'muted' }, 'no tags')
      : tagFacet.values.map(({ value, count: n }) => counted(item({ field: 'tag', value }, value), n)));
    const numeric = (info.metadata_fields ?? []).filter((f) => f.kind === 'number').slice(0, 6);
    const histograms = [];
    for (const field of numeric) {
      const facet = await api.get(`/datasets/${segment}/facets`, { field: `meta.${field.name}`, filter, bins: 8 });
      if (isStale()) return;
      if (facet.bins?.length) histograms.push(metaHistogram(field.name, facet.bins, click));
    }
    replaceChildren(meta, histograms);
  };
  const counted = (li, n) => {
    li.querySelector('.facet-count').textContent = formatCount(n);
    return li;
  };

  return { node, start };
}

/** A small bar histogram of a numeric metadata field (the API's bins); a bar click filters to its bin. */
function metaHistogram(name, bins, click) {
  const max = Math.max(1, ...bins.map((b) => b.count));
  const bars = bins.map(({ lower, upper, count: n }) => {
    const bar = el('button', {
      type: 'button', class: 'histogram-bar', title: `${fixed(lower, 2)} – ${fixed(upper, 2)}: ${n}`,
      'aria-label': `${name} from ${lower} to ${upper}: ${n} rows`,
      on: { click: () => click({ field: 'meta', name, low: lower, high: upper }) },
    });
    bar.style.height = `${Math.round((n / max) * 100)}%`;
    return bar;
  });
  return el('div', { class: 'facet-histogram', dataset: { field: name } }, el('h2', {}, `meta.${name}`), el('div', { class: 'histogram' }, bars),
    el('div', { class: 'histogram-axis muted' }, el('span', {}, fixed(bins[0].lower, 2)), el('span', {}, fixed(bins[bins.length - 1].upper, 2))));
}
