import Foundation
import LoupeCore

/// Trains a probe model on an embedding space with a dataset's current classification labels and
/// writes it as a new classification run: `loupe probe` and `POST /datasets/{dataset}/probe-runs`.
///
/// - **Labels** are the rows' current ground truth: a whole-row annotation (no geometry) with a
///   class, as `loupe import jsonl` writes a `label`; when a row has several, the last by id wins,
///   as in a classification evaluation. Rows without one are unlabeled for the probe.
/// - **Features** are the space's whole-row vectors of the dataset's rows, as stored.
/// - **The model** is `SoftmaxRegression` with `l2`: labeled rows get out-of-fold probabilities from
///   `folds`-fold stratified cross-validation (seeded), every other row with a vector gets the
///   probabilities of the model fitted on all labeled rows (`SoftmaxRegression.probe`).
/// - **The run** is written as a run import would be: `RunRecorder` records it with its snapshot
///   (every labeled row, its split and label version), then `Store.apply` writes one prediction
///   per row with a vector (the top class, ties to the lower ordinal; its probability as the score;
///   the full probability vector). Its config records the space, `l2`, folds, seed, label counts
///   and how the fit ended. If writing the predictions fails, the run is deleted again.
///
/// The run can then be evaluated, compared and used by selection like any imported run.
public struct ProbeRunWriter<S: Store>: Sendable {
    /// The store read and written.
    public let store: S

    /// A writer over `store`.
    public init(store: S) {
        self.store = store
    }

    /// Trains the probe and writes the run.
    /// - Parameter phase: called as the work moves on ("reading", "training", "writing").
    /// - Throws: `RequestFieldError` for an unknown dataset or space, a taken run name, a model of
    ///   another task, fewer than 2 classes or labeled rows with vectors, or a fit that fails.
    public func write(_ request: ProbeRequest, phase: (@Sendable (String) -> Void)? = nil) async throws -> ProbeRunReport {
        try request.validate()
        guard let dataset = try await store.dataset(named: request.dataset) else {
            throw RequestFieldError.notFound("dataset", "no dataset '\(request.dataset)'")
        }
        guard let space = try await store.embeddingSpaces().first(where: { $0.name == request.space }) else {
            throw RequestFieldError.notFound("space", "no embedding space '\(request.space)'")
        }
        if let model = try await store.models().first(where: { $0.name == request.model }) {
            guard model.task == .classification else {
                throw RequestFieldError.invalid("model", "model '\(model.name)' is a \(model.task.rawValue) model: a probe writes classification runs")
            }
            if try await store.runs(modelID: model.id).contains(where: { $0.name == request.run }) {
                throw RequestFieldError.alreadyExists("run", "model '\(model.name)' already has a run '\(request.run)': choose a new run name")
            }
        }
        phase?("reading \(space.name) and the labels of \(dataset.name)")
        let classes = try await store.classes(datasetID: dataset.id).sorted { $0.ordinal < $1.ordinal }
        guard classes.count >= 2 else {
            throw RequestFieldError.invalid("dataset", "dataset '\(dataset.name)' has \(classes.count) classes: a probe needs at least 2")
        }
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.id, $0) })
        var labelOf: [Int64: Int] = [:]
        for annotation in try await Page.all({ try await store.annotations(datasetID: dataset.id, allVersions: false, page: $0) }) {
            guard case .none = annotation.geometry, let classID = annotation.classID, let index = classIndex[classID] else { continue }
            labelOf[annotation.rowID] = index
        }
        let entries = try await store.embeddingEntries(spaceID: space.id).filter { $0.objectID == nil && $0.datasetID == dataset.id }
        let labels = entries.map { labelOf[$0.rowID] }
        let labeledCount = labels.count(where: { $0 != nil })
        guard labeledCount >= 2 else {
            throw RequestFieldError.invalid("space", "a probe needs at least 2 rows with a class label and a vector in space "
                + "'\(space.name)'; dataset '\(dataset.name)' has \(labeledCount) (of \(labelOf.count) labeled rows, \(entries.count) vectors)")
        }
        let features = try await store.embeddingVectors(spaceID: space.id, ids: entries.map(\.id))
        phase?("training on \(labeledCount) labeled rows, \(request.folds)-fold")
        let (k, l2, folds, seed) = (classes.count, request.l2, request.folds, request.seed)
        let probe: SoftmaxRegression.ProbePredictions
        do {
            probe = try await BlockingWork.run {
                try SoftmaxRegression.probe(features: features, labels: labels, classCount: k, l2: l2, folds: folds, seed: seed)
            }
        } catch let error as ProbeModelError {
            throw RequestFieldError.invalid("space", "the probe cannot be fitted: \(error)")
        }
        var counts = [Int](repeating: 0, count: k)
        for label in labels { if let label { counts[label] += 1 } }
        let labelCounts = Dictionary(uniqueKeysWithValues: zip(classes.map(\.name), counts))
        let config = Config(space: space.name, dataset: dataset.name, l2: l2, folds: folds, seed: seed, labelCounts: labelCounts,
                            labeledRows: labeledCount, predictedRows: entries.count, converged: probe.model.converged,
                            iterations: probe.model.iterations, objective: probe.model.objective)
        phase?("writing \(entries.count) predictions")
        let snapshotRows = try await writeRun(request, config: config, entries: entries, classes: classes,
                                              probabilities: probe.probabilities, dataset: dataset)
        return ProbeRunReport(model: request.model, run: request.run, dataset: dataset.name, space: space.name,
                              predictedRows: entries.count, labeledRows: labeledCount, labelCounts: labelCounts,
                              snapshotRows: snapshotRows, converged: probe.model.converged, iterations: probe.model.iterations)
    }

    /// The run's config, as recorded.
    struct Config: Encodable {
        var kind = "probe"
        var method = "softmax_regression"
        var space: String
        var dataset: String
        var l2: Double
        var folds: Int
        var seed: UInt64
        var labelCounts: [String: Int]
        var labeledRows: Int
        var predictedRows: Int
        var converged: Bool
        var iterations: Int
        var objective: Double
    }

    /// Records the run with its snapshot, then its predictions; returns the snapshot's size.
    private func writeRun(_ request: ProbeRequest, config: Config, entries: [EmbeddingEntry], classes: [LabelClass],
                          probabilities: ProbabilityMatrix, dataset: Dataset) async throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let configJSON = String(decoding: try encoder.encode(config), as: UTF8.self)
        let recording: RunRecorder<S>.Recording
        do {
            recording = try await RunRecorder(store: store).record(model: request.model, task: .classification, run: request.run,
                                                                   configJSON: configJSON, dataset: dataset.name)
        } catch let error as StoreError where error.code == "already_exists" {
            throw RequestFieldError.alreadyExists("run", error.message)
        }
        let keys = try await store.keys(datasetID: dataset.id, rowIDs: entries.map(\.rowID))
        let k = classes.count
        let top = probabilities.topClasses()
        let predictions = entries.enumerated().map { index, entry in
            PredictionSpec(rowKey: keys[entry.rowID] ?? "", className: classes[top[index]].name, geometry: .none,
                           score: probabilities[index, top[index]],
                           probabilities: (0..<k).map { Float(probabilities[index, $0]) })
        }
        let batch = ImportBatch(source: "probe on space '\(config.space)'", predictions: predictions, probabilityClasses: classes.map(\.name))
        do {
            _ = try await store.apply(batch, toDataset: dataset.name,
                                      options: ImportOptions(modelName: request.model, modelTask: .classification, runName: request.run,
                                                             runConfigJSON: configJSON))
        } catch {
            // A run without its predictions would mislead every later evaluation.
            if let match = (try? await store.runs(matching: "\(request.model)/\(request.run)"))?.first {
                _ = try? await store.deleteRun(id: match.1.id)
            }
            throw error
        }
        return recording.snapshotRows
    }
}
