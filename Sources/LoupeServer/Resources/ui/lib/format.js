// Locale-independent number, interval, duration, size and date formatting for the UI.
// Thousands are grouped with a comma (`1,234,567`), the decimal point is `.` and the minus sign is
// ASCII `-`: the same text in every browser and locale, and copyable into the filter bar.

/** The text for a missing or non-finite value. */
export const MISSING_TEXT = '—';

/**
 * `value` with exactly `decimals` digits after the point (round half away from zero on the decimal
 * text, not on binary: 0.125 → "0.13", 1.005 → "1.01") and comma thousands separators in the
 * integer part (1234567.5 → "1,234,567.50"). −0 prints as "0". Non-finite or missing → `MISSING_TEXT`.
 * @param {number} value
 * @param {number} [decimals=3] integer in [0, 20]
 * @returns {string}
 */
export function fixed(value, decimals = 3) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return MISSING_TEXT;
  const negative = value < 0;
  const digits = roundDecimal(Math.abs(value), decimals);
  const [integer, fraction] = digits.split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  return negative && /[1-9]/.test(digits) ? `-${text}` : text;
}

/** |x| rounded half-up to `decimals` places, as plain decimal text (no exponent). */
function roundDecimal(x, decimals) {
  // The shortest decimal text of x, expanded from exponent form, then rounded on its digits.
  const [mantissa, exp = '0'] = x.toExponential().split('e');
  const allDigits = mantissa.replace('.', '');
  const pointAt = Number(exp) + 1; // digits before the decimal point
  let intPart;
  let fracPart;
  if (pointAt <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-pointAt) + allDigits;
  } else if (pointAt >= allDigits.length) {
    intPart = allDigits + '0'.repeat(pointAt - allDigits.length);
    fracPart = '';
  } else {
    intPart = allDigits.slice(0, pointAt);
    fracPart = allDigits.slice(pointAt);
  }
  const keep = (intPart + fracPart.padEnd(decimals, '0').slice(0, decimals)).split('').map(Number);
  if (Number(fracPart[decimals] ?? '0') >= 5) {
    let k = keep.length - 1;
    while (k >= 0 && keep[k] === 9) { keep[k] = 0; k -= 1; }
    if (k >= 0) keep[k] += 1;
    else keep.unshift(1);
  }
  const joined = keep.join('');
  const split = joined.length - decimals;
  const whole = joined.slice(0, split).replace(/^0+(?=\d)/, '') || '0';
  return decimals > 0 ? `${whole}.${joined.slice(split)}` : whole;
}

/**
 * A fraction in [0, 1] as a percentage: 0.7342 → "73.4%" with `decimals` = 1. Non-finite → `MISSING_TEXT`.
 * @param {number} fraction
 * @param {number} [decimals=1]
 * @returns {string}
 */
export function percent(fraction, decimals = 1) {
  if (typeof fraction !== 'number' || !Number.isFinite(fraction)) return MISSING_TEXT;
  return `${fixed(fraction * 100, decimals)}%`;
}

/**
 * An integer count with thousands separators: 1234567 → "1,234,567" (rounded to an integer).
 * @param {number} n
 * @returns {string}
 */
export function count(n) {
  return fixed(n, 0);
}

/**
 * A metric with its interval: `0.734 [0.701, 0.768]`. A missing bound prints the value alone.
 * @param {number} value
 * @param {number|null|undefined} low
 * @param {number|null|undefined} high
 * @param {number} [decimals=3]
 * @returns {string}
 */
export function interval(value, low, high, decimals = 3) {
  const v = fixed(value, decimals);
  if (typeof low !== 'number' || typeof high !== 'number' || !Number.isFinite(low) || !Number.isFinite(high)) return v;
  return `${v} [${fixed(low, decimals)}, ${fixed(high, decimals)}]`;
}

/**
 * A signed delta: "+0.012", "-0.034", "0.000" (zero after rounding has no sign).
 * @param {number} delta
 * @param {number} [decimals=3]
 * @returns {string}
 */
export function signed(delta, decimals = 3) {
  const text = fixed(delta, decimals);
  return text !== MISSING_TEXT && !text.startsWith('-') && /[1-9]/.test(text) ? `+${text}` : text;
}

/**
 * A duration in seconds, two largest units: under 1 s in ms ("250 ms", "0.4 ms" below 1 ms), under a
 * minute in seconds with one decimal ("12.3 s"), then "4 min 05 s", "2 h 03 min", "3 d 04 h". Negative
 * durations get a leading "-". Non-finite → `MISSING_TEXT`.
 * @param {number} seconds
 * @returns {string}
 */
export function duration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return MISSING_TEXT;
  if (seconds < 0) return `-${duration(-seconds)}`;
  if (seconds < 0.001) return `${fixed(seconds * 1000, 1)} ms`;
  if (seconds < 1) return `${fixed(seconds * 1000, 0)} ms`;
  if (seconds < 59.95) return `${fixed(seconds, 1)} s`;
  const total = Math.round(seconds);
  const pad = (n) => String(n).padStart(2, '0');
  if (total < 3600) return `${Math.floor(total / 60)} min ${pad(total % 60)} s`;
  if (total < 86400) return `${Math.floor(total / 3600)} h ${pad(Math.floor((total % 3600) / 60))} min`;
  return `${Math.floor(total / 86400)} d ${pad(Math.floor((total % 86400) / 3600))} h`;
}

/**
 * A byte size in binary units (1 KiB = 1024 B): "512 B", "1.5 KiB", "12.0 MiB", up to PiB; one
 * decimal above bytes. Negative sizes get a "-". Non-finite → `MISSING_TEXT`.
 * @param {number} size in bytes
 * @returns {string}
 */
export function bytes(size) {
  if (typeof size !== 'number' || !Number.isFinite(size)) return MISSING_TEXT;
  if (size < 0) return `-${bytes(-size)}`;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = size;
  let unit = 0;
  while (unit < units.length - 1 && Number(value.toFixed(1)) >= 1024) { value /= 1024; unit += 1; }
  return unit === 0 ? `${fixed(value, 0)} B` : `${fixed(value, 1)} ${units[unit]}`;
}

/**
 * A date relative to `now`: "just now" (under 45 s), "5 min ago" and "3 h ago" (whole units, rounded
 * down), "yesterday", "4 days ago" (days rounded, under 30), else the UTC date "2024-05-01"; future dates read "in 5 min" etc. Both arguments
 * are `Date`s, ISO 8601 strings or milliseconds since the epoch; an invalid date → `MISSING_TEXT`.
 * Uses UTC only, so the text is the same in every time zone.
 * @param {Date|string|number} date
 * @param {Date|string|number} now
 * @returns {string}
 */
export function relativeDate(date, now) {
  const t = new Date(date).getTime();
  const n = new Date(now).getTime();
  if (!Number.isFinite(t) || !Number.isFinite(n)) return MISSING_TEXT;
  const seconds = (n - t) / 1000;
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const say = (text) => (future ? `in ${text}` : `${text} ago`);
  if (s < 45) return 'just now';
  if (s < 3600) return say(`${Math.max(1, Math.floor(s / 60))} min`);
  if (s < 86400) return say(`${Math.floor(s / 3600)} h`);
  const days = Math.round(s / 86400);
  if (days === 1) return future ? 'tomorrow' : 'yesterday';
  if (days < 30) return say(`${days} days`);
  return new Date(t).toISOString().slice(0, 10);
}
