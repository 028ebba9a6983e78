import Foundation
import GRDB
import LoupeCatalog
import LoupeCore

extension SQLiteStore {
    /// The `Store` requirement `saveDataIssueReport`: the dataset's report of the same kind and
    /// its rows go, the new ones come, in one transaction that bumps only the dataset's generation
    /// (filters naming `issue("KIND")` are compiled again).
    public func saveDataIssueReport(datasetID: Int64, report keyed: KeyedDataIssueReport, spaceID: Int64?, runID: Int64?,
                                    source: String, parametersJSON: String) async throws -> DataIssueSummary {
        let report = keyed.report
        let rowIDs = keyed.rowIDs
        return try await write(changesData: false) { db in
            try db.execute(sql: "DELETE FROM data_issue_report WHERE dataset_id = ? AND kind = ?",
                           arguments: [datasetID, report.kind.rawValue])
            let created = Date()
            let flagged = report.flags.lazy.filter { $0 }.count
            try db.execute(sql: """
                INSERT INTO data_issue_report (dataset_id, kind, space_id, run_id, source, parameters, dataset_score,
                                               flagged_count, row_count, threshold, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [datasetID, report.kind.rawValue, spaceID, runID, source, parametersJSON, report.datasetScore,
                                 flagged, report.count, report.threshold, created.timeIntervalSince1970])
            let id = db.lastInsertedRowID
            let insert = try BulkStatement(db, sql: "INSERT INTO data_issue_row (report_id, row_id, score, raw, flagged, reason) VALUES (?, ?, ?, ?, ?, ?)")
            for i in 0..<report.count {
                insert.bind(1, id)
                insert.bind(2, rowIDs[i])
                insert.bind(3, report.scores[i])
                insert.bind(4, report.rawValues[i].flatMap { $0.isFinite ? $0 : nil })
                insert.bind(5, report.flags[i] ? 1 : 0)
                insert.bind(6, report.reasons[i])
                try insert.step()
            }
            // Every scored row must be one of the dataset's: a report of another dataset's rows
            // would be reachable through this dataset's filters.
            let foreign = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM data_issue_row i JOIN data_row r ON r.id = i.row_id
                WHERE i.report_id = ? AND r.dataset_id <> ?
                """, arguments: [id, datasetID]) ?? 0
            guard foreign == 0 else { throw StoreError.invalid("\(foreign) scored rows are not rows of dataset \(datasetID)") }
            try Self.bumpGeneration(datasetID: datasetID, db)
            return DataIssueSummary(id: id, datasetID: datasetID, kind: report.kind, spaceID: spaceID, runID: runID, source: source,
                                    parametersJSON: parametersJSON, datasetScore: report.datasetScore, flaggedCount: flagged,
                                    rowCount: report.count, threshold: report.threshold, createdAt: created)
        }
    }

    /// The `Store` requirement `dataIssueSummaries`.
    public func dataIssueSummaries(datasetID: Int64) async throws -> [DataIssueSummary] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM data_issue_report WHERE dataset_id = ? ORDER BY kind", arguments: [datasetID])
                .compactMap(Self.dataIssueSummary)
        }
    }

    /// The `Store` requirement `dataIssueRows`.
    public func dataIssueRows(datasetID: Int64, kind: DataIssueKind, flaggedOnly: Bool, offset: Int,
                              limit: Int) async throws -> (summary: DataIssueSummary, rows: [DataIssueRowScore])? {
        try await read { db in
            guard let summary = try Row.fetchOne(db, sql: "SELECT * FROM data_issue_report WHERE dataset_id = ? AND kind = ?",
                                                 arguments: [datasetID, kind.rawValue]).flatMap(Self.dataIssueSummary) else { return nil }
            let flagCondition = flaggedOnly ? " AND i.flagged = 1" : ""
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.row_id, r.key, i.score, i.raw, i.flagged, i.reason
                FROM data_issue_row i JOIN data_row r ON r.id = i.row_id
                WHERE i.report_id = ?\(flagCondition)
                ORDER BY i.score, r.key LIMIT ? OFFSET ?
                """, arguments: [summary.id, max(limit, 0), max(offset, 0)]).map { row in
                DataIssueRowScore(rowID: row[0], key: row[1], score: row[2], raw: row[3], flagged: row[4], reason: row[5])
            }
            return (summary, rows)
        }
    }

    /// The `Store` requirement `dataIssueScores`.
    public func dataIssueScores(datasetID: Int64, kind: DataIssueKind) async throws -> [Int64: Double]? {
        try await read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM data_issue_report WHERE dataset_id = ? AND kind = ?",
                                              arguments: [datasetID, kind.rawValue]) else { return nil }
            var scores: [Int64: Double] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT row_id, score FROM data_issue_row WHERE report_id = ?", arguments: [id])
            while let row = try cursor.next() { scores[row[0]] = row[1] }
            return scores
        }
    }

    /// A summary from a `data_issue_report` row; `nil` for a kind this version does not know.
    static func dataIssueSummary(_ row: Row) -> DataIssueSummary? {
        guard let kind = DataIssueKind(rawValue: row["kind"]) else { return nil }
        return DataIssueSummary(id: row["id"], datasetID: row["dataset_id"], kind: kind, spaceID: row["space_id"], runID: row["run_id"],
                                source: row["source"], parametersJSON: row["parameters"], datasetScore: row["dataset_score"],
                                flaggedCount: row["flagged_count"], rowCount: row["row_count"], threshold: row["threshold"],
                                createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
