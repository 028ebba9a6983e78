// The filter language's tokenizer, mirroring `Sources/LoupeCatalog/Query/FilterLexer.swift`
// (see docs/query.md). Pure: no DOM, no I/O. Completion lives in `filter-completion.js`.

/** Keywords of the filter language (case-sensitive, lowercase), as `FilterParser.State.keywords`. */
export const KEYWORDS = Object.freeze(['and', 'or', 'not', 'in', 'between', 'is', 'null', 'true', 'false']);

/**
 * Operators and punctuation the Swift lexer recognizes, longest first so that `<=` wins over `<`
 * (the misspellings `==`, `<>`, `&&`, `||`, `!`, `&`, `|` are tokens too: the parser explains them).
 */
export const SYMBOLS = Object.freeze(['==', '!=', '<=', '>=', '<>', '&&', '||', '=', '<', '>', '~', '!', '&', '|',
  '(', ')', '[', ']', ',', '.', '-']);

const HINT_NUMBER = 'numbers are written as in JSON: 12, -3.5, 0.25, 1e3';
const HINT_ESCAPES = 'escapes are \\" \\\' \\\\ \\/ \\n \\t \\r \\uXXXX; write \\\\ for a backslash';
const HINT_SURROGATE = 'write a character beyond U+FFFF as a pair such as \\uD83D\\uDE00, or as itself';

const WHITESPACE = /^\p{White_Space}$/u;
const INVISIBLE_CATEGORY = /^[\p{Cf}\p{Mn}\p{Me}\p{Cn}\p{Co}]$/u;

/** Whether `c` (one code point as a string) is an ASCII letter or `_`. */
function isIdentifierStart(c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isDigit(c) { return c >= '0' && c <= '9'; }
function isIdentifierContinue(c) { return isIdentifierStart(c) || isDigit(c); }

/**
 * Whether `c` may appear in an unquoted metadata name (`meta.camera-model`, `meta.2x`): an ASCII
 * letter or digit, `_` or `-` (Swift `FilterLexer.isNameScalar`).
 * @param {string} c one code point
 * @returns {boolean}
 */
export function isNameChar(c) { return isIdentifierContinue(c) || c === '-'; }

/**
 * A code point as an error message shows it (Swift `FilterLexer.describe`): `'x'` when visible,
 * else `U+XXXX` (at least four upper-case hex digits) for controls, C1 controls and U+00A0,
 * white space, format characters, combining marks, unassigned and private-use code points.
 * Unassigned is judged by the JS engine's Unicode tables, which may differ from Swift's.
 * @param {string} c one code point
 * @returns {string}
 */
export function describeChar(c) {
  const v = c.codePointAt(0);
  const invisible = v < 0x20 || (v >= 0x7f && v <= 0xa0) || WHITESPACE.test(c) || INVISIBLE_CATEGORY.test(c);
  if (!invisible) return `'${c}'`;
  return 'U+' + v.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * `text` cut to `limit` user-perceived characters with `…` appended (Swift `FilterLexer.truncated`).
 * @param {string} text
 * @param {number} [limit=24]
 * @returns {string}
 */
export function truncated(text, limit = 24) {
  const chars = graphemes(text);
  return chars.length <= limit ? text : chars.slice(0, limit).join('') + '…';
}

/** The grapheme clusters of `text` (Swift `Character`s), by `Intl.Segmenter`. */
function graphemes(text) {
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * The character (grapheme cluster) offset that holds UTF-16 offset `offset` in `text`, or the
 * number of characters when `offset` is at or past the end: the position Swift's
 * `FilterSyntaxError` reports (0-based; the CLI prints it plus 1).
 * @param {string} text
 * @param {number} offset UTF-16 code units
 * @returns {number}
 */
export function characterOffset(text, offset) {
  let units = 0;
  let index = 0;
  for (const g of graphemes(text)) {
    units += g.length;
    if (units > offset) return index;
    index += 1;
  }
  return index;
}

/**
 * A token: `kind` is `identifier`, `number`, `string`, `symbol` or `end` (Swift `FilterToken.Kind`);
 * `text` is the source as written; `value` is the identifier, the number, the string with escapes
 * resolved, or the symbol; `start`/`end` are UTF-16 offsets, `[start, end)`. A metadata name read
 * after `meta.` has `metadataName: true` (kind `identifier` when bare, `string` when quoted).
 * @typedef {{kind: 'identifier'|'number'|'string'|'symbol'|'end', text: string,
 *   value: (string|number|null), start: number, end: number, metadataName?: boolean}} FilterToken
 */

/**
 * A lexing error: `offset` is the UTF-16 offset of the offending token's start (a string's opening
 * quote, an escape's backslash, a number's first character), `scalarOffset` the same in code points
 * (Swift's internal position), `characterOffset` in grapheme clusters (what Swift reports);
 * `message` and `hint` are worded as Swift's. An unterminated string also carries `open`: the quote
 * and the value read so far, for completion.
 * @typedef {{offset: number, scalarOffset: number, characterOffset: number, message: string,
 *   hint: (string|null), open?: {quote: string, value: string}}} FilterLexError
 */

class LexError extends Error {
  constructor(index, message, hint = null, open = undefined) {
    super(message);
    this.index = index;
    this.hint = hint;
    this.open = open;
  }
}

/** The cursor over code points (`cps`) with their UTF-16 offsets (`units`, one extra at the end). */
class Lexer {
  constructor(text) {
    this.cps = Array.from(text);
    this.units = [0];
    for (const c of this.cps) this.units.push(this.units[this.units.length - 1] + c.length);
    this.i = 0;
  }

  peek(d = 0) { return this.i + d < this.cps.length ? this.cps[this.i + d] : null; }

  token(kind, start, value, extra = {}) {
    const text = this.cps.slice(start, this.i).join('');
    return { kind, text, value, start: this.units[start], end: this.units[this.i], ...extra };
  }

  skipWhitespace() { while (this.peek() !== null && WHITESPACE.test(this.peek())) this.i += 1; }

  skipDigits() {
    const start = this.i;
    while (this.peek() !== null && isDigit(this.peek())) this.i += 1;
    return this.i - start;
  }

  next() {
    this.skipWhitespace();
    const start = this.i;
    const first = this.peek();
    if (first === null) return this.token('end', start, null);
    if (isIdentifierStart(first)) {
      while (this.peek() !== null && isIdentifierContinue(this.peek())) this.i += 1;
      return this.token('identifier', start, this.cps.slice(start, this.i).join(''));
    }
    if (isDigit(first) || (first === '-' && this.peek(1) !== null && isDigit(this.peek(1)))) return this.number();
    if (first === '"' || first === "'") return this.string();
    for (const symbol of SYMBOLS) {
      if (this.cps.slice(this.i, this.i + symbol.length).join('') === symbol) {
        this.i += symbol.length;
        return this.token('symbol', start, symbol);
      }
    }
    throw new LexError(start, `unexpected character ${describeChar(first)}`);
  }

  /** A metadata name after `meta.`, or null when neither a name nor a quote is there. */
  metadataName() {
    this.skipWhitespace();
    const start = this.i;
    const first = this.peek();
    if (first === null) return null;
    if (first === '"' || first === "'") return { ...this.string(), metadataName: true };
    while (this.peek() !== null && isNameChar(this.peek())) this.i += 1;
    if (this.i === start) return null;
    return this.token('identifier', start, this.cps.slice(start, this.i).join(''), { metadataName: true });
  }

  number() {
    const start = this.i;
    let valid = true;
    if (this.peek() === '-') this.i += 1;
    const integerStart = this.i;
    this.skipDigits();
    if (this.i - integerStart > 1 && this.cps[integerStart] === '0') valid = false;
    if (this.peek() === '.') {
      this.i += 1;
      if (this.skipDigits() === 0) valid = false;
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.i += 1;
      if (this.peek() === '+' || this.peek() === '-') this.i += 1;
      if (this.skipDigits() === 0) valid = false;
    }
    while (this.peek() !== null && (isIdentifierContinue(this.peek()) || this.peek() === '.')) {
      this.i += 1;
      valid = false;
    }
    const written = this.cps.slice(start, this.i).join('');
    if (!valid) throw new LexError(start, `invalid number ${truncated(written)}`, HINT_NUMBER);
    const value = Number(written);
    if (!Number.isFinite(value)) throw new LexError(start, `number ${truncated(written)} is out of range`);
    return this.token('number', start, value);
  }

  string() {
    const start = this.i;
    const quote = this.cps[this.i];
    this.i += 1;
    let value = '';
    for (;;) {
      const c = this.peek();
      if (c === null) {
        throw new LexError(start, 'unterminated string', `close it with ${quote}; write \\${quote} for a quote inside it`,
          { quote, value });
      }
      this.i += 1;
      if (c === quote) break;
      if (c !== '\\') { value += c; continue; }
      if (this.peek() === null) {
        throw new LexError(start, 'unterminated string', `close it with ${quote}; write \\\\ for a backslash at its end`,
          { quote, value });
      }
      value += this.escape(this.i - 1);
    }
    return this.token('string', start, value);
  }

  escape(backslash) {
    const letter = this.cps[this.i];
    this.i += 1;
    const simple = { '"': '"', "'": "'", '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r' };
    if (Object.hasOwn(simple, letter)) return simple[letter];
    if (letter !== 'u') {
      const shown = describeChar(letter);
      throw new LexError(backslash,
        shown.startsWith("'") ? `invalid escape \\${letter}` : `invalid escape: \\ before ${shown}`, HINT_ESCAPES);
    }
    const high = this.hexQuad(backslash);
    if (high < 0xd800 || high > 0xdfff) return String.fromCodePoint(high);
    if (high <= 0xdbff && this.peek() === '\\' && this.peek(1) === 'u') {
      const secondStart = this.i;
      this.i += 2;
      const low = this.hexQuad(secondStart);
      if (low >= 0xdc00 && low <= 0xdfff) return String.fromCodePoint(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00));
    }
    throw new LexError(backslash, 'invalid escape: unpaired surrogate', HINT_SURROGATE);
  }

  hexQuad(backslash) {
    let value = 0;
    for (let k = 0; k < 4; k += 1) {
      const c = this.peek();
      if (c === null || !/^[0-9a-fA-F]$/.test(c)) {
        throw new LexError(backslash, 'invalid escape: \\u takes four hex digits', 'for example \\u00e9');
      }
      value = value * 16 + parseInt(c, 16);
      this.i += 1;
    }
    return value;
  }
}

/**
 * Splits filter (or sort) text into tokens the way Swift's `FilterLexer` does as `FilterParser`
 * drives it: after an identifier `meta` that does not follow a `.`, and a `.`, the next token is
 * read with the metadata-name rule (ASCII letters, digits, `_`, `-`, or a quoted string), as the
 * parser does in field position. Tokens stop at the first lexing error; the last token is `end`
 * when there is none.
 *
 * Edge cases: empty or blank text gives only `end`; offsets count UTF-16 code units, so an emoji
 * spans two; a lexing error the Swift parser would never reach (after a syntax error) is still
 * reported here.
 * - Complexity: O(n) in the length of the text.
 * @param {string} text
 * @returns {{tokens: FilterToken[], error: (FilterLexError|null)}}
 */
export function tokenize(text) {
  const lexer = new Lexer(text);
  const tokens = [];
  try {
    for (;;) {
      const n = tokens.length;
      const afterMetaDot = n >= 2 && tokens[n - 1].kind === 'symbol' && tokens[n - 1].value === '.'
        && tokens[n - 2].kind === 'identifier' && tokens[n - 2].value === 'meta' && !tokens[n - 2].metadataName
        && !(n >= 3 && tokens[n - 3].kind === 'symbol' && tokens[n - 3].value === '.');
      const name = afterMetaDot ? lexer.metadataName() : null;
      const token = name ?? lexer.next();
      tokens.push(token);
      if (token.kind === 'end') return { tokens, error: null };
    }
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    const offset = lexer.units[e.index];
    const error = {
      offset, scalarOffset: e.index, characterOffset: characterOffset(text, offset), message: e.message, hint: e.hint,
    };
    if (e.open) error.open = e.open;
    return { tokens, error };
  }
}

/**
 * `text` as a string literal in `quote` (`"` or `'`) that the lexer reads back to `text`: the
 * quote and `\` escaped with `\`, newline, tab and carriage return as `\n \t \r`, other C0 and C1
 * controls and U+2028/U+2029 as `\uXXXX` (lower-case hex, as Swift's `FilterValue.quoted`); all
 * else as itself. With `"` this is exactly Swift's canonical form.
 * @param {string} text
 * @param {'"'|"'"} [quote='"']
 * @returns {string}
 */
export function quoteString(text, quote = '"') {
  let result = quote;
  for (const c of text) {
    const v = c.codePointAt(0);
    if (c === quote || c === '\\') result += '\\' + c;
    else if (c === '\n') result += '\\n';
    else if (c === '\t') result += '\\t';
    else if (c === '\r') result += '\\r';
    else if (v <= 0x1f || (v >= 0x7f && v <= 0x9f) || v === 0x2028 || v === 0x2029) {
      result += '\\u' + v.toString(16).padStart(4, '0');
    } else result += c;
  }
  return result + quote;
}

/**
 * Whether a metadata name can be written bare after `meta.` (non-empty, only ASCII letters,
 * digits, `_` and `-`); any other name must be quoted (`meta."camera model"`).
 * @param {string} name
 * @returns {boolean}
 */
export function isPlainMetadataName(name) {
  return name.length > 0 && Array.from(name).every(isNameChar);
}

/**
 * A metadata field as filter text, as Swift's `FilterField.description`: `meta.NAME` when plain,
 * else `meta."NAME"` quoted and escaped.
 * @param {string} name
 * @returns {string}
 */
export function metadataField(name) {
  return 'meta.' + (isPlainMetadataName(name) ? name : quoteString(name));
}
