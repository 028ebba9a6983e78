import Foundation
import GRDB
import GRDBSQLite
import LoupeCatalog

/// A prepared statement executed many times in one transaction with values bound straight
/// through the SQLite C API.
///
/// GRDB's `execute(arguments:)` builds an array of boxed values per call; at millions of rows
/// that is most of an import's time. Binding directly makes a row insert cost what SQLite
/// itself costs. Only used inside a GRDB write transaction, whose rollback still applies.
/// Bind failures are remembered and reported by `step()`, so a value is never silently NULL.
/// Steps taken here bypass GRDB's statement hooks: transaction observers added later (for live
/// updates) must observe at the transaction level, not per statement.
final class BulkStatement {
    private let statement: Statement
    private let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }
    // SQLITE_TRANSIENT: SQLite copies the bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private var bindFailure: (index: Int32, code: Int32)?

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    private func check(_ code: Int32, _ index: Int32) {
        if code != SQLITE_OK, bindFailure == nil { bindFailure = (index, code) }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        check(value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index), index)
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: Double?) {
        check(value.map { sqlite3_bind_double(handle, index, $0) } ?? sqlite3_bind_null(handle, index), index)
    }

    func bind(_ index: Int32, _ value: Bool) {
        check(sqlite3_bind_int64(handle, index, value ? 1 : 0), index)
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            check(sqlite3_bind_null(handle, index), index)
            return
        }
        let code = value.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, Self.transient) }
            guard bytes.count < Int(Int32.max) else { return SQLITE_TOOBIG }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                sqlite3_bind_text(handle, index, text, Int32(bytes.count), Self.transient)
            }
        }
        check(code, index)
    }

    func bind(_ index: Int32, _ value: Data?) {
        guard let value else {
            check(sqlite3_bind_null(handle, index), index)
            return
        }
        let code = value.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            guard bytes.count < Int(Int32.max) else { return SQLITE_TOOBIG }
            return sqlite3_bind_blob(handle, index, base, Int32(bytes.count), Self.transient)
        }
        check(code, index)
    }

    /// Runs the statement with the bound values, then resets it for the next row.
    /// - Returns: the rowid of the inserted row.
    /// - Throws: `StoreError.invalid` with SQLite's message when a constraint refuses the row.
    @discardableResult
    func step() throws -> Int64 {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            bindFailure = nil
        }
        if let bindFailure {
            throw StoreError.invalid("cannot bind parameter \(bindFailure.index): \(String(cString: sqlite3_errstr(bindFailure.code)))")
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            if code & 0xff == SQLITE_CONSTRAINT { throw StoreError.invalid(message) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        return sqlite3_last_insert_rowid(db.sqliteConnection)
    }
}
