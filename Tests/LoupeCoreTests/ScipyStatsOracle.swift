import Foundation

/// Runs `tests/oracles/scipy_stats_oracle.py` (SciPy 1.17 and NumPy) on a batch of cases through
/// `PythonOracle`; without `LOUPE_PYTHON` the calling test fails with instructions.
enum ScipyStatsOracle {
    /// One case; the oracle reads the keys its `kind` needs (see the script's header).
    struct Case: Encodable {
        var kind: String
        var b: Int?
        var c: Int?
        var x: [Double]?
        var y: [Double]?
        var point: Double?
        var alpha: Double?
        var beta: Double?
        var resamples: [[Int]]?
        var q: [Double]?
        var metric: [Double?]?
        var labels: [String?]?
        var numbers: [Double?]?
        var minSize: Int?
        var rho: Double?
        var n: Int?

        static func mcnemar(b: Int, c: Int) -> Case { Case(kind: "mcnemar", b: b, c: c) }
        static func betainc(x: Double, a: Double, b: Double) -> Case { Case(kind: "betainc", point: x, alpha: a, beta: b) }
        static func spearman(_ x: [Double], _ y: [Double]) -> Case { Case(kind: "spearman", x: x, y: y) }
        static func tPValue(rho: Double, n: Int) -> Case { Case(kind: "t_pvalue", rho: rho, n: n) }
        static func spearmanBootstrap(_ x: [Double], _ y: [Double], resamples: [[Int]], q: [Double]) -> Case {
            Case(kind: "spearman_bootstrap", x: x, y: y, resamples: resamples, q: q)
        }
        static func categorical(metric: [Double?], labels: [String?], minSize: Int) -> Case {
            Case(kind: "categorical", metric: metric, labels: labels, minSize: minSize)
        }
        static func numeric(metric: [Double?], numbers: [Double?]) -> Case {
            Case(kind: "numeric", metric: metric, numbers: numbers)
        }
    }

    /// Every key any kind answers with; each answer fills its own.
    struct Answer: Decodable {
        var p: Double?
        var pBinomtest: Double?
        var value: Double?
        var rho: Double?
        var ranks: [Double]?
        var lower: Double?
        var upper: Double?
        var valid: Int?
        var groups: [Group]?
        var support: Int?
        var etaSquared: Double?
        var adjusted: Double?
    }

    /// A categorical group: `value` is `nil` for the pool of rare values.
    struct Group: Decodable {
        var value: String?
        var rareValues: Int
        var size: Int
        var mean: Double
    }

    /// One answer per case, in order.
    static func run(_ cases: [Case]) throws -> [Answer] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try PythonOracle.run(script: "scipy_stats_oracle.py", input: try encoder.encode(["cases": cases]),
                                        reference: "SciPy 1.17")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Answer].self, from: data)
    }

    /// `a` equals `b` to `tolerance` relative to `|b|`; exact equality covers zeros.
    static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        a == b || abs(a - b) <= tolerance * abs(b)
    }

    /// Both `nil`, or both present and relatively close.
    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): close(a, b, tolerance)
        default: false
        }
    }
}
