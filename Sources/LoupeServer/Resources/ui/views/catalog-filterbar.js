// The catalog's filter bar: an input with a completion menu (lib/filter-completion.js over the
// dataset's fields, classes, metadata keys, runs and run metrics) and an inline parse error with
// a caret under the offending character. Enter applies; the caller decides what applying means.

import { el, replaceChildren } from '../dom.js';
import { completionContext, completions } from '../lib/filter-completion.js';

/**
 * The filter bar. `vocabulary()` returns the current completion vocabulary; `onApply(text)` is
 * awaited on Enter (it throws to report an error, which `showError` can display).
 * @returns {{node: HTMLElement, input: HTMLInputElement, showError: (error: {message: string, position?: number|null}) => void, clearError: () => void}}
 */
export function filterBar({ value, vocabulary, onApply, placeholder = 'Filter, e.g. gt.class = "dog" and width > 400' }) {
  const input = el('input', {
    type: 'text', class: 'filter-input', value, spellcheck: 'false', autocomplete: 'off',
    placeholder, 'aria-label': 'Filter', role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'filter-menu',
  });
  const menu = el('ul', { class: 'filter-menu', id: 'filter-menu', role: 'listbox', hidden: true });
  const error = el('div', { class: 'filter-error', role: 'alert', hidden: true });
  let items = [];
  let active = -1;

  function close() {
    menu.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    items = [];
    active = -1;
  }

  function open() {
    const context = completionContext(input.value, input.selectionStart ?? input.value.length);
    items = completions(context, vocabulary()).slice(0, 50);
    // A menu that only repeats what is typed helps nobody.
    if (items.length === 0 || (items.length === 1 && input.value.slice(items[0].replaceStart, items[0].replaceEnd) === items[0].insert)) {
      close();
      return;
    }
    active = -1;
    replaceChildren(menu, items.map((item, index) => el('li', {
      role: 'option', class: 'filter-option', dataset: { index: String(index) },
      on: { mousedown: (event) => { event.preventDefault(); choose(index); } },
    }, item.label)));
    menu.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function highlight(index) {
    active = index;
    menu.querySelectorAll('li').forEach((li, i) => li.classList.toggle('active', i === index));
  }

  function choose(index) {
    const item = items[index];
    if (!item) return;
    const text = input.value;
    input.value = text.slice(0, item.replaceStart) + item.insert + text.slice(item.replaceEnd);
    const caret = item.replaceStart + item.insert.length;
    input.setSelectionRange(caret, caret);
    close();
    input.focus();
  }

  input.addEventListener('input', () => { clearError(); open(); });
  input.addEventListener('focus', () => { if (input.value === '') open(); });
  input.addEventListener('blur', close);
  input.addEventListener('keydown', async (event) => {
    if (!menu.hidden && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const n = items.length;
      highlight(event.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
    } else if (!menu.hidden && event.key === 'Tab' && items.length > 0) {
      event.preventDefault();
      choose(active >= 0 ? active : 0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!menu.hidden && active >= 0) { choose(active); return; }
      close();
      clearError();
      await onApply(input.value.trim());
    } else if (event.key === 'Escape') {
      close();
    }
  });

  /** Shows an API error under the input, with a caret at `position` (0-based, characters). */
  function showError({ message, position }) {
    const children = [];
    if (Number.isInteger(position) && position >= 0) {
      // The caret sits under the echoed filter text, both in the monospace font.
      children.push(el('pre', { class: 'filter-echo' }, input.value), el('pre', { class: 'filter-caret' }, ' '.repeat(position) + '^'));
    }
    children.push(el('span', { class: 'filter-message' }, message));
    replaceChildren(error, children);
    error.dataset.position = Number.isInteger(position) ? String(position) : '';
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
  }

  function clearError() {
    error.hidden = true;
    replaceChildren(error);
    input.removeAttribute('aria-invalid');
  }

  const node = el('div', { class: 'filter-bar' }, el('div', { class: 'filter-field' }, input, menu), error);
  return { node, input, showError, clearError };
}
