// The projector page (`view=projector&dataset=D&space=S&method=umap|pca&color=…`):
// a dataset's points in a stored 2-D layout of an embedding space, coloured by label, split, a
// stored data-issue score or a run's per-row result (projector-colors.js), with
// zoom, pan, hover previews, box and lasso selection; the selection opens as a gallery, as a
// catalog filter, and as the seeds of "find similar", whose answer is ringed on the scatter.
// Space, method and colour live in the URL (extra parameters), so a link reproduces the view.

import * as api from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { count as formatCount } from '../lib/format.js';
import { extraParam, withExtraParam } from '../lib/extra-params.js';
import { categorize, categoryColors, packRGBA, packedPalette, rgbTriple } from '../lib/point-colors.js';
import { extraColorChoices, extraColoring } from './projector-colors.js';
import { keysFilter } from '../lib/selection.js';
import { scatterCanvas } from './projector-canvas.js';
import { GALLERY_CAP, projectorGallery } from './projector-gallery.js';
import { hoverPreview } from './projector-hover.js';
import { layoutMissing, layoutStaleNote } from './projector-compute.js';

/** The most rows a catalog link or a "find similar" query names. */
const CATALOG_CAP = 300;
const SEED_CAP = 500;

/** The state with extra parameters set (null removes one). */
export function withParams(state, changes) {
  let extra = state.extra ?? [];
  for (const [name, value] of Object.entries(changes)) extra = withExtraParam(extra, name, value);
  return { ...state, extra };
}

/** Renders the projector into `root`. */
export async function render(root, state, app, isStale) {
  const dataset = state.dataset;
  if (!dataset) throw new Error('This page needs a dataset (dataset=NAME).');
  app.setCrumbs([['Loupe', {}], [dataset, { view: 'catalog', dataset }], ['Projector', null]]);
  const [{ embedding_spaces: spaces }, info, { reports }] = await Promise.all([
    api.get('/embedding-spaces'), api.get(`/datasets/${api.segment(dataset)}`, { statistics: false }),
    api.get(`/datasets/${api.segment(dataset)}/issues`)]);
  if (isStale()) return;
  if (spaces.length === 0) {
    root.append(el('h1', {}, `${dataset}: projector`),
      el('p', { class: 'empty' }, 'No embedding spaces yet: import vectors with loupe import embeddings.'));
    return;
  }
  const space = extraParam(state.extra, 'space') || spaces[0].name;
  const method = extraParam(state.extra, 'method') === 'pca' ? 'pca' : 'umap';
  // The run colourings cost a request or two per run: asked in the background, unless the URL
  // names one of them, so the layout's first paint does not wait for every run's evaluations.
  const askedColor = extraParam(state.extra, 'color');
  const extraChoices = extraColorChoices(dataset, reports);
  const colorChoices = [{ value: 'label', label: 'label' }, { value: 'split', label: 'split' },
    ...(askedColor && askedColor !== 'label' && askedColor !== 'split' ? await extraChoices : [])];
  if (isStale()) return;
  const view = { state: { ...state }, colorBy: colorChoices.some((c) => c.value === askedColor) ? askedColor : 'label' };

  const spaceSelect = el('select', { class: 'space-select', 'aria-label': 'Embedding space', on: {
    change: () => app.navigate(withParams(view.state, { space: spaceSelect.value })) } },
  spaces.map((s) => el('option', { value: s.name, selected: s.name === space }, s.name)));
  const methodButtons = ['umap', 'pca'].map((m) => el('button', {
    type: 'button', class: `method method-${m}`, 'aria-pressed': String(m === method),
    on: { click: () => { if (m !== method) app.navigate(withParams(view.state, { space, method: m })); } },
  }, m.toUpperCase()));
  const head = el('div', { class: 'projector-head' }, el('h1', {}, `${dataset}: projector`),
    el('label', {}, 'Space ', spaceSelect), el('span', { class: 'method-switch', role: 'group', 'aria-label': 'Layout method' }, methodButtons));
  root.append(head);

  const layout = await loadLayout(space, method, dataset);
  if (isStale()) return;
  if (!layout) {
    root.append(layoutMissing({ space, method, app, state: view.state, isStale }));
    return;
  }
  if (!layout.current) root.append(layoutStaleNote({ space, method, app, state: view.state, isStale }));

  const points = layout.points;
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const keys = new Array(n);
  const keyIndex = new Map();
  points.forEach((p, i) => { xs[i] = p.x; ys[i] = p.y; keys[i] = p.key; keyIndex.set(p.key, i); });
  const classOrder = info.classes.map((c) => c.name);
  const background = rgbTriple(getComputedStyle(document.body).backgroundColor.replace(/rgba\((\d+), (\d+), (\d+).*/, 'rgb($1, $2, $3)'));
  let coloring = null;
  const columns = new Map();
  async function recolor() {
    let categories, codes, counts, colors;
    if (view.colorBy !== 'label' && view.colorBy !== 'split') {
      ({ categories, codes, counts, colors } = await extraColoring(view.colorBy, { dataset, keyIndex, n, cache: columns }));
    } else {
      const values = points.map((p) => (view.colorBy === 'split' ? p.split : p.label) ?? null);
      ({ categories, codes, counts } = categorize(values, view.colorBy === 'label' ? classOrder : []));
      colors = categoryColors(categories, view.colorBy, classOrder);
    }
    if (isStale()) return;
    coloring = { categories, codes, counts, colors, palette: packedPalette(colors, background), background: packRGBA(background) };
    replaceChildren(legend, [['(none)', 0], ...categories.map((name, k) => [name, k + 1])]
      .filter(([, code]) => counts[code] > 0)
      .map(([name, code]) => {
        const swatch = el('span', { class: 'swatch' });
        swatch.style.background = colors[code];
        return el('span', { class: 'chip legend-item', dataset: { category: name } }, swatch, name, el('span', { class: 'muted' }, formatCount(counts[code])));
      }));
  }
  const legend = el('div', { class: 'legend projector-legend', 'aria-label': 'Colours' });
  const colorSelect = el('select', { class: 'color-select', 'aria-label': 'Colour by', on: { change: () => {
    view.colorBy = colorSelect.value;
    view.state = withParams(view.state, { color: view.colorBy === 'label' ? null : view.colorBy });
    app.remember(view.state);
    recolor().then(() => { if (!isStale()) scatter.recolor(); }).catch(onError);
  } } }, colorChoices.map((c) => el('option', { value: c.value, selected: c.value === view.colorBy }, c.label)));
  const lassoToggle = el('button', { type: 'button', class: 'lasso-toggle', 'aria-pressed': 'false', title: 'Drag draws a lasso (or hold Alt)',
    on: { click: () => lassoToggle.setAttribute('aria-pressed', String(lassoToggle.getAttribute('aria-pressed') !== 'true')) } }, 'Lasso');
  const resetButton = el('button', { type: 'button', class: 'reset-view', on: { click: () => scatter.reset() } }, 'Fit');
  const onError = (error) => { if (!isStale()) app.setStatus(`Error: ${error.message}`); };
  await recolor();
  if (isStale()) return;

  const labelOf = (key) => points[keyIndex.get(key)]?.label ?? null;
  const linkTo = (key) => app.link({ view: 'row', dataset, row: key });
  const selectionGallery = projectorGallery({ dataset, linkTo, isStale, onError });
  const similarGallery = projectorGallery({ dataset, linkTo, isStale, onError });
  const selectionHead = el('div', { class: 'selection-head' });
  const similarHead = el('div', { class: 'similar-head' });
  const hover = hoverPreview({ dataset, keys, labelOf, isStale });

  let selection = [];
  function onSelect(indices) {
    selection = Array.from(indices, (i) => keys[i]);
    scatter.setSelection(indices);
    scatter.setHighlights([]);
    similarGallery.clear();
    replaceChildren(similarHead);
    showSelection();
  }
  function showSelection() {
    if (selection.length === 0) { replaceChildren(selectionHead, el('p', { class: 'muted' }, 'Shift-drag for a box, Alt-drag (or Lasso) for a lasso.')); selectionGallery.clear(); return; }
    const { filter, truncated } = keysFilter(selection, CATALOG_CAP);
    const catalogLink = app.link({ view: 'catalog', dataset, filter }, truncated ? `Open the first ${CATALOG_CAP} in the catalog` : 'Open in the catalog');
    catalogLink.classList.add('open-catalog');
    const similarButton = el('button', { type: 'button', class: 'find-similar', on: { click: () => findSimilar().catch(onError) } }, 'Find similar');
    const clearButton = el('button', { type: 'button', class: 'clear-selection', on: { click: () => onSelect([]) } }, 'Clear');
    replaceChildren(selectionHead,
      el('h2', {}, 'Selection ', el('span', { class: 'selection-count', dataset: { count: String(selection.length) } }, `${formatCount(selection.length)} ${selection.length === 1 ? 'row' : 'rows'}`)),
      el('div', { class: 'selection-actions' }, catalogLink, similarButton, clearButton,
        selection.length > GALLERY_CAP ? el('span', { class: 'muted' }, `showing the first ${GALLERY_CAP}`) : null,
        selection.length > SEED_CAP ? el('span', { class: 'muted' }, `find similar uses the first ${SEED_CAP} as seeds`) : null));
    selectionGallery.show(selection, null, labelOf);
  }
  async function findSimilar() {
    const seeds = selection.slice(0, SEED_CAP);
    replaceChildren(similarHead, el('h2', {}, 'Similar rows'), el('p', { class: 'muted' }, 'Searching…'));
    const answer = await api.post(`/embedding-spaces/${api.segment(space)}/similar`, { dataset, keys: seeds, k: 50 });
    if (isStale()) return;
    const results = answer.results.filter((r) => (r.dataset ?? dataset) === dataset);
    scatter.setHighlights(results.map((r) => keyIndex.get(r.key)).filter((i) => i !== undefined));
    replaceChildren(similarHead, el('h2', {}, 'Similar rows'),
      el('p', { class: 'muted similar-count', dataset: { count: String(results.length) } },
        `${results.length} rows nearest to the mean of ${seeds.length} seeds (${answer.metric}), ringed on the scatter`));
    await similarGallery.show(results.map((r) => r.key), new Map(results.map((r) => [r.key, r.score])), labelOf);
  }

  const scatter = scatterCanvas({
    xs, ys, colors: () => coloring, onSelect,
    onHover: (index, x, y) => hover.show(index, x, y),
    lasso: () => lassoToggle.getAttribute('aria-pressed') === 'true',
  });
  scatter.node.dataset.points = String(n);
  root.append(
    el('div', { class: 'projector-controls' }, el('label', {}, 'Colour by ', colorSelect), legend, lassoToggle, resetButton,
      el('span', { class: 'muted' }, `${formatCount(n)} points · ${layout.method.toUpperCase()} · ${layout.created_at}`)),
    el('div', { class: 'projector-stage' }, scatter.node, hover.node),
    selectionHead, selectionGallery.node, similarHead, similarGallery.node);
  showSelection();
  if (colorChoices.length === 2) {
    extraChoices.then((choices) => {
      if (isStale()) return;
      colorSelect.append(...choices.map((c) => el('option', { value: c.value }, c.label)));
      colorSelect.dataset.complete = 'true';
    }).catch(onError);
  } else {
    colorSelect.dataset.complete = 'true';
  }
  root.dataset.ready = 'true';
}

/** The stored layout, or null when none was computed (asked of the space's list of layouts, so a
 * missing one costs no failed request). */
async function loadLayout(space, method, dataset) {
  const { layouts } = await api.get(`/embedding-spaces/${api.segment(space)}/projections`);
  if (!layouts.some((l) => l.method === method)) return null;
  return api.get(`/embedding-spaces/${api.segment(space)}/projections/${method}`, { dataset });
}
