// The catalog's toolbar: sort, run, the score threshold, overlay toggles per source and the class
// legend (chips that hide or show a class). Changes to overlays mutate `view` and call back.

import { el } from '../dom.js';
import { sortChoices } from '../lib/filter-edit.js';
import { writeOverlays } from '../lib/overlay-shapes.js';

/** The toolbar node for the catalog's `view` state (`{state, settings, threshold}`). */
export function catalogControls({ view, runs, classNames, colorOf, onSort, onRun, onOverlays }) {
  const state = view.state;
  const choices = sortChoices(runs.map((r) => r.name));
  if (state.sort && !choices.some((c) => c.value === state.sort)) choices.push({ value: state.sort, label: state.sort });
  const sort = el('select', { class: 'sort-select', 'aria-label': 'Sort', on: { change: () => onSort(sort.value) } },
    choices.map((c) => el('option', { value: c.value, selected: c.value === state.sort }, c.label)));
  const run = el('select', { class: 'run-select', 'aria-label': 'Run', on: { change: () => onRun(run.value) } },
    el('option', { value: '' }, 'no run'), runs.map((r) => el('option', { value: r.name, selected: r.name === state.run }, r.name)));

  const changed = () => {
    view.state.overlays = writeOverlays(view.settings);
    onOverlays();
  };
  const toggle = (name, label, disabled) => {
    const box = el('input', { type: 'checkbox', class: `toggle-${name}`, checked: view.settings[name], disabled,
      on: { change: () => { view.settings[name] = box.checked; changed(); } } });
    return el('label', { class: 'toggle' }, box, ' ', label);
  };
  const value = el('output', { class: 'threshold-value' }, view.threshold.toFixed(2));
  const slider = el('input', {
    type: 'range', class: 'threshold', min: '0', max: '1', step: '0.05', value: String(view.threshold),
    'aria-label': 'Score threshold', disabled: !state.run,
    on: {
      input: () => { view.threshold = Number(slider.value); value.textContent = view.threshold.toFixed(2); },
      change: () => { view.state.threshold = view.threshold; changed(); },
    },
  });
  const chips = classNames.map((name) => {
    const chip = el('button', {
      type: 'button', class: 'chip', 'aria-pressed': String(!view.settings.hiddenClasses.has(name)), dataset: { class: name },
      on: {
        click: () => {
          if (view.settings.hiddenClasses.has(name)) view.settings.hiddenClasses.delete(name); else view.settings.hiddenClasses.add(name);
          chip.setAttribute('aria-pressed', String(!view.settings.hiddenClasses.has(name)));
          changed();
        },
      },
    }, el('span', { class: 'swatch' }), name);
    chip.querySelector('.swatch').style.background = colorOf(name);
    return chip;
  });
  const node = el('div', { class: 'catalog-controls' },
    el('div', { class: 'control-row' },
      el('label', {}, 'Sort ', sort), el('label', {}, 'Run ', run),
      toggle('gt', 'ground truth', false), toggle('pred', state.run ? `predictions of ${state.run}` : 'predictions', !state.run),
      el('label', { class: 'threshold-label' }, 'Score ≥ ', slider, ' ', value)),
    el('div', { class: 'legend', 'aria-label': 'Classes shown' }, chips));
  return { node };
}
