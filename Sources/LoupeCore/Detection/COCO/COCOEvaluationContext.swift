/// The input of one evaluation laid out for the matching loops: per-annotation fields in
/// contiguous arrays indexed by input position, image and category positions on the I and K axes
/// (`-1` internally for annotations that are not evaluated), and the annotations of each K-axis
/// bucket in one index array. Built once by `COCOEvaluator.evaluate`, then read concurrently.
struct COCOEvaluationContext: Sendable {
    let parameters: COCOEvaluationParameters
    let imageIDs: [Int]
    let categoryIDs: [Int]
    let groundTruths: [COCOEvaluationInput.GroundTruth]
    let detections: [COCOEvaluationInput.Detection]

    /// Image position of each ground truth, `-1` when it is not evaluated.
    let truthImage: [Int32]
    /// Category position of each ground truth.
    let truthCategory: [Int32]
    let truthArea: [Double]
    let truthCrowd: [Bool]
    /// `isCrowd || isIgnored || (keypoints && keypointCount == 0)`: pycocotools' `gt['ignore']`.
    let truthIgnored: [Bool]
    /// `id != 0`: whether a match to this ground truth counts (pycocotools reads id 0 as unmatched).
    let truthIDIsNonzero: [Bool]
    let truthBox: [BoundingBox]

    /// Image position of each detection, `-1` when it is not evaluated.
    let detectionImage: [Int32]
    let detectionCategory: [Int32]
    let detectionScore: [Double]
    let detectionArea: [Double]
    let detectionBox: [BoundingBox]

    /// Evaluated ground truths grouped by bucket (category position, or one bucket when categories
    /// are pooled), in input order within a bucket; bucket `b` is `truthBuckets[truthBucketStart[b]..<truthBucketStart[b + 1]]`.
    let truthBuckets: [Int32]
    let truthBucketStart: [Int]
    /// Evaluated detections grouped like `truthBuckets`.
    let detectionBuckets: [Int32]
    let detectionBucketStart: [Int]

    /// The number of K-axis entries: the categories, or 1 when they are pooled.
    var bucketCount: Int { truthBucketStart.count - 1 }

    init(input: COCOEvaluationInput, parameters: COCOEvaluationParameters) throws(COCOEvaluationError) {
        self.parameters = parameters
        imageIDs = Array(Set(input.imageIDs)).sorted()
        categoryIDs = Array(Set(input.categoryIDs)).sorted()
        groundTruths = input.groundTruths
        detections = input.detections
        var imagePosition: [Int: Int32] = [:]
        imagePosition.reserveCapacity(imageIDs.count)
        for (position, id) in imageIDs.enumerated() { imagePosition[id] = Int32(position) }
        var categoryPosition: [Int: Int32] = [:]
        for (position, id) in categoryIDs.enumerated() { categoryPosition[id] = Int32(position) }
        let keypointLength = 3 * parameters.keypointSigmas.count

        let truthCount = input.groundTruths.count
        var truthImage = [Int32](repeating: -1, count: truthCount)
        var truthCategory = [Int32](repeating: -1, count: truthCount)
        var truthIgnored = [Bool](repeating: false, count: truthCount)
        for (index, truth) in input.groundTruths.enumerated() {
            guard let image = imagePosition[truth.imageID], let category = categoryPosition[truth.categoryID] else { continue }
            truthImage[index] = image
            truthCategory[index] = category
            truthIgnored[index] = truth.isCrowd || truth.isIgnored
            switch parameters.iouType {
            case .bbox:
                break
            case .segm:
                guard truth.mask != nil else {
                    throw COCOEvaluationError(code: .missingMask, message: "ground truth id \(truth.id) has no mask")
                }
            case .keypoints:
                guard let keypoints = truth.keypoints else {
                    throw COCOEvaluationError(code: .missingKeypoints, message: "ground truth id \(truth.id) has no keypoints")
                }
                guard keypoints.count == keypointLength else {
                    throw COCOEvaluationError(code: .keypointCount, message: "ground truth id \(truth.id) has "
                        + "\(keypoints.count) keypoint numbers, expected \(keypointLength)")
                }
                truthIgnored[index] = truthIgnored[index] || truth.keypointCount == 0
            }
        }
        self.truthImage = truthImage
        self.truthCategory = truthCategory
        self.truthIgnored = truthIgnored
        truthArea = input.groundTruths.map(\.area)
        truthCrowd = input.groundTruths.map(\.isCrowd)
        truthIDIsNonzero = input.groundTruths.map { $0.id != 0 }
        truthBox = input.groundTruths.map(\.box)

        let detectionCount = input.detections.count
        var detectionImage = [Int32](repeating: -1, count: detectionCount)
        var detectionCategory = [Int32](repeating: -1, count: detectionCount)
        for (index, detection) in input.detections.enumerated() {
            guard let image = imagePosition[detection.imageID],
                  let category = categoryPosition[detection.categoryID] else { continue }
            guard detection.score.isFinite else {
                throw COCOEvaluationError(code: .nonFiniteScore, message: "detection \(index) has score \(detection.score)")
            }
            switch parameters.iouType {
            case .bbox:
                break
            case .segm:
                guard detection.mask != nil else {
                    throw COCOEvaluationError(code: .missingMask, message: "detection \(index) has no mask")
                }
            case .keypoints:
                guard let keypoints = detection.keypoints else {
                    throw COCOEvaluationError(code: .missingKeypoints, message: "detection \(index) has no keypoints")
                }
                guard keypoints.count == keypointLength else {
                    throw COCOEvaluationError(code: .keypointCount, message: "detection \(index) has "
                        + "\(keypoints.count) keypoint numbers, expected \(keypointLength)")
                }
            }
            detectionImage[index] = image
            detectionCategory[index] = category
        }
        self.detectionImage = detectionImage
        self.detectionCategory = detectionCategory
        detectionScore = input.detections.map(\.score)
        detectionArea = input.detections.map(\.area)
        detectionBox = input.detections.map(\.box)

        let pooled = !parameters.useCategories
        (truthBuckets, truthBucketStart) = Self.bucket(truthImage, truthCategory,
                                                       categoryCount: categoryIDs.count, pooled: pooled)
        (detectionBuckets, detectionBucketStart) = Self.bucket(detectionImage, detectionCategory,
                                                               categoryCount: categoryIDs.count, pooled: pooled)
    }

    /// A stable counting sort of the evaluated annotations by category position. Pooled
    /// categories make one bucket that is still ordered by category, then input position, which
    /// is the order pycocotools concatenates them in (`for cId in p.catIds`).
    private static func bucket(_ image: [Int32], _ category: [Int32], categoryCount: Int,
                               pooled: Bool) -> ([Int32], [Int]) {
        var counts = [Int](repeating: 0, count: categoryCount + 1)
        var total = 0
        for index in image.indices where image[index] >= 0 {
            counts[Int(category[index]) + 1] += 1
            total += 1
        }
        for c in 0..<categoryCount { counts[c + 1] += counts[c] }
        var next = counts
        var ordered = [Int32](repeating: 0, count: total)
        for index in image.indices where image[index] >= 0 {
            let c = Int(category[index])
            ordered[next[c]] = Int32(index)
            next[c] += 1
        }
        return (ordered, pooled ? [0, total] : counts)
    }
}
