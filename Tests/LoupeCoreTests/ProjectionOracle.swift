import Foundation

/// Runs `tests/oracles/projection_oracle.py` (scikit-learn 1.9.1, umap-learn 0.5.12) or
/// `tests/oracles/clustering_oracle.py` (scikit-learn 1.9.1) on a batch of cases and decodes the
/// answers; keys are snake_case on the wire. Without `$LOUPE_PYTHON` the calling test fails with
/// instructions.
enum ProjectionOracle {
    /// One case of either script; absent fields are not sent.
    struct Case: Encodable, Sendable {
        var kind: String
        var x: [Float]?
        var rows: Int?
        var columns: Int?
        var components: Int?
        var spread: Double?
        var minDist: Double?
        var k: Int?
        var indices: [Int32]?
        var distances: [Float]?
        var row: [Int32]?
        var col: [Int32]?
        var data: [Float]?
        var y: [Int]?
        var embedding: [Float]?
        var nNeighbors: Int?
        var nEpochs: Int?
        var seed: Int?
        var trustK: Int?
        var nInit: Int?
        var seeds: [Int]?
        var labels: [Int32]?
        var truth: [Int]?

        init(kind: String) { self.kind = kind }
    }

    /// The answers of `script` to `cases`, in order.
    static func run<Answer: Decodable>(_ cases: [Case], script: String = "projection_oracle.py",
                                       reference: String = "scikit-learn 1.9.1 and umap-learn 0.5.12",
                                       as _: Answer.Type = Answer.self) throws -> [Answer] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let output = try PythonOracle.run(script: script, input: try encoder.encode(Batch(cases: cases)), reference: reference)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Answer].self, from: output)
    }

    private struct Batch: Encodable {
        var cases: [Case]
    }

    struct Digits: Decodable {
        var x: [Float]
        var rows: Int
        var columns: Int
        var y: [Int]
    }

    /// scikit-learn's digits (1,797 × 64, ten classes), loaded once.
    static func digits() throws -> Digits {
        try run([Case(kind: "digits")], reference: "scikit-learn 1.9.1", as: Digits.self)[0]
    }
}
