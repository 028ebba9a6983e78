import test from 'node:test';
import assert from 'node:assert/strict';
import {
  FIELD_NAMES, RUN_FIELDS, operatorsFor, completionContext, completions,
} from '../../../Sources/LoupeServer/Resources/ui/lib/filter-completion.js';
import { tokenize } from '../../../Sources/LoupeServer/Resources/ui/lib/filter-tokens.js';

const vocabulary = {
  metadataKeys: ['camera', 'camera model', 'iso', 'exif.iso'],
  classes: ['cat', 'dog', 'hot "dog"', 'Catalan sheep'],
  runs: ['baseline', 'big/run'],
};
const at = (text, options) => completionContext(text, text.length, options);
const inserts = (text, options) => completions(at(text, options), vocabulary).map((c) => c.insert);
/** The text after choosing the first candidate. */
function apply(text, caret = text.length) {
  const [first] = completions(completionContext(text, caret), vocabulary);
  return text.slice(0, first.replaceStart) + first.insert + text.slice(first.replaceEnd);
}

test('field names at the start, after and/or/not/(, with the dotted prefix', () => {
  assert.deepEqual(at(''), { kind: 'field', prefix: '', replaceStart: 0, replaceEnd: 0, quote: null });
  assert.deepEqual(inserts('wi'), ['width']);
  assert.deepEqual(inserts('key = "a" and (not gt.cl'), ['gt.class']);
  const c = at('split = "val" or pred.');
  assert.equal(c.kind, 'field');
  assert.equal(c.prefix, 'pred.');
  assert.equal(c.replaceStart, 17);
  assert.deepEqual(completions(c).map((x) => x.label), ['pred.class', 'pred.score']);
  assert.deepEqual(inserts('').slice(0, FIELD_NAMES.length), [...FIELD_NAMES]);
  // prefix matches first, then substring matches, both in vocabulary order
  assert.deepEqual(completions(at('c'), { fields: ['gt.class', 'count', 'kind', 'class'] }).map((x) => x.label),
    ['count', 'class', 'gt.class']);
});

test('metadata keys after meta.: bare when plain, quoted and escaped otherwise', () => {
  const c = at('meta.ca');
  assert.equal(c.kind, 'metadataKey');
  assert.equal(c.prefix, 'ca');
  assert.deepEqual(completions(c, vocabulary).map((x) => x.insert), ['camera', '"camera model"']);
  assert.equal(apply('meta.ca'), 'meta.camera');
  assert.equal(apply('meta.ca = 1', 7), 'meta.camera = 1');
  assert.equal(apply('meta.camera-x = 1', 7), 'meta.camera = 1'); // replaces the rest of the word
  assert.deepEqual(inserts('meta.ex'), ['"exif.iso"']);
  assert.deepEqual(inserts('meta."cam'), ['"camera"', '"camera model"']);
  assert.deepEqual(inserts("meta.'cam"), ["'camera'", "'camera model'"]);
  // the inserted text always lexes back to the key
  for (const key of [...vocabulary.metadataKeys, 'a"b', "it's", 'x\\y', 'line\nbreak']) {
    const [choice] = completions(at('meta.'), { metadataKeys: [key] });
    const { tokens, error } = tokenize(`meta.${choice.insert} = 1`);
    assert.equal(error, null);
    assert.equal(tokens[2].value, key);
  }
});

test('class names inside quotes after gt.class / pred.class / gt.count( and in lists', () => {
  const c = at('gt.class = "c');
  assert.deepEqual([c.kind, c.prefix, c.quote, c.replaceStart, c.field], ['class', 'c', '"', 11, 'gt.class']);
  assert.deepEqual(completions(c, vocabulary).map((x) => x.label), ['cat', 'Catalan sheep']);
  assert.equal(apply('gt.class = "c'), 'gt.class = "cat"');
  assert.equal(apply('gt.class = "c" and width > 1', 13), 'gt.class = "cat" and width > 1');
  assert.deepEqual(inserts('pred.class != '), ['"cat"', '"dog"', '"hot \\"dog\\""', '"Catalan sheep"']);
  assert.deepEqual(inserts('run("A").pred.class = \'h'), ["'hot \"dog\"'", "'Catalan sheep'"]); // prefix, then substring
  assert.deepEqual(inserts('gt.count("d'), ['"dog"', '"hot \\"dog\\""']);
  assert.deepEqual(inserts('gt.class in ["cat", "s'), ['"Catalan sheep"']);
  assert.equal(at('key = "c').kind, 'value'); // a text field that is not a class
  assert.deepEqual(inserts('key = "c'), []);
});

test('run names inside run( and metrics after run("NAME").', () => {
  const r = at('run("b');
  assert.deepEqual([r.kind, r.prefix, r.replaceStart], ['run', 'b', 4]);
  assert.deepEqual(completions(r, vocabulary).map((x) => x.insert), ['"baseline"', '"big/run"']);
  assert.deepEqual(inserts('run('), ['"baseline"', '"big/run"']);
  const m = at('run("baseline").f');
  assert.deepEqual([m.kind, m.prefix, m.run], ['metric', 'f', 'baseline']);
  assert.deepEqual(completions(m).map((x) => x.label), ['fp', 'fn', 'confidence']);
  assert.deepEqual(completions(at('run("A", "strict").'), {}).map((x) => x.label), [...RUN_FIELDS]);
  assert.deepEqual(inserts('run("A").pred.s'), ['pred.score']);
  assert.deepEqual(completions(m, { metrics: ['fp', 'f1'] }).map((x) => x.label), ['fp', 'f1']);
});

test('operators after a field, by its type; values after an operator', () => {
  assert.deepEqual(operatorsFor('bool'), ['=', '!=', 'in', 'is']);
  const o = at('width ');
  assert.deepEqual([o.kind, o.field, o.type], ['operator', 'width', 'number']);
  assert.deepEqual(inserts('width b'), ['between']);
  assert.deepEqual(inserts('key i'), ['in', 'is']);
  assert.ok(!inserts('key ').includes('between'));
  assert.ok(!inserts('width ').includes('~'));
  assert.deepEqual(inserts('run("A").correct '), ['=', '!=', 'in', 'is']);
  assert.ok(inserts('meta."camera model" ').includes('~'));
  assert.deepEqual(inserts('run("A").correct = '), ['true', 'false']);
  assert.deepEqual(inserts('run("A").correct = f'), ['false']);
  assert.deepEqual(inserts('key is '), ['null', 'not null']);
  assert.deepEqual(inserts('key is not '), ['null']);
  const v = at('width > 1');
  assert.deepEqual([v.kind, v.prefix], ['value', '1']);
});

test('connectives after a complete condition; asc/desc in sort text', () => {
  assert.deepEqual(inserts('key = "a" '), ['and', 'or']);
  assert.deepEqual(inserts('key = "a" o'), ['or']);
  assert.deepEqual(inserts('width in [1, 2] '), ['and', 'or']);
  assert.deepEqual(inserts('(key = "a") a'), ['and']);
  assert.deepEqual(inserts('meta.night '), [...operatorsFor('any')]);
  assert.equal(at('meta.night and ').kind, 'field');
  assert.deepEqual(inserts('width between 1 '), ['and']);
  assert.equal(at('width between 1 and ').kind, 'value');
  assert.equal(at('-run("A").fp, ', { sort: true }).kind, 'field');
  assert.deepEqual(inserts('key ', { sort: true }), ['asc', 'desc']);
  assert.deepEqual(inserts('-wi', { sort: true }), ['width']);
});

test('nothing to suggest after errors, inside numbers where a name is due, or past a lexing error', () => {
  assert.equal(at('key = "a\\q"').kind, 'none');
  assert.equal(at('width = = ').kind, 'none');
  assert.equal(at('gt.5').kind, 'none');
  assert.equal(at('run("A" ').kind, 'none');
  assert.equal(at('key = "a" "').kind, 'none');
  assert.deepEqual(completions(at('key = "a" "'), vocabulary), []);
  // a caret in the middle: only the text before it counts
  assert.equal(completionContext('width > 1 and key = "a"', 6).kind, 'operator');
  assert.equal(completionContext('wi', 99).kind, 'field');
});

test('issue("KIND"): stored kinds inside the parentheses, flagged after the dot, typed number then bool', () => {
  const issues = { issues: ['label_error', 'outlier_lof'] };
  assert.deepEqual(completions(at('issue('), issues).map((c) => c.insert), ['"label_error"', '"outlier_lof"']);
  assert.deepEqual(completions(at('issue("out'), issues).map((c) => c.insert), ['"outlier_lof"']);
  const score = at('issue("outlier_lof") ');
  assert.equal(score.kind, 'operator');
  assert.equal(score.type, 'number');
  assert.equal(score.field, 'issue("outlier_lof")');
  assert.deepEqual(completions(at('issue("outlier_lof").fl'), issues).map((c) => c.insert), ['flagged']);
  const flag = at('issue("outlier_lof").flagged = ');
  assert.equal(flag.kind, 'value');
  assert.deepEqual(completions(flag).map((c) => c.insert), ['true', 'false']);
  assert.equal(at('issue("a").score ').kind, 'none', 'only flagged follows the dot');
  assert.equal(at('issue(3) ').kind, 'none');
});
