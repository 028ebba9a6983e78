import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite

/// A hand-built classification dataset for selection tests, with answers known by hand.
///
/// Dataset `pets` (classes cat, dog, bird): labeled rows `l0` (cat) and `l1` (dog); unlabeled rows
/// `u0…u4`. Run `clf/r1` predicts every row but `u4` with the probabilities below; space `feat`
/// (2-D) has a vector for every row.
enum SelectionFixture {
    /// The probabilities of `clf/r1` on the unlabeled rows (cat, dog, bird).
    static let probabilities: [String: [Double]] = [
        "u0": [0.5, 0.45, 0.05], "u1": [0.05, 0.9, 0.05], "u2": [0.3, 0.4, 0.3], "u3": [0.33, 0.33, 0.34],
    ]
    /// The vectors of space `feat`.
    static let vectors: [String: [Float]] = [
        "l0": [1, 0], "l1": [0, 1], "u0": [1, 0.05], "u1": [0.1, 1], "u2": [1, 1], "u3": [-1, 0.1], "u4": [0.5, 0.4],
    ]
    static let keys = ["l0", "l1", "u0", "u1", "u2", "u3", "u4"]

    /// Writes the dataset, the run and the space into `store`.
    static func build(_ store: SQLiteStore) async throws {
        let classes = ["cat", "dog", "bird"].map { ClassSpec(name: $0) }
        let rows = keys.map { DataRow(key: $0, split: $0.hasPrefix("l") ? "train" : nil) }
        let annotations = [AnnotationSpec(rowKey: "l0", className: "cat", geometry: .none),
                           AnnotationSpec(rowKey: "l1", className: "dog", geometry: .none)]
        _ = try await store.apply(ImportBatch(source: "pets", classes: classes, rows: rows, annotations: annotations),
                                  toDataset: "pets", options: ImportOptions())
        var labeledProbabilities = probabilities
        labeledProbabilities["l0"] = [0.8, 0.1, 0.1]
        labeledProbabilities["l1"] = [0.1, 0.8, 0.1]
        let predictions = labeledProbabilities.keys.sorted().map { key in
            let p = labeledProbabilities[key]!
            let top = p.indices.max { p[$0] < p[$1] }!
            return PredictionSpec(rowKey: key, className: classes[top].name, geometry: .none, score: p[top], probabilities: p.map(Float.init))
        }
        _ = try await store.apply(ImportBatch(source: "r1", predictions: predictions, probabilityClasses: classes.map(\.name)),
                                  toDataset: "pets", options: ImportOptions(modelName: "clf", modelTask: .classification, runName: "r1"))
        try await addSpace("feat", vectors, dataset: "pets", store)
    }

    /// A space of `vectors` by row key of `dataset`.
    static func addSpace(_ name: String, _ vectors: [String: [Float]], dataset: String, _ store: SQLiteStore) async throws {
        let keys = vectors.keys.sorted()
        _ = try await store.apply(ImportBatch(source: name, embeddings: EmbeddingSet(
            spaceName: name, rowKeys: keys, vectors: RowMajorMatrix(rows: keys.count, columns: vectors[keys[0]]!.count,
                                                                   values: keys.flatMap { vectors[$0]! }))),
                                  toDataset: dataset, options: ImportOptions())
    }

    /// `1 − (p₁ − p₂)` of a probability vector.
    static func margin(_ p: [Double]) -> Double {
        let sorted = p.sorted(by: >)
        return 1 - (sorted[0] - sorted[1])
    }

    /// The cosine similarity of two vectors, in double precision.
    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let na = a.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot(), nb = b.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        return dot / (na * nb)
    }
}
