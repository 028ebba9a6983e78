extension COCOAccumulation {
    /// Per-category AP and AR (see `COCOCategoryMetrics`), one per K-axis entry in order.
    /// - Complexity: O(K · A · T · R).
    public func categoryMetrics() -> [COCOCategoryMetrics] {
        let m = parameters.maxDetections.count - 1
        let fifty = parameters.iouThresholds.firstIndex(of: 0.5)
        let seventyFive = parameters.iouThresholds.firstIndex(of: 0.75)
        let allThresholds = Array(parameters.iouThresholds.indices)
        return (0..<categoryCount).map { k in
            let areas = parameters.areaRanges.enumerated().map { a, range in
                COCOCategoryMetrics.AreaMetrics(
                    areaLabel: range.label, groundTruthCount: groundTruthCount(categoryIndex: k, areaIndex: a),
                    averagePrecision: meanPrecision(thresholds: allThresholds, k, a, m),
                    averageRecall: meanRecall(k, a, m))
            }
            return COCOCategoryMetrics(
                categoryID: parameters.useCategories ? categoryIDs[k] : nil,
                groundTruthCount: areas.first?.groundTruthCount ?? 0,
                averagePrecision: areas.first?.averagePrecision,
                averagePrecision50: fifty.flatMap { meanPrecision(thresholds: [$0], k, 0, m) },
                averagePrecision75: seventyFive.flatMap { meanPrecision(thresholds: [$0], k, 0, m) },
                averageRecall: areas.first?.averageRecall,
                areas: areas)
        }
    }

    /// The precision-recall curve of K-axis entry `categoryIndex` at the IoU threshold equal to
    /// `iouThreshold`, in area range `areaIndex` at the largest detection limit; `nil` when the
    /// threshold is not among `parameters.iouThresholds` or the category has no counted ground truth.
    /// - Complexity: O(R).
    public func precisionRecallCurve(categoryIndex k: Int, iouThreshold: Double,
                                     areaIndex a: Int = 0) -> COCOPrecisionRecallCurve? {
        let m = parameters.maxDetections.count - 1
        guard let t = parameters.iouThresholds.firstIndex(of: iouThreshold),
              groundTruthCount(categoryIndex: k, areaIndex: a) > 0 else { return nil }
        let levels = parameters.recallThresholds.indices
        return COCOPrecisionRecallCurve(
            categoryID: parameters.useCategories ? categoryIDs[k] : nil, iouThreshold: iouThreshold,
            areaLabel: parameters.areaRanges[a].label, maxDetections: parameters.maxDetections[m],
            recall: parameters.recallThresholds,
            precision: levels.map { precision(iouIndex: t, recallIndex: $0, categoryIndex: k, areaIndex: a, maxDetectionsIndex: m)! },
            scores: levels.map { score(iouIndex: t, recallIndex: $0, categoryIndex: k, areaIndex: a, maxDetectionsIndex: m)! })
    }

    /// The curves at IoU 0.5 and 0.75 (area range `all`) of every category that has ground truth,
    /// in K order, 0.5 before 0.75.
    /// - Complexity: O(K · R).
    public func precisionRecallCurves(iouThresholds: [Double] = [0.5, 0.75]) -> [COCOPrecisionRecallCurve] {
        (0..<categoryCount).flatMap { k in
            iouThresholds.compactMap { precisionRecallCurve(categoryIndex: k, iouThreshold: $0) }
        }
    }

    /// Mean of `precision[t, r, k, a, m]` over the given `t` and every `r`, in that order.
    private func meanPrecision(thresholds: [Int], _ k: Int, _ a: Int, _ m: Int) -> Double? {
        guard groundTruthCount(categoryIndex: k, areaIndex: a) > 0 else { return nil }
        var values: [Double] = []
        values.reserveCapacity(thresholds.count * parameters.recallThresholds.count)
        for t in thresholds {
            for r in parameters.recallThresholds.indices {
                values.append(precision(iouIndex: t, recallIndex: r, categoryIndex: k, areaIndex: a, maxDetectionsIndex: m)!)
            }
        }
        return NumPyArithmetic.mean(values)
    }

    /// Mean of `recall[t, k, a, m]` over every `t`.
    private func meanRecall(_ k: Int, _ a: Int, _ m: Int) -> Double? {
        guard groundTruthCount(categoryIndex: k, areaIndex: a) > 0 else { return nil }
        return NumPyArithmetic.mean(parameters.iouThresholds.indices.map {
            recall(iouIndex: $0, categoryIndex: k, areaIndex: a, maxDetectionsIndex: m)!
        })
    }
}
