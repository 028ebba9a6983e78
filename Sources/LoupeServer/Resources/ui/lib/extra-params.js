// Page parameters that lib/url-state.js does not know (kept raw in `state.extra`), read and
// written without disturbing the others. Pure.

/**
 * The decoded value of parameter `name` in `extra` (raw `key=value` segments), or `fallback`.
 * `+` reads as a space, as in url-state.js; a bad escape gives `fallback`.
 * @param {string[]} extra
 * @param {string} name
 * @param {string|null} [fallback]
 * @returns {string|null}
 */
export function extraParam(extra, name, fallback = null) {
  for (const segment of extra ?? []) {
    const eq = segment.indexOf('=');
    const key = eq < 0 ? segment : segment.slice(0, eq);
    if (key !== name) continue;
    try { return eq < 0 ? '' : decodeURIComponent(segment.slice(eq + 1).replace(/\+/g, ' ')); } catch { return fallback; }
  }
  return fallback;
}

/**
 * `extra` with parameter `name` set to `value` (replacing the first occurrence in place, or
 * appended), or removed when `value` is null or "".
 * @param {string[]} extra
 * @param {string} name
 * @param {string|null} value
 * @returns {string[]} a new array
 */
export function withExtraParam(extra, name, value) {
  const keyOf = (segment) => (segment.indexOf('=') < 0 ? segment : segment.slice(0, segment.indexOf('=')));
  const present = (extra ?? []).some((s) => keyOf(s) === name);
  const encoded = value === null || value === '' ? null : `${name}=${encodeURIComponent(value)}`;
  if (!present) return encoded === null ? [...(extra ?? [])] : [...(extra ?? []), encoded];
  const result = [];
  let done = false;
  for (const segment of extra) {
    if (keyOf(segment) !== name) { result.push(segment); continue; }
    if (!done && encoded !== null) result.push(encoded);
    done = true;
  }
  return result;
}
