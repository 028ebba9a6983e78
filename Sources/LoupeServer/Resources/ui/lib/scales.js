// Scales and ticks for SVG charts, and histogram binning. Pure and deterministic.

/**
 * A linear scale from `domain` [d0, d1] to `range` [r0, r1]: f(x) = r0 + (x − d0)/(d1 − d0)·(r1 − r0).
 * Reversed domains and ranges work. Edge cases: an empty domain (d0 = d1) maps every x to the
 * middle of the range, and `invert` returns d0. With `clamp`, outputs (and `invert` outputs) stay
 * inside the range (domain).
 * @param {[number, number]} domain
 * @param {[number, number]} range
 * @param {{clamp?: boolean}} [options]
 * @returns {{(x: number): number, invert: (y: number) => number, domain: [number, number],
 *   range: [number, number], ticks: (count?: number) => number[]}}
 */
export function linearScale(domain, range, options = {}) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const clamp = options.clamp === true;
  const limit = (v, a, b) => (clamp ? Math.min(Math.max(v, Math.min(a, b)), Math.max(a, b)) : v);
  const scale = (x) => {
    if (d1 === d0) return (r0 + r1) / 2;
    return limit(r0 + ((x - d0) / (d1 - d0)) * (r1 - r0), r0, r1);
  };
  scale.invert = (y) => {
    if (r1 === r0 || d1 === d0) return d0;
    return limit(d0 + ((y - r0) / (r1 - r0)) * (d1 - d0), d0, d1);
  };
  scale.domain = [d0, d1];
  scale.range = [r0, r1];
  scale.ticks = (count = 10) => ticks(d0, d1, count);
  return scale;
}

/**
 * A logarithmic scale (base 10 positions): f(x) = r0 + (log x − log d0)/(log d1 − log d0)·(r1 − r0).
 * The domain must be strictly positive (or strictly negative); x ≤ 0 with a positive domain gives NaN.
 * `ticks` returns the powers of ten inside the domain (and 2× and 5× multiples when there are few).
 * @param {[number, number]} domain
 * @param {[number, number]} range
 * @param {{clamp?: boolean}} [options]
 * @returns {{(x: number): number, invert: (y: number) => number, ticks: () => number[]}}
 */
export function logScale(domain, range, options = {}) {
  const [d0, d1] = domain;
  const sign = d0 < 0 ? -1 : 1;
  const log = (x) => Math.log10(sign * x);
  const inner = linearScale([log(d0), log(d1)], range, options);
  const scale = (x) => (sign * x > 0 ? inner(log(x)) : NaN);
  scale.invert = (y) => sign * 10 ** inner.invert(y);
  scale.domain = [d0, d1];
  scale.range = range;
  scale.ticks = () => {
    const lo = Math.min(log(d0), log(d1));
    const hi = Math.max(log(d0), log(d1));
    const result = [];
    const few = Math.floor(hi) - Math.ceil(lo) < 3;
    for (let k = Math.floor(lo); k <= Math.ceil(hi); k += 1) {
      for (const m of few ? [1, 2, 5] : [1]) {
        const v = m * 10 ** k;
        const l = Math.log10(v);
        if (l >= lo - 1e-12 && l <= hi + 1e-12) result.push(sign * Number(v.toPrecision(12)));
      }
    }
    return sign < 0 ? result.reverse() : result;
  };
  return scale;
}

/**
 * A band scale for bars and matrix cells: `n` = `domain.length` bands across `range`
 * [r0, r1] (r0 < r1). step = (r1 − r0)/(n − paddingInner + 2·paddingOuter); bandwidth = step·(1 − paddingInner);
 * band i starts at r0 + step·(paddingOuter + i). Padding fractions are in [0, 1).
 * Edge cases: an empty domain has step 0; an unknown value maps to undefined. Values are compared with `===`.
 * @param {Array<string|number>} domain band keys in order
 * @param {[number, number]} range
 * @param {{paddingInner?: number, paddingOuter?: number}} [options] both default to 0
 * @returns {{(value: string|number): (number|undefined), bandwidth: number, step: number, index: (v: any) => number}}
 */
export function bandScale(domain, range, options = {}) {
  const inner = options.paddingInner ?? 0;
  const outer = options.paddingOuter ?? 0;
  const [r0, r1] = range;
  const n = domain.length;
  const step = n === 0 ? 0 : (r1 - r0) / Math.max(1, n - inner + 2 * outer);
  const index = new Map(domain.map((v, i) => [v, i]));
  const scale = (value) => (index.has(value) ? r0 + step * (outer + index.get(value)) : undefined);
  scale.bandwidth = step * (1 - inner);
  scale.step = step;
  scale.index = (value) => index.get(value) ?? -1;
  /** The band index at a range position, or -1 outside every band (padding counts as outside). */
  scale.at = (position) => {
    if (step === 0) return -1;
    const i = Math.floor((position - r0) / step - outer);
    if (i < 0 || i >= n) return -1;
    const start = r0 + step * (outer + i);
    return position <= start + scale.bandwidth ? i : -1;
  };
  return scale;
}

/**
 * The tick step for [lo, hi] and about `count` ticks: 1, 2 or 5 × 10^k (as d3's `tickIncrement`,
 * thresholds √50, √10, √2). Returns 0 when lo = hi or count ≤ 0 or any input is not finite.
 * @param {number} lo
 * @param {number} hi
 * @param {number} count
 * @returns {number} a positive step, or 0
 */
export function tickStep(lo, hi, count) {
  const span = Math.abs(hi - lo);
  if (!(span > 0) || !(count > 0) || !Number.isFinite(span)) return 0;
  const raw = span / count;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * 10 ** power;
}

/**
 * "Nice" ticks: the multiples of `tickStep(d0, d1, count)` inside [min, max] of the domain, in the
 * domain's direction (descending for a reversed domain). Values are computed as integer × step
 * (or integer / (1/step) for steps < 1) so 0.1 + 0.2 noise does not appear. Edge cases: d0 = d1
 * gives [d0]; a non-finite end or count ≤ 0 gives [].
 * @param {number} d0
 * @param {number} d1
 * @param {number} [count=10] the approximate number of ticks wanted
 * @returns {number[]}
 */
export function ticks(d0, d1, count = 10) {
  if (!Number.isFinite(d0) || !Number.isFinite(d1) || !(count > 0)) return [];
  if (d0 === d1) return [d0];
  const reverse = d1 < d0;
  const lo = Math.min(d0, d1);
  const hi = Math.max(d0, d1);
  const step = tickStep(lo, hi, count);
  if (step === 0) return [lo];
  const result = [];
  if (step >= 1) {
    for (let i = Math.ceil(lo / step); i * step <= hi; i += 1) result.push(i * step || 0);
  } else {
    const inverse = Math.round(1 / step);
    for (let i = Math.ceil(lo * inverse - 1e-9); i / inverse <= hi + 1e-12; i += 1) result.push(i / inverse || 0);
  }
  return reverse ? result.reverse() : result;
}

/**
 * [lo, hi] widened outwards to multiples of the tick step for `count` ticks (like d3's `nice`),
 * so that axes start and end on a tick. Reversed domains stay reversed; equal ends are returned unchanged.
 * @param {number} d0
 * @param {number} d1
 * @param {number} [count=10]
 * @returns {[number, number]}
 */
export function niceDomain(d0, d1, count = 10) {
  const reverse = d1 < d0;
  let lo = Math.min(d0, d1);
  let hi = Math.max(d0, d1);
  let previous = 0;
  // As d3's `nice`: widen with the step for the current extent until the step no longer changes.
  for (let pass = 0; pass < 10; pass += 1) {
    const step = tickStep(lo, hi, count);
    if (step === 0 || step === previous) break;
    [lo, hi] = widen(lo, hi, step);
    previous = step;
  }
  return reverse ? [hi, lo] : [lo, hi];
}

/** [lo, hi] widened to multiples of `step` (steps below 1 via their integer inverse, as `ticks`). */
function widen(lo, hi, step) {
  if (step >= 1) return [Math.floor(lo / step) * step || 0, Math.ceil(hi / step) * step];
  const inverse = Math.round(1 / step);
  return [Math.floor(lo * inverse + 1e-9) / inverse || 0, Math.ceil(hi * inverse - 1e-9) / inverse];
}

/** `x` with binary noise removed (12 significant digits): 0.30000000000000004 → 0.3. */
function clean(x) {
  return Number(x.toPrecision(12));
}

/**
 * Bins `values` into exactly `n` equal-width bins with nice edges: the width is the smallest
 * 1, 2, 2.5 or 5 × 10^k such that n bins starting at a multiple of it below the minimum reach the maximum
 * (so trailing bins may be empty). `edges` has n + 1 ascending values; bin i counts values v with
 * edges[i] ≤ v < edges[i+1], the last bin also including its upper edge. Non-finite values are
 * skipped and counted in `skipped`.
 * Edge cases: no finite values gives edges [] and counts []; all values equal to v gives one bin
 * [v − 0.5, v + 0.5] holding them all, whatever `n` is; n = 1 gives the single bin [min, max]
 * widened to multiples of `tickStep(min, max, 1)` (one bin starting at a multiple of its own width
 * cannot straddle 0, so this bin's width may be two steps).
 * - Complexity: O(values + n).
 * @param {number[]} values
 * @param {number} [n=10] number of bins (integer ≥ 1)
 * @returns {{edges: number[], counts: number[], skipped: number}}
 */
export function histogram(values, n = 10) {
  const bins = Math.max(1, Math.floor(n));
  let min = Infinity;
  let max = -Infinity;
  let skipped = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) { skipped += 1; continue; }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return { edges: [], counts: [], skipped };
  if (min === max) return { edges: [min - 0.5, min + 0.5], counts: [values.length - skipped], skipped };
  if (bins === 1) return { edges: widen(min, max, tickStep(min, max, 1)), counts: [values.length - skipped], skipped };
  let power = Math.floor(Math.log10((max - min) / bins));
  let width = 0;
  let first = 0;
  search: for (;; power += 1) {
    for (const factor of [1, 2, 2.5, 5]) {
      width = clean(factor * 10 ** power);
      first = Math.floor(min / width);
      if (clean(first * width) > min) first -= 1;
      if (clean((first + bins) * width) >= max) break search;
    }
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => clean((first + i) * width) || 0);
  const counts = new Array(bins).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let i = Math.min(bins - 1, Math.max(0, Math.floor((v - edges[0]) / width)));
    while (i + 1 < bins && v >= edges[i + 1]) i += 1;
    while (i > 0 && v < edges[i]) i -= 1;
    counts[i] += 1;
  }
  return { edges, counts, skipped };
}
