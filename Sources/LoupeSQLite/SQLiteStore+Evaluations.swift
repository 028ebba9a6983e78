import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `saveEvaluation`, in one SQLite transaction.
    public func saveEvaluation(_ draft: EvaluationDraft, replace: Bool) async throws -> Evaluation {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let summary = String(decoding: try encoder.encode(draft.summary), as: UTF8.self)
        let perClass = String(decoding: try encoder.encode(draft.perClass), as: UTF8.self)
        return try await write { db in
            guard !draft.key.isEmpty else { throw StoreError.invalid("an evaluation key must not be empty") }
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM evaluation WHERE run_id = ? AND key = ?",
                                                 arguments: [draft.runID, draft.key]) {
                guard replace else {
                    throw StoreError.alreadyExists("the run already has an evaluation '\(draft.key)' (replace it to recompute)")
                }
                try db.execute(sql: "DELETE FROM evaluation WHERE id = ?", arguments: [existing])
            }
            let created = Self.now
            try db.execute(sql: """
                INSERT INTO evaluation (run_id, key, kind, parameters, summary, per_class, details, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [draft.runID, draft.key, draft.kind.rawValue, draft.parametersJSON, summary, perClass,
                                 draft.detailsJSON, created])
            let id = db.lastInsertedRowID
            let rows = try BulkStatement(db, sql: """
                INSERT INTO evaluation_row (evaluation_id, row_id, tp, fp, fn, iou, correct, confidence, margin, entropy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in draft.rows {
                rows.bind(1, id)
                rows.bind(2, row.rowID)
                rows.bind(3, row.truePositives)
                rows.bind(4, row.falsePositives)
                rows.bind(5, row.falseNegatives)
                rows.bind(6, row.meanIoU)
                rows.bind(7, row.correct.map { $0 ? 1 : 0 } as Int?)
                rows.bind(8, row.confidence)
                rows.bind(9, row.margin)
                rows.bind(10, row.entropy)
                try rows.step()
            }
            let objects = try BulkStatement(db, sql: """
                INSERT INTO evaluation_object (evaluation_id, row_id, prediction_id, annotation_id, outcome, reason, iou, score, class_id)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, COALESCE(?9, (SELECT class_id FROM prediction WHERE id = ?3),
                                                             (SELECT class_id FROM annotation WHERE id = ?4)))
                """)
            for object in draft.objects {
                objects.bind(1, id)
                objects.bind(2, object.rowID)
                objects.bind(3, object.predictionID)
                objects.bind(4, object.annotationID)
                objects.bind(5, object.outcome.rawValue)
                objects.bind(6, object.reason?.rawValue)
                objects.bind(7, object.iou)
                objects.bind(8, object.score)
                objects.bind(9, object.classID)
                try objects.step()
            }
            let confusion = try BulkStatement(db, sql: """
                INSERT INTO evaluation_confusion (evaluation_id, row_id, actual_class_id, predicted_class_id, count) VALUES (?, ?, ?, ?, ?)
                """)
            for entry in draft.confusion {
                confusion.bind(1, id)
                confusion.bind(2, entry.rowID)
                confusion.bind(3, entry.actualClassID)
                confusion.bind(4, entry.predictedClassID)
                confusion.bind(5, entry.count)
                try confusion.step()
            }
            try Self.refreshPlannerStatistics(of: .evaluationRow, changedRows: draft.rows.count, db)
            return Evaluation(id: id, runID: draft.runID, key: draft.key, kind: draft.kind, parametersJSON: draft.parametersJSON,
                              summary: draft.summary, perClass: draft.perClass, detailsJSON: draft.detailsJSON,
                              createdAt: Self.date(created))
        }
    }

    /// The `Store` requirement `evaluations`, in one SQLite transaction.
    public func evaluations(runID: Int64) async throws -> [Evaluation] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM evaluation WHERE run_id = ? ORDER BY key", arguments: [runID])
                .map(Self.evaluation)
        }
    }

    /// The `Store` requirement `evaluation(runID:key:)`, in one SQLite transaction.
    public func evaluation(runID: Int64, key: String) async throws -> Evaluation? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM evaluation WHERE run_id = ? AND key = ?", arguments: [runID, key])
                .map(Self.evaluation)
        }
    }

    /// The `Store` requirement `evaluationRows`, in one SQLite transaction.
    public func evaluationRows(evaluationID: Int64, page: PageRequest) async throws -> Page<EvaluationRowResult> {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM evaluation_row WHERE evaluation_id = ? AND row_id > ? ORDER BY row_id LIMIT ?
                """, arguments: [evaluationID, page.after?.lastID ?? 0, page.limit + 1])
            let items = rows.prefix(page.limit).map(Self.evaluationRowResult)
            return Page(items: items, next: rows.count > page.limit ? items.last.map { PageCursor(lastID: $0.rowID) } : nil)
        }
    }

    /// The `Store` requirement `evaluationObjects`, in one SQLite transaction.
    public func evaluationObjects(evaluationID: Int64, rowID: Int64) async throws -> [EvaluationObjectResult] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM evaluation_object WHERE evaluation_id = ? AND row_id = ?
                ORDER BY prediction_id IS NULL, score DESC, prediction_id, annotation_id
                """, arguments: [evaluationID, rowID]).map { row in
                let outcome: String = row["outcome"]
                let reason: String? = row["reason"]
                guard let parsed = EvaluationObjectResult.Outcome(rawValue: outcome) else {
                    throw StoreError.invalid("unknown object outcome \(outcome)")
                }
                return EvaluationObjectResult(rowID: row["row_id"], predictionID: row["prediction_id"],
                                              annotationID: row["annotation_id"], outcome: parsed,
                                              reason: reason.flatMap(EvaluationObjectResult.Reason.init(rawValue:)),
                                              iou: row["iou"], score: row["score"], classID: row["class_id"])
            }
        }
    }

    /// The `Store` requirement `deleteEvaluation`, in one SQLite transaction.
    public func deleteEvaluation(id: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM evaluation WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw StoreError.notFound("no evaluation with id \(id)") }
        }
    }

    static func evaluation(_ row: Row) throws -> Evaluation {
        let kindName: String = row["kind"]
        guard let kind = EvaluationKind(rawValue: kindName) else { throw StoreError.invalid("unknown evaluation kind \(kindName)") }
        let decoder = JSONDecoder()
        let summary: String = row["summary"]
        let perClass: String = row["per_class"]
        return Evaluation(id: row["id"], runID: row["run_id"], key: row["key"], kind: kind, parametersJSON: row["parameters"],
                          summary: try decoder.decode([MetricRecord].self, from: Data(summary.utf8)),
                          perClass: try decoder.decode([ClassMetricRecords].self, from: Data(perClass.utf8)),
                          detailsJSON: row["details"], createdAt: date(row["created_at"]))
    }

    /// An `evaluation_row` row as a result.
    static func evaluationRowResult(_ row: Row) -> EvaluationRowResult {
        EvaluationRowResult(rowID: row["row_id"], truePositives: row["tp"], falsePositives: row["fp"],
                            falseNegatives: row["fn"], meanIoU: row["iou"],
                            correct: (row["correct"] as Int64?).map { $0 != 0 }, confidence: row["confidence"],
                            margin: row["margin"], entropy: row["entropy"])
    }
}
