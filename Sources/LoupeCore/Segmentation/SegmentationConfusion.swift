/// A streaming `K × K` pixel confusion matrix for semantic segmentation: add ground-truth and
/// predicted class-index masks image by image, then read IoU, Dice and pixel accuracy from
/// `metrics` (see `SegmentationMetrics`).
///
/// Pixels whose ground truth equals `ignoreIndex` (e.g. 255, the VOC/Cityscapes "void" label)
/// are skipped whatever the prediction; they are counted in `ignoredPixels`. Every other pixel
/// must have a ground truth and a prediction in `0..<K`, otherwise `add` throws and counts
/// nothing from that image. Masks are flat pixel arrays in any layout, as long as ground truth
/// and prediction share it.
///
/// Reference: the confusion-matrix formulation of mmsegmentation's `intersect_and_union` and
/// torchmetrics' `MulticlassJaccardIndex` (accumulated over the dataset, not averaged per image).
public struct SegmentationConfusion: Hashable, Sendable {
    /// The number of classes `K`.
    public let classCount: Int
    /// The ground-truth value whose pixels are skipped, if any.
    public let ignoreIndex: Int?
    /// The counts so far: rows ground truth, columns prediction.
    public private(set) var matrix: ConfusionMatrix
    /// Images added so far.
    public private(set) var imageCount = 0
    /// Pixels skipped because their ground truth was `ignoreIndex`.
    public private(set) var ignoredPixels = 0

    /// An empty accumulator.
    /// - Precondition: `classCount >= 1`; `ignoreIndex`, if given, is not a class (`>= classCount` or negative).
    public init(classCount: Int, ignoreIndex: Int? = nil) {
        precondition(classCount >= 1, "segmentation needs at least one class")
        precondition(ignoreIndex.map { $0 < 0 || $0 >= classCount } ?? true,
                     "ignore index \(ignoreIndex ?? 0) is one of the \(classCount) classes")
        self.classCount = classCount
        self.ignoreIndex = ignoreIndex
        self.matrix = ConfusionMatrix(classCount: classCount)
    }

    /// Counts one image given as 16-bit class-index masks (PNG label images).
    /// - Throws: `SegmentationError` when the sizes differ or a pixel is outside `0..<K`
    ///   (and not an ignored ground truth); nothing is counted then.
    /// - Complexity: O(pixels).
    public mutating func add(groundTruth: [UInt16], prediction: [UInt16]) throws(SegmentationError) {
        try accumulate(groundTruth, prediction)
    }

    /// Counts one image given as 32-bit class-index masks.
    /// - Throws: as the `UInt16` variant (negative values are outside `0..<K` unless ignored).
    /// - Complexity: O(pixels).
    public mutating func add(groundTruth: [Int32], prediction: [Int32]) throws(SegmentationError) {
        try accumulate(groundTruth, prediction)
    }

    /// Counts one image given as class-index masks of the same size.
    /// - Throws: as `add(groundTruth:prediction:)` on arrays, or when the sizes differ.
    /// - Complexity: O(pixels).
    public mutating func add(groundTruth: ClassIndexMask, prediction: ClassIndexMask) throws(SegmentationError) {
        guard groundTruth.height == prediction.height, groundTruth.width == prediction.width else {
            throw SegmentationError(reason: "ground truth is \(groundTruth.height)×\(groundTruth.width), "
                + "prediction \(prediction.height)×\(prediction.width)")
        }
        try accumulate(groundTruth.classIndices, prediction.classIndices)
    }

    /// Adds the counts of another accumulator (to merge images counted in parallel).
    /// - Precondition: same class count and ignore index.
    /// - Complexity: O(K²).
    public mutating func merge(_ other: SegmentationConfusion) {
        precondition(other.classCount == classCount && other.ignoreIndex == ignoreIndex,
                     "merging segmentation counts with other classes or ignore index")
        matrix.add(other.matrix)
        imageCount += other.imageCount
        ignoredPixels += other.ignoredPixels
    }

    /// IoU, Dice and accuracies of the counts so far.
    public var metrics: SegmentationMetrics { SegmentationMetrics(confusion: matrix) }

    /// Counts pixels straight into the matrix in one pass; on a bad pixel, takes back the pixels
    /// already counted from this image (a second pass over them) and throws.
    private mutating func accumulate<Label: FixedWidthInteger>(_ truth: [Label], _ predicted: [Label]) throws(SegmentationError) {
        guard truth.count == predicted.count else {
            throw SegmentationError(reason: "ground truth has \(truth.count) pixels, prediction \(predicted.count)")
        }
        let k = classCount, ignoreIndex = ignoreIndex
        let ignore = ignoreIndex ?? -1
        var ignored = 0
        var failure: SegmentationError?
        truth.withUnsafeBufferPointer { t in
            predicted.withUnsafeBufferPointer { p in
                matrix.counts.withUnsafeMutableBufferPointer { table in
                    var i = 0
                    while i < t.count {
                        let g = Int(t[i]), q = Int(p[i])
                        if g == ignore {
                            ignored &+= 1
                        } else if g >= 0, g < k, q >= 0, q < k {
                            table[g &* k &+ q] &+= 1
                        } else {
                            failure = SegmentationError(pixel: i, reason: g >= 0 && g < k
                                ? "predicted class \(q) is not in 0..<\(k)"
                                : "ground-truth class \(g) is not in 0..<\(k)\(ignoreIndex.map { " nor the ignore index \($0)" } ?? "")")
                            break
                        }
                        i += 1
                    }
                    guard failure != nil else { return }
                    for j in 0..<i {
                        let g = Int(t[j])
                        if g != ignore { table[g &* k &+ Int(p[j])] &-= 1 }
                    }
                }
            }
        }
        if let failure { throw failure }
        imageCount += 1
        ignoredPixels += ignored
    }
}
