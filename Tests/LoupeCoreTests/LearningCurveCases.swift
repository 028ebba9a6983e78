import Foundation
import LoupeCore

/// Seeded learning-curve cases and the `tests/oracles/curve_fit_oracle.py` runner
/// (`scipy.optimize.curve_fit` with the same model and bounds).
enum LearningCurveCases {
    /// One random case: points drawn around a known curve.
    struct Case {
        var truth: LearningCurve.Parameters
        var points: [LearningCurvePoint]
        var noise: Double
        var bounded: Bool
        var unitWeights: Bool
    }

    /// A standard normal draw (Box–Muller on `SplitMix64`'s own unit draws).
    static func normal(_ g: inout SplitMix64) -> Double {
        let u = 1 - g.nextUnitInterval(), v = g.nextUnitInterval()
        return sqrt(-2 * log(u)) * cos(2 * Double.pi * v)
    }

    /// `ceiling − scale·n^(−exponent)` plus Gaussian noise, one point per count.
    static func noisyPoints(_ truth: LearningCurve.Parameters, counts: [Int], noise: Double, seed: UInt64) -> [LearningCurvePoint] {
        var g = SplitMix64(seed: seed)
        return counts.map { LearningCurvePoint(labelCount: $0, metric: truth.metric(at: Double($0)) + noise * normal(&g)) }
    }

    /// 3–8 geometrically spaced counts from 10–500 (ratio 1.5–4), sometimes one repeated;
    /// ceiling 0.4–0.99, exponent 0.2–1.5, a gap of 0.05–0.5 below the ceiling at the smallest count;
    /// noise 0 (two cases in five), 0.002, 0.01 or 0.03; random weights in half the cases; bounded in 4 of 5.
    static func random(seed: UInt64) -> Case {
        var g = SplitMix64(seed: seed)
        let distinct = 3 + g.nextIndex(below: 6)
        let smallest = exp(log(10.0) + g.nextUnitInterval() * log(50.0))
        let ratio = 1.5 + 2.5 * g.nextUnitInterval()
        var counts = (0..<distinct).map { Int((smallest * pow(ratio, Double($0))).rounded()) }
        if g.nextIndex(below: 10) < 3 { counts.append(counts[g.nextIndex(below: counts.count)]) }
        let exponent = 0.2 + 1.3 * g.nextUnitInterval()
        let scale = (0.05 + 0.45 * g.nextUnitInterval()) * pow(Double(counts[0]), exponent)
        let truth = LearningCurve.Parameters(ceiling: 0.4 + 0.59 * g.nextUnitInterval(), scale: scale, exponent: exponent)
        let noise = [0, 0, 0.002, 0.01, 0.03][g.nextIndex(below: 5)]
        let unitWeights = g.nextIndex(below: 2) == 0
        let bounded = g.nextIndex(below: 5) != 0
        var points = noisyPoints(truth, counts: counts, noise: noise, seed: g.next())
        if !unitWeights {
            for i in points.indices { points[i].weight = 0.5 + 1.5 * g.nextUnitInterval() }
        }
        return Case(truth: truth, points: points, noise: noise, bounded: bounded, unitWeights: unitWeights)
    }

    struct FitCase: Encodable {
        var kind = "fit"
        var n: [Int]
        var y: [Double]
        var w: [Double]?
        var bounded: Bool
        var predictAt: [Double]
    }

    struct FitAnswer: Decodable {
        var params: [Double]
        var rss: Double
        var pcov: [[Double]]?
        var predictions: [Double]
    }

    struct QuantileCase: Encodable {
        var kind = "t"
        var p: Double
        var dof: Double
    }

    struct QuantileAnswer: Decodable {
        var quantile: Double
    }

    /// The oracle's answers, one per case, in order.
    static func oracle<C: Encodable, A: Decodable>(_ cases: [C], as _: A.Type) throws -> [A] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try PythonOracle.run(script: "curve_fit_oracle.py", input: try encoder.encode(Batch(cases: cases)),
                                        reference: "scipy 1.17 (scipy.optimize.curve_fit)")
        return try JSONDecoder().decode([A].self, from: data)
    }

    private struct Batch<C: Encodable>: Encodable {
        var cases: [C]
    }

    /// The oracle case for a random case, predicting at every count and at 2× and 4× the largest.
    static func fitCase(_ c: Case) -> FitCase {
        let largest = Double(c.points.map(\.labelCount).max()!)
        return FitCase(n: c.points.map(\.labelCount), y: c.points.map(\.metric), w: c.unitWeights ? nil : c.points.map(\.weight),
                       bounded: c.bounded, predictAt: c.points.map { Double($0.labelCount) } + [2 * largest, 4 * largest])
    }
}
