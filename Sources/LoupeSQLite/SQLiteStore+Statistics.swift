import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `statistics`, in one SQLite transaction.
    public func statistics() async throws -> [DatasetStatistics] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM dataset ORDER BY name").map { dataset in
                try Self.statistics(datasetID: dataset["id"], name: dataset["name"], db)
            }
        }
    }

    /// The `Store` requirement `statistics(datasetID:)`, in one SQLite transaction.
    public func statistics(datasetID: Int64) async throws -> DatasetStatistics? {
        try await read { db in
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM dataset WHERE id = ?", arguments: [datasetID]) else { return nil }
            return try Self.statistics(datasetID: datasetID, name: name, db)
        }
    }

    static func statistics(datasetID: Int64, name: String, _ db: Database) throws -> DatasetStatistics {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [datasetID]) ?? 0 }
        func grouped(_ sql: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: [datasetID]) { result[row[0] ?? ""] = row[1] }
            return result
        }
        let current = "annotation a JOIN data_row r ON r.id = a.row_id AND a.label_version = r.label_version WHERE r.dataset_id = ?"
        return DatasetStatistics(
            name: name,
            rows: try count("SELECT COUNT(*) FROM data_row WHERE dataset_id = ?"),
            rowsByKind: try grouped("SELECT kind, COUNT(*) FROM data_row WHERE dataset_id = ? GROUP BY kind"),
            rowsBySplit: try grouped("SELECT split, COUNT(*) FROM data_row WHERE dataset_id = ? AND split IS NOT NULL GROUP BY split"),
            annotations: try count("SELECT COUNT(*) FROM \(current)"),
            annotationsByKind: try grouped("SELECT a.geometry_kind, COUNT(*) FROM \(current) GROUP BY a.geometry_kind"),
            crowdAnnotations: try count("SELECT COUNT(*) FROM \(current) AND a.is_crowd = 1"),
            classes: try count("SELECT COUNT(*) FROM label_class WHERE dataset_id = ?"),
            classesPresent: try count("SELECT COUNT(DISTINCT a.class_id) FROM \(current)"),
            labeledRows: try count("SELECT COUNT(*) FROM data_row WHERE dataset_id = ? AND label_version > 0"),
            runs: try count("""
                SELECT COUNT(*) FROM (
                    SELECT p.run_id FROM prediction p JOIN data_row r ON r.id = p.row_id WHERE r.dataset_id = ?1
                    UNION SELECT s.run_id FROM run_snapshot s JOIN data_row r ON r.id = s.row_id WHERE r.dataset_id = ?1)
                """),
            predictions: try count("SELECT COUNT(*) FROM prediction p JOIN data_row r ON r.id = p.row_id WHERE r.dataset_id = ?"),
            embeddings: try count("SELECT COUNT(*) FROM embedding e JOIN data_row r ON r.id = e.row_id WHERE r.dataset_id = ?")
        )
    }
}
