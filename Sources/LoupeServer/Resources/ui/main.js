// The app shell: the view state lives in the URL (lib/url-state.js), so a link reproduces a view;
// this module reads it, picks the view module for `view`, and renders it into <main>. Views get an
// `app` object for navigation, the status line and the breadcrumbs, and own their part of the DOM.

import { decodeState, encodeState } from './lib/url-state.js';
import { el, replaceChildren } from './dom.js';
import { ApiError, setToken } from './api.js';
import * as home from './views/home.js';

/** The view modules by `view` parameter, loaded when first shown. */
const VIEWS = {
  '': async () => home,
  catalog: () => import('./views/catalog.js'),
  row: () => import('./views/row.js'),
  runs: () => import('./views/runs.js'),
  run: () => import('./views/run.js'),
  compare: () => import('./views/compare.js'),
  slices: () => import('./views/slices.js'),
  projector: () => import('./views/projector.js'),
};

const main = document.getElementById('main');
const status = document.getElementById('status');
const crumbs = document.getElementById('breadcrumbs');
let generation = 0;

const app = {
  /** The current state. */
  get state() { return decodeState(location.search); },
  /** The href of a state (relative to the UI). */
  href(state) {
    const query = encodeState(state);
    return '/ui/' + (query ? `?${query}` : '');
  },
  /** A link to a state that navigates without reloading. */
  link(state, ...children) {
    return el('a', { href: app.href(state), 'data-nav': true }, ...children);
  },
  /** Shows `state`: pushed on the history, or replacing the current entry (`replace`). */
  navigate(state, { replace = false } = {}) {
    const href = app.href(state);
    if (replace) history.replaceState(null, '', href); else history.pushState(null, '', href);
    return show();
  },
  /** Updates the URL for a state the view already shows (no re-render). */
  remember(state) { history.replaceState(null, '', app.href(state)); },
  /** The status line (loading, counts); empty to clear. */
  setStatus(text) { status.textContent = text ?? ''; },
  /** The breadcrumbs: [label, state] pairs, the last without a link. */
  setCrumbs(items) {
    replaceChildren(crumbs, items.map(([label, state], index) =>
      [index > 0 ? el('span', { class: 'sep', 'aria-hidden': 'true' }, '›') : null,
       state && index < items.length - 1 ? app.link(state, label) : el('span', {}, label)]));
  },
};

async function show() {
  const mine = ++generation;
  const state = app.state;
  const load = VIEWS[state.view];
  app.setStatus('');
  if (!load) {
    replaceChildren(main, el('p', { class: 'error' }, `There is no page '${state.view}'.`), app.link({}, 'Go to the start page'));
    return;
  }
  main.setAttribute('aria-busy', 'true');
  try {
    const view = await load();
    if (mine !== generation) return;
    const root = el('div', { class: `view view-${state.view || 'home'}` });
    replaceChildren(main, root);
    await view.render(root, state, app, () => mine !== generation);
  } catch (error) {
    if (mine !== generation) return;
    replaceChildren(main, errorBox(error));
  } finally {
    if (mine === generation) main.removeAttribute('aria-busy');
  }
}

/** An error for people; a 401 asks for a token. */
function errorBox(error) {
  if (error instanceof ApiError && error.status === 401) {
    const input = el('input', { type: 'password', name: 'token', autocomplete: 'off', placeholder: 'loupe_…', 'aria-label': 'API token' });
    return el('form', { class: 'token-form', on: { submit: (event) => { event.preventDefault(); setToken(input.value.trim()); show(); } } },
      el('p', {}, 'This server needs a token (loupe tokens create). It is kept for this browser session only.'),
      input, el('button', { type: 'submit' }, 'Use token'));
  }
  return el('div', { class: 'error', role: 'alert' }, el('strong', {}, 'Something went wrong: '), error?.message ?? String(error));
}

document.addEventListener('click', (event) => {
  const anchor = event.target.closest?.('a[data-nav]');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = new URL(anchor.href, location.href);
  if (target.origin !== location.origin || !target.pathname.startsWith('/ui')) return;
  event.preventDefault();
  history.pushState(null, '', target.pathname + target.search);
  show();
});
window.addEventListener('popstate', show);
show();
