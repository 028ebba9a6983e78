// The projector's scatter: a <canvas> of a layout's points, redrawn from typed arrays (screen
// positions precomputed once per zoom or pan, colours by code), with wheel zoom, drag pan,
// shift-drag box selection and alt-drag (or lasso mode) polygon selection, and hover hit-testing
// through a uniform grid. No DOM node or closure per point.

import { el } from '../dom.js';
import { dataBounds, fitView, panView, projectPoints, screenBoxToData, screenToData, zoomView } from '../lib/scatter-view.js';
import { buildGrid, nearestPoint } from '../lib/spatial-grid.js';
import { selectInBox, selectInPolygon } from '../lib/selection.js';
import { rasterize } from '../lib/scatter-raster.js';

const HOVER_RADIUS = 6;

/**
 * The scatter of points (`xs`, `ys`: data coordinates, Float64Array). `colors()` gives
 * `{codes, palette, background}`; `onSelect(indices)` receives a finished box or lasso
 * selection; `onHover(index|-1, x, y)` follows the pointer. `lasso()` says whether a plain drag
 * draws a lasso (the mode toggle) instead of panning.
 */
export function scatterCanvas({ xs, ys, colors, onSelect, onHover, lasso }) {
  const canvas = el('canvas', { class: 'projector-canvas', tabindex: '0', 'aria-label': 'Scatter of the layout; wheel or +/− to zoom, drag or arrows to pan, 0 to fit, shift-drag to select a box, alt-drag to draw a lasso' });
  const context = canvas.getContext('2d');
  const n = xs.length;
  const sx = new Float32Array(n);
  const sy = new Float32Array(n);
  const bounds = dataBounds(xs, ys);
  let view = null;
  let fitScale = 1;
  let grid = null;
  let image = null;
  let rasterDirty = true;
  let frame = 0;
  let selected = new Uint8Array(n);
  let anySelected = false;
  let highlights = [];
  let hover = -1;
  let gesture = null;

  const width = () => canvas.clientWidth;
  const height = () => canvas.clientHeight;

  function reproject() {
    projectPoints(view, xs, ys, sx, sy);
    grid = null; // rebuilt when the pointer next hovers, not on every wheel tick
    rasterDirty = true;
    canvas.dataset.scale = String(view.scale);
    canvas.dataset.tx = String(view.tx);
    canvas.dataset.ty = String(view.ty);
  }

  function resize() {
    if (!canvas.isConnected && view) { observer.disconnect(); return; }
    const ratio = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(width() * ratio));
    const h = Math.max(1, Math.round(height() * ratio));
    if (canvas.width === w && canvas.height === h && view) return;
    canvas.width = w;
    canvas.height = h;
    image = context.createImageData(w, h);
    const fitted = fitView(bounds, width(), height());
    fitScale = fitted.scale;
    if (!view) view = fitted;
    reproject();
    schedule();
  }

  function draw() {
    frame = 0;
    if (!image) return;
    const started = performance.now();
    if (rasterDirty) {
      const { codes, palette, background } = colors();
      const pixels = new Uint32Array(image.data.buffer);
      pixels.fill(background);
      const drawn = rasterize(pixels, image.width, image.height, sx, sy, codes, palette,
        { selected, anySelected, ratio: window.devicePixelRatio || 1, size: n > 200000 ? 2 : 3 });
      canvas.dataset.drawn = String(drawn);
      rasterDirty = false;
    }
    context.putImageData(image, 0, 0);
    drawOverlays();
    canvas.dataset.frameMs = (performance.now() - started).toFixed(1);
  }

  function drawOverlays() {
    const ratio = window.devicePixelRatio || 1;
    context.save();
    context.scale(ratio, ratio);
    context.lineWidth = 1.5;
    context.strokeStyle = getComputedStyle(canvas).color; // the page's text colour, light or dark
    for (const i of highlights) {
      context.beginPath();
      context.arc(sx[i] + 1, sy[i] + 1, 5, 0, 2 * Math.PI);
      context.stroke();
    }
    if (hover >= 0) {
      context.strokeStyle = '#2563eb';
      context.beginPath();
      context.arc(sx[hover] + 1, sy[hover] + 1, 6, 0, 2 * Math.PI);
      context.stroke();
    }
    if (gesture?.kind === 'box') {
      context.setLineDash([4, 3]);
      context.strokeStyle = '#2563eb';
      context.strokeRect(gesture.x0, gesture.y0, gesture.x1 - gesture.x0, gesture.y1 - gesture.y0);
    } else if (gesture?.kind === 'lasso' && gesture.path.length > 1) {
      context.setLineDash([4, 3]);
      context.strokeStyle = '#2563eb';
      context.beginPath();
      gesture.path.forEach(([x, y], k) => (k === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
      context.closePath();
      context.stroke();
    }
    context.restore();
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  const local = (event) => {
    const rect = canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };

  canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    const [x, y] = local(event);
    view = zoomView(view, Math.exp(-event.deltaY / 500), x, y, { minScale: fitScale / 8, maxScale: fitScale * 10000 });
    reproject();
    schedule();
  }, { passive: false });

  canvas.addEventListener('mousedown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const [x, y] = local(event);
    if (event.shiftKey) gesture = { kind: 'box', x0: x, y0: y, x1: x, y1: y };
    else if (event.altKey || lasso()) gesture = { kind: 'lasso', path: [[x, y]] };
    else gesture = { kind: 'pan', x, y };
    canvas.classList.toggle('dragging', gesture.kind === 'pan');
    window.addEventListener('mousemove', onDrag);
    window.addEventListener('mouseup', onDrop);
  });

  function onDrag(event) {
    const [x, y] = local(event);
    if (gesture.kind === 'pan') {
      view = panView(view, x - gesture.x, y - gesture.y);
      gesture.x = x; gesture.y = y;
      reproject();
    } else if (gesture.kind === 'box') {
      gesture.x1 = x; gesture.y1 = y;
    } else {
      gesture.path.push([x, y]);
    }
    schedule();
  }

  function onDrop(event) {
    window.removeEventListener('mousemove', onDrag);
    window.removeEventListener('mouseup', onDrop);
    canvas.classList.remove('dragging');
    const done = gesture;
    gesture = null;
    if (done.kind === 'box') {
      const [x, y] = local(event);
      if (Math.abs(x - done.x0) > 2 || Math.abs(y - done.y0) > 2) {
        onSelect(selectInBox(xs, ys, screenBoxToData(view, done.x0, done.y0, x, y)));
      }
    } else if (done.kind === 'lasso' && done.path.length > 2) {
      onSelect(selectInPolygon(xs, ys, done.path.map(([px, py]) => screenToData(view, px, py))));
    }
    schedule();
  }

  canvas.addEventListener('mousemove', (event) => {
    if (gesture) return;
    const [x, y] = local(event);
    if (!grid) grid = buildGrid(sx, sy, width(), height());
    const found = nearestPoint(grid, sx, sy, x, y, HOVER_RADIUS);
    if (found !== hover) { hover = found; schedule(); }
    onHover(found, x, y);
  });
  canvas.addEventListener('mouseleave', () => { if (hover >= 0) { hover = -1; schedule(); } onHover(-1, 0, 0); });

  // The keyboard does what the pointer does: + and − zoom about the centre, arrows pan, 0 fits.
  canvas.addEventListener('keydown', (event) => {
    const steps = { ArrowLeft: [40, 0], ArrowRight: [-40, 0], ArrowUp: [0, 40], ArrowDown: [0, -40] };
    if (event.key === '+' || event.key === '=' || event.key === '-') {
      view = zoomView(view, event.key === '-' ? 1 / 1.25 : 1.25, width() / 2, height() / 2, { minScale: fitScale / 8, maxScale: fitScale * 10000 });
    } else if (steps[event.key]) {
      view = panView(view, ...steps[event.key]);
    } else if (event.key === '0') {
      view = fitView(bounds, width(), height());
    } else {
      return;
    }
    event.preventDefault();
    reproject();
    schedule();
  });

  const observer = new ResizeObserver(resize);
  observer.observe(canvas);

  return {
    node: canvas,
    /** Marks the points of `indices` selected (an empty list clears the selection). */
    setSelection(indices) {
      selected = new Uint8Array(n);
      for (const i of indices) selected[i] = 1;
      anySelected = indices.length > 0;
      rasterDirty = true;
      schedule();
    },
    /** Rings these point indices (similar rows). */
    setHighlights(indices) { highlights = [...indices]; schedule(); },
    /** The colours changed: redraw every point. */
    recolor() { rasterDirty = true; schedule(); },
    /** Fits the whole layout in view again. */
    reset() { view = fitView(bounds, width(), height()); reproject(); schedule(); },
    /** Stops observing the canvas's size (the page was left). */
    dispose() { observer.disconnect(); },
  };
}
