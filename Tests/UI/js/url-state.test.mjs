import test from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_STATE, encodeState, decodeState } from '../../../Sources/LoupeServer/Resources/ui/lib/url-state.js';

const strip = ({ extra, invalid, ...state }) => state;

test('defaults are omitted; the default state is the empty query', () => {
  assert.equal(encodeState({}), '');
  assert.equal(encodeState(DEFAULT_STATE), '');
  assert.deepEqual(strip(decodeState('')), { ...DEFAULT_STATE, overlays: [] });
  assert.deepEqual(decodeState('?').extra, []);
});

test('parameters in a stable order with percent-encoding', () => {
  const state = {
    page: 3, row: 'img 001.jpg', overlays: ['gt', 'run:A'], threshold: 0.25, run: 'baseline',
    sort: '-run("A").fp', filter: 'meta.camera = "x100" and width > 3',
  };
  assert.equal(encodeState(state),
    'filter=meta.camera%20%3D%20%22x100%22%20and%20width%20%3E%203&sort=-run(%22A%22).fp&run=baseline'
    + '&threshold=0.25&overlays=gt,run%3AA&row=img%20001.jpg&page=3');
});

test('round trips are exact, including awkward text and numbers', () => {
  const states = [
    { filter: 'key = "a&b=c#d?e"', overlays: ['a,b', 'c d', '+', '%'], threshold: 0.1 + 0.2 },
    { sort: 'key', threshold: 0, page: 2 },
    { threshold: -1e-300, row: '' },
    { row: '😀 e\u0301 \u0000', overlays: ['x', '', 'y'] },
    { filter: ' leading and trailing ', run: 'model/run' },
  ];
  for (const s of states) {
    const expected = { ...DEFAULT_STATE, overlays: [], ...s };
    assert.deepEqual(strip(decodeState(encodeState(s))), expected, JSON.stringify(s));
    assert.deepEqual(strip(decodeState('?' + encodeState(s))), expected);
  }
  assert.equal(decodeState(encodeState({ threshold: 0.1 + 0.2 })).threshold, 0.30000000000000004);
});

test('page defaults: a non-default null or empty list is written so it reads back', () => {
  const defaults = { threshold: 0.5, overlays: ['gt'], row: 'r1', page: 1 };
  assert.equal(encodeState({ threshold: 0.5, overlays: ['gt'] }, defaults), '');
  const q = encodeState({ threshold: null, overlays: [], row: null }, defaults);
  assert.equal(q, 'threshold&overlays=&row');
  assert.deepEqual(strip(decodeState(q, defaults)), { ...DEFAULT_STATE, threshold: null, overlays: [], row: null });
  assert.deepEqual(decodeState('', defaults).overlays, ['gt']);
});

test('unknown parameters are preserved raw and in order, after the known ones', () => {
  const decoded = decodeState('utm=a%20b&filter=x&flag&z=1+2&run=A');
  assert.deepEqual(decoded.extra, ['utm=a%20b', 'flag', 'z=1+2']);
  assert.equal(decoded.filter, 'x');
  assert.equal(decoded.run, 'A');
  assert.equal(encodeState(decoded), 'filter=x&run=A&utm=a%20b&flag&z=1+2');
});

test('invalid values fall back to defaults and are reported; first duplicate wins; + is a space', () => {
  const d = decodeState('threshold=abc&page=0&page=2&filter=a+b&filter=zzz&row=%E0%A4%A');
  assert.equal(d.threshold, null);
  assert.equal(d.page, 1);
  assert.equal(d.filter, 'a b');
  assert.equal(d.row, null);
  assert.deepEqual(d.invalid, ['threshold', 'page', 'row']);
  assert.equal(decodeState('page=2.5').page, 1);
  assert.equal(decodeState('page=12').page, 12);
  assert.equal(decodeState('threshold=').threshold, null);
  assert.equal(decodeState('threshold=1e-3').threshold, 0.001);
  assert.equal(decodeState('filter=a#frag').filter, 'a');
});
