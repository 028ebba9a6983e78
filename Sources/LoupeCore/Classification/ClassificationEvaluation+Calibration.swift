extension ClassificationEvaluation {
    /// Expected calibration error and reliability-diagram bins over the top-class confidence
    /// (see `CalibrationReport` for the exact binning); 15 bins by default.
    /// `nil` without probabilities or rows.
    /// - Complexity: O(n · K + binCount).
    public func calibration(binCount: Int = CalibrationReport.defaultBinCount) -> CalibrationReport? {
        guard let probabilities else { return nil }
        let top = probabilities.topClasses()
        let correct = zip(top, trueLabels).map { $0 == $1 }
        return CalibrationReport(confidences: probabilities.confidences(), correct: correct, binCount: binCount)
    }
}
