extension RunLengthMask {
    /// Intersection over union of every detected mask with every ground-truth mask, with COCO's
    /// crowd semantics (against a crowd region the denominator is the detection's area).
    ///
    /// Ported from `rleIou` in pycocotools' `maskApi.c`: pairs whose `boundingBox`es do not overlap
    /// score 0 without walking the runs; otherwise the two run lists are merged in one pass.
    /// Masks of different sizes score 0 (pycocotools reports `-1`, which no IoU threshold accepts
    /// either); an empty intersection scores 0. Malformed masks whose runs add up to different
    /// totals are compared over the shorter total (pycocotools never returns for them).
    ///
    /// - Parameters:
    ///   - detections: the `m` detected masks.
    ///   - groundTruths: the `n` ground-truth masks.
    ///   - groundTruthIsCrowd: `n` flags, or empty when no ground truth is a crowd region.
    /// - Returns: `m * n` values, row-major: the IoU of detection `d` with ground truth `g` is at `d * n + g`.
    /// - Complexity: O(m · n · r) in the worst case, `r` the number of runs of a pair; pairs
    ///   whose boxes are disjoint cost O(1).
    public static func intersectionOverUnion(
        detections: [RunLengthMask], groundTruths: [RunLengthMask], groundTruthIsCrowd: [Bool] = []
    ) -> [Double] {
        precondition(groundTruthIsCrowd.isEmpty || groundTruthIsCrowd.count == groundTruths.count,
                     "one crowd flag per ground-truth mask")
        let detectionBoxes = detections.map(\.boundingBox)
        let truthBoxes = groundTruths.map(\.boundingBox)
        var result = BoundingBox.intersectionOverUnion(detections: detectionBoxes, groundTruths: truthBoxes)
        let n = groundTruths.count
        for (d, detection) in detections.enumerated() {
            for (g, truth) in groundTruths.enumerated() where result[d * n + g] > 0 {
                guard detection.height == truth.height, detection.width == truth.width else {
                    result[d * n + g] = 0
                    continue
                }
                let crowd = !groundTruthIsCrowd.isEmpty && groundTruthIsCrowd[g]
                result[d * n + g] = detection.overlap(with: truth, crowd: crowd)
            }
        }
        return result
    }

    /// Intersection and union of two same-sized masks in one merge of their runs (`rleIou`'s inner loop).
    private func overlap(with truth: RunLengthMask, crowd: Bool) -> Double {
        guard !counts.isEmpty, !truth.counts.isEmpty else { return 0 }
        var intersection: UInt64 = 0, union: UInt64 = 0
        counts.withUnsafeBufferPointer { a in
            truth.counts.withUnsafeBufferPointer { b in
                var ca = a[0], cb = b[0]
                var ia = 1, ib = 1
                var va = false, vb = false
                var remaining = true
                while remaining {
                    let c = min(ca, cb)
                    if va || vb {
                        union += UInt64(c)
                        if va && vb { intersection += UInt64(c) }
                    }
                    ca -= c
                    if ca == 0 && ia < a.count { ca = a[ia]; ia += 1; va.toggle() }
                    cb -= c
                    if cb == 0 && ib < b.count { cb = b[ib]; ib += 1; vb.toggle() }
                    // pycocotools stops when both runs are used up; with unequal totals (malformed
                    // masks) it would loop forever, so stop as soon as one list is used up.
                    remaining = (ca != 0 || ia < a.count) && (cb != 0 || ib < b.count) && (ca != 0 || cb != 0)
                }
            }
        }
        if intersection == 0 { return 0 }
        if crowd { union = UInt64(area) }
        return Double(intersection) / Double(union)
    }
}
