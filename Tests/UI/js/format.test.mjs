import test from 'node:test';
import assert from 'node:assert/strict';
import {
  MISSING_TEXT, fixed, percent, count, interval, signed, duration, bytes, relativeDate,
} from '../../../Sources/LoupeServer/Resources/ui/lib/format.js';

test('fixed: decimals, half-up rounding on the decimal text, comma groups, sign', () => {
  assert.equal(fixed(0.7342), '0.734');
  assert.equal(fixed(0.7345), '0.735');
  assert.equal(fixed(0.125, 2), '0.13');
  assert.equal(fixed(1.005, 2), '1.01'); // toFixed gives 1.00
  assert.equal(fixed(2.5, 0), '3');
  assert.equal(fixed(0.9999, 3), '1.000');
  assert.equal(fixed(999.9996, 3), '1,000.000');
  assert.equal(fixed(1234567.5, 2), '1,234,567.50');
  assert.equal(fixed(-1234.5, 1), '-1,234.5');
  assert.equal(fixed(-0.0004, 3), '0.000');
  assert.equal(fixed(-0, 2), '0.00');
  assert.equal(fixed(1e-7, 3), '0.000');
  assert.equal(fixed(1.5e-7, 7), '0.0000002');
  assert.equal(fixed(1e21, 0), '1,000,000,000,000,000,000,000');
  assert.equal(fixed(12, 0), '12');
  assert.equal(fixed(NaN), MISSING_TEXT);
  assert.equal(fixed(Infinity), MISSING_TEXT);
  assert.equal(fixed(undefined), MISSING_TEXT);
  assert.equal(fixed('3'), MISSING_TEXT);
});

test('fixed agrees with exact decimal rounding on random values (seeded)', () => {
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let k = 0; k < 500; k += 1) {
    const value = Math.round((random() - 0.5) * 1e6) / 1000; // three decimals exactly in text
    const text = fixed(value, 3).replace(/,/g, '');
    assert.equal(Number(text), value === 0 ? 0 : value, `${value}`);
  }
});

test('percent, count, interval, signed', () => {
  assert.equal(percent(0.7342), '73.4%');
  assert.equal(percent(1), '100.0%');
  assert.equal(percent(0.5, 0), '50%');
  assert.equal(percent(NaN), MISSING_TEXT);
  assert.equal(count(1234567), '1,234,567');
  assert.equal(count(999), '999');
  assert.equal(count(0), '0');
  assert.equal(interval(0.7342, 0.7011, 0.7679), '0.734 [0.701, 0.768]');
  assert.equal(interval(0.5, null, 0.6), '0.500');
  assert.equal(interval(12.25, 10, 14.5, 1), '12.3 [10.0, 14.5]');
  assert.equal(signed(0.0123), '+0.012');
  assert.equal(signed(-0.0341), '-0.034');
  assert.equal(signed(0.0001), '0.000');
  assert.equal(signed(NaN), MISSING_TEXT);
});

test('duration: ms, seconds, minutes, hours, days', () => {
  assert.equal(duration(0.0004), '0.4 ms');
  assert.equal(duration(0.25), '250 ms');
  assert.equal(duration(1), '1.0 s');
  assert.equal(duration(12.34), '12.3 s');
  assert.equal(duration(59.96), '1 min 00 s');
  assert.equal(duration(245), '4 min 05 s');
  assert.equal(duration(7380), '2 h 03 min');
  assert.equal(duration(273600), '3 d 04 h');
  assert.equal(duration(-3), '-3.0 s');
  assert.equal(duration(Infinity), MISSING_TEXT);
});

test('bytes: binary units, one decimal', () => {
  assert.equal(bytes(0), '0 B');
  assert.equal(bytes(512), '512 B');
  assert.equal(bytes(1023), '1,023 B');
  assert.equal(bytes(1024), '1.0 KiB');
  assert.equal(bytes(1536), '1.5 KiB');
  assert.equal(bytes(1048575), '1.0 MiB'); // 1023.999 KiB rounds to 1024.0 → next unit
  assert.equal(bytes(12 * 1024 ** 2), '12.0 MiB');
  assert.equal(bytes(3.5 * 1024 ** 5), '3.5 PiB');
  assert.equal(bytes(2048 * 1024 ** 5), '2,048.0 PiB');
  assert.equal(bytes(-2048), '-2.0 KiB');
  assert.equal(bytes(NaN), MISSING_TEXT);
});

test('relativeDate: past and future, UTC date beyond 30 days, invalid input', () => {
  const now = '2024-05-31T12:00:00Z';
  const at = (ms) => new Date(Date.parse(now) - ms);
  assert.equal(relativeDate(at(10_000), now), 'just now');
  assert.equal(relativeDate(at(50_000), now), '1 min ago');
  assert.equal(relativeDate(at(5 * 60_000 + 59_000), now), '5 min ago');
  assert.equal(relativeDate(at(3 * 3600_000 + 1), now), '3 h ago');
  assert.equal(relativeDate(at(86400_000 * 1.2), now), 'yesterday');
  assert.equal(relativeDate(at(86400_000 * 4), now), '4 days ago');
  assert.equal(relativeDate(at(-5 * 60_000), now), 'in 5 min');
  assert.equal(relativeDate(at(-86400_000), now), 'tomorrow');
  assert.equal(relativeDate('2024-01-02T23:59:00Z', now), '2024-01-02');
  assert.equal(relativeDate(Date.parse('2024-05-31T11:00:00Z'), Date.parse(now)), '1 h ago');
  assert.equal(relativeDate('not a date', now), MISSING_TEXT);
});
