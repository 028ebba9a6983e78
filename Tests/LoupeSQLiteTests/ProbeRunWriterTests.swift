import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite
import Testing

/// `ProbeRunWriter`: a probe trained on a space and written as a run that can be evaluated.
@Suite("probe runs")
struct ProbeRunWriterTests {
    /// 40 rows in two noisy 3-D classes (`a` near x, `b` near y), the first 24 labeled; space `emb`.
    static func build(_ store: SQLiteStore) async throws -> (keys: [String], features: RowMajorMatrix, labels: [Int?]) {
        var generator = SplitMix64(seed: 11)
        var keys: [String] = [], values: [Float] = [], labels: [Int?] = []
        var annotations: [AnnotationSpec] = []
        for index in 0..<40 {
            let key = String(format: "r%02d", index)
            let label = index % 2
            let noise = { Float(generator.nextUnitInterval() - 0.5) * 1.6 }
            values += label == 0 ? [1 + noise(), noise(), noise()] : [noise(), 1 + noise(), noise()]
            keys.append(key)
            labels.append(index < 24 ? label : nil)
            if index < 24 { annotations.append(AnnotationSpec(rowKey: key, className: label == 0 ? "a" : "b", geometry: .none)) }
        }
        _ = try await store.apply(ImportBatch(source: "probe", classes: [ClassSpec(name: "a"), ClassSpec(name: "b")],
                                              rows: keys.map { DataRow(key: $0, split: "train") }, annotations: annotations,
                                              embeddings: EmbeddingSet(spaceName: "emb", rowKeys: keys,
                                                                       vectors: RowMajorMatrix(rows: 40, columns: 3, values: values))),
                                  toDataset: "toy", options: ImportOptions())
        return (keys, RowMajorMatrix(rows: 40, columns: 3, values: values), labels)
    }

    @Test("the run has a snapshot of the labeled rows, a probability vector for every row equal to SoftmaxRegression.probe (out-of-fold on labeled rows), its config, and an evaluation")
    func writesRun() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let (keys, features, labels) = try await Self.build(store)
        let report = try await ProbeRunWriter(store: store).write(ProbeRequest(dataset: "toy", space: "emb", run: "p1", l2: 0.5, folds: 4, seed: 3))
        #expect(report.predictedRows == 40 && report.labeledRows == 24 && report.snapshotRows == 24)
        #expect(report.labelCounts == ["a": 12, "b": 12] && report.model == "probe")
        let expected = try SoftmaxRegression.probe(features: features, labels: labels, classCount: 2, l2: 0.5, folds: 4, seed: 3)
        let (model, run) = try #require(try await store.runs(matching: "probe/p1").first)
        #expect(model.task == .classification)
        let dataset = try #require(try await store.dataset(named: "toy"))
        let predictions = try await Page.all { try await store.predictions(runID: run.id, page: $0) }
        let keyOf = try await store.keys(datasetID: dataset.id, rowIDs: predictions.map(\.rowID))
        #expect(predictions.count == 40)
        let classes = try await store.classes(datasetID: dataset.id).sorted { $0.ordinal < $1.ordinal }
        for prediction in predictions {
            let index = try #require(keys.firstIndex(of: keyOf[prediction.rowID]!))
            let vector = try #require(prediction.probabilities)
            for c in 0..<2 { #expect(abs(Double(vector[c]) - expected.probabilities[index, c]) < 1e-6, "\(keys[index]) class \(c)") }
            let top = expected.probabilities[index, 1] > expected.probabilities[index, 0] ? 1 : 0
            #expect(prediction.classID == classes[top].id && abs(prediction.score! - expected.probabilities[index, top]) < 1e-12)
        }
        // Labeled rows carry out-of-fold probabilities: the cross-validated ones, not the final fit's.
        let training = RowMajorMatrix(rows: 24, columns: 3, values: Array(features.values[0..<72]))
        let outOfFold = try SoftmaxRegression.crossValidatedProbabilities(features: training, labels: labels.prefix(24).map { $0! },
                                                                          classCount: 2, l2: 0.5, folds: 4, seed: 3)
        for index in 0..<24 { #expect(abs(expected.probabilities[index, 0] - outOfFold[index, 0]) < 1e-12) }
        let snapshot = try await Page.all { try await store.snapshot(runID: run.id, page: $0) }
        #expect(snapshot.count == 24 && snapshot.allSatisfy { $0.split == "train" && $0.labelVersion == 1 })
        let config = try #require(try JSONSerialization.jsonObject(with: Data(run.configJSON.utf8)) as? [String: Any])
        #expect(config["space"] as? String == "emb" && config["l2"] as? Double == 0.5 && config["folds"] as? Int == 4 && config["seed"] as? Int == 3)
        #expect(config["label_counts"] as? [String: Int] == ["a": 12, "b": 12] && config["kind"] as? String == "probe")
        // Evaluated like any run: accuracy of the out-of-fold top classes on the 24 labeled rows.
        let evaluation = try await RunEvaluator(store: store).evaluate(model: model, run: run, dataset: "toy",
                                                                      options: RunEvaluationOptions(resamples: 0), replace: false)
        let correct = (0..<24).filter { (expected.probabilities[$0, 1] > expected.probabilities[$0, 0] ? 1 : 0) == labels[$0]! }.count
        let accuracy = try #require(evaluation.summary.first { $0.name == "accuracy" }?.value)
        #expect(abs(accuracy - Double(correct) / 24) < 1e-12 && correct > 12)
    }

    @Test("refusals: an existing run name, a model of another task, an unknown space, too few labeled rows, bad numbers")
    func refusals() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        _ = try await Self.build(store)
        let writer = ProbeRunWriter(store: store)
        _ = try await writer.write(ProbeRequest(dataset: "toy", space: "emb", run: "p1"))
        func failure(_ request: ProbeRequest) async -> String? {
            do {
                _ = try await writer.write(request)
                return nil
            } catch let error as RequestFieldError {
                return "\(error.field) \(error.code)"
            } catch {
                return "\(error)"
            }
        }
        #expect(await failure(ProbeRequest(dataset: "toy", space: "emb", run: "p1")) == "run already_exists")
        _ = try await store.createModel(named: "boxes", task: .detection)
        #expect(await failure(ProbeRequest(dataset: "toy", space: "emb", run: "p2", model: "boxes")) == "model invalid")
        #expect(await failure(ProbeRequest(dataset: "toy", space: "nope", run: "p2")) == "space not_found")
        #expect(await failure(ProbeRequest(dataset: "nope", space: "emb", run: "p2")) == "dataset not_found")
        #expect(await failure(ProbeRequest(dataset: "toy", space: "emb", run: "p2", l2: 0)) == "l2 invalid")
        #expect(await failure(ProbeRequest(dataset: "toy", space: "emb", run: "p2", folds: 1)) == "folds invalid")
        let other = try await store.createEmbeddingSpace(named: "sparse", dimension: 3, sourceRunID: nil)
        let dataset = try #require(try await store.dataset(named: "toy"))
        let first = try #require(try await store.row(datasetID: dataset.id, key: "r00")?.id)
        try await store.upsertEmbeddings([Embedding(spaceID: other.id, rowID: first, vector: [1, 0, 0])])
        #expect(await failure(ProbeRequest(dataset: "toy", space: "sparse", run: "p2")) == "space invalid")
        // Nothing was written by the refusals: the probe model has one run.
        let probe = try #require(try await store.models().first { $0.name == "probe" })
        #expect(try await store.runs(modelID: probe.id).map(\.name) == ["p1"])
    }
}
