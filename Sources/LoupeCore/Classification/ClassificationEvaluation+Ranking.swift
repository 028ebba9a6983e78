extension ClassificationEvaluation {
    /// One-vs-rest ROC-AUC, as `sklearn.metrics.roc_auc_score(y, p, multi_class="ovr",
    /// labels=range(K))`: for each class `c`, the area under the ROC curve of the binary truth
    /// `y == c` ranked by `p[:, c]`, by the trapezoidal rule over the distinct score thresholds
    /// (tied scores form one step, so a tie between a positive and a negative counts one half).
    ///
    /// A class without positives or without negatives has no ROC curve: `nil` (scikit-learn returns
    /// NaN with a warning, which makes its macro average NaN). The macro and weighted averages here
    /// run over the defined classes only, so they equal scikit-learn's `average="macro"` and
    /// `average="weighted"` (weights = positives) whenever scikit-learn's are finite. For `K = 2`
    /// both classes are scored; scikit-learn's binary `roc_auc_score(y, p[:, 1])` equals the
    /// class-1 value (and the class-0 value too when `p[:, 0] = 1 - p[:, 1]`).
    ///
    /// `nil` without probabilities or rows.
    /// - Complexity: O(K · n log n).
    public var rocAUC: OneVsRestScores? {
        oneVsRest(.rocAUC)
    }

    /// One-vs-rest average precision, as `sklearn.metrics.average_precision_score` on the binary
    /// truth `y == c` and scores `p[:, c]`: `AP = Σ_t (R_t - R_{t-1}) · P_t` over the distinct score
    /// thresholds `t` from the highest down (precision weighted by the step in recall; no
    /// interpolation), with `R_{-1} = 0`. Tied scores form one threshold.
    ///
    /// A class without positives has no recall: `nil` (scikit-learn's binary call returns 0 with a
    /// warning, and its multiclass call refuses a class missing from `y_true`). The macro and
    /// weighted averages run over classes with positives, so they equal scikit-learn's
    /// `average_precision_score(y, p, average=…)` whenever every class occurs in the truth.
    ///
    /// `nil` without probabilities or rows.
    /// - Complexity: O(K · n log n).
    public var averagePrecision: OneVsRestScores? {
        oneVsRest(.averagePrecision)
    }

    private func oneVsRest(_ metric: OneVsRestScores.Metric) -> OneVsRestScores? {
        guard let probabilities, rowCount > 0 else { return nil }
        let positives = confusion.truthCounts
        var pairs = [(score: Double, positive: Bool)](repeating: (0, false), count: rowCount)
        var perClass: [Double?] = []
        for c in 0..<classCount {
            for row in 0..<rowCount {
                pairs[row] = (probabilities[row, c], trueLabels[row] == c)
            }
            pairs.sort { $0.score > $1.score }
            switch metric {
            case .rocAUC: perClass.append(Self.areaUnderROC(descending: pairs, positives: positives[c]))
            case .averagePrecision: perClass.append(Self.averagePrecision(descending: pairs, positives: positives[c]))
            }
        }
        return OneVsRestScores(metric: metric, perClass: perClass, positives: positives, rowCount: rowCount)
    }

    /// Trapezoidal area under the ROC curve of pairs sorted by descending score; ties are one step.
    private static func areaUnderROC(descending pairs: [(score: Double, positive: Bool)], positives: Int) -> Double? {
        let negatives = pairs.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        var tp = 0, fp = 0
        var area = 0.0
        var index = 0
        while index < pairs.count {
            let (previousTP, previousFP) = (tp, fp)
            let score = pairs[index].score
            while index < pairs.count, pairs[index].score == score {
                if pairs[index].positive { tp += 1 } else { fp += 1 }
                index += 1
            }
            // Twice the trapezoid between the two operating points, in counts (exact below 2⁵³).
            area += Double(fp - previousFP) * Double(tp + previousTP)
        }
        return area / (2 * Double(positives) * Double(negatives))
    }

    /// Step-wise average precision of pairs sorted by descending score; ties are one threshold.
    private static func averagePrecision(descending pairs: [(score: Double, positive: Bool)], positives: Int) -> Double? {
        guard positives > 0 else { return nil }
        let total = Double(positives)
        var tp = 0, seen = 0
        var sum = 0.0
        var index = 0
        while index < pairs.count {
            let previousTP = tp
            let score = pairs[index].score
            while index < pairs.count, pairs[index].score == score {
                if pairs[index].positive { tp += 1 }
                seen += 1
                index += 1
            }
            if tp > previousTP {
                sum += (Double(tp) / total - Double(previousTP) / total) * (Double(tp) / Double(seen))
            }
        }
        return sum
    }
}
