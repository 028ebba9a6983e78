// COCO run-length masks in the browser: decoding the compressed `counts` string and painting a
// mask into RGBA pixels. Pure; the reference is pycocotools' maskApi.c (rleFrString, rleDecode).

/**
 * The run lengths of a COCO compressed RLE string (pycocotools `rleFrString`): each count is a
 * little-endian base-32 number in characters `48 + (5 bits | 0x20 continuation)`, sign-extended
 * from its last chunk, and from the third count on a difference from the count two before.
 * Runs alternate zeros and ones, zeros first, over the pixels in column-major order.
 * Edge cases: "" gives []; a truncated last count is read as far as it goes.
 * @param {string} text
 * @returns {number[]}
 */
export function decodeCounts(text) {
  const counts = [];
  let p = 0;
  while (p < text.length) {
    let x = 0, k = 0, more = true, c = 0;
    while (more && p < text.length) {
      c = text.charCodeAt(p) - 48;
      x |= (c & 0x1f) << (5 * k);
      more = (c & 0x20) !== 0;
      p += 1; k += 1;
      if (!more && (c & 0x10)) x |= -1 << (5 * k);
    }
    if (counts.length > 2) x += counts[counts.length - 2];
    counts.push(x);
  }
  return counts;
}

/**
 * The mask as a row-major array of 0/1 of `height × width` (COCO `size` is [height, width]).
 * Runs past the end are cut; a short RLE leaves the rest 0.
 * @param {{size: [number, number], counts: string | number[]}} rle
 * @returns {Uint8Array}
 */
export function decodeMask(rle) {
  const [height, width] = rle.size;
  const counts = typeof rle.counts === 'string' ? decodeCounts(rle.counts) : rle.counts;
  const mask = new Uint8Array(height * width);
  let index = 0;
  for (let run = 0; run < counts.length && index < height * width; run += 1) {
    const end = Math.min(height * width, index + Math.max(0, counts[run]));
    if (run % 2 === 1) {
      for (let i = index; i < end; i += 1) {
        const column = Math.floor(i / height), row = i - column * height;
        mask[row * width + column] = 1;
      }
    }
    index = end;
  }
  return mask;
}

/**
 * RGBA pixels (for an ImageData) painting the mask's ones in `rgb` at `alpha` (0–255) and its
 * zeros transparent.
 * @param {Uint8Array} mask row-major 0/1
 * @param {[number, number, number]} rgb
 * @param {number} alpha
 * @returns {Uint8ClampedArray}
 */
export function maskPixels(mask, rgb, alpha) {
  const pixels = new Uint8ClampedArray(mask.length * 4);
  for (let i = 0; i < mask.length; i += 1) {
    if (!mask[i]) continue;
    pixels[4 * i] = rgb[0]; pixels[4 * i + 1] = rgb[1]; pixels[4 * i + 2] = rgb[2]; pixels[4 * i + 3] = alpha;
  }
  return pixels;
}
