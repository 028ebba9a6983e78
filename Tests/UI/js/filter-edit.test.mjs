import test from 'node:test';
import assert from 'node:assert/strict';
import { facetPredicate, addConjunct, sortChoices } from '../../../Sources/LoupeServer/Resources/ui/lib/filter-edit.js';

test('facetPredicate quotes strings and metadata names as the lexer reads them', () => {
  assert.equal(facetPredicate({ field: 'gt.class', value: 'dog' }), 'gt.class = "dog"');
  assert.equal(facetPredicate({ field: 'gt.class', value: '</script>"x' }), 'gt.class = "</script>\\"x"');
  assert.equal(facetPredicate({ field: 'split', value: 'val' }), 'split = "val"');
  assert.equal(facetPredicate({ field: 'meta', name: 'iso', low: 100, high: 400 }), 'meta.iso between 100 and 400');
  assert.equal(facetPredicate({ field: 'meta', name: 'camera model', value: 'x' }), 'meta."camera model" = "x"');
  assert.equal(facetPredicate({ field: 'meta', name: 'night', value: true }), 'meta.night = true');
});

test('addConjunct: empty filter, plain and, parenthesized or, no duplicates', () => {
  assert.equal(addConjunct('', 'split = "val"'), 'split = "val"');
  assert.equal(addConjunct('  gt.count > 2 ', 'split = "val"'), 'gt.count > 2 and split = "val"');
  assert.equal(addConjunct('a = "1" or b = "2"', 'split = "val"'), '(a = "1" or b = "2") and split = "val"');
  assert.equal(addConjunct('gt.count > 2 and split = "val"', 'split = "val"'), 'gt.count > 2 and split = "val"');
});

test('sortChoices: row order first, then ascending and descending of fields and run metrics', () => {
  const choices = sortChoices(['baseline'], ['fp']);
  assert.deepEqual(choices[0], { value: '', label: 'row order' });
  assert.deepEqual(choices.slice(1, 3).map((c) => c.value), ['key', '-key']);
  assert.deepEqual(choices.slice(-2).map((c) => c.value), ['run("baseline").fp', '-run("baseline").fp']);
});

