extension RunLengthMask {
    /// The union (or intersection) of same-sized masks, computed on the runs without decoding.
    ///
    /// Ported from `rleMerge` in pycocotools' `maskApi.c` (`mask.merge`): the masks are folded
    /// left to right, each step walking two run lists at once and starting a new run wherever the
    /// combined value changes, so the counts equal the reference's run for run.
    ///
    /// Edge cases, as in pycocotools: one mask is returned unchanged (its runs are not
    /// normalized); an empty list gives a `0 × 0` mask with no runs. A mask without runs (only
    /// meaningful for an image of `0` pixels) counts as background. Malformed masks whose runs add
    /// up to different totals are combined over the shorter total (pycocotools never returns).
    /// - Parameters:
    ///   - masks: masks of one size.
    ///   - intersect: `false` for the union (pycocotools' default), `true` for the intersection.
    /// - Precondition: all masks have the same `height` and `width` (pycocotools then returns an
    ///   empty `0 × 0` mask instead).
    /// - Complexity: O(k · r) for `k` masks with `r` runs in all; each fold step is linear in the
    ///   runs of the result so far and of the next mask.
    public static func merge(_ masks: [RunLengthMask], intersect: Bool = false) -> RunLengthMask {
        guard let first = masks.first else { return RunLengthMask(height: 0, width: 0, counts: []) }
        guard masks.count > 1 else { return first }
        for mask in masks.dropFirst() {
            precondition(mask.height == first.height && mask.width == first.width,
                         "merged masks must have the same size")
        }
        var accumulated = first.counts
        var output: [UInt32] = []
        for mask in masks.dropFirst() {
            output.removeAll(keepingCapacity: true)
            output.reserveCapacity(accumulated.count + mask.counts.count + 1)
            mergeRuns(accumulated, mask.counts, intersect: intersect, into: &output)
            swap(&accumulated, &output)
        }
        return RunLengthMask(height: first.height, width: first.width, counts: accumulated)
    }

    /// One step of `rleMerge`: appends the runs of `a ∪ b` (or `a ∩ b`) to `output`.
    private static func mergeRuns(_ a: [UInt32], _ b: [UInt32], intersect: Bool, into output: inout [UInt32]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var ca: UInt32 = a.first ?? 0, cb: UInt32 = b.first ?? 0
                var ia = 1, ib = 1
                var va = false, vb = false, value = false
                var run: UInt32 = 0
                var remaining = true
                while remaining {
                    let c = min(ca, cb)
                    run += c
                    ca -= c
                    if ca == 0 && ia < a.count { ca = a[ia]; ia += 1; va.toggle() }
                    cb -= c
                    if cb == 0 && ib < b.count { cb = b[ib]; ib += 1; vb.toggle() }
                    // pycocotools stops when both runs are used up (`ct == 0`); with unequal totals it
                    // would loop forever, so stop as soon as one list is used up.
                    remaining = (ca != 0 || ia < a.count) && (cb != 0 || ib < b.count) && (ca != 0 || cb != 0)
                    let previous = value
                    value = intersect ? (va && vb) : (va || vb)
                    if value != previous || !remaining {
                        output.append(run)
                        run = 0
                    }
                }
            }
        }
    }
}
