// Picking and ordering run metrics for the run pages: headline metrics of an evaluation, a
// metric's record by name, per-class tables as columns and their sorting. Pure.

/** Headline metrics by evaluation kind, in display order (those present are shown). */
export const HEADLINES = Object.freeze({
  detection: Object.freeze(['AP', 'AP50', 'AP75', 'AR100']),
  classification: Object.freeze(['accuracy', 'f1_macro', 'precision_macro', 'recall_macro']),
});

/**
 * The record named `name` in a metric list (`[{name, value, lower, upper, support}]`), or null.
 * @param {object[]} metrics
 * @param {string} name
 * @returns {object|null}
 */
export function metric(metrics, name) {
  return (metrics ?? []).find((m) => m.name === name) ?? null;
}

/**
 * The headline metric names of an evaluation: the kind's list filtered to those in its summary;
 * an unknown kind (or none present) gives the first four summary metrics.
 * @param {{kind?: string, summary?: object[]}} evaluation
 * @returns {string[]}
 */
export function headlineNames(evaluation) {
  const names = new Set((evaluation?.summary ?? []).map((m) => m.name));
  const wanted = (HEADLINES[evaluation?.kind] ?? []).filter((n) => names.has(n));
  return wanted.length > 0 ? wanted : [...names].slice(0, 4);
}

/**
 * The per-class metric columns: every metric name in first-seen order over the classes.
 * @param {{metrics: object[]}[]} perClass
 * @returns {string[]}
 */
export function perClassColumns(perClass) {
  const seen = [];
  for (const entry of perClass ?? []) for (const m of entry.metrics ?? []) if (!seen.includes(m.name)) seen.push(m.name);
  return seen;
}

/**
 * The per-class entries sorted by a column: `class_name` compares names (code-point order),
 * any other column compares the metric's value. Missing values go last in both directions; ties
 * keep the evaluation's order (a stable sort), so the result is deterministic.
 * @param {{class_name: string, metrics: object[]}[]} perClass
 * @param {string} column `class_name` or a metric name
 * @param {boolean} descending
 * @returns {object[]} a new array
 */
export function sortPerClass(perClass, column, descending) {
  const key = (entry) => {
    if (column === 'class_name') return entry.class_name;
    const value = metric(entry.metrics, column)?.value;
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  };
  const sign = descending ? -1 : 1;
  return (perClass ?? []).map((entry, index) => ({ entry, index, key: key(entry) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
      if (a.key < b.key) return -sign;
      if (a.key > b.key) return sign;
      return a.index - b.index;
    })
    .map((item) => item.entry);
}

/**
 * Runs oldest first (by `created_at`, then name, so equal times are ordered deterministically).
 * @param {{name: string, created_at?: string}[]} runs
 * @returns {object[]} a new array
 */
export function runsOldestFirst(runs) {
  return [...(runs ?? [])].sort((a, b) => {
    const ta = a.created_at ?? '';
    const tb = b.created_at ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/**
 * The value of a confusion-matrix cell on a colour ramp in [0, 1]: log(1 + count) / log(1 + max),
 * so that the few large diagonal counts do not wash out the off-diagonal errors. 0 when max is 0.
 * @param {number} count
 * @param {number} max the largest count in the matrix
 * @returns {number}
 */
export function cellShade(count, max) {
  if (!(max > 0) || !(count > 0)) return 0;
  return Math.log1p(count) / Math.log1p(max);
}

/**
 * The largest count of a matrix (0 for an empty one).
 * @param {number[][]} counts
 * @returns {number}
 */
export function maxCount(counts) {
  let max = 0;
  for (const row of counts ?? []) for (const c of row) if (c > max) max = c;
  return max;
}
