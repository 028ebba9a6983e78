import Foundation
import GRDB
import LoupeCatalog
import LoupeCore
@testable import LoupeSQLite
import Testing

@Suite("SQLite store: evaluations")
struct SQLiteStoreEvaluationTests {
    /// A dataset with two rows, one cat each, and a run with one prediction per row.
    static func seeded() async throws -> (TemporaryWorkspace, ModelRun, [Int64], [Prediction], [Annotation]) {
        let workspace = try TemporaryWorkspace()
        let box = Geometry.box(BoundingBox(x: 0, y: 0, width: 10, height: 10))
        let batch = ImportBatch(
            source: "test", classes: [ClassSpec(name: "cat")],
            rows: [DataRow(key: "a", width: 20, height: 20), DataRow(key: "b", width: 20, height: 20)],
            annotations: [AnnotationSpec(rowKey: "a", className: "cat", geometry: box),
                          AnnotationSpec(rowKey: "b", className: "cat", geometry: box)],
            predictions: [PredictionSpec(rowKey: "a", className: "cat", geometry: box, score: 0.9),
                          PredictionSpec(rowKey: "b", className: "cat", geometry: .box(BoundingBox(x: 15, y: 15, width: 4, height: 4)), score: 0.4)])
        _ = try await workspace.store.apply(batch, toDataset: "pets", options: ImportOptions(modelName: "det", runName: "r1"))
        let model = try #require(try await workspace.store.models().first)
        let run = try #require(try await workspace.store.runs(modelID: model.id).first)
        let dataset = try #require(try await workspace.store.dataset(named: "pets"))
        let rows = try await workspace.store.rows(datasetID: dataset.id, page: PageRequest()).items.compactMap(\.id)
        let predictions = try await workspace.store.predictions(runID: run.id, page: PageRequest()).items
        let annotations = try await workspace.store.annotations(datasetID: dataset.id, allVersions: false, page: PageRequest()).items
        return (workspace, run, rows, predictions, annotations)
    }

    static func draft(runID: Int64, rows: [Int64], predictions: [Prediction], annotations: [Annotation], key: String = "default") -> EvaluationDraft {
        EvaluationDraft(
            runID: runID, key: key, kind: .detection, parametersJSON: #"{"iou_type":"bbox"}"#,
            summary: [MetricRecord(name: "AP", value: 0.5, lower: 0.2, upper: 0.9, support: 2),
                      MetricRecord(name: "APs", value: nil, support: 0)],
            perClass: [ClassMetricRecords(className: "cat", metrics: [MetricRecord(name: "AP", value: 0.5, support: 2)])],
            detailsJSON: #"{"stats":[0.5]}"#,
            rows: [EvaluationRowResult(rowID: rows[0], truePositives: 1, falsePositives: 0, falseNegatives: 0, meanIoU: 1),
                   EvaluationRowResult(rowID: rows[1], truePositives: 0, falsePositives: 1, falseNegatives: 1)],
            objects: [
                EvaluationObjectResult(rowID: rows[0], predictionID: predictions[0].id, annotationID: annotations[0].id,
                                       outcome: .truePositive, iou: 1, score: 0.9),
                EvaluationObjectResult(rowID: rows[1], predictionID: predictions[1].id, annotationID: nil,
                                       outcome: .falsePositive, reason: .background, score: 0.4),
                EvaluationObjectResult(rowID: rows[1], predictionID: nil, annotationID: annotations[1].id, outcome: .falseNegative),
            ])
    }

    @Test("an evaluation round-trips with its rows and objects, and its key is unique per run")
    func roundTrip() async throws {
        let (workspace, run, rows, predictions, annotations) = try await Self.seeded()
        let store = workspace.store
        let saved = try await store.saveEvaluation(Self.draft(runID: run.id, rows: rows, predictions: predictions, annotations: annotations), replace: false)
        let loaded = try #require(try await store.evaluation(runID: run.id, key: "default"))
        #expect(loaded == saved)
        #expect(loaded.summary[1].value == nil && loaded.summary[0].upper == 0.9)
        let rowResults = try await store.evaluationRows(evaluationID: saved.id, page: PageRequest(limit: 1))
        #expect(rowResults.items.map(\.truePositives) == [1] && rowResults.next != nil)
        let rest = try await store.evaluationRows(evaluationID: saved.id, page: PageRequest(after: rowResults.next, limit: 10))
        #expect(rest.items.map(\.falseNegatives) == [1] && rest.items[0].meanIoU == nil && rest.next == nil)
        let objects = try await store.evaluationObjects(evaluationID: saved.id, rowID: rows[1])
        #expect(objects.map(\.outcome) == [.falsePositive, .falseNegative])
        #expect(objects[0].reason == .background)

        await #expect(throws: StoreError.self) {
            _ = try await store.saveEvaluation(Self.draft(runID: run.id, rows: rows, predictions: predictions, annotations: annotations), replace: false)
        }
        let replaced = try await store.saveEvaluation(Self.draft(runID: run.id, rows: rows, predictions: predictions, annotations: annotations), replace: true)
        #expect(replaced.id != saved.id)
        #expect(try await store.evaluations(runID: run.id).map(\.id) == [replaced.id])
        let orphans = try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation_object WHERE evaluation_id = ?", arguments: [saved.id]) }
        #expect(orphans == 0)
    }

    @Test("the schema refuses inconsistent object outcomes and the store writes nothing of a refused evaluation")
    func schemaRefuses() async throws {
        let (workspace, run, rows, predictions, annotations) = try await Self.seeded()
        var draft = Self.draft(runID: run.id, rows: rows, predictions: predictions, annotations: annotations)
        // A false positive without a reason.
        draft.objects.append(EvaluationObjectResult(rowID: rows[0], predictionID: predictions[0].id, annotationID: nil, outcome: .falsePositive))
        await #expect(throws: StoreError.self) { _ = try await workspace.store.saveEvaluation(draft, replace: false) }
        #expect(try await workspace.store.evaluations(runID: run.id).isEmpty)
        let rowsLeft = try await workspace.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation_row") }
        #expect(rowsLeft == 0)
    }

    @Test("deleting an evaluation takes its results with it; deleting it twice is refused")
    func cascade() async throws {
        let (workspace, run, rows, predictions, annotations) = try await Self.seeded()
        let saved = try await workspace.store.saveEvaluation(Self.draft(runID: run.id, rows: rows, predictions: predictions, annotations: annotations), replace: false)
        try await workspace.store.deleteEvaluation(id: saved.id)
        let left = try await workspace.store.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM evaluation_row) + (SELECT count(*) FROM evaluation_object)")
        }
        #expect(left == 0)
        #expect(try await workspace.store.evaluation(runID: run.id, key: "default") == nil)
        await #expect(throws: StoreError.self) { try await workspace.store.deleteEvaluation(id: saved.id) }
    }
}
