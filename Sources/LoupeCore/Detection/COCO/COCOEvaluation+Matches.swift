extension COCOEvaluation {
    /// The match records of category position `categoryIndex` (K axis), one per image that has
    /// ground truth or detections of it, in ascending image order.
    /// - Complexity: O(size of the records).
    public func matches(categoryIndex: Int) -> [COCOImageCategoryMatches] {
        (0..<tables[categoryIndex].cellCount).map { record(categoryIndex: categoryIndex, cell: $0) }
    }

    /// The match record of image position `imageIndex` (I axis) and category position
    /// `categoryIndex`, or `nil` when that image has neither ground truth nor detections of it.
    /// - Complexity: O(log cells + size of the record).
    public func matches(imageIndex: Int, categoryIndex: Int) -> COCOImageCategoryMatches? {
        let cells = tables[categoryIndex].cellImage
        var low = 0, high = cells.count
        while low < high {
            let middle = (low + high) / 2
            if Int(cells[middle]) < imageIndex { low = middle + 1 } else { high = middle }
        }
        guard low < cells.count, Int(cells[low]) == imageIndex else { return nil }
        return record(categoryIndex: categoryIndex, cell: low)
    }

    private func record(categoryIndex: Int, cell: Int) -> COCOImageCategoryMatches {
        let table = tables[categoryIndex]
        let thresholds = parameters.iouThresholds.count
        let detections = Int(table.cellDetectionStart[cell])..<Int(table.cellDetectionStart[cell + 1])
        let truths = Int(table.cellTruthStart[cell])..<Int(table.cellTruthStart[cell + 1])
        var codes: [UInt8] = []
        codes.reserveCapacity(detections.count * thresholds)
        for position in detections {
            let rank = Int(table.scoreRank[position])
            codes.append(contentsOf: table.outcomes[(rank * thresholds)..<((rank + 1) * thresholds)])
        }
        return COCOImageCategoryMatches(
            imageID: imageIDs[Int(table.cellImage[cell])],
            categoryID: parameters.useCategories ? categoryIDs[categoryIndex] : nil,
            iouThresholds: parameters.iouThresholds,
            detections: table.detectionInput[detections].map(Int.init),
            scores: Array(table.detectionScore[detections]),
            groundTruths: table.truthInput[truths].map(Int.init),
            groundTruthIgnored: Array(table.truthIgnoredInFirstRange[truths]),
            matched: Array(table.matchedTruth[(detections.lowerBound * thresholds)..<(detections.upperBound * thresholds)]),
            outcomeCodes: codes,
            overlaps: Array(table.overlaps[table.cellOverlapStart[cell]..<table.cellOverlapStart[cell + 1]]))
    }
}
