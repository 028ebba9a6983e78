import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import {
  tokenize, describeChar, truncated, characterOffset, quoteString, isPlainMetadataName, metadataField,
} from '../../../Sources/LoupeServer/Resources/ui/lib/filter-tokens.js';

const corpus = JSON.parse(readFileSync(new URL('./filter-corpus.json', import.meta.url), 'utf8'));

test('the corpus covers tokens and errors', () => {
  assert.ok(corpus.length >= 60);
  assert.ok(corpus.filter((e) => e.error).length >= 25);
  assert.ok(corpus.filter((e) => e.tokens && !e.error).length >= 30);
});

for (const entry of corpus) {
  test(`corpus: ${JSON.stringify(entry.input)} (${entry.source})`, () => {
    const { tokens, error } = tokenize(entry.input);
    if (entry.tokens) {
      assert.deepEqual(tokens.map((t) => [t.kind, t.value, t.start, t.end]), entry.tokens);
      for (const t of tokens) assert.equal(t.text, entry.input.slice(t.start, t.end));
    }
    if (entry.error) {
      assert.ok(error, 'expected a lexing error');
      assert.equal(error.offset, entry.error.offset);
      assert.equal(error.characterOffset, entry.error.character);
      assert.equal(error.message, entry.error.message);
      assert.equal(error.hint, entry.error.hint);
    } else {
      assert.equal(error, null);
    }
  });
}

// With LOUPE_BIN set to a built `loupe`, every corpus error marked `swift` is checked against the
// Swift parser itself (`loupe query` parses the filter before it opens the workspace).
const bin = process.env.LOUPE_BIN;
test('corpus errors agree with the Swift parser (LOUPE_BIN)', { skip: bin ? false : 'LOUPE_BIN not set' }, () => {
  let checked = 0;
  // A NUL cannot travel in a command-line argument; those entries are checked by the table only.
  for (const entry of corpus.filter((e) => e.error && e.swift && !e.input.includes('\u0000'))) {
    const args = ['query', '--workspace', '/nonexistent/loupe-ui-corpus.sqlite', '--dataset', 'x',
      entry.sort ? '--sort' : '--filter', entry.input];
    const run = spawnSync(bin, args, { encoding: 'utf8' });
    assert.equal(run.status, 2, `${JSON.stringify(entry.input)}: ${run.stderr}`);
    const { message, hint, character } = entry.error;
    const expected = `${entry.sort ? 'sort' : 'filter'} at ${character + 1}: ${message}${hint ? ` (${hint})` : ''}`;
    assert.ok(run.stderr.includes(expected), `${JSON.stringify(entry.input)}\nexpected ${expected}\ngot ${run.stderr}`);
    checked += 1;
  }
  assert.ok(checked >= 25);
});

test('every token of a valid filter has text equal to its source slice and offsets in order', () => {
  const text = 'meta."a b" ~ \'x\' or not (run("😀", "k").fp between -1 and 2e3) and gt.count("c") in [1,2]';
  const { tokens, error } = tokenize(text);
  assert.equal(error, null);
  let previous = 0;
  for (const t of tokens) {
    assert.ok(t.start >= previous && t.end >= t.start);
    assert.equal(t.text, text.slice(t.start, t.end));
    previous = t.end;
  }
  assert.equal(tokens.at(-1).kind, 'end');
  assert.equal(tokens.at(-1).start, text.length);
});

test('an unterminated string reports what was read so far, for completion', () => {
  assert.deepEqual(tokenize('run("base').error.open, { quote: '"', value: 'base' });
  assert.deepEqual(tokenize("meta.'a\\'b").error.open, { quote: "'", value: "a'b" });
  assert.deepEqual(tokenize('key = "ab\\').error.open, { quote: '"', value: 'ab' });
});

test('describeChar, truncated and characterOffset', () => {
  assert.equal(describeChar(';'), "';'");
  assert.equal(describeChar('\u0000'), 'U+0000');
  assert.equal(describeChar('\u00a0'), 'U+00A0');
  assert.equal(describeChar('\u0085'), 'U+0085');
  assert.equal(describeChar('\u200b'), 'U+200B');
  assert.equal(describeChar('\ue000'), 'U+E000'); // private use
  assert.equal(describeChar('\u{1F600}'), "'\u{1F600}'");
  assert.equal(truncated('x'.repeat(24)), 'x'.repeat(24));
  assert.equal(truncated('x'.repeat(25)), 'x'.repeat(24) + '…');
  assert.equal(truncated('e\u0301'.repeat(30), 2), 'e\u0301e\u0301…');
  assert.equal(characterOffset('e\u0301x', 1), 0);
  assert.equal(characterOffset('e\u0301x', 2), 1);
  assert.equal(characterOffset('😀x', 2), 1);
  assert.equal(characterOffset('ab', 5), 2);
});

test('quoteString writes what the lexer reads back; metadata names quoted only when not plain', () => {
  const samples = ['plain', 'say "hi"', "it's", 'back\\slash', 'two\nlines\ttab\rcr', '\u0000\u001f\u007f\u0085\u2028',
    '😀 e\u0301', '', 'x\'; DROP TABLE row; --'];
  for (const s of samples) {
    for (const q of ['"', "'"]) {
      const { tokens, error } = tokenize(quoteString(s, q));
      assert.equal(error, null, quoteString(s, q));
      assert.equal(tokens[0].kind, 'string');
      assert.equal(tokens[0].value, s);
      assert.equal(tokens[0].end, quoteString(s, q).length);
    }
  }
  // Swift FilterValue.quoted, from FilterParserTests.canonicalText
  assert.equal(quoteString('say "hi"\\\n\u0001'), '"say \\"hi\\"\\\\\\n\\u0001"');
  assert.equal(quoteString("it's", "'"), "'it\\'s'");
  assert.equal(isPlainMetadataName('camera-model_2'), true);
  assert.equal(isPlainMetadataName('2x'), true);
  assert.equal(isPlainMetadataName('camera model'), false);
  assert.equal(isPlainMetadataName('exif.iso'), false);
  assert.equal(isPlainMetadataName('café'), false);
  assert.equal(isPlainMetadataName(''), false);
  assert.equal(metadataField('camera-model'), 'meta.camera-model');
  assert.equal(metadataField(''), 'meta.""');
  assert.equal(metadataField('camera model'), 'meta."camera model"');
  for (const name of ['camera', 'a"b', 'exif.iso', 'and']) {
    const { tokens } = tokenize(`${metadataField(name)} = 1`);
    assert.equal(tokens[2].metadataName, true);
    assert.equal(tokens[2].value, name);
  }
});

test('tokenizing is linear: a megabyte of text in well under a second', () => {
  const text = `key ~ "${'ab'.repeat(250_000)}" and ${Array(20_000).fill('width = 1').join(' or ')}`;
  const started = process.hrtime.bigint();
  const { tokens, error } = tokenize(text);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(error, null);
  assert.equal(tokens.length, 4 + 20_000 * 3 + 19_999 + 1);
  assert.ok(ms < 2000, `${ms} ms`);
});
