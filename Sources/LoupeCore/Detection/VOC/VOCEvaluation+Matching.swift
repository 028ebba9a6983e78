extension VOCEvaluation {
    /// The outcome of every detection (indexed like `detections`), assigned in `ranking` order.
    static func match(groundTruths: [VOCGroundTruth], detections: [VOCDetection], ranking: [Int],
                      parameters: VOCParameters) -> [VOCDetectionOutcome] {
        // Ground truths grouped by image: indices sorted by (image, input order), one range per image.
        let byImage = groundTruths.indices.sorted { a, b in
            let ia = groundTruths[a].imageIndex, ib = groundTruths[b].imageIndex
            return ia != ib ? ia < ib : a < b
        }
        var ranges: [Int: Range<Int>] = [:]
        var start = 0
        while start < byImage.count {
            let image = groundTruths[byImage[start]].imageIndex
            var end = start + 1
            while end < byImage.count, groundTruths[byImage[end]].imageIndex == image { end += 1 }
            ranges[image] = start..<end
            start = end
        }

        let convention = parameters.pixelConvention
        var taken = [Bool](repeating: false, count: groundTruths.count)
        var outcomes = [VOCDetectionOutcome](repeating: .insufficientOverlap(groundTruth: nil, iou: 0),
                                             count: detections.count)
        for d in ranking {
            let detection = detections[d]
            var best = 0.0
            var bestIndex: Int?
            if let range = ranges[detection.imageIndex] {
                for position in range {
                    let g = byImage[position]
                    let iou = convention.intersectionOverUnion(detection.box, groundTruths[g].box)
                    if iou > best {
                        best = iou
                        bestIndex = g
                    }
                }
            }
            guard let g = bestIndex, parameters.thresholdTest.passes(best, parameters.iouThreshold) else {
                outcomes[d] = .insufficientOverlap(groundTruth: bestIndex, iou: best)
                continue
            }
            if parameters.ignoresDifficult && groundTruths[g].isDifficult {
                outcomes[d] = .difficult(groundTruth: g, iou: best)
            } else if taken[g] {
                outcomes[d] = .duplicate(groundTruth: g, iou: best)
            } else {
                taken[g] = true
                outcomes[d] = .truePositive(groundTruth: g, iou: best)
            }
        }
        return outcomes
    }
}
