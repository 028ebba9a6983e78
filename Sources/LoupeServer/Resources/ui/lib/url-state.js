// A page's view state in its URL query string, so that a link reproduces the view. Pure.
//
// Format: `key=value` pairs joined by `&`, values percent-encoded with `encodeURIComponent` (so a
// space is `%20`; `+` is read as a space on input, as forms write it). The overlay list is one
// parameter whose items are each encoded and joined by a literal `,`. Known parameters come first,
// in the order of `PARAMETERS`; parameters this module does not know follow, exactly as they were.

/**
 * The view state's fields, in URL order: name in the state, parameter name, kind.
 * - `view` (text, default ""): the page shown (`catalog`, `row`, `runs`, `run`, `compare`, `slices`; "" is the home page).
 * - `dataset` (text, default ""): the dataset the page is about.
 * - `model` (text, default ""): the model whose runs are listed.
 * - `filter` (text, default ""): the filter text.
 * - `sort` (text, default ""): the sort text.
 * - `run` (text, default ""): the selected run name.
 * - `b` (text, default ""): the second run of a comparison.
 * - `threshold` (number or null, default null): the score threshold; any finite number.
 * - `overlays` (list of text, default []): overlay sources shown (e.g. "gt", "run:A").
 * - `row` (text or null, default null): the selected row's key.
 * - `page` (integer ≥ 1, default 1): the page number, 1-based.
 */
export const PARAMETERS = Object.freeze([
  ['view', 'text'], ['dataset', 'text'], ['model', 'text'],
  ['filter', 'text'], ['sort', 'text'], ['run', 'text'], ['b', 'text'], ['threshold', 'number'], ['overlays', 'list'],
  ['row', 'optionalText'], ['page', 'page'],
]);

/** The default state: every parameter absent from the URL. */
export const DEFAULT_STATE = Object.freeze({
  view: '', dataset: '', model: '',
  filter: '', sort: '', run: '', b: '', threshold: null, overlays: Object.freeze([]), row: null, page: 1,
});

const enc = (s) => encodeURIComponent(s);
const dec = (s) => decodeURIComponent(s.replace(/\+/g, ' '));

function same(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return Object.is(a, b);
}

/**
 * The query string (without `?`) for `state`: parameters equal to their default are omitted, the
 * rest appear in `PARAMETERS` order, then `state.extra` (raw `key=value` segments kept from
 * `decodeState`) in their order. All defaults and no extra give "".
 *
 * Round trip: `decodeState(encodeState(s, d), d)` equals `s` for every valid state except an
 * overlay list that is exactly `[""]` (it reads back as `[]`); numbers print in JavaScript's
 * shortest round-trip form, so thresholds come back bit-exact (−0 as 0).
 * @param {Partial<typeof DEFAULT_STATE> & {extra?: string[]}} state missing fields take the default
 * @param {Partial<typeof DEFAULT_STATE>} [defaults] the page's defaults (merged over `DEFAULT_STATE`)
 * @returns {string}
 */
export function encodeState(state, defaults = {}) {
  const d = { ...DEFAULT_STATE, ...defaults };
  const parts = [];
  for (const [name, kind] of PARAMETERS) {
    const value = state[name] === undefined ? d[name] : state[name];
    if (same(value, d[name])) continue;
    if (kind === 'list') parts.push(`${name}=${value.map(enc).join(',')}`);
    else if (value === null) parts.push(name);
    else parts.push(`${name}=${enc(String(value))}`);
  }
  return [...parts, ...(state.extra ?? [])].join('&');
}

/**
 * The state in `query` (with or without a leading `?`; anything from `#` on is ignored): every
 * field, defaults for those absent. A bare parameter with no `=` (`row`) means null for `threshold`
 * and `row` (to override a non-null page default) and "" for text. When a known parameter appears
 * twice the first wins; a value that does not fit (threshold not a finite number, page not an
 * integer ≥ 1, bad percent-encoding) is ignored, with its name in `invalid`. Unknown parameters are
 * kept raw, in order, in `extra`, so `encodeState` writes them back unchanged.
 * @param {string} query
 * @param {Partial<typeof DEFAULT_STATE>} [defaults]
 * @returns {typeof DEFAULT_STATE & {extra: string[], invalid: string[]}}
 */
export function decodeState(query, defaults = {}) {
  const d = { ...DEFAULT_STATE, ...defaults };
  const state = { ...d, overlays: [...d.overlays], extra: [], invalid: [] };
  const seen = new Set();
  const kinds = new Map(PARAMETERS);
  let text = query.startsWith('?') ? query.slice(1) : query;
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  for (const segment of text.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const rawKey = eq < 0 ? segment : segment.slice(0, eq);
    let key;
    try { key = dec(rawKey); } catch { key = null; }
    if (key === null || !kinds.has(key)) { state.extra.push(segment); continue; }
    if (seen.has(key)) continue;
    seen.add(key);
    const parsed = parseValue(kinds.get(key), eq < 0 ? null : segment.slice(eq + 1));
    if (parsed.ok) state[key] = parsed.value;
    else state.invalid.push(key);
  }
  return state;
}

function parseValue(kind, raw) {
  try {
    if (kind === 'list') {
      return { ok: true, value: raw === null || raw === '' ? [] : raw.split(',').map(dec) };
    }
    if (raw === null) {
      if (kind === 'number' || kind === 'optionalText') return { ok: true, value: null };
      if (kind === 'text') return { ok: true, value: '' };
      return { ok: false };
    }
    const value = dec(raw);
    if (kind === 'text' || kind === 'optionalText') return { ok: true, value };
    if (kind === 'number') {
      const n = value.trim() === '' ? NaN : Number(value);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
    }
    const page = /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN;
    return Number.isSafeInteger(page) ? { ok: true, value: page } : { ok: false };
  } catch {
    return { ok: false };
  }
}
