import GRDB
import GRDBSQLite

/// Steps a query and hands each result row's columns to a closure straight from SQLite's C API,
/// for scans of hundreds of thousands of rows where decoding a GRDB `Row` per result would cost
/// more than the query (slice metrics read every stored outcome of a slice).
struct ColumnReader {
    private let statement: Statement
    private let db: Database

    /// A reader of `sql` with `arguments` bound; `cached` reuses the connection's prepared
    /// statement for a fixed text that runs on every request.
    init(_ db: Database, sql: String, arguments: StatementArguments, cached: Bool = false) throws {
        self.db = db
        statement = cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// One result row's columns, valid only inside the closure it is passed to.
    struct Columns {
        fileprivate let handle: OpaquePointer

        /// Column `index` as an integer, `nil` when NULL.
        func int64(_ index: Int32) -> Int64? {
            sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
        }

        /// Column `index` as UTF-8 text, `nil` when NULL.
        func string(_ index: Int32) -> String? {
            guard sqlite3_column_type(handle, index) != SQLITE_NULL, let text = sqlite3_column_text(handle, index) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index))), as: UTF8.self)
        }

        /// Column `index` as a double, `nil` when NULL.
        func double(_ index: Int32) -> Double? {
            sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_double(handle, index)
        }
    }

    /// Calls `body` for each result row, in order.
    /// - Throws: SQLite's error as a `DatabaseError`, or what `body` throws.
    func forEach(_ body: (Columns) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
            try body(Columns(handle: handle))
        }
    }
}
