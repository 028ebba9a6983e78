// The row page's image stage: the full image with its overlay in one transformed layer, zoomed
// about the cursor with the wheel and panned by dragging (lib/geometry.js transforms; the CSS
// transform is set through the CSSOM, which the CSP allows).

import { el, svg, replaceChildren } from '../dom.js';
import { fitTransform, zoomAt, pan } from '../lib/geometry.js';

/**
 * A stage for a `width`×`height` image at `src`. Returns the node, `draw(nodes)` to replace the
 * overlay's shapes, `highlight(index|null)` and `fit()`.
 */
export function imageStage({ src, width, height, alt }) {
  const img = el('img', { alt, draggable: 'false', width: String(width), height: String(height) });
  const overlay = svg('svg', { class: 'stage-overlay', width, height, viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true' });
  const node = el('div', { class: 'row-stage', tabindex: '0', 'aria-label': 'Image: wheel zooms, drag pans' }, img, overlay);
  let t = { scale: 1, tx: 0, ty: 0 };
  let fitted = false;

  function apply() {
    const transform = `translate(${t.tx}px, ${t.ty}px) scale(${t.scale})`;
    img.style.transform = transform;
    overlay.style.transform = transform;
    node.dataset.scale = String(t.scale);
  }

  function fit() {
    if (node.clientWidth === 0) return;
    t = fitTransform(width, height, node.clientWidth, node.clientHeight, { padding: 8 });
    fitted = true;
    apply();
  }

  node.addEventListener('wheel', (event) => {
    event.preventDefault();
    const box = node.getBoundingClientRect();
    t = zoomAt(t, Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top, { minScale: 0.05, maxScale: 40 });
    apply();
  }, { passive: false });
  let drag = null;
  node.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY };
    node.setPointerCapture(event.pointerId);
    node.classList.add('dragging');
  });
  node.addEventListener('pointermove', (event) => {
    if (!drag) return;
    t = pan(t, event.clientX - drag.x, event.clientY - drag.y);
    drag = { x: event.clientX, y: event.clientY };
    apply();
  });
  const end = () => { drag = null; node.classList.remove('dragging'); };
  node.addEventListener('pointerup', end);
  node.addEventListener('pointercancel', end);
  node.addEventListener('dblclick', fit);
  new ResizeObserver(() => { if (!fitted) fit(); }).observe(node);
  if (src) img.src = src;

  return {
    node,
    fit,
    draw(nodes) { replaceChildren(overlay, nodes); },
    highlight(index) {
      overlay.querySelectorAll('.shape').forEach((shape) => shape.classList.toggle('highlight', shape.dataset.index === String(index)));
    },
  };
}
