/// The benchmark's JSON output for one dataset.
struct BenchmarkReport: Codable {
    /// Test scores of one fitted probe.
    struct Scores: Codable {
        var accuracy: Double
        var macroF1: Double
    }

    /// The probe trained on the whole training pool.
    struct FullData: Codable {
        var scores: Scores
        /// The final mean objective (`SoftmaxRegression.objective`).
        var objective: Double
        var iterations: Int
        var converged: Bool
        var seconds: Double
    }

    /// One strategy and seed: test scores after each round.
    struct Curve: Codable {
        var strategy: String
        var seed: UInt64
        var labels: [Int]
        var accuracy: [Double]
        var macroF1: [Double]
        /// Rounds whose fit stopped at the iteration cap or on a failed line search.
        var unconverged: Int
        var seconds: Double
    }

    var dataset: String
    var trainRows: Int
    var testRows: Int
    var features: Int
    var classes: Int
    var l2: Double
    var metric: String
    var initial: Int
    var batch: Int
    var budget: Int
    var clusters: Int
    var full: FullData
    var curves: [Curve]
    var seconds: Double
}
