import GRDB
import LoupeCatalog
import LoupeCore

/// Compiles a `FilterExpression` or `SortKey` into an SQLite expression over `data_row AS r`
/// with `?` placeholders, collecting the values to bind.
///
/// Every value from the filter text (strings, numbers, metadata names as JSON paths) is a bound
/// argument; the SQL text is built only from this file's fixed fragments, so quotes, semicolons
/// and keywords in a filter are data. Names are resolved in the dataset first (classes, runs and
/// their evaluations, metadata fields), and an unknown one is an error that lists what exists.
///
/// Predicates are two-valued: a comparison with an absent value is false (`COALESCE(…, 0)`), so
/// `not` is the exact complement of its operand.
struct SQLiteFilterCompiler {
    let db: Database
    let datasetID: Int64
    private(set) var arguments: [(any DatabaseValueConvertible)?] = []
    /// Below this many matching results, a run-metric predicate is a membership test in the set
    /// its index yields, which SQLite can drive the query from; from it on, a per-row lookup by
    /// primary key, so a page stops early and other predicates' indexes drive a count.
    let smallResultSet: Int
    private var metadataKinds: [String: String]?

    init(db: Database, datasetID: Int64, smallResultSet: Int = 20_000) {
        self.db = db
        self.datasetID = datasetID
        self.smallResultSet = smallResultSet
    }

    var statementArguments: StatementArguments { StatementArguments(arguments) }

    // MARK: Expressions

    mutating func compile(_ expression: FilterExpression) throws -> String {
        switch expression {
        case .and(let left, let right): return "(\(try compile(left)) AND \(try compile(right)))"
        case .or(let left, let right): return "(\(try compile(left)) OR \(try compile(right)))"
        // Two-valued `not`: an AND/OR tree of comparisons is true (1) exactly when it is true with
        // every NULL read as false, so `IS NOT 1` is its complement and never NULL.
        case .not(let inner): return "((\(try compile(inner))) IS NOT 1)"
        case .compare(let field, let op, let value):
            if op == .equal || op == .notEqual { try checkClassName(value, for: field) }
            return try predicate(field) { column, compiler in
            "\(column) \(op.rawValue) \(try compiler.bind(value, for: field))"
        }
        case .oneOf(let field, let values):
            for value in values { try checkClassName(value, for: field) }
            return try predicate(field) { column, compiler in
            var placeholders: [String] = []
            for value in values { placeholders.append(try compiler.bind(value, for: field)) }
            return "\(column) IN (\(placeholders.joined(separator: ", ")))"
        }
        case .between(let field, let low, let high): return try predicate(field) { column, compiler in
            "\(column) BETWEEN \(try compiler.bind(low, for: field)) AND \(try compiler.bind(high, for: field))"
        }
        case .contains(let field, let text): return try predicate(field) { column, compiler in
            compiler.arguments.append(text)
            return "instr(lower(\(column)), lower(?)) > 0"
        }
        case .isNull(let field, let isNull):
            let present = try predicate(field) { column, _ in "\(column) IS NOT NULL" }
            return isNull ? "((\(present)) IS NOT 1)" : present
        }
    }

    /// A two-valued predicate on `field`: the condition on a scalar column, or, for fields with
    /// many values per row, on some value (an EXISTS).
    private mutating func predicate(_ field: FilterField,
                                    _ condition: (String, inout SQLiteFilterCompiler) throws -> String) throws -> String {
        switch field {
        case .runMetric(let run, let key, let metric):
            // Rows without a result are not in the set, as an absent value satisfies no comparison.
            let evaluation = try evaluationID(run: run, key: key ?? "default")
            return try membership(table: "evaluation_row e", scope: "e.evaluation_id = ?", scopeArguments: [evaluation],
                                  column: "e.\(metric.rawValue)", rowColumn: "e.row_id", condition)
        case .customMetric(let run, let name):
            return try membership(table: "custom_metric_row m", scope: "m.run_id = ? AND m.name = ?", scopeArguments: [try runID(run), name],
                                  column: "m.value", rowColumn: "m.row_id", condition)
        case .dataIssue(let kind, let flagged):
            return try membership(table: "data_issue_row i", scope: "i.report_id = ?", scopeArguments: [try dataIssueReportID(kind)],
                                  column: flagged ? "i.flagged" : "i.score", rowColumn: "i.row_id", condition)
        case .key, .split, .kind, .uri, .text, .width, .height, .labelVersion, .metadata, .groundTruthCount:
            // NULL (an absent value) is false for AND and OR; `not` turns it into true (see
            // `compile`). Leaving the comparison bare lets SQLite use an index on the column.
            let column = try scalar(field)
            return try condition(column, &self)
        case .tag:
            return "EXISTS (SELECT 1 FROM row_tag t WHERE t.row_id = r.id AND \(try condition("t.tag", &self)))"
        case .groundTruthClass:
            return "EXISTS (SELECT 1 FROM annotation a JOIN label_class c ON c.id = a.class_id "
                + "WHERE a.row_id = r.id AND a.label_version = r.label_version AND \(try condition("c.name", &self)))"
        case .groundTruthArea:
            return "EXISTS (SELECT 1 FROM annotation a WHERE a.row_id = r.id AND a.label_version = r.label_version "
                + "AND COALESCE(\(try condition(Self.annotationArea, &self)), 0))"
        case .predictionClass(let run):
            let scope = try runScope(run)
            return "EXISTS (SELECT 1 FROM prediction p JOIN label_class c ON c.id = p.class_id WHERE p.row_id = r.id\(scope) "
                + "AND \(try condition("c.name", &self)))"
        case .predictionScore(let run):
            let scope = try runScope(run)
            return "EXISTS (SELECT 1 FROM prediction p WHERE p.row_id = r.id\(scope) AND COALESCE(\(try condition("p.score", &self)), 0))"
        }
    }

    /// A predicate on a per-row result table, as membership in the set of matching rows when
    /// that set is small (counted on its index, stopping at `smallResultSet`), else as a lookup
    /// of the row's own result.
    private mutating func membership(table: String, scope: String, scopeArguments: [any DatabaseValueConvertible],
                                     column: String, rowColumn: String,
                                     _ condition: (String, inout SQLiteFilterCompiler) throws -> String) throws -> String {
        var probe = SQLiteFilterCompiler(db: db, datasetID: datasetID, smallResultSet: smallResultSet)
        let test = try condition(column, &probe)
        let estimate = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(table) WHERE \(scope) AND \(test) LIMIT ?)",
                                        arguments: StatementArguments(scopeArguments + probe.arguments + [smallResultSet])) ?? 0
        arguments += scopeArguments as [(any DatabaseValueConvertible)?]
        arguments += probe.arguments
        if estimate < smallResultSet {
            return "r.id IN (SELECT \(rowColumn) FROM \(table) WHERE \(scope) AND \(test))"
        }
        return "EXISTS (SELECT 1 FROM \(table) WHERE \(scope) AND \(test) AND \(rowColumn) = r.id)"
    }

    /// A class named in `gt.class = "…"` or `pred.class in (…)` must exist, as in `gt.count("…")`:
    /// a misspelt class is an error that lists the classes, not a filter that quietly matches
    /// nothing.
    private func checkClassName(_ value: FilterValue, for field: FilterField) throws {
        guard case .string(let name) = value else { return }
        switch field {
        case .groundTruthClass, .predictionClass: _ = try classID(name)
        default: return
        }
    }

    /// `COALESCE(area, w·h)`: a box-only annotation's area is its box's.
    private static let annotationArea = "COALESCE(a.area, a.box_w * a.box_h)"

    /// ` AND p.run_id = ?` for a named run, nothing for any run.
    private mutating func runScope(_ run: String?) throws -> String {
        guard let run else { return "" }
        arguments.append(try runID(run))
        return " AND p.run_id = ?"
    }

    // MARK: Scalars (also the sort keys)

    /// The SQL expression of a field with one value per row (for multi-valued fields, the
    /// largest, as sorts use it).
    mutating func scalar(_ field: FilterField) throws -> String {
        switch field {
        case .key: return "r.key"
        case .split: return "r.split"
        case .kind: return "r.kind"
        case .uri: return "r.uri"
        case .text: return "r.text"
        case .width: return "r.width"
        case .height: return "r.height"
        case .labelVersion: return "r.label_version"
        case .metadata(let name):
            guard try metadataKind(name) != nil else {
                let known = (metadataKinds ?? [:]).keys.sorted()
                throw StoreError.invalid("no metadata field '\(name)' in this dataset"
                    + (known.isEmpty ? " (it has none)" : " (fields: \(known.joined(separator: ", ")))"))
            }
            if let path = Self.indexablePath(name) { return "json_extract(r.metadata, '\(path)')" }
            arguments.append("$." + Self.quotedJSONKey(name))
            return "json_extract(r.metadata, ?)"
        case .groundTruthCount(let className):
            var sql = "(SELECT count(*) FROM annotation a WHERE a.row_id = r.id AND a.label_version = r.label_version"
            if let className {
                arguments.append(try classID(className))
                sql += " AND a.class_id = ?"
            }
            return sql + ")"
        case .runMetric(let run, let key, let metric):
            arguments.append(try evaluationID(run: run, key: key ?? "default"))
            return "(SELECT e.\(metric.rawValue) FROM evaluation_row e WHERE e.evaluation_id = ? AND e.row_id = r.id)"
        case .customMetric(let run, let name):
            arguments.append(try runID(run))
            arguments.append(name)
            return "(SELECT m.value FROM custom_metric_row m WHERE m.run_id = ? AND m.name = ? AND m.row_id = r.id)"
        case .dataIssue(let kind, let flagged):
            arguments.append(try dataIssueReportID(kind))
            return "(SELECT i.\(flagged ? "flagged" : "score") FROM data_issue_row i WHERE i.report_id = ? AND i.row_id = r.id)"
        case .tag:
            return "(SELECT max(t.tag) FROM row_tag t WHERE t.row_id = r.id)"
        case .groundTruthClass:
            return "(SELECT max(c.name) FROM annotation a JOIN label_class c ON c.id = a.class_id "
                + "WHERE a.row_id = r.id AND a.label_version = r.label_version)"
        case .groundTruthArea:
            return "(SELECT max(\(Self.annotationArea)) FROM annotation a WHERE a.row_id = r.id AND a.label_version = r.label_version)"
        case .predictionClass(let run):
            let scope = try runScope(run)
            return "(SELECT max(c.name) FROM prediction p JOIN label_class c ON c.id = p.class_id WHERE p.row_id = r.id\(scope))"
        case .predictionScore(let run):
            let scope = try runScope(run)
            return "(SELECT max(p.score) FROM prediction p WHERE p.row_id = r.id\(scope))"
        }
    }

    /// `ORDER BY` terms: absent values last in either direction, then row id.
    mutating func orderBy(_ keys: [SortKey]) throws -> String {
        var terms: [String] = []
        for key in keys {
            let expression = try scalar(key.field)
            // The expression is evaluated twice; its arguments are bound twice in the same order.
            let repeated = try scalar(key.field)
            terms.append("(\(expression) IS NULL)")
            terms.append(repeated + (key.descending ? " DESC" : " ASC"))
        }
        terms.append("r.id")
        return terms.joined(separator: ", ")
    }

    // MARK: Values

    /// A placeholder for `value`, converted for the field (booleans as 0/1; a bool metadata field
    /// compares with JSON's true/false as 1/0).
    private mutating func bind(_ value: FilterValue, for field: FilterField) throws -> String {
        switch value {
        case .number(let number): arguments.append(number)
        case .string(let text): arguments.append(text)
        case .bool(let flag): arguments.append(flag ? 1 : 0)
        }
        return "?"
    }

    /// The JSON path `$."name"` of a metadata field whose name is plain (ASCII letters, digits,
    /// `_`, `-`, `.` and spaces, at most 64 of them), written into the SQL text so that SQLite
    /// matches it with the field's expression index (an index is used only for the identical
    /// expression, never for a bound path). Such a name holds no quote or backslash, so it cannot
    /// end the literal; any other name is bound as a parameter and is not indexed.
    static func indexablePath(_ name: String) -> String? {
        guard !name.isEmpty, name.utf8.count <= 64, name.utf8.allSatisfy({ byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte == 0x20
        }) else { return nil }
        return "$.\"\(name)\""
    }

    /// `"name"` with JSON escapes, for a JSON path that names the key exactly.
    static func quotedJSONKey(_ name: String) -> String {
        var escaped = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    // MARK: Names

    private mutating func metadataKind(_ name: String) throws -> String? {
        if metadataKinds == nil { metadataKinds = try SQLiteStore.metadataKinds(datasetID: datasetID, db) }
        return metadataKinds?[name]
    }

    private func classID(_ name: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM label_class WHERE dataset_id = ? AND name = ?", arguments: [datasetID, name]) {
            return id
        }
        let known = try String.fetchAll(db, sql: "SELECT name FROM label_class WHERE dataset_id = ? ORDER BY ordinal", arguments: [datasetID])
        throw StoreError.invalid("no class '\(name)' in this dataset (classes: \(known.joined(separator: ", ")))")
    }

    /// A run by `NAME` (unique across models) or `MODEL/NAME`.
    private func runID(_ name: String) throws -> Int64 {
        var matches = try Int64.fetchAll(db, sql: "SELECT id FROM model_run WHERE name = ?", arguments: [name])
        if matches.isEmpty, let slash = name.firstIndex(of: "/") {
            matches = try Int64.fetchAll(db, sql: """
                SELECT r.id FROM model_run r JOIN model m ON m.id = r.model_id WHERE m.name = ? AND r.name = ?
                """, arguments: [String(name[..<slash]), String(name[name.index(after: slash)...])])
        }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            let known = try String.fetchAll(db, sql: "SELECT m.name || '/' || r.name FROM model_run r JOIN model m ON m.id = r.model_id ORDER BY 1")
            throw StoreError.invalid("no run '\(name)' (runs: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
        }
        throw StoreError.invalid("several models have a run '\(name)': write run(\"MODEL/\(name)\")")
    }

    /// The dataset's stored report of a data-issue kind.
    private func dataIssueReportID(_ kind: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM data_issue_report WHERE dataset_id = ? AND kind = ?",
                                       arguments: [datasetID, kind]) {
            return id
        }
        let stored = try String.fetchAll(db, sql: "SELECT kind FROM data_issue_report WHERE dataset_id = ? ORDER BY kind", arguments: [datasetID])
        let known = DataIssueKind.allCases.map(\.rawValue)
        guard known.contains(kind) else {
            throw StoreError.invalid("no data-issue kind '\(kind)' (kinds: \(known.joined(separator: ", ")))")
        }
        throw StoreError.invalid("this dataset has no stored '\(kind)' report (stored: \(stored.isEmpty ? "none" : stored.joined(separator: ", "))); "
            + "loupe issues --kind \(kind) --save computes one")
    }

    private func evaluationID(run: String, key: String) throws -> Int64 {
        let runID = try runID(run)
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM evaluation WHERE run_id = ? AND key = ?", arguments: [runID, key]) {
            return id
        }
        throw StoreError.invalid("run '\(run)' has no evaluation '\(key)' (loupe runs eval stores one)")
    }
}
