extension RunLengthMask {
    /// Rasterizes one closed polygon ring (`x1, y1, x2, y2, …` in pixels) exactly as pycocotools'
    /// `rleFrPoly` does (`mask.frPyObjects` for one polygon).
    ///
    /// The method, ported operation for operation: vertices are scaled by 5 and rounded with C's
    /// `(int)(5x + .5)` (truncation toward zero, so negative coordinates round up from `.5`); each
    /// edge is walked one step at a time along its major axis; every point where the walk moves to
    /// another column, and whose column `(u + .5) / 5 - .5` is a whole pixel inside the image, marks a
    /// column boundary at row `ceil(clamp((v + .5) / 5 - .5, 0, height))`. The sorted boundaries are
    /// the runs, so pixels toggle at each boundary down a column (even-odd fill) and self-intersecting
    /// rings keep the reference's overlaps and holes.
    ///
    /// Edge cases: a trailing odd number is ignored, as pycocotools does; a ring of fewer than three
    /// points covers no pixel; vertices outside the image are fine (the walk is clipped to it). A
    /// non-finite coordinate, or one with `|5x + .5| >= 2^30`, makes the ring empty: pycocotools'
    /// integer conversions are undefined there.
    /// - Precondition: `height >= 0` and `width >= 0`.
    /// - Complexity: O(n + p + b log b) for `n` numbers, `p` the ring's perimeter in fifths of a pixel
    ///   (L∞ length, the number of walked points) and `b <= p` column boundaries inside the image.
    ///   Allocates only the boundary list and the runs.
    public init(polygonRing ring: [Double], height: Int, width: Int) {
        precondition(height >= 0 && width >= 0, "an image size is not negative")
        let counts = ring.withUnsafeBufferPointer { Self.rasterize(ring: $0, height: height, width: width) }
        self.init(height: height, width: width, counts: counts)
    }

    /// Rasterizes a polygon segmentation as pycocotools' `COCO.annToRLE` does for a well-formed one:
    /// each ring through `init(polygonRing:height:width:)`, then the union of the rings
    /// (`frPyObjects` then `merge`), so rings overlapping each other do not cancel.
    ///
    /// The pycocotools trap: `frPyObjects` decides what a list is from its first ring alone. When the
    /// first ring has exactly 4 numbers it takes the whole list for `[x, y, w, h]` boxes and calls
    /// `frBbox`, which in pycocotools 2.0.11 refuses a Python list (`TypeError`), so `annToRLE` raises;
    /// with fewer than 4 numbers in the first ring, or no ring at all, it raises as well. Here such
    /// polygons are never read as boxes: every ring is rasterized as a ring (one of two points covers
    /// nothing) and a polygon without rings gives an empty mask. `pycocotoolsAccepts(_:)` tells the
    /// two cases apart. Wherever pycocotools returns a mask, the counts are equal.
    /// - Precondition: `height >= 0` and `width >= 0`.
    /// - Complexity: that of rasterizing each ring, plus O(k · r) for merging `k` rings of `r` runs in all.
    public init(polygon: Polygon, height: Int, width: Int) {
        let rings = polygon.rings.map { RunLengthMask(polygonRing: $0, height: height, width: width) }
        if rings.isEmpty {
            precondition(height >= 0 && width >= 0, "an image size is not negative")
            self.init(height: height, width: width, counts: [UInt32(truncatingIfNeeded: height * width)])
        } else {
            self = Self.merge(rings)
        }
    }

    /// Whether pycocotools' `annToRLE` (`frPyObjects`) returns a mask for this polygon instead of
    /// raising: it needs at least one ring and more than 4 numbers in the first (see `init(polygon:height:width:)`).
    /// - Complexity: O(1).
    public static func pycocotoolsAccepts(_ polygon: Polygon) -> Bool {
        guard let first = polygon.rings.first else { return false }
        return first.count > 4
    }

    /// Rasterizes a box as pycocotools' `rleFrBbox` does (`mask.frPyObjects` for `[x, y, w, h]`):
    /// the ring `(x, y), (x, y + h), (x + w, y + h), (x + w, y)` through `init(polygonRing:height:width:)`.
    ///
    /// So column `c` is covered when `(int)(5x + .5) <= 5c + 2` and `(int)(5(x + w) + .5) >= 5c + 3`,
    /// rows likewise: roughly, when the box holds the pixel's centre with a tenth of a pixel to spare
    /// (`[0.6, 1.4]` covers nothing). Out-of-image parts are clipped; a box of zero width or height
    /// covers nothing.
    /// - Precondition: `height >= 0` and `width >= 0`.
    /// - Complexity: O(box perimeter · 5 + b log b), as for a ring.
    public init(box: BoundingBox, height: Int, width: Int) {
        let xe = box.x + box.width, ye = box.y + box.height
        self.init(polygonRing: [box.x, box.y, box.x, ye, xe, ye, xe, box.y], height: height, width: width)
    }

    /// `rleFrPoly` with the upsampled boundary streamed instead of stored.
    private static func rasterize(ring xy: UnsafeBufferPointer<Double>, height: Int, width: Int) -> [UInt32] {
        let k = xy.count / 2
        var collector = BoundaryCollector(height: height, width: width)
        // C's (int) conversions are defined only in range; such rings are empty here (see the doc).
        // Within it, Swift's Int(_:) truncates toward zero like C's (int).
        let valid = (0..<(2 * k)).allSatisfy { abs(Self.scale * xy[$0] + 0.5) < Self.coordinateLimit }
        if valid && k > 0 {
            let x0 = Int(Self.scale * xy[0] + 0.5), y0 = Int(Self.scale * xy[1] + 0.5)
            var xa = x0, ya = y0
            for j in 0..<k {
                let xb = j + 1 < k ? Int(Self.scale * xy[2 * j + 2] + 0.5) : x0
                let yb = j + 1 < k ? Int(Self.scale * xy[2 * j + 3] + 0.5) : y0
                var xs = xa, xe = xb, ys = ya, ye = yb
                let dx = abs(xe - xs), dy = abs(ys - ye)
                let flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye)
                if flip { swap(&xs, &xe); swap(&ys, &ye) }
                // Coordinates are bounded, so only a repeated vertex can make a C conversion leave
                // the int range: its slope is 0 / 0 = NaN and C's `(int)NaN` is INT_MIN on x86-64.
                if dx == 0 && dy == 0 {
                    collector.visit(u: xs, v: Int(Int32.min))
                } else if dx >= dy {
                    let s = Double(ye - ys) / Double(dx)
                    for d in 0...dx {
                        let t = flip ? dx - d : d
                        collector.visit(u: t + xs, v: Int(Double(ys) + s * Double(t) + 0.5))
                    }
                } else {
                    let s = Double(xe - xs) / Double(dy)
                    for d in 0...dy {
                        let t = flip ? dy - d : d
                        collector.visit(u: Int(Double(xs) + s * Double(t) + 0.5), v: t + ys)
                    }
                }
                xa = xb
                ya = yb
            }
        }
        return collector.runs(pixels: UInt32(truncatingIfNeeded: height &* width))
    }

    /// `rleFrPoly`'s upsampling factor.
    private static let scale = 5.0
    /// Bound on `|5x + .5|` that keeps every C `int` in `rleFrPoly` free of overflow.
    private static let coordinateLimit = Double(1 << 30)
}

/// The second half of `rleFrPoly`: keeps the column boundaries of the walked points, then turns
/// them into runs.
///
/// C computes a boundary's column as `xd = (k + .5) / 5 - .5`, `k` being the new `u` when the walk
/// steps left and the new `u - 1` otherwise, and keeps it when `floor(xd) == xd`, `0 <= xd <= w - 1`; its row as
/// `ceil(clamp((m + .5) / 5 - .5, 0, h))` for `m` the smaller `v`. With `|k|, |m| < 2^31` these
/// doubles are exact or at least a tenth away from a whole number, so the same answers come from
/// integers: a column when `k >= 2` and `k ≡ 2 (mod 5)`, namely `(k - 2) / 5`; the row
/// `min(⌈(m - 2) / 5⌉, h)`, or 0 when `m < 2`. The property tests compare every case with pycocotools.
private struct BoundaryCollector {
    var previousU = 0, previousV = 0, started = false
    /// `w - 1` as C compares it (`siz`, so a width of 0 admits every column).
    let lastColumn: Int
    let height: Int
    /// `(int)(h)`.
    let heightAsInt32: Int32
    var boundaries: [UInt32] = []

    init(height: Int, width: Int) {
        lastColumn = width == 0 ? Int.max : width - 1
        self.height = height
        heightAsInt32 = Int32(truncatingIfNeeded: height)
    }

    @inline(__always)
    mutating func visit(u: Int, v: Int) {
        defer { previousU = u; previousV = v; started = true }
        guard started, u != previousU else { return }
        let k = (u < previousU ? u : u - 1) - 2
        guard k >= 0, k % 5 == 0, k / 5 <= lastColumn else { return }
        let m = (v < previousV ? v : previousV) - 2
        let row = m < 0 ? 0 : min((m + 4) / 5, height)
        let x = Int32(truncatingIfNeeded: k / 5), y = Int32(truncatingIfNeeded: row)
        boundaries.append(UInt32(bitPattern: x &* heightAsInt32 &+ y))
    }

    /// Sorted boundaries as differences; a zero difference (two boundaries on one pixel) cancels by
    /// folding the next run into the previous one, as `rleFrPoly` does.
    mutating func runs(pixels: UInt32) -> [UInt32] {
        var a = boundaries
        boundaries = []
        a.append(pixels)
        a.sort()
        var previous: UInt32 = 0
        for j in a.indices {
            let t = a[j]
            a[j] = t &- previous
            previous = t
        }
        var m = 1, j = 1
        while j < a.count {
            if a[j] > 0 {
                a[m] = a[j]
                m += 1
                j += 1
            } else {
                j += 1
                if j < a.count { a[m - 1] &+= a[j]; j += 1 }
            }
        }
        a.removeLast(a.count - m)
        return a
    }
}
