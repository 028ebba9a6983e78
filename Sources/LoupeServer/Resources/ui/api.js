// The one module that talks to the server. Every call goes to /api/v1 with the token the
// person entered (kept for the browser session only) and turns the error envelope into an
// ApiError carrying its code, message, field and position.

const BASE = '/api/v1';
const TOKEN_KEY = 'loupe.token';

/** An error answered by the API, with the envelope's fields. */
export class ApiError extends Error {
  constructor(status, envelope) {
    super(envelope?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = envelope?.code ?? 'unknown';
    this.field = envelope?.field ?? null;
    this.position = envelope?.position ?? null;
  }
}

/** The token in use, or null (an open server on this machine needs none). */
export function token() { return sessionStorage.getItem(TOKEN_KEY); }
/** Sets (or with null clears) the token for this browser session. */
export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
}

/** `path` under /api/v1 with the query parameters that are not null, undefined or "". */
export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    query.set(name, String(value));
  }
  const text = query.toString();
  return BASE + path + (text ? `?${text}` : '');
}

/** A path segment: a name with `/`, spaces or `%` encoded. */
export const segment = (name) => encodeURIComponent(name);

async function request(method, path, { params, body } = {}) {
  const headers = { Accept: 'application/json' };
  const secret = token();
  if (secret) headers.Authorization = `Bearer ${secret}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url(path, params), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  const payload = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, payload?.error);
  return payload;
}

/** GET a JSON resource. */
export const get = (path, params) => request('GET', path, { params });
/** PUT a JSON body. */
export const put = (path, body, params) => request('PUT', path, { body, params });
/** POST a JSON body. */
export const post = (path, body, params) => request('POST', path, { body, params });
/** DELETE a resource. */
export const del = (path, params) => request('DELETE', path, { params });

/** The URL of a row's image (for <img src>); a token-protected server needs the token in a
 * cookie-less way, so images are fetched as blobs when a token is set. */
export async function imageURL(dataset, key) {
  const path = url(`/datasets/${segment(dataset)}/assets/${segment(key)}`);
  const secret = token();
  if (!secret) return path;
  const response = await fetch(path, { headers: { Authorization: `Bearer ${secret}` } });
  if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => null))?.error);
  return URL.createObjectURL(await response.blob());
}
