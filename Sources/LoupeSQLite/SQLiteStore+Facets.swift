import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `metadataFields`.
    public func metadataFields(datasetID: Int64) async throws -> [MetadataField] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT name, kind FROM metadata_field WHERE dataset_id = ? ORDER BY name", arguments: [datasetID])
                .map { MetadataField(name: $0["name"], kind: $0["kind"]) }
        }
    }

    /// The `Store` requirement `facet`, in one SQLite read transaction over the view's compiled
    /// filter (cached as the rows endpoint's is).
    public func facet(datasetID: Int64, field: FieldFacet.Field, filter: FilterExpression?, limit: Int, bins: Int) async throws -> FieldFacet {
        try await read { db in
            let compiled = try self.compiledQueries.compiled(datasetID: datasetID, filter: filter, sort: nil,
                                                             generation: try Self.writeGeneration(datasetID: datasetID, db), db)
            let view = "FROM data_row r WHERE r.dataset_id = ? AND \(compiled.condition)"
            let viewArguments = [datasetID.databaseValue] + compiled.arguments
            switch field {
            case .tag:
                let values = try Row.fetchAll(db, sql: """
                    SELECT t.tag AS value, COUNT(*) AS n FROM row_tag t WHERE t.row_id IN (SELECT r.id \(view))
                    GROUP BY t.tag ORDER BY n DESC, t.tag LIMIT ?
                    """, arguments: StatementArguments(viewArguments + [limit.databaseValue]))
                let rows = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT t.row_id) FROM row_tag t WHERE t.row_id IN (SELECT r.id \(view))",
                                            arguments: StatementArguments(viewArguments)) ?? 0
                return FieldFacet(rows: rows, values: values.map { .init(value: $0["value"], count: $0["n"]) }, bins: nil)
            case .groundTruthClass:
                let values = try Row.fetchAll(db, sql: """
                    SELECT c.name AS value, COUNT(DISTINCT a.row_id) AS n
                    FROM annotation a JOIN data_row r ON r.id = a.row_id AND a.label_version = r.label_version
                    JOIN label_class c ON c.id = a.class_id
                    WHERE r.dataset_id = ? AND \(compiled.condition)
                    GROUP BY c.name ORDER BY n DESC, c.name LIMIT ?
                    """, arguments: StatementArguments(viewArguments + [limit.databaseValue]))
                let rows = try Int.fetchOne(db, sql: """
                    SELECT COUNT(DISTINCT a.row_id) FROM annotation a JOIN data_row r ON r.id = a.row_id AND a.label_version = r.label_version
                    WHERE r.dataset_id = ? AND a.class_id IS NOT NULL AND \(compiled.condition)
                    """, arguments: StatementArguments(viewArguments)) ?? 0
                return FieldFacet(rows: rows, values: values.map { .init(value: $0["value"], count: $0["n"]) }, bins: nil)
            case .split:
                return try Self.categorical(expression: "r.split", kind: "string", view: view, arguments: viewArguments, limit: limit, db)
            case .metadata(let name):
                guard let kind = try Self.metadataKinds(datasetID: datasetID, db)[name] else {
                    throw StoreError.notFound("the dataset has no metadata field '\(name)'")
                }
                guard !name.contains("\"") else { throw StoreError.invalid("a facet of a metadata field whose name holds a quote is not supported") }
                // The JSON path is bound, never spliced: the expression's one argument leads the view's.
                let arguments = ["$.\"\(name)\"".databaseValue] + viewArguments
                let path = "json_extract(r.metadata, ?)"
                if kind == "number" { return try Self.histogram(expression: path, view: view, arguments: arguments, bins: bins, db) }
                return try Self.categorical(expression: path, kind: kind, view: view, arguments: arguments, limit: limit, db)
            }
        }
    }

    private static func categorical(expression: String, kind: String, view: String, arguments: [DatabaseValue], limit: Int,
                                    _ db: Database) throws -> FieldFacet {
        let values = try Row.fetchAll(db, sql: """
            SELECT v, COUNT(*) AS n FROM (SELECT \(expression) AS v \(view)) WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?
            """, arguments: StatementArguments(arguments + [limit.databaseValue]))
        let rows = try Int.fetchOne(db, sql: "SELECT COUNT(v) FROM (SELECT \(expression) AS v \(view))",
                                    arguments: StatementArguments(arguments)) ?? 0
        return FieldFacet(rows: rows, values: values.map { row in
            let stored: DatabaseValue = row["v"]
            let text: String
            if kind == "bool", let flag = Int64.fromDatabaseValue(stored) { text = flag != 0 ? "true" : "false" }
            else { text = String.fromDatabaseValue(stored) ?? stored.description }
            return FieldFacet.Value(value: text, count: row["n"])
        }, bins: nil)
    }

    private static func histogram(expression: String, view: String, arguments: [DatabaseValue], bins: Int, _ db: Database) throws -> FieldFacet {
        let range = try Row.fetchOne(db, sql: "SELECT MIN(v) AS low, MAX(v) AS high, COUNT(v) AS n FROM (SELECT \(expression) AS v \(view))",
                                     arguments: StatementArguments(arguments))
        let count: Int = range?["n"] ?? 0
        guard count > 0, let low: Double = range?["low"], let high: Double = range?["high"] else { return FieldFacet(rows: 0, values: [], bins: []) }
        let binCount = high > low ? max(1, bins) : 1
        let width = high > low ? (high - low) / Double(binCount) : 1
        var counts = [Int](repeating: 0, count: binCount)
        for row in try Row.fetchAll(db, sql: """
            SELECT MIN(CAST((v - ?) / ? AS INTEGER), ?) AS b, COUNT(*) AS n FROM (SELECT \(expression) AS v \(view))
            WHERE v IS NOT NULL GROUP BY b
            """, arguments: StatementArguments([low.databaseValue, width.databaseValue, (binCount - 1).databaseValue] + arguments)) {
            let index: Int = row["b"]
            counts[max(0, min(binCount - 1, index))] += row["n"]
        }
        let edges = (0...binCount).map { $0 == binCount ? high : low + Double($0) * width }
        return FieldFacet(rows: count, values: [], bins: (0..<binCount).map { .init(lower: edges[$0], upper: edges[$0 + 1], count: counts[$0]) })
    }
}
