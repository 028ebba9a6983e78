import Foundation
import LoupeCatalog

extension ServerWorkspace {
    /// voc100 with `baseline` evaluated and the data of `addRunAnalysisData()`.
    static let analysisVOC100: Task<ServerWorkspace, any Error> = Task {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        _ = try await workspace.evaluateBaseline()
        try await workspace.addRunAnalysisData()
        return workspace
    }

    /// What the analysis endpoints read, on voc100's `baseline`: a snapshot (the first 60 rows by
    /// id in `train`, the rest in `test`), custom metrics (run `latency_ms` 12.5, class `f2` of
    /// `person` 0.8, row `loss` = row position / 100 on every row) and an embedding space
    /// `voc-vectors` (dimension 4, from `baseline`) on the first 10 rows, with its PCA layout.
    func addRunAnalysisData() async throws {
        let dataset = try await store.dataset(named: "voc100")!
        let rows = try await Page.all { try await store.rows(datasetID: dataset.id, page: $0) }
        let run = try await store.runs(matching: "voc-detector/baseline")[0].1
        try await store.addToSnapshot(runID: run.id, rows: rows.enumerated().map { ($1.id!, $0 < 60 ? "train" : "test") })
        var metrics = [CustomMetricValue(name: "latency_ms", scope: .run, value: 12.5),
                       CustomMetricValue(name: "f2", scope: .classNamed("person"), value: 0.8)]
        metrics += rows.enumerated().map { CustomMetricValue(name: "loss", scope: .row($1.key), value: Double($0) / 100) }
        try await store.setCustomMetrics(metrics, runID: run.id, datasetID: dataset.id)
        let space = try await store.createEmbeddingSpace(named: "voc-vectors", dimension: 4, sourceRunID: run.id)
        try await store.upsertEmbeddings(rows.prefix(10).enumerated().map { index, row in
            Embedding(spaceID: space.id, rowID: row.id!, vector: [Float(index), 1, 2, 3])
        })
        _ = try await ProjectionBuilder(store: store).projection(of: space, ProjectionRequest(method: .pca))
        _ = try await DataIssueAnalysis(store: store).computeAndSave(DataIssueRequest(kind: .outlierKNN, space: "voc-vectors", k: 3),
                                                                     dataset: dataset)
    }
}
