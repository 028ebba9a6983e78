/// The evaluate step's result: for every image and category, which detections matched which
/// ground truth at each IoU threshold and area range (pycocotools' `evalImgs`), kept compactly
/// per category so that accumulation can run many times (for a bootstrap) without matching again.
///
/// Axes: I = `imageIDs` (ascending), K = `categoryIDs` (ascending), or one pooled entry when
/// `parameters.useCategories` is `false`.
public struct COCOEvaluation: Sendable {
    /// The settings used, `maxDetections` ascending.
    public let parameters: COCOEvaluationParameters
    /// The evaluated images, ascending: the I axis.
    public let imageIDs: [Int]
    /// The evaluated categories, ascending: the K axis when categories are used.
    public let categoryIDs: [Int]
    /// One table per K-axis entry.
    let tables: [COCOCategoryTable]

    init(parameters: COCOEvaluationParameters, imageIDs: [Int], categoryIDs: [Int], tables: [COCOCategoryTable]) {
        self.parameters = parameters
        self.imageIDs = imageIDs
        self.categoryIDs = categoryIDs
        self.tables = tables
    }

    /// The length of the K axis: `categoryIDs.count`, or 1 when categories are pooled.
    public var categoryCount: Int { tables.count }

    /// The number of (image, category) cells that have ground truth or detections.
    public var cellCount: Int { tables.reduce(0) { $0 + $1.cellCount } }

    /// pycocotools' `accumulate()` over every evaluated image.
    /// - Complexity: O(K · M · (N_k + A · T · (N_k + R log N_k))) for N_k kept detections per category.
    public func accumulate() -> COCOAccumulation {
        accumulate(multiplicities: nil)
    }

    /// `accumulate()` over a multiset of images, for a bootstrap over images: `imageIndices` are
    /// positions in `imageIDs` and may repeat (order does not matter). The result equals
    /// pycocotools' on a dataset holding each drawn image as many times as it was drawn, the copies
    /// given adjacent ids in ascending image order. No matching is run again.
    /// - Precondition: every index is in `imageIDs.indices`.
    /// - Complexity: as `accumulate()`, plus O(`imageIndices.count`).
    public func accumulate(imageIndices: [Int]) -> COCOAccumulation {
        var multiplicities = [Int](repeating: 0, count: imageIDs.count)
        for index in imageIndices {
            precondition(imageIDs.indices.contains(index), "image index \(index) is outside 0..<\(imageIDs.count)")
            multiplicities[index] += 1
        }
        return accumulate(imageMultiplicities: multiplicities)
    }

    /// `accumulate()` where image `i` counts `imageMultiplicities[i]` times (0 leaves it out).
    /// - Precondition: one non-negative multiplicity per image.
    /// - Complexity: as `accumulate()`.
    public func accumulate(imageMultiplicities: [Int]) -> COCOAccumulation {
        precondition(imageMultiplicities.count == imageIDs.count, "one multiplicity per evaluated image")
        precondition(imageMultiplicities.allSatisfy { $0 >= 0 && $0 <= Int(Int32.max) }, "multiplicities must be non-negative")
        return accumulate(multiplicities: imageMultiplicities.map { Int32($0) })
    }

    private func accumulate(multiplicities: [Int32]?) -> COCOAccumulation {
        let parts = ConcurrentMap.map(count: tables.count) { k in
            tables[k].accumulate(parameters: parameters, multiplicities: multiplicities)
        }
        return COCOAccumulation(parameters: parameters, categoryIDs: categoryIDs, parts: parts)
    }
}
