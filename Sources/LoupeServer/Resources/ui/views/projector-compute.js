// The projector's "Compute layout": a `projection` job started with POST …/projections, polled
// through GET /jobs/{id} until it ends, then the page reloads to show the new layout.

import * as api from '../api.js';
import { el } from '../dom.js';

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);
const POLL_MS = 500;

/** A button that computes the layout, with a line that follows the job. */
function computeButton({ space, method, app, state, isStale }) {
  const line = el('span', { class: 'muted compute-status' });
  const button = el('button', { type: 'button', class: 'compute-layout', on: { click: async () => {
    button.disabled = true;
    try {
      let job = await api.post(`/embedding-spaces/${api.segment(space)}/projections`, { method });
      while (!FINAL.has(job.status)) {
        const progress = job.progress?.total ? ` (${job.progress.phase} ${job.progress.completed}/${job.progress.total})` : '';
        line.textContent = `Job ${job.id}: ${job.status}${progress}…`;
        await new Promise((resolve) => { setTimeout(resolve, POLL_MS); });
        if (isStale()) return;
        job = await api.get(`/jobs/${job.id}`);
      }
      if (job.status !== 'succeeded') { line.textContent = `Job ${job.id} ${job.status}: ${job.error ?? ''}`; button.disabled = false; return; }
      if (!isStale()) app.navigate(state, { replace: true });
    } catch (error) {
      line.textContent = `Could not compute the layout: ${error.message}`;
      button.disabled = false;
    }
  } } }, 'Compute layout');
  return [button, line];
}

/** The note for a space without a stored layout of this method. */
export function layoutMissing(options) {
  return el('div', { class: 'projector-note missing' },
    el('p', {}, `No ${options.method.toUpperCase()} layout of ${options.space} has been computed yet.`), computeButton(options));
}

/** The note for a layout computed before the space's vectors changed. */
export function layoutStaleNote(options) {
  return el('div', { class: 'projector-note stale' },
    el('p', {}, 'The vectors changed since this layout was computed: it may place rows where they no longer belong.'), computeButton(options));
}
