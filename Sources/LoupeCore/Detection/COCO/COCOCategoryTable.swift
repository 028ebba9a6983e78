/// The evaluate step's results for one K-axis entry (a category, or all categories pooled): the
/// cells (images with ground truth or detections of that entry, ascending image position), their
/// detections in evaluation order and the outcome of each at every area range and IoU threshold.
///
/// A detection's *position* is its index in the table's detection arrays: cells follow each other
/// in image order, and within a cell detections are sorted by score, descending, ties in input
/// order (pycocotools' stable mergesort), cut to `maxDetections.last`.
struct COCOCategoryTable: Sendable {
    /// Outcome codes stored in `outcomes`.
    static let falsePositive: UInt8 = 0
    static let truePositive: UInt8 = 1
    static let ignored: UInt8 = 2

    /// Image position (I axis) of each cell, ascending.
    var cellImage: [Int32] = []
    /// Cell `c` holds detection positions `cellDetectionStart[c]..<cellDetectionStart[c + 1]`.
    var cellDetectionStart: [Int32] = [0]
    /// Cell `c` holds ground truths `cellTruthStart[c]..<cellTruthStart[c + 1]` of `truthInput`.
    var cellTruthStart: [Int32] = [0]
    /// Cell `c`'s overlap matrix (D × G, row-major, ground truths in input order) starts here;
    /// it is empty when either side is.
    var cellOverlapStart: [Int] = [0]
    /// Non-ignored ground truths of each cell in each area range, `[cell * A + a]`.
    var cellCountedTruths: [Int32] = []

    /// Input index of the detection at each position.
    var detectionInput: [Int32] = []
    /// Score of the detection at each position.
    var detectionScore: [Double] = []
    /// In the first area range, the matched ground truth as an index into the cell's slice of
    /// `truthInput`, or -1: `[position * T + t]`.
    var matchedTruth: [Int32] = []
    /// Input index of each ground truth, grouped by cell, input order within a cell.
    var truthInput: [Int32] = []
    /// Whether each ground truth is ignored in the first area range.
    var truthIgnoredInFirstRange: [Bool] = []
    /// The overlap matrices of all cells (see `cellOverlapStart`).
    var overlaps: [Double] = []

    /// A detection's *rank* is its index in score order: by score, descending, ties by position
    /// (= image, then order within the image), which is the order of pycocotools' stable sort of
    /// the concatenated per-image detections. The arrays below are laid out by rank so that
    /// accumulation reads them front to back.
    var scoreRank: [Int32] = []
    /// Outcome at `[(a * N + rank) * T + t]`: `falsePositive`, `truePositive` or `ignored`.
    var outcomes: [UInt8] = []
    /// Score, cell and rank within the cell of the detection at each rank.
    var orderedScore: [Double] = []
    var orderedCell: [Int32] = []
    var orderedCellRank: [Int32] = []

    /// The number of detection positions (N).
    var detectionCount: Int { detectionInput.count }
    /// The number of cells.
    var cellCount: Int { cellImage.count }

    /// Runs pycocotools' `evaluateImg` for every cell of bucket `bucket`: sorts and cuts the
    /// detections, computes the overlaps once and matches greedily in every area range.
    init(bucket: Int, context: COCOEvaluationContext) {
        let parameters = context.parameters
        let thresholdCount = parameters.iouThresholds.count
        let ranges = parameters.areaRanges
        let limit = parameters.maxDetections.last!
        let imageCount = context.imageIDs.count
        let (truths, truthStart) = Self.groupByImage(
            context.truthBuckets[context.truthBucketStart[bucket]..<context.truthBucketStart[bucket + 1]],
            image: context.truthImage, imageCount: imageCount)
        let (detections, detectionStart) = Self.groupByImage(
            context.detectionBuckets[context.detectionBucketStart[bucket]..<context.detectionBucketStart[bucket + 1]],
            image: context.detectionImage, imageCount: imageCount)

        var total = 0
        for image in 0..<imageCount {
            let truthCount = Int(truthStart[image + 1] - truthStart[image])
            let detectionCount = Int(detectionStart[image + 1] - detectionStart[image])
            if truthCount + detectionCount > 0 {
                cellImage.append(Int32(image))
                total += Swift.min(detectionCount, limit)
            }
        }
        detectionInput.reserveCapacity(total)
        detectionScore.reserveCapacity(total)
        var detectionCell: [Int32] = []
        var detectionCellRank: [Int32] = []
        detectionCell.reserveCapacity(total)
        detectionCellRank.reserveCapacity(total)
        var detectionArea: [Double] = []
        detectionArea.reserveCapacity(total)
        matchedTruth = [Int32](repeating: -1, count: thresholdCount * total)
        truthInput = truths
        cellCountedTruths.reserveCapacity(cellImage.count * ranges.count)

        // Pass 1: each cell's detections by score (np.argsort(-score, kind='mergesort'): score
        // descending, ties in grouped order), cut to the limit.
        var cellOrder: [Int] = []
        for (cell, image) in cellImage.enumerated() {
            let first = Int(detectionStart[Int(image)]), end = Int(detectionStart[Int(image) + 1])
            cellOrder.removeAll(keepingCapacity: true)
            cellOrder.append(contentsOf: first..<end)
            detections.withUnsafeBufferPointer { detections in
                context.detectionScore.withUnsafeBufferPointer { scores in
                    cellOrder.sort { left, right in
                        let l = scores[Int(detections[left])], r = scores[Int(detections[right])]
                        return l > r || (l == r && left < right)
                    }
                }
            }
            for rank in 0..<Swift.min(cellOrder.count, limit) {
                let detection = Int(detections[cellOrder[rank]])
                detectionInput.append(Int32(detection))
                detectionScore.append(context.detectionScore[detection])
                detectionArea.append(context.detectionArea[detection])
                detectionCell.append(Int32(cell))
                detectionCellRank.append(Int32(rank))
            }
            cellDetectionStart.append(Int32(detectionInput.count))
            cellTruthStart.append(truthStart[Int(image) + 1])
        }

        // The score order of all kept detections, and the per-rank arrays accumulation reads.
        var scoreOrder = Array(0..<Int32(total))
        detectionScore.withUnsafeBufferPointer { scores in
            scoreOrder.sort { scores[Int($0)] > scores[Int($1)] || (scores[Int($0)] == scores[Int($1)] && $0 < $1) }
        }
        scoreRank = [Int32](repeating: 0, count: total)
        for (rank, position) in scoreOrder.enumerated() { scoreRank[Int(position)] = Int32(rank) }
        orderedScore = scoreOrder.map { detectionScore[Int($0)] }
        orderedCell = scoreOrder.map { detectionCell[Int($0)] }
        orderedCellRank = scoreOrder.map { detectionCellRank[Int($0)] }

        // Pass 2: overlaps and matching, outcomes written at each detection's rank.
        outcomes = [UInt8](repeating: Self.falsePositive, count: ranges.count * thresholdCount * total)
        var scratch = MatchingScratch()
        for cell in cellImage.indices {
            let cellDetections = Int(cellDetectionStart[cell])..<Int(cellDetectionStart[cell + 1])
            let cellTruths = Int(cellTruthStart[cell])..<Int(cellTruthStart[cell + 1])
            let cellOverlaps = overlaps.count
            if !cellDetections.isEmpty && !cellTruths.isEmpty {
                overlaps.append(contentsOf: repeatElement(0, count: cellDetections.count * cellTruths.count))
                detectionInput.withUnsafeBufferPointer { detectionInput in
                    truths.withUnsafeBufferPointer { truths in
                        overlaps.withUnsafeMutableBufferPointer { overlaps in
                            context.overlaps(detections: UnsafeBufferPointer(rebasing: detectionInput[cellDetections]),
                                             truths: UnsafeBufferPointer(rebasing: truths[cellTruths]),
                                             into: overlaps.baseAddress! + cellOverlaps)
                        }
                    }
                }
            }
            cellOverlapStart.append(overlaps.count)
            for (a, range) in ranges.enumerated() {
                matchCell(range: range, areaIndex: a, detections: cellDetections, truths: cellTruths,
                          overlapStart: cellOverlaps, detectionAreas: detectionArea, context: context, scratch: &scratch)
            }
        }
    }

    /// A stable counting sort of `items` (input indices) by image position: returns the items and
    /// `start`, where image `i`'s items are `start[i]..<start[i + 1]`.
    private static func groupByImage(_ items: ArraySlice<Int32>, image: [Int32],
                                     imageCount: Int) -> ([Int32], [Int32]) {
        var start = [Int32](repeating: 0, count: imageCount + 1)
        for item in items { start[Int(image[Int(item)]) + 1] += 1 }
        for i in 0..<imageCount { start[i + 1] += start[i] }
        var next = start
        var ordered = [Int32](repeating: 0, count: items.count)
        for item in items {
            let i = Int(image[Int(item)])
            ordered[Int(next[i])] = item
            next[i] += 1
        }
        return (ordered, start)
    }
}
