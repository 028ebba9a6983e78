// Two runs side by side (`view=compare&dataset=D&run=A&b=B`, optional `resamples=`): the metric
// deltas B − A with their 95% paired-bootstrap intervals and verdicts, per class, and galleries of
// the rows that flipped (fixed, broken).

import * as api from '../api.js';
import { el, table } from '../dom.js';
import { count, fixed, interval, signed } from '../lib/format.js';
import { extraParam } from '../lib/extra-params.js';
import { errorDelta, flippedRows } from '../lib/compare-rows.js';

/** Resamples by default: fewer than the API's 1000, which takes minutes on two cores. */
const DEFAULT_RESAMPLES = 200;
/** Rows shown per gallery. */
const GALLERY_LIMIT = 48;

/** Renders the comparison of `state.run` (A) and `state.b` (B) on `state.dataset`. */
export async function render(root, state, app, isStale) {
  if (!state.dataset || !state.run || !state.b) throw new Error('A comparison needs dataset, run (A) and b (B).');
  const resamples = extraParam(state.extra, 'resamples') ?? String(DEFAULT_RESAMPLES);
  app.setCrumbs([['Loupe', {}], [state.dataset, { view: 'catalog', dataset: state.dataset }], [`${state.run} vs ${state.b}`, null]]);
  app.setStatus(`Comparing (${resamples} resamples)…`);
  const [result, info] = await Promise.all([
    api.get(`/datasets/${api.segment(state.dataset)}/compare`, { a: state.run, b: state.b, resamples }),
    api.get(`/datasets/${api.segment(state.dataset)}`)]);
  if (isStale()) return;
  // A dataset without images shows its flipped rows by key (a text row has no image to load).
  const images = (info.statistics?.rows_by_kind?.image ?? 0) > 0;
  app.setStatus('');
  // dom.js's el (not Node.append) so that the sections left out (null) are skipped.
  root.append(el('div', { class: 'compare-body' },
    el('h1', {}, `${state.b} against ${state.run}`),
    el('p', { class: 'muted' }, `${count(result.rows)} rows evaluated by both (${result.kind}); differences are B − A with 95% paired bootstrap intervals over rows (${count(result.resamples)} resamples). `,
      app.link({ view: 'run', run: state.run, dataset: state.dataset }, `A: ${state.run}`), ' · ',
      app.link({ view: 'run', run: state.b, dataset: state.dataset }, `B: ${state.b}`)),
    el('h2', {}, 'Metrics'),
    deltaTable(result.metrics, 'deltas'),
    result.mcnemar ? el('p', { class: 'mcnemar' }, `McNemar: ${count(result.mcnemar.fixed)} fixed, ${count(result.mcnemar.broken)} broken, ${count(result.mcnemar.both_right)} right in both, ${count(result.mcnemar.still_wrong)} wrong in both; p = ${result.mcnemar.p_value.toPrecision(3)}.`) : null,
    result.kind === 'detection' ? el('p', { class: 'row-changes' }, `Rows with fewer errors in B: ${count(result.rows_improved)}, more: ${count(result.rows_worse)}, unchanged: ${count(result.rows_unchanged)}.`) : null,
    result.custom_metrics?.length ? [el('h2', {}, 'Custom metrics'), deltaTable(result.custom_metrics, 'custom-deltas')] : null,
    galleries(result, state, app, images),
    perClass(result.per_class)));
}

function verdictBadge(verdict) {
  if (!verdict) return '—';
  const label = { better: 'better', worse: 'worse', not_significant: 'not significant' }[verdict] ?? verdict;
  return el('span', { class: `badge verdict ${verdict}` }, label);
}

function deltaTable(metrics, name) {
  return table(['metric', 'A', 'B', 'B − A', '95% interval', 'verdict', 'support'], (metrics ?? []).map((m) => [
    m.name, fixed(m.a), fixed(m.b),
    el('span', { class: 'num delta', dataset: { metric: m.name } }, signed(m.difference)),
    typeof m.lower === 'number' ? `[${signed(m.lower)}, ${signed(m.upper)}]` : '—',
    verdictBadge(m.verdict), count(m.support ?? 0),
  ]), { class: `data ${name}` });
}

function perClass(entries) {
  if (!entries?.length) return null;
  const names = [...new Set(entries.flatMap((c) => c.metrics.map((m) => m.name)))];
  return [el('h2', {}, 'Per class'), table(['class', ...names.map((n) => `${n} B − A`)], entries.map((c) => [
    c.class_name, ...names.map((n) => {
      const m = c.metrics.find((x) => x.name === n);
      return m ? el('span', { title: `A ${fixed(m.a)}, B ${fixed(m.b)}, ${interval(m.difference, m.lower, m.upper)}` }, signed(m.difference), ' ', verdictBadge(m.verdict)) : '—';
    }),
  ]), { class: 'data per-class-deltas' })];
}

function galleries(result, state, app, images) {
  const { fixed: fixedRows, broken } = flippedRows(result.changes);
  const explain = result.kind === 'detection'
    ? 'Detection rows: fixed = fewer false positives and missed objects in B, broken = more (the API lists the largest changes).'
    : 'Fixed: wrong in A, right in B. Broken: right in A, wrong in B.';
  return el('section', { class: 'flips' }, el('h2', {}, 'Rows that flipped'), el('p', { class: 'muted' }, explain),
    gallery('Fixed', 'fixed', fixedRows, state, app, state.b, images), gallery('Broken', 'broken', broken, state, app, state.b, images));
}

function gallery(title, name, rows, state, app, run, images) {
  const shown = rows.slice(0, GALLERY_LIMIT);
  return el('div', { class: `flip-gallery ${name}` }, el('h3', {}, `${title} (${count(rows.length)})`),
    rows.length === 0 ? el('p', { class: 'empty' }, 'No rows.') : el('ol', { class: 'thumb-grid' }, shown.map((change) => {
      const image = images ? el('img', { alt: change.key, loading: 'lazy', width: 120, height: 90 }) : null;
      if (image) api.imageURL(state.dataset, change.key).then((src) => { image.src = src; }, () => image.remove());
      const delta = change.flip ? '' : `ΔTP ${signed(change.true_positives ?? 0, 0)} ΔFP ${signed(change.false_positives ?? 0, 0)} ΔFN ${signed(change.false_negatives ?? 0, 0)} (errors ${signed(errorDelta(change), 0)})`;
      return el('li', { class: 'thumb', dataset: { key: change.key } },
        app.link({ view: 'row', dataset: state.dataset, row: change.key, run }, image, el('span', { class: 'thumb-key' }, change.key),
          delta ? el('span', { class: 'thumb-count' }, delta) : null));
    })),
    rows.length > shown.length ? el('p', { class: 'muted' }, `and ${count(rows.length - shown.length)} more`) : null);
}
