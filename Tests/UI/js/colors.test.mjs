import test from 'node:test';
import assert from 'node:assert/strict';
import {
  CATEGORICAL, MISSING, parseHex, rgbString, classColor, classColorMap, viridis, diverging,
  relativeLuminance, contrastRatio, textColorOn,
} from '../../../Sources/LoupeServer/Resources/ui/lib/colors.js';

const channels = (css) => css.match(/\d+/g).map(Number);

/** CIE L*a*b* (D65) of an sRGB triple, for the distinguishability check. */
function lab([r, g, b]) {
  const lin = (v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const [R, G, B] = [lin(r), lin(g), lin(b)];
  const f = (t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const X = f((0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047);
  const Y = f(0.2126 * R + 0.7152 * G + 0.0722 * B);
  const Z = f((0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883);
  return [116 * Y - 16, 500 * (X - Y), 200 * (Y - Z)];
}

test('the categorical palette: ≥ 20 distinct colours, 3:1 contrast on white and on black', () => {
  assert.ok(CATEGORICAL.length >= 20);
  assert.equal(new Set(CATEGORICAL).size, CATEGORICAL.length);
  for (const hex of CATEGORICAL) {
    assert.ok(contrastRatio(hex, '#ffffff') >= 3, `${hex} on white`);
    assert.ok(contrastRatio(hex, '#000000') >= 3, `${hex} on black`);
  }
  let minimum = Infinity;
  for (let i = 0; i < CATEGORICAL.length; i += 1) {
    for (let j = i + 1; j < CATEGORICAL.length; j += 1) {
      const [a, b] = [lab(parseHex(CATEGORICAL[i])), lab(parseHex(CATEGORICAL[j]))];
      minimum = Math.min(minimum, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
    }
  }
  assert.ok(minimum >= 10, `closest pair ΔE76 = ${minimum}`);
  // neighbours in the list (what the first classes get) are far apart
  for (let i = 0; i + 1 < 12; i += 1) {
    const [a, b] = [lab(parseHex(CATEGORICAL[i])), lab(parseHex(CATEGORICAL[i + 1]))];
    assert.ok(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) >= 30);
  }
});

test('classColor wraps indices; classColorMap is stable by class order', () => {
  assert.equal(classColor(0), 'rgb(238, 41, 41)');
  assert.equal(classColor(24), classColor(0));
  assert.equal(classColor(-1), classColor(23));
  assert.equal(classColor(2.7), classColor(2));
  const map = classColorMap(['person', 'car', 'dog', 'car']);
  assert.equal(map('person'), classColor(0));
  assert.equal(map('car'), classColor(1));
  assert.equal(map('dog'), classColor(2));
  const again = classColorMap(['person', 'car', 'dog', 'car']);
  assert.equal(again('zebra'), map('zebra'));
  assert.match(map('zebra'), /^rgb\(\d+, \d+, \d+\)$/);
  assert.equal(classColorMap(['b', 'a'])('a'), classColor(1));
});

test('viridis: endpoints, clamping, NaN grey, close to matplotlib\'s full table', () => {
  assert.equal(viridis(0), 'rgb(68, 1, 84)');
  assert.equal(viridis(1), 'rgb(253, 231, 37)');
  assert.equal(viridis(-3), viridis(0));
  assert.equal(viridis(7), viridis(1));
  assert.equal(viridis(NaN), MISSING);
  assert.equal(viridis(undefined), MISSING);
  // matplotlib viridis(t) from the 256-entry table, linearly interpolated, ×255 rounded
  const reference = [[0.1, [72, 37, 117]], [0.25, [59, 82, 139]], [0.5, [33, 144, 140]], [0.75, [93, 201, 99]]];
  for (const [t, expected] of reference) {
    const got = channels(viridis(t));
    for (let c = 0; c < 3; c += 1) assert.ok(Math.abs(got[c] - expected[c]) <= 2, `viridis(${t}) = ${got}`);
  }
  // luminance rises monotonically (a sequential map)
  let previous = -1;
  for (let k = 0; k <= 32; k += 1) {
    const l = relativeLuminance(viridis(k / 32));
    assert.ok(l > previous);
    previous = l;
  }
});

test('diverging: red below zero, near-white at zero, blue above, clamped', () => {
  assert.equal(diverging(0), 'rgb(247, 247, 247)');
  assert.equal(diverging(-1), 'rgb(103, 0, 31)');
  assert.equal(diverging(1), 'rgb(5, 48, 97)');
  assert.equal(diverging(-9), diverging(-1));
  assert.equal(diverging(NaN), MISSING);
  const [r1, , b1] = channels(diverging(-0.5));
  assert.ok(r1 > b1);
  const [r2, , b2] = channels(diverging(0.5));
  assert.ok(b2 > r2);
  // halfway between stops 5 (247,247,247) and 6 (209,229,240): t = 0.1
  assert.equal(diverging(0.1), 'rgb(228, 238, 244)');
});

test('luminance, contrast and the readable text colour follow WCAG 2', () => {
  assert.equal(relativeLuminance('#ffffff'), 1);
  assert.equal(relativeLuminance('#000'), 0);
  assert.ok(Math.abs(relativeLuminance('rgb(128, 128, 128)') - 0.21586) < 1e-5);
  assert.equal(contrastRatio('#000', '#fff'), 21);
  assert.ok(Math.abs(contrastRatio('#777777', '#ffffff') - 4.48) < 0.01);
  assert.equal(textColorOn('#ffffff'), '#000000');
  assert.equal(textColorOn('#000000'), '#ffffff');
  assert.equal(textColorOn(viridis(0)), '#ffffff');
  assert.equal(textColorOn(viridis(1)), '#000000');
  assert.equal(textColorOn([0, 0, 255]), '#ffffff');
  assert.equal(textColorOn([255, 255, 0]), '#000000');
  // the chosen colour always has the better contrast
  for (let v = 0; v <= 255; v += 5) {
    const bg = [v, 255 - v, (v * 7) % 256];
    const chosen = textColorOn(bg);
    const other = chosen === '#000000' ? '#ffffff' : '#000000';
    assert.ok(contrastRatio(bg, chosen) >= contrastRatio(bg, other));
  }
  assert.equal(rgbString([300, -4, 12.6]), 'rgb(255, 0, 13)');
  assert.throws(() => parseHex('#12'), RangeError);
});
