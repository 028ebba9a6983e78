// Image ↔ screen geometry for the image views: view transforms (zoom, pan), boxes, polygons,
// IoU and hit tests. Pure: numbers in, numbers out. Units: image pixels and screen (CSS) pixels.

/**
 * A view transform: screen = image × scale + (tx, ty). `scale` is screen pixels per image pixel
 * (> 0); `tx`, `ty` are the screen position of the image's top-left corner, in screen pixels.
 * @typedef {{scale: number, tx: number, ty: number}} ViewTransform
 */

/** The identity transform (scale 1, no offset). */
export const IDENTITY = Object.freeze({ scale: 1, tx: 0, ty: 0 });

/**
 * The transform that fits a `width`×`height` image inside a `viewWidth`×`viewHeight` viewport with
 * `padding` screen pixels on every side, preserving aspect ratio and centring the image.
 * Edge cases: a zero or negative image size, or a viewport no larger than twice the padding, gives
 * scale 1 centred on the viewport (nothing sensible to fit); `maxScale` caps upscaling of small images.
 * @param {number} width image width (pixels)
 * @param {number} height image height (pixels)
 * @param {number} viewWidth viewport width (screen pixels)
 * @param {number} viewHeight viewport height (screen pixels)
 * @param {{padding?: number, maxScale?: number}} [options] padding defaults to 0, maxScale to Infinity
 * @returns {ViewTransform}
 */
export function fitTransform(width, height, viewWidth, viewHeight, options = {}) {
  const padding = options.padding ?? 0;
  const maxScale = options.maxScale ?? Infinity;
  const availableW = viewWidth - 2 * padding;
  const availableH = viewHeight - 2 * padding;
  let scale = 1;
  if (width > 0 && height > 0 && availableW > 0 && availableH > 0) {
    scale = Math.min(availableW / width, availableH / height, maxScale);
  }
  const w = Math.max(0, width) * scale;
  const h = Math.max(0, height) * scale;
  return { scale, tx: (viewWidth - w) / 2, ty: (viewHeight - h) / 2 };
}

/**
 * Zooms by `factor` about the screen point (`sx`, `sy`), which stays over the same image point;
 * the new scale is clamped to [`minScale`, `maxScale`] (the point stays fixed under the clamped scale).
 * Edge cases: a non-finite or non-positive factor leaves the transform unchanged.
 * @param {ViewTransform} t
 * @param {number} factor multiplier of the scale (2 = zoom in twice)
 * @param {number} sx screen x
 * @param {number} sy screen y
 * @param {{minScale?: number, maxScale?: number}} [limits] default [0.01, 100]
 * @returns {ViewTransform}
 */
export function zoomAt(t, factor, sx, sy, limits = {}) {
  const minScale = limits.minScale ?? 0.01;
  const maxScale = limits.maxScale ?? 100;
  if (!(factor > 0) || !Number.isFinite(factor)) return { ...t };
  const scale = Math.min(maxScale, Math.max(minScale, t.scale * factor));
  const [ix, iy] = screenToImage(t, sx, sy);
  return { scale, tx: sx - ix * scale, ty: sy - iy * scale };
}

/**
 * Moves the view by (`dx`, `dy`) screen pixels.
 * @param {ViewTransform} t
 * @param {number} dx
 * @param {number} dy
 * @returns {ViewTransform}
 */
export function pan(t, dx, dy) {
  return { scale: t.scale, tx: t.tx + dx, ty: t.ty + dy };
}

/**
 * An image point in screen coordinates.
 * @param {ViewTransform} t
 * @param {number} x image x (pixels)
 * @param {number} y image y (pixels)
 * @returns {[number, number]} screen [x, y]
 */
export function imageToScreen(t, x, y) {
  return [x * t.scale + t.tx, y * t.scale + t.ty];
}

/**
 * A screen point in image coordinates: the inverse of `imageToScreen` (scale must be > 0).
 * @param {ViewTransform} t
 * @param {number} sx
 * @param {number} sy
 * @returns {[number, number]} image [x, y] (pixels, may fall outside the image)
 */
export function screenToImage(t, sx, sy) {
  return [(sx - t.tx) / t.scale, (sy - t.ty) / t.scale];
}

/**
 * A Loupe box (`{x, y, width, height}` in image pixels, top-left origin, like COCO xywh) as a
 * screen rectangle of the same shape. Negative sizes pass through unchanged (scaled).
 * @param {ViewTransform} t
 * @param {{x: number, y: number, width: number, height: number}} box
 * @returns {{x: number, y: number, width: number, height: number}}
 */
export function boxToScreen(t, box) {
  const [x, y] = imageToScreen(t, box.x, box.y);
  return { x, y, width: box.width * t.scale, height: box.height * t.scale };
}

/**
 * Polygon rings (each a flat `[x0, y0, x1, y1, …]` in image pixels, COCO segmentation style) as
 * screen point lists. Accepts one flat ring or an array of rings; a trailing odd coordinate is ignored.
 * @param {ViewTransform} t
 * @param {number[]|number[][]} polygon
 * @returns {Array<Array<[number, number]>>} one list of screen [x, y] per ring
 */
export function polygonToScreen(t, polygon) {
  return rings(polygon).map((ring) => {
    const points = [];
    for (let k = 0; k + 1 < ring.length; k += 2) points.push(imageToScreen(t, ring[k], ring[k + 1]));
    return points;
  });
}

function rings(polygon) {
  if (polygon.length === 0) return [];
  return Array.isArray(polygon[0]) ? polygon : [polygon];
}

/**
 * Intersection over union of two xywh boxes, as COCO (`maskUtils.iou` with iscrowd = 0):
 * intersection area / union area, 0 when the union is 0 (two empty boxes) or they do not overlap.
 * Boxes with a negative width or height count as empty. Result in [0, 1].
 * @param {{x: number, y: number, width: number, height: number}} a
 * @param {{x: number, y: number, width: number, height: number}} b
 * @returns {number}
 */
export function boxIoU(a, b) {
  const aw = Math.max(0, a.width);
  const ah = Math.max(0, a.height);
  const bw = Math.max(0, b.width);
  const bh = Math.max(0, b.height);
  const iw = Math.max(0, Math.min(a.x + aw, b.x + bw) - Math.max(a.x, b.x));
  const ih = Math.max(0, Math.min(a.y + ah, b.y + bh) - Math.max(a.y, b.y));
  const intersection = iw * ih;
  const union = aw * ah + bw * bh - intersection;
  return union > 0 ? intersection / union : 0;
}

/**
 * Whether (`x`, `y`) lies in the box, edges included: `box.x ≤ x ≤ box.x + width` and likewise in y.
 * A box with a negative size contains nothing.
 * @param {{x: number, y: number, width: number, height: number}} box
 * @param {number} x
 * @param {number} y
 * @returns {boolean}
 */
export function pointInBox(box, x, y) {
  return box.width >= 0 && box.height >= 0
    && x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

/**
 * Whether (`x`, `y`) lies inside the polygon by the even-odd rule over all its rings (a point in a
 * hole ring is outside). Rings are flat `[x0, y0, …]`, implicitly closed; rings of fewer than three
 * points enclose nothing. Points exactly on an edge may fall either way (ray casting).
 * @param {number[]|number[][]} polygon
 * @param {number} x
 * @param {number} y
 * @returns {boolean}
 */
export function pointInPolygon(polygon, x, y) {
  let inside = false;
  for (const ring of rings(polygon)) {
    const n = Math.floor(ring.length / 2);
    if (n < 3) continue;
    for (let i = 0, j = n - 1; i < n; j = i, i += 1) {
      const xi = ring[2 * i];
      const yi = ring[2 * i + 1];
      const xj = ring[2 * j];
      const yj = ring[2 * j + 1];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * The topmost drawn object under the image point (`x`, `y`): objects are drawn in list order, so
 * the last one that contains the point wins. An object is hit by its `polygon` when it has a
 * non-empty one, else by its `box`; objects with neither are skipped.
 * @template {{box?: {x: number, y: number, width: number, height: number}, polygon?: number[]|number[][]}} T
 * @param {T[]} objects in drawing order
 * @param {number} x image x (pixels)
 * @param {number} y image y (pixels)
 * @returns {{object: T, index: number}|null} null when nothing is under the point
 */
export function topmostAt(objects, x, y) {
  for (let index = objects.length - 1; index >= 0; index -= 1) {
    const object = objects[index];
    const hit = object.polygon && object.polygon.length > 0
      ? pointInPolygon(object.polygon, x, y)
      : object.box ? pointInBox(object.box, x, y) : false;
    if (hit) return { object, index };
  }
  return null;
}
