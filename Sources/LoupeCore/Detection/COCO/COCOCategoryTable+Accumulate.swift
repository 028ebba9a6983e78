extension COCOCategoryTable {
    /// One K-axis entry's share of the accumulated tables.
    struct Accumulation {
        /// `[((a * M + m) * T + t) * R + r]`; meaningful only where `countedTruths[a] > 0`.
        var precision: [Double]
        /// Same layout as `precision`.
        var scores: [Double]
        /// `[(a * M + m) * T + t]`.
        var recall: [Double]
        /// Non-ignored ground truths per area range (pycocotools' `npig`), with multiplicities.
        var countedTruths: [Int]
    }

    /// A true positive at index `index` of the kept detections, with the counts up to and including it.
    struct Event {
        var index: Int32
        var truePositives: Int32
        var falsePositives: Int32
    }

    /// pycocotools' `accumulate` for this entry, over every image or over a multiset of images.
    ///
    /// For each detection limit, the detections of the chosen images (each image's first
    /// `maxDet`) are taken in score order, which equals pycocotools' stable sort of the
    /// concatenation in ascending image order. An image of multiplicity `n` contributes its
    /// detections `n` times; within a run of equal scores its copies follow each other (the order
    /// of a dataset holding `n` adjacent copies of the image).
    /// - Parameter multiplicities: per image position, how many times the image is drawn; `nil`
    ///   for every image once.
    /// - Complexity: O(M · A · T · (N' + R log P)) with N' the detections kept and P the true positives.
    func accumulate(parameters: COCOEvaluationParameters, multiplicities: [Int32]?) -> Accumulation {
        let thresholdCount = parameters.iouThresholds.count
        let recallCount = parameters.recallThresholds.count
        let rangeCount = parameters.areaRanges.count
        let limits = parameters.maxDetections
        var result = Accumulation(
            precision: [Double](repeating: 0, count: rangeCount * limits.count * thresholdCount * recallCount),
            scores: [Double](repeating: 0, count: rangeCount * limits.count * thresholdCount * recallCount),
            recall: [Double](repeating: 0, count: rangeCount * limits.count * thresholdCount),
            countedTruths: [Int](repeating: 0, count: rangeCount))
        for cell in 0..<cellCount {
            let weight = multiplicities.map { Int($0[Int(cellImage[cell])]) } ?? 1
            for a in 0..<rangeCount { result.countedTruths[a] += weight * Int(cellCountedTruths[cell * rangeCount + a]) }
        }
        guard let mostPositives = result.countedTruths.max(), mostPositives > 0 else { return result }

        var kept: [Int32] = []
        kept.reserveCapacity(detectionCount)
        // Events of threshold t are events[t * capacity ..< t * capacity + eventCounts[t]]; a
        // threshold has at most one true positive per counted ground truth.
        let capacity = Swift.min(detectionCount * (multiplicities?.max().map(Int.init) ?? 1), mostPositives)
        var events = [Event](repeating: Event(index: 0, truePositives: 0, falsePositives: 0), count: thresholdCount * capacity)
        var eventCounts = [Int](repeating: 0, count: thresholdCount)
        var falsePositives = [Int32](repeating: 0, count: thresholdCount)
        var envelope: [Double] = []
        for (m, limit) in limits.enumerated() {
            keptDetections(limit: limit, multiplicities: multiplicities, into: &kept)
            for a in 0..<rangeCount where result.countedTruths[a] > 0 {
                // One pass over the kept detections counts, at every threshold, the false positives
                // so far and records each true positive with the counts at that point.
                events.withUnsafeMutableBufferPointer { events in
                    eventCounts.withUnsafeMutableBufferPointer { tp in
                        falsePositives.withUnsafeMutableBufferPointer { fp in
                            tp.update(repeating: 0)
                            fp.update(repeating: 0)
                            outcomes.withUnsafeBufferPointer { outcomes in
                                for (i, rank) in kept.enumerated() {
                                    let row = outcomes.baseAddress! + (a * detectionCount + Int(rank)) * thresholdCount
                                    for t in 0..<thresholdCount {
                                        let outcome = row[t]
                                        if outcome == Self.truePositive {
                                            let count = tp[t] + 1
                                            precondition(count <= capacity, "more true positives than counted ground truths")
                                            events[t * capacity + count - 1] = Event(
                                                index: Int32(i), truePositives: Int32(count), falsePositives: fp[t])
                                            tp[t] = count
                                        } else if outcome == Self.falsePositive {
                                            fp[t] += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                let positives = Double(result.countedTruths[a])
                for t in 0..<thresholdCount {
                    let slot = (a * limits.count + m) * thresholdCount + t
                    result.recall[slot] = kept.isEmpty ? 0 : Double(eventCounts[t]) / positives
                    fillPrecision(events: events[(t * capacity)..<(t * capacity + eventCounts[t])], kept: kept,
                                  positives: positives, parameters: parameters, envelope: &envelope,
                                  precision: &result.precision, scores: &result.scores, offset: slot * recallCount)
                }
            }
        }
        return result
    }

    /// The precision and score rows of one threshold, equal to pycocotools' per-detection loop
    /// (`pr = tp / (fp + tp + ε)`, the envelope `pr[i-1] = max(pr[i-1], pr[i])`,
    /// `np.searchsorted(rc, recThrs, side='left')`, stop at the first level never reached) but
    /// evaluated only where it can be read: recall rises only at a true positive, so the index
    /// `searchsorted` returns is 0 or a true positive's; between true positives precision does not
    /// rise, so the envelope there is the maximum precision over the true positives from there on.
    private func fillPrecision(events: ArraySlice<Event>, kept: [Int32], positives: Double,
                               parameters: COCOEvaluationParameters, envelope: inout [Double],
                               precision: inout [Double], scores: inout [Double], offset: Int) {
        guard !kept.isEmpty else { return }
        envelope.removeAll(keepingCapacity: true)
        for event in events {
            let tp = Double(event.truePositives)
            envelope.append(tp / (Double(event.falsePositives) + tp + NumPyArithmetic.spacingOfOne))
        }
        var i = envelope.count - 1
        while i > 0 {
            if envelope[i] > envelope[i - 1] { envelope[i - 1] = envelope[i] }
            i -= 1
        }
        let base = events.startIndex
        // Recall and enveloped precision at index 0 (precision there is 0 unless it is a true positive).
        let firstRecall = (events.first?.index == 0 ? 1.0 : 0.0) / positives
        let firstPrecision = envelope.first ?? 0
        for (r, level) in parameters.recallThresholds.enumerated() {
            if firstRecall >= level {
                precision[offset + r] = firstPrecision
                scores[offset + r] = orderedScore[Int(kept[0])]
                continue
            }
            var low = 0, high = events.count
            while low < high {
                let middle = (low + high) / 2
                if Double(events[base + middle].truePositives) / positives < level { low = middle + 1 } else { high = middle }
            }
            if low == events.count { break }
            precision[offset + r] = envelope[low]
            scores[offset + r] = orderedScore[Int(kept[Int(events[base + low].index)])]
        }
    }

    /// The ranks accumulated for one detection limit: every rank whose detection is among the
    /// first `limit` of its image, each image repeated by its multiplicity (copies adjacent within
    /// a run of equal scores).
    private func keptDetections(limit: Int, multiplicities: [Int32]?, into kept: inout [Int32]) {
        kept.removeAll(keepingCapacity: true)
        let count = detectionCount
        guard let multiplicities else {
            for rank in 0..<count where Int(orderedCellRank[rank]) < limit { kept.append(Int32(rank)) }
            return
        }
        var start = 0
        while start < count {
            var end = start + 1
            while end < count && orderedScore[end] == orderedScore[start] { end += 1 }
            var run = start
            while run < end {
                var runEnd = run + 1
                while runEnd < end && orderedCell[runEnd] == orderedCell[run] { runEnd += 1 }
                for _ in 0..<Int(multiplicities[Int(cellImage[Int(orderedCell[run])])]) {
                    for rank in run..<runEnd where Int(orderedCellRank[rank]) < limit { kept.append(Int32(rank)) }
                }
                run = runEnd
            }
            start = end
        }
    }
}
