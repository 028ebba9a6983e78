import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `setCustomMetrics`, in one SQLite transaction.
    public func setCustomMetrics(_ values: [CustomMetricValue], runID: Int64, datasetID: Int64) async throws {
        try await write { db in
            let classes = try Dictionary(Row.fetchAll(db, sql: "SELECT id, name FROM label_class WHERE dataset_id = ?", arguments: [datasetID])
                .map { ($0["name"] as String, $0["id"] as Int64) }, uniquingKeysWith: { first, _ in first })
            let rowByKey = try db.makeStatement(sql: "SELECT id FROM data_row WHERE dataset_id = ? AND key = ?")
            let perRow = try BulkStatement(db, sql: """
                INSERT INTO custom_metric_row (run_id, name, row_id, value) VALUES (?, ?, ?, ?)
                ON CONFLICT (run_id, name, row_id) DO UPDATE SET value = excluded.value
                """)
            for value in values {
                guard value.value.isFinite else { throw StoreError.invalid("custom metric '\(value.name)' has a non-finite value") }
                guard !value.name.isEmpty else { throw StoreError.invalid("a custom metric needs a name") }
                switch value.scope {
                case .run:
                    try db.execute(sql: "DELETE FROM custom_metric WHERE run_id = ? AND name = ? AND class_id IS NULL", arguments: [runID, value.name])
                    try db.execute(sql: "INSERT INTO custom_metric (run_id, name, class_id, value) VALUES (?, ?, NULL, ?)",
                                   arguments: [runID, value.name, value.value])
                case .classNamed(let name):
                    guard let classID = classes[name] else { throw StoreError.invalid("custom metric '\(value.name)': no class '\(name)' in the dataset") }
                    try db.execute(sql: "DELETE FROM custom_metric WHERE run_id = ? AND name = ? AND class_id = ?", arguments: [runID, value.name, classID])
                    try db.execute(sql: "INSERT INTO custom_metric (run_id, name, class_id, value) VALUES (?, ?, ?, ?)",
                                   arguments: [runID, value.name, classID, value.value])
                case .row(let key):
                    guard let rowID = try Int64.fetchOne(rowByKey, arguments: [datasetID, key]) else {
                        throw StoreError.invalid("custom metric '\(value.name)': no row '\(key)' in the dataset")
                    }
                    perRow.bind(1, runID)
                    perRow.bind(2, value.name)
                    perRow.bind(3, rowID)
                    perRow.bind(4, value.value)
                    try perRow.step()
                }
            }
        }
    }

    /// The `Store` requirement `customMetrics`, in one SQLite transaction.
    public func customMetrics(runID: Int64) async throws -> [CustomMetricValue] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.name, c.name AS class_name, m.value FROM custom_metric m LEFT JOIN label_class c ON c.id = m.class_id
                WHERE m.run_id = ? ORDER BY m.name, c.ordinal IS NOT NULL, c.ordinal
                """, arguments: [runID]).map { row in
                let className: String? = row["class_name"]
                return CustomMetricValue(name: row["name"], scope: className.map { .classNamed($0) } ?? .run, value: row["value"])
            }
        }
    }

    /// The `Store` requirement `customRowMetric`, in one SQLite transaction.
    public func customRowMetric(runID: Int64, name: String) async throws -> [Int64: Double] {
        try await read { db in
            var values: [Int64: Double] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT row_id, value FROM custom_metric_row WHERE run_id = ? AND name = ?",
                                           arguments: [runID, name])
            while let row = try rows.next() { values[row[0]] = row[1] }
            return values
        }
    }

    /// The `Store` requirement `customRowMetricNames`, in one SQLite transaction.
    public func customRowMetricNames(runID: Int64) async throws -> [String: Int] {
        try await read { db in
            var names: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, count(*) AS n FROM custom_metric_row WHERE run_id = ? GROUP BY name",
                                        arguments: [runID]) {
                names[row["name"]] = row["n"]
            }
            return names
        }
    }
}
