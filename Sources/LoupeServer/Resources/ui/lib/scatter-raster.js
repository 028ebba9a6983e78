// The projector's drawing loop: points written as small squares straight into an ImageData
// buffer (one Uint32 per pixel), which stays interactive at a million points where a canvas path
// or a DOM node per point would not. Pure: typed arrays in, typed arrays out.

/**
 * Draws every point as a `size`×`size` square (top-left at the point's pixel, scaled by `ratio`
 * for high-density screens) into `pixels` (a `width`×`height` RGBA buffer, row-major, already
 * cleared). With a `selected` mask (non-empty selection), unselected points are drawn first in
 * their dimmed colour and selected ones after in full, so a selection stands out on top;
 * otherwise all points in full, in index order. Points off the buffer are skipped.
 * - Complexity: O(n · size²).
 * @param {Uint32Array} pixels
 * @param {number} width buffer width (device pixels)
 * @param {number} height buffer height (device pixels)
 * @param {Float32Array} sx screen x per point (CSS pixels)
 * @param {Float32Array} sy screen y per point (CSS pixels)
 * @param {Uint16Array} codes colour code per point
 * @param {{full: Uint32Array, dim: Uint32Array}} palette packed colours per code
 * @param {{selected?: Uint8Array|null, anySelected?: boolean, ratio?: number, size?: number}} [options]
 * @returns {number} the number of points drawn
 */
export function rasterize(pixels, width, height, sx, sy, codes, palette, options = {}) {
  const ratio = options.ratio ?? 1;
  const size = options.size ?? 2;
  const selected = options.anySelected ? options.selected : null;
  const n = sx.length;
  let drawn = 0;
  const pass = (colors, want) => {
    for (let i = 0; i < n; i += 1) {
      if (want !== null && selected[i] !== want) continue;
      const x = (sx[i] * ratio) | 0;
      const y = (sy[i] * ratio) | 0;
      if (x < 0 || y < 0 || x + size > width || y + size > height) continue;
      const color = colors[codes[i]];
      let offset = y * width + x;
      for (let dy = 0; dy < size; dy += 1, offset += width) {
        for (let dx = 0; dx < size; dx += 1) pixels[offset + dx] = color;
      }
      drawn += 1;
    }
  };
  if (selected) {
    pass(palette.dim, 0);
    pass(palette.full, 1);
  } else {
    pass(palette.full, null);
  }
  return drawn;
}
