extension COCOCategoryTable {
    /// Reusable buffers for the matching of one cell, so that cells allocate nothing.
    struct MatchingScratch {
        /// Ground truths in matching order (not ignored first), as indices into the cell.
        var order: [Int32] = []
        /// Ignore and crowd flags of each ground truth in the cell's input order.
        var ignored: [Bool] = []
        var crowd: [Bool] = []
        /// `ignored` and crowd flags in matching order.
        var sortedIgnored: [Bool] = []
        var sortedCrowd: [Bool] = []
        /// The overlap matrix with columns in matching order.
        var sortedOverlaps: [Double] = []
        /// `[t * G + j]`: whether ground truth `j` (matching order) is taken at threshold `t`.
        var taken: [Bool] = []
        /// `[t * D + d]`: the cell index of detection `d`'s match at threshold `t`, or -1.
        var matches: [Int32] = []
    }

    /// pycocotools' `evaluateImg` for one cell and area range, after the detections are sorted
    /// and cut and the overlaps computed; writes `outcomes` at each detection's rank.
    ///
    /// A ground truth is ignored when it is crowd or flagged, or its area is outside the range;
    /// ignored ground truths go last (stable). Then for each threshold `t` and each detection in
    /// score order, the best overlap `>= min(t, 1 - 1e-10)` wins among the ground truths that
    /// are free (crowds stay free), later ones winning ties, and the scan stops at the
    /// first ignored ground truth once a non-ignored one is held. A detection matched to an
    /// ignored ground truth is ignored; one that matches nothing (or a ground truth of id 0) and
    /// whose own area is outside the range is ignored too.
    /// - Complexity: O(T · D · G).
    mutating func matchCell(range: COCOEvaluationParameters.AreaRange, areaIndex: Int, detections: Range<Int>,
                            truths: Range<Int>, overlapStart: Int, detectionAreas: [Double],
                            context: COCOEvaluationContext, scratch: inout MatchingScratch) {
        let thresholds = context.parameters.iouThresholds
        let thresholdCount = thresholds.count
        let cellDetections = detections.count, truthCount = truths.count
        scratch.ignored.removeAll(keepingCapacity: true)
        scratch.crowd.removeAll(keepingCapacity: true)
        var counted: Int32 = 0
        for index in truths {
            let input = Int(truthInput[index])
            let ignored = context.truthIgnored[input] || range.excludes(context.truthArea[input])
            scratch.ignored.append(ignored)
            scratch.crowd.append(context.truthCrowd[input])
            if !ignored { counted += 1 }
        }
        cellCountedTruths.append(counted)
        if areaIndex == 0 { truthIgnoredInFirstRange.append(contentsOf: scratch.ignored) }
        guard cellDetections > 0 else { return }

        scratch.matches.removeAll(keepingCapacity: true)
        scratch.matches.append(contentsOf: repeatElement(-1, count: thresholdCount * cellDetections))
        if truthCount > 0 {
            Self.greedyMatch(detectionCount: cellDetections, truthCount: truthCount, thresholds: thresholds,
                             overlaps: overlaps[overlapStart..<(overlapStart + cellDetections * truthCount)],
                             scratch: &scratch)
        }

        for d in 0..<cellDetections {
            let position = detections.lowerBound + d
            let detectionOutside = range.excludes(detectionAreas[position])
            let row = (areaIndex * detectionCount + Int(scoreRank[position])) * thresholdCount
            for t in 0..<thresholdCount {
                let m = Int(scratch.matches[t * cellDetections + d])
                var ignored = false, counts = false
                if m >= 0 {
                    ignored = scratch.ignored[m]
                    counts = context.truthIDIsNonzero[Int(truthInput[truths.lowerBound + m])]
                }
                if !counts && detectionOutside { ignored = true }
                outcomes[row + t] =
                    ignored ? Self.ignored : (counts ? Self.truePositive : Self.falsePositive)
                if areaIndex == 0 { matchedTruth[position * thresholdCount + t] = Int32(m) }
            }
        }
    }

    /// The greedy loop of `evaluateImg`, writing `scratch.matches[t * D + d]` (cell indices of
    /// the ground truths, input order) from `scratch.ignored` and the cell's overlaps.
    private static func greedyMatch(detectionCount: Int, truthCount: Int, thresholds: [Double],
                                    overlaps: ArraySlice<Double>, scratch: inout MatchingScratch) {
        scratch.order.removeAll(keepingCapacity: true)
        for g in 0..<truthCount where !scratch.ignored[g] { scratch.order.append(Int32(g)) }
        for g in 0..<truthCount where scratch.ignored[g] { scratch.order.append(Int32(g)) }
        scratch.sortedIgnored.removeAll(keepingCapacity: true)
        scratch.sortedCrowd.removeAll(keepingCapacity: true)
        for g in scratch.order {
            scratch.sortedIgnored.append(scratch.ignored[Int(g)])
            scratch.sortedCrowd.append(scratch.crowd[Int(g)])
        }
        scratch.sortedOverlaps.removeAll(keepingCapacity: true)
        let base = overlaps.startIndex
        for d in 0..<detectionCount {
            for g in scratch.order { scratch.sortedOverlaps.append(overlaps[base + d * truthCount + Int(g)]) }
        }
        scratch.taken.removeAll(keepingCapacity: true)
        scratch.taken.append(contentsOf: repeatElement(false, count: thresholds.count * truthCount))

        scratch.sortedOverlaps.withUnsafeBufferPointer { iou in
            scratch.sortedIgnored.withUnsafeBufferPointer { ignored in
                scratch.sortedCrowd.withUnsafeBufferPointer { crowd in
                    scratch.order.withUnsafeBufferPointer { order in
                        scratch.taken.withUnsafeMutableBufferPointer { taken in
                            scratch.matches.withUnsafeMutableBufferPointer { matches in
                                for (t, threshold) in thresholds.enumerated() {
                                    let floor = Swift.min(threshold, 1 - 1e-10)
                                    let takenRow = taken.baseAddress! + t * truthCount
                                    for d in 0..<detectionCount {
                                        var best = floor
                                        var m = -1
                                        let row = iou.baseAddress! + d * truthCount
                                        for j in 0..<truthCount {
                                            if takenRow[j] && !crowd[j] { continue }
                                            if m > -1 && !ignored[m] && ignored[j] { break }
                                            if row[j] < best { continue }
                                            best = row[j]
                                            m = j
                                        }
                                        guard m >= 0 else { continue }
                                        takenRow[m] = true
                                        matches[t * detectionCount + d] = order[m]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
