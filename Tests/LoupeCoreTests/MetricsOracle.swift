import Foundation
import LoupeCore

/// Runs `tests/oracles/sklearn_metrics_oracle.py` (scikit-learn 1.9.1 and NumPy) on a batch of
/// cases and decodes its answers. Python is `$LOUPE_PYTHON`; without it the calling test fails
/// with instructions (it never passes silently).
enum MetricsOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `../shared/data` beside the checkout.
    static let sharedData = PythonOracle.sharedData

    /// One answer per case, in order. Keys are snake_case on the wire (`trueLabels` ↔ `true_labels`).
    static func run<Case: Encodable, Answer: Decodable>(_ cases: [Case], as _: Answer.Type = Answer.self) throws -> [Answer] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data: Data
        do {
            data = try PythonOracle.run(script: "sklearn_metrics_oracle.py", input: try encoder.encode(Batch(cases: cases)),
                                        reference: "scikit-learn 1.9.1")
        } catch let failure as PythonOracle.Failure {
            throw Failure(description: failure.description)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Answer].self, from: data)
    }

    private struct Batch<C: Encodable>: Encodable {
        var cases: [C]
    }

    /// `|a - b| <= tolerance · max(1, |b|)`.
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// Both `nil`, or both present and close.
    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-12) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): close(a, b, tolerance)
        default: false
        }
    }
}
