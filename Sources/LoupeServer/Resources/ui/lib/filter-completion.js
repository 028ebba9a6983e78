// What may be typed at the caret of the filter bar, and the ranked candidates for it.
// Pure: no DOM, no I/O. The grammar followed is FilterParser's (docs/query.md).

import { isPlainMetadataName, quoteString, tokenize } from './filter-tokens.js';

/** The fields a user can name (Swift `FilterParser.State.fieldNames`), the default field vocabulary. */
export const FIELD_NAMES = Object.freeze(['key', 'split', 'kind', 'uri', 'text', 'tag', 'width', 'height',
  'label_version', 'gt.class', 'gt.count', 'gt.area', 'pred.class', 'pred.score']);

/** What a run offers after `run("NAME").` (Swift `RunRowMetric` plus the run's predictions), the default metrics. */
export const RUN_FIELDS = Object.freeze(['tp', 'fp', 'fn', 'iou', 'correct', 'confidence', 'entropy', 'margin',
  'pred.class', 'pred.score']);

const TEXT_FIELDS = new Set(['key', 'split', 'kind', 'uri', 'text', 'tag']);
const NUMBER_FIELDS = new Set(['width', 'height', 'label_version']);
const COMPARISONS = ['=', '!=', '<', '<=', '>', '>='];

/**
 * The operators a field of `type` takes (as FilterParser checks): a `bool` field (`correct`) takes
 * `= != in is`; `number` fields add `< <= > >= between`; `text` fields the comparisons, `in`, `~`
 * and `is`; metadata (`any`) all of them.
 * @param {'text'|'number'|'bool'|'any'} type
 * @returns {string[]}
 */
export function operatorsFor(type) {
  if (type === 'bool') return ['=', '!=', 'in', 'is'];
  if (type === 'number') return [...COMPARISONS, 'in', 'between', 'is'];
  if (type === 'text') return [...COMPARISONS, 'in', '~', 'is'];
  return [...COMPARISONS, 'in', 'between', '~', 'is'];
}

const isSym = (t, s) => t !== undefined && t.kind === 'symbol' && t.value === s;
const isWord = (t, w) => t !== undefined && t.kind === 'identifier' && t.value === w && !t.metadataName;

/**
 * Reads a field from `toks[i]`. Returns `{status: 'complete', next, field}` where `field` is
 * `{text, type, isClass}`; `{status: 'open', context}` when the tokens end inside the field (the
 * caret is there; `partial` is the token being typed or null); or `{status: 'invalid'}`.
 */
function readField(toks, i) {
  const t = toks[i];
  const open = (kind, extra = {}) => ({ status: 'open', context: { kind, ...extra } });
  const n = toks.length;
  if (t.kind !== 'identifier') return { status: 'invalid' };
  const done = (next, text, type, isClass = false) => ({ status: 'complete', next, field: { text, type, isClass } });
  if (TEXT_FIELDS.has(t.value)) return done(i + 1, t.value, 'text');
  if (NUMBER_FIELDS.has(t.value)) return done(i + 1, t.value, 'number');
  if (t.value === 'meta') {
    if (i + 1 === n) return open('none');
    if (!isSym(toks[i + 1], '.')) return { status: 'invalid' };
    if (i + 2 === n) return open('metadataKey');
    const name = toks[i + 2];
    if (!name.metadataName) return { status: 'invalid' };
    return done(i + 3, name.text, 'any');
  }
  if (t.value === 'gt' || t.value === 'pred') {
    if (i + 1 === n) return open('none');
    if (!isSym(toks[i + 1], '.')) return { status: 'invalid' };
    if (i + 2 === n) return open('field', { dotted: t });
    const m = toks[i + 2];
    if (t.value === 'pred') {
      if (isWord(m, 'class')) return done(i + 3, 'pred.class', 'text', true);
      if (isWord(m, 'score')) return done(i + 3, 'pred.score', 'number');
      return { status: 'invalid' };
    }
    if (isWord(m, 'class')) return done(i + 3, 'gt.class', 'text', true);
    if (isWord(m, 'area')) return done(i + 3, 'gt.area', 'number');
    if (!isWord(m, 'count')) return { status: 'invalid' };
    if (!isSym(toks[i + 3], '(')) return done(i + 3, 'gt.count', 'number');
    if (i + 4 === n) return open('class');
    if (toks[i + 4].kind !== 'string') return { status: 'invalid' };
    if (i + 5 === n) return open('none');
    if (!isSym(toks[i + 5], ')')) return { status: 'invalid' };
    return done(i + 6, `gt.count(${toks[i + 4].text})`, 'number');
  }
  if (t.value === 'issue') {
    // issue("KIND") is a row's score in the stored report, issue("KIND").flagged its flag.
    if (i + 1 === n) return open('none');
    if (!isSym(toks[i + 1], '(')) return { status: 'invalid' };
    if (i + 2 === n) return open('issue');
    if (toks[i + 2].kind !== 'string') return { status: 'invalid' };
    if (i + 3 === n) return open('none');
    if (!isSym(toks[i + 3], ')')) return { status: 'invalid' };
    const score = `issue(${toks[i + 2].text})`;
    if (!isSym(toks[i + 4], '.')) return done(i + 4, score, 'number');
    if (i + 5 === n) return open('issueMember');
    if (!isWord(toks[i + 5], 'flagged')) return { status: 'invalid' };
    return done(i + 6, score + '.flagged', 'bool');
  }
  if (t.value !== 'run') return { status: 'invalid' };
  if (i + 1 === n) return open('none');
  if (!isSym(toks[i + 1], '(')) return { status: 'invalid' };
  if (i + 2 === n) return open('run');
  if (toks[i + 2].kind !== 'string') return { status: 'invalid' };
  let j = i + 3;
  if (isSym(toks[j], ',')) {
    if (j + 1 === n) return open('none');
    if (toks[j + 1].kind !== 'string') return { status: 'invalid' };
    j += 2;
  }
  if (j === n) return open('none');
  if (!isSym(toks[j], ')') || j + 1 === n) return j + 1 === n ? open('none') : { status: 'invalid' };
  if (!isSym(toks[j + 1], '.')) return { status: 'invalid' };
  if (j + 2 === n) return open('metric', { run: toks[i + 2].value });
  const m = toks[j + 2];
  if (m.kind !== 'identifier') return { status: 'invalid' };
  const prefix = `run(${toks[i + 2].text})`;
  if (m.value === 'pred') {
    if (j + 3 === n) return open('none');
    if (!isSym(toks[j + 3], '.')) return { status: 'invalid' };
    if (j + 4 === n) return open('metric', { run: toks[i + 2].value, dotted: m });
    if (isWord(toks[j + 4], 'class')) return done(j + 5, prefix + '.pred.class', 'text', true);
    if (isWord(toks[j + 4], 'score')) return done(j + 5, prefix + '.pred.score', 'number');
    return { status: 'invalid' };
  }
  if (m.value === 'custom') {
    if (!isSym(toks[j + 3], '(')) return j + 3 === n ? open('none') : { status: 'invalid' };
    if (toks[j + 4] === undefined || toks[j + 5] === undefined) return open('none');
    if (toks[j + 4].kind !== 'string' || !isSym(toks[j + 5], ')')) return { status: 'invalid' };
    return done(j + 6, `${prefix}.custom(${toks[j + 4].text})`, 'number');
  }
  if (!RUN_FIELDS.includes(m.value)) return { status: 'invalid' };
  return done(j + 3, `${prefix}.${m.value}`, m.value === 'correct' ? 'bool' : 'number');
}

/**
 * What may be typed at `caret` in filter (or sort) text, for a completion menu.
 *
 * Returns `{kind, prefix, replaceStart, replaceEnd, quote, field, type}`:
 * - `kind`: `field` (a field name; after `gt.`/`pred.` the prefix includes them), `metadataKey` (after
 *   `meta.`), `class` (a value of `gt.class`/`pred.class`/`run(…).pred.class`, or inside `gt.count(`),
 *   `run` (inside `run(`), `issue` (a data-issue kind inside `issue(`), `issueMember` (after `issue("KIND").`),
 *   `metric` (after `run("NAME").`, including `pred.`), `operator` (after a
 *   complete field), `value` (after an operator), `connective` (`and`/`or` after a condition; in sort
 *   text `asc`/`desc`), or `none` (nothing to suggest: inside a number, a key string, after an error).
 * - `prefix`: what is typed so far (for a quoted item, its value with escapes resolved).
 * - `replaceStart`/`replaceEnd`: UTF-16 range a chosen candidate replaces (from the opening quote
 *   when one is typed; `replaceEnd` covers the rest of the word or string after the caret).
 * - `quote`: the opening quote already typed (`"` or `'`), else null.
 * - `field` / `type`: the field text and its type (`text`, `number`, `bool`, `any`) for `operator` and `value`;
 *   after `is` the type is `null` (`null` or `not null` may follow), after `is not` it is `nullOnly`.
 *
 * Edge cases: an empty text is a `field` context; a caret inside a closed string gives `none`
 * unless the string is a run, class or metadata key being edited; text after a lexing error gives `none`.
 * @param {string} text
 * @param {number} caret UTF-16 offset, clamped to [0, text.length]
 * @param {{sort?: boolean}} [options] `sort: true` for sort text (`-field desc, …`)
 * @returns {{kind: string, prefix: string, replaceStart: number, replaceEnd: number,
 *   quote: (string|null), field?: string, type?: string}}
 */
export function completionContext(text, caret, options = {}) {
  caret = Math.max(0, Math.min(text.length, caret));
  const { tokens, error } = tokenize(text.slice(0, caret));
  let partial = null;
  let toks = tokens;
  if (error) {
    if (!error.open) return context('none', '', caret, caret);
    partial = { kind: 'open', start: error.offset, value: error.open.value, quote: error.open.quote };
  } else {
    toks = tokens.slice(0, -1);
    const last = toks[toks.length - 1];
    if (last && last.end === caret && (last.kind === 'identifier' || last.kind === 'number')) {
      partial = last;
      toks = toks.slice(0, -1);
    }
  }
  const result = analyse(toks, partial, caret, options.sort === true);
  return finish(result, text, caret, partial);
}

function context(kind, prefix, replaceStart, replaceEnd, extra = {}) {
  return { kind, prefix, replaceStart, replaceEnd, quote: null, ...extra };
}

/** Walks the complete tokens with the parser's grammar; returns the context for the caret. */
function analyse(toks, partial, caret, sort) {
  let state = 'field';
  let field = null;
  let i = 0;
  let inList = false;
  while (i < toks.length) {
    const t = toks[i];
    if (state === 'field') {
      if (!sort && (isWord(t, 'not') || isSym(t, '('))) { i += 1; continue; }
      if (sort && isSym(t, '-') && (i === 0 || isSym(toks[i - 1], ','))) { i += 1; continue; }
      const read = readField(toks, i);
      if (read.status === 'invalid') return { kind: 'none' };
      if (read.status === 'open') return read.context;
      field = read.field;
      i = read.next;
      state = 'operator';
    } else if (state === 'operator') {
      if (sort) {
        if (isWord(t, 'asc') || isWord(t, 'desc')) { state = 'separator'; i += 1; continue; }
        if (isSym(t, ',')) { state = 'field'; i += 1; continue; }
        return { kind: 'none' };
      }
      if (t.kind === 'symbol' && COMPARISONS.includes(t.value)) state = 'value';
      else if (isWord(t, 'in')) {
        if (toks[i + 1] === undefined) return { kind: 'none' };
        if (!isSym(toks[i + 1], '[')) return { kind: 'none' };
        inList = true;
        state = 'value';
        i += 1;
      } else if (isWord(t, 'between')) state = 'between';
      else if (isSym(t, '~')) state = 'value';
      else if (isWord(t, 'is')) {
        if (isWord(toks[i + 1], 'not')) { i += 1; state = 'nullOnly'; } else state = 'null';
      }
      else if ((isWord(t, 'and') || isWord(t, 'or')) && (field.type === 'bool' || field.type === 'any')) state = 'field';
      else if (isSym(t, ')')) state = 'after';
      else return { kind: 'none' };
      i += 1;
    } else if (state === 'value' || state === 'between' || state === 'betweenHigh') {
      if (!(t.kind === 'string' || t.kind === 'number' || isWord(t, 'true') || isWord(t, 'false'))) return { kind: 'none' };
      i += 1;
      if (state === 'between') {
        if (i === toks.length) return { kind: 'connective', words: ['and'] };
        if (!isWord(toks[i], 'and')) return { kind: 'none' };
        i += 1;
        state = 'betweenHigh';
      } else if (inList) state = 'list';
      else state = 'after';
    } else if (state === 'list') {
      if (isSym(t, ',')) state = 'value';
      else if (isSym(t, ']')) { inList = false; state = 'after'; }
      else return { kind: 'none' };
      i += 1;
    } else if (state === 'null' || state === 'nullOnly') {
      if (!isWord(t, 'null')) return { kind: 'none' };
      state = 'after';
      i += 1;
    } else if (state === 'after') {
      if (isWord(t, 'and') || isWord(t, 'or')) state = 'field';
      else if (!isSym(t, ')')) return { kind: 'none' };
      i += 1;
    } else {
      if (!isSym(t, ',')) return { kind: 'none' };
      state = 'field';
      i += 1;
    }
  }
  switch (state) {
    case 'field': return { kind: 'field' };
    case 'operator': return sort ? { kind: 'connective', words: ['asc', 'desc'], field } : { kind: 'operator', field };
    case 'value': case 'between': case 'betweenHigh':
      return field.isClass ? { kind: 'class', field } : { kind: 'value', field };
    case 'list': return { kind: 'none' };
    case 'null': return { kind: 'value', field: { ...field, type: 'null' } };
    case 'nullOnly': return { kind: 'value', field: { ...field, type: 'nullOnly' } };
    case 'after': return { kind: 'connective', words: ['and', 'or'] };
    default: return { kind: 'none' };
  }
}

/** Fills in prefix and the replacement range from the partial token. */
function finish(result, text, caret, partial) {
  const extra = {};
  if (result.field) { extra.field = result.field.text; extra.type = result.field.type; }
  if (result.words) extra.words = result.words;
  if (result.run !== undefined) extra.run = result.run;
  if (result.kind === 'none') return context('none', '', caret, caret);
  const quotedKinds = ['metadataKey', 'class', 'run', 'issue', 'value'];
  if (partial && partial.kind === 'open') {
    if (!quotedKinds.includes(result.kind)) return context('none', '', caret, caret);
    // The same string in the whole text: replace through its closing quote when it has one.
    const whole = tokenize(text.slice(partial.start));
    const first = whole.tokens[0];
    const end = first && first.kind === 'string' ? partial.start + first.end : caret;
    return context(result.kind, partial.value, partial.start, end, { ...extra, quote: partial.quote });
  }
  const start = result.dotted ? result.dotted.start : partial ? partial.start : caret;
  let end = caret;
  while (end < text.length && /[A-Za-z0-9_\-]/.test(text[end])) end += 1;
  const typed = text.slice(start, caret);
  const prefix = result.dotted ? typed.replace(/\s+/g, '') : typed;
  if (partial && partial.kind === 'number' && result.kind !== 'value') return context('none', '', caret, caret);
  return context(result.kind, prefix, start, end, extra);
}

/** Folds for case-insensitive matching. */
const fold = (s) => s.toLowerCase();

/**
 * Ranked completion candidates for a context from `completionContext`.
 *
 * Candidates come from `vocabulary` — `{fields, metadataKeys, classes, runs, issues, metrics}`, each a list
 * in the dataset's order (`fields` defaults to `FIELD_NAMES` plus `meta.` and `run(`, `metrics` to
 * `RUN_FIELDS`) — or from the grammar (operators for the field's type, `and`/`or`, `true`/`false`,
 * `null`/`not null`). Ranking: candidates whose label starts with the prefix, then those that contain
 * it, both ignoring case, each group in vocabulary order (stable); duplicates are dropped; an empty
 * prefix lists all.
 *
 * `insert` is the text that replaces `[replaceStart, replaceEnd)`: class and run names always as
 * string literals (in the quote the user opened, else `"`), metadata keys bare when plain
 * (`isPlainMetadataName`) and quoted otherwise, all escaped as the lexer reads strings.
 * @param {ReturnType<typeof completionContext>} context
 * @param {{fields?: string[], metadataKeys?: string[], classes?: string[], runs?: string[], issues?: string[], metrics?: string[]}} [vocabulary]
 * @returns {{label: string, insert: string, replaceStart: number, replaceEnd: number}[]}
 */
export function completions(context, vocabulary = {}) {
  const quote = context.quote ?? '"';
  let items;
  switch (context.kind) {
    case 'field': items = (vocabulary.fields ?? [...FIELD_NAMES, 'meta.', 'run(']).map((f) => [f, f]); break;
    case 'metadataKey':
      items = (vocabulary.metadataKeys ?? []).map((k) => [k, context.quote || !isPlainMetadataName(k) ? quoteString(k, quote) : k]);
      break;
    case 'class': items = (vocabulary.classes ?? []).map((c) => [c, quoteString(c, quote)]); break;
    case 'run': items = (vocabulary.runs ?? []).map((r) => [r, quoteString(r, quote)]); break;
    case 'issue': items = (vocabulary.issues ?? []).map((k) => [k, quoteString(k, quote)]); break;
    case 'issueMember': items = [['flagged', 'flagged']]; break;
    case 'metric': items = (vocabulary.metrics ?? RUN_FIELDS).map((m) => [m, m]); break;
    case 'operator': items = operatorsFor(context.type).map((o) => [o, o]); break;
    case 'connective': items = (context.words ?? ['and', 'or']).map((w) => [w, w]); break;
    case 'value':
      if (context.type === 'bool') items = [['true', 'true'], ['false', 'false']];
      else if (context.type === 'null') items = [['null', 'null'], ['not null', 'not null']];
      else if (context.type === 'nullOnly') items = [['null', 'null']];
      else items = [];
      break;
    default: items = [];
  }
  const prefix = fold(context.prefix);
  const seen = new Set();
  const starts = [];
  const contains = [];
  for (const [label, insert] of items) {
    if (seen.has(label)) continue;
    seen.add(label);
    const folded = fold(label);
    const item = { label, insert, replaceStart: context.replaceStart, replaceEnd: context.replaceEnd };
    if (folded.startsWith(prefix)) starts.push(item);
    else if (folded.includes(prefix)) contains.push(item);
  }
  return [...starts, ...contains];
}
