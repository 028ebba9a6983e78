// What the image overlays draw: ground truth and predictions as shapes in image pixels, chosen by
// the overlay toggles, the hidden classes and the score threshold, and (on the row page) coloured
// by their match outcome. Pure: API objects in, drawing records out.

/**
 * The overlay settings in the URL's `overlays` list, read as exclusions so that the empty list
 * (the default) shows everything: `-gt` hides ground truth, `-pred` the run's predictions,
 * `-class:NAME` a class.
 * @param {string[]} overlays
 * @returns {{gt: boolean, pred: boolean, hiddenClasses: Set<string>}}
 */
export function readOverlays(overlays) {
  const hiddenClasses = new Set();
  for (const item of overlays ?? []) if (item.startsWith('-class:')) hiddenClasses.add(item.slice(7));
  return { gt: !(overlays ?? []).includes('-gt'), pred: !(overlays ?? []).includes('-pred'), hiddenClasses };
}

/**
 * The `overlays` list for settings, in a stable order (sources, then classes as given).
 * @param {{gt: boolean, pred: boolean, hiddenClasses: Iterable<string>}} settings
 * @returns {string[]}
 */
export function writeOverlays({ gt, pred, hiddenClasses }) {
  return [...(gt ? [] : ['-gt']), ...(pred ? [] : ['-pred']), ...[...hiddenClasses].map((c) => `-class:${c}`)];
}

/** The default score threshold for predictions when the URL has none. */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * An API geometry (`{kind, box | polygon | point | mask}`) as a drawable shape in image pixels, or
 * null for kinds that have nothing to draw (`none`, a whole-row class). A mask keeps its COCO RLE
 * (`{size: [height, width], counts}`), decoded when drawn (lib/rle.js).
 * @param {{kind: string, box?: number[], polygon?: number[][], point?: number[], mask?: {size: number[], counts: string|number[]}}} geometry
 * @returns {{type: 'box', x: number, y: number, width: number, height: number}|{type: 'polygon', rings: number[][]}|{type: 'point', x: number, y: number}|{type: 'mask', rle: object}|null}
 */
export function shapeOf(geometry) {
  if (!geometry) return null;
  if (geometry.kind === 'box' && geometry.box?.length === 4) {
    const [x, y, width, height] = geometry.box;
    return { type: 'box', x, y, width, height };
  }
  if (geometry.kind === 'polygon' && Array.isArray(geometry.polygon)) return { type: 'polygon', rings: geometry.polygon };
  if (geometry.kind === 'point' && geometry.point?.length === 2) return { type: 'point', x: geometry.point[0], y: geometry.point[1] };
  if (geometry.kind === 'mask' && geometry.mask?.size?.length === 2 && geometry.mask.counts !== undefined) {
    return { type: 'mask', rle: geometry.mask };
  }
  return null;
}

/**
 * The objects to draw on an image: ground truth (solid) then predictions (dashed) at or above
 * `threshold`, leaving out hidden sources and classes and geometry with nothing to draw.
 * Each record: `{source: 'gt'|'pred', id, className, score?, shape}`.
 * @param {{annotations?: object[], predictions?: object[], settings: ReturnType<typeof readOverlays>, threshold: number}} input
 * @returns {{source: string, id: number, className: string, score?: number, shape: object}[]}
 */
export function drawnObjects({ annotations = [], predictions = [], settings, threshold }) {
  const out = [];
  if (settings.gt) {
    for (const a of annotations) {
      const shape = shapeOf(a.geometry);
      if (shape && !settings.hiddenClasses.has(a.class_name)) out.push({ source: 'gt', id: a.id, className: a.class_name, shape });
    }
  }
  if (settings.pred) {
    for (const p of predictions) {
      const shape = shapeOf(p.geometry);
      if (shape && p.score >= threshold && !settings.hiddenClasses.has(p.class_name)) {
        out.push({ source: 'pred', id: p.id, className: p.class_name, score: p.score, shape });
      }
    }
  }
  return out;
}

/**
 * Joins an evaluation row's objects (`…/evaluations/{key}/rows/{row}`) to the drawn objects: each
 * prediction gets its `outcome` (`tp`, `fp`, `ignored`), `reason` and `iou`; each ground-truth object
 * `tp` when a true positive matched it (with that IoU) or `fn` when the evaluation lists it missed.
 * Objects the evaluation does not mention keep no outcome (e.g. predictions under its score cut).
 * @param {ReturnType<typeof drawnObjects>} objects
 * @param {{outcome: string, prediction_id?: number, annotation_id?: number, iou?: number, reason?: string}[]} evaluated
 * @returns {Array<ReturnType<typeof drawnObjects>[number] & {outcome?: string, reason?: string, iou?: number}>}
 */
export function withOutcomes(objects, evaluated) {
  const byPrediction = new Map();
  const byAnnotation = new Map();
  for (const e of evaluated ?? []) {
    if (e.prediction_id !== undefined) byPrediction.set(e.prediction_id, e);
    if (e.annotation_id !== undefined && (e.outcome === 'tp' || e.outcome === 'fn')) byAnnotation.set(e.annotation_id, e);
  }
  return objects.map((o) => {
    const e = o.source === 'pred' ? byPrediction.get(o.id) : byAnnotation.get(o.id);
    if (!e) return { ...o };
    const extra = { outcome: e.outcome };
    if (e.reason !== undefined) extra.reason = e.reason;
    if (e.iou !== undefined) extra.iou = e.iou;
    return { ...o, ...extra };
  });
}
