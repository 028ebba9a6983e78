extension ProbabilityMatrix {
    /// Probabilities computed here (each in `[0, 1]` by construction), clamped against rounding.
    init(probabilities values: [Double], rows: Int, classes: Int) {
        // A softmax output is in [0, 1] up to rounding; the checked initializer cannot fail on it.
        self = try! ProbabilityMatrix(rows: rows, classes: classes, values: values.map { min(1, max(0, $0)) })
    }
}
