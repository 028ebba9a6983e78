extension VOCParameters.PixelConvention {
    /// The IoU of two boxes under this convention (no crowd semantics).
    ///
    /// - `.continuous`: `BoundingBox.intersectionOverUnion(with:)` (pycocotools' `bbIou`).
    /// - `.inclusivePixels`: as the VOC devkit and `voc_eval.py`: `iw = min(x2) - max(x1) + 1`,
    ///   `ih` likewise (with `x2 = x + width`), 0 unless both are positive, and
    ///   `union = (w1 + 1)(h1 + 1) + (w2 + 1)(h2 + 1) - iw·ih`. Touching integer boxes overlap
    ///   by one pixel. (Padilla et al. also return 0 when the boxes are more than 0 apart, which
    ///   differs only for boxes less than one pixel apart.)
    /// - Complexity: O(1).
    @inlinable
    public func intersectionOverUnion(_ a: BoundingBox, _ b: BoundingBox) -> Double {
        switch self {
        case .continuous:
            return a.intersectionOverUnion(with: b)
        case .inclusivePixels:
            let iw = min(a.x + a.width, b.x + b.width) - max(a.x, b.x) + 1
            if iw <= 0 { return 0 }
            let ih = min(a.y + a.height, b.y + b.height) - max(a.y, b.y) + 1
            if ih <= 0 { return 0 }
            let intersection = iw * ih
            let union = (a.width + 1) * (a.height + 1) + (b.width + 1) * (b.height + 1) - intersection
            return intersection / union
        }
    }
}
