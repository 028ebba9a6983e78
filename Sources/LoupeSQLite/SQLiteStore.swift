import Foundation
import GRDB
import LoupeCatalog

/// The embedded workspace: one SQLite file, opened in WAL mode so that readers run while one
/// writer writes. Every write method is one transaction.
///
/// ```swift
/// let store = try SQLiteStore(path: "loupe.sqlite")
/// let report = try await store.apply(batch, toDataset: "coco128", options: ImportOptions())
/// ```
public final class SQLiteStore: Store {
    let pool: DatabasePool
    /// The workspace file.
    public let path: String
    /// Filters compiled to SQL, reused until the next write.
    let compiledQueries = CompiledQueryCache()
    /// Metadata fields known to have their expression index.
    let indexedMetadataFields = LockedSet<String>()
    /// Connections for the small reads of a server request, run on the caller's thread.
    let inlineReaders: InlineReaders
    /// Whether a query builds the metadata indexes it would use before it runs (see
    /// `ensureMetadataIndexes`); a server opens its store without, and builds them in jobs.
    public let buildsMetadataIndexesOnQuery: Bool

    /// Opens (creating if needed) the workspace at `path` and brings its schema up to date.
    /// - Parameter buildsMetadataIndexesOnQuery: build the metadata indexes a query would use
    ///   before running it (default); without, queries scan until `buildMetadataIndexes` is called.
    /// - Throws: `StoreError.invalid` when the file is not an SQLite database, is another
    ///   program's database, or was written by a newer Loupe.
    public init(path: String, buildsMetadataIndexesOnQuery: Bool = true) throws {
        self.buildsMetadataIndexesOnQuery = buildsMetadataIndexesOnQuery
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // NORMAL is durable across application crashes in WAL mode (only an OS crash can lose
            // the last transactions, never corrupt the file) and makes large imports much faster.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A 64 MiB page cache keeps large import transactions from spilling pages early.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Reads through memory-mapped pages instead of a pread copy per page: a slice's stored
            // outcomes are spread over most pages of their table (about 4% of slice metrics).
            try db.execute(sql: "PRAGMA mmap_size = 4294967296")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Self.migrator
            try pool.read { db in
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                guard application == Self.applicationID || (application == 0 && (tables.isEmpty || tables.contains("grdb_migrations"))) else {
                    throw StoreError.invalid("\(path) is an SQLite database, but not a Loupe workspace")
                }
                let applied = try migrator.appliedIdentifiers(db)
                let known = Set(migrator.migrations)
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw StoreError.invalid("\(path) was written by a newer Loupe (migration '\(unknown)'); upgrade Loupe to open it")
                }
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.invalid("cannot open workspace \(path): \(error.message ?? error.description)")
        }
        self.path = path
        inlineReaders = InlineReaders(path: path)
    }

    /// Runs a write transaction, mapping constraint violations to `StoreError.invalid`. Unless
    /// `changesData` is false (bookkeeping such as a token's last use, or a write that bumps a
    /// dataset's generation itself), the transaction also bumps the workspace's write generation,
    /// so caches keyed on it (`writeGeneration(datasetID:)`) see the change.
    func write<T: Sendable>(changesData: Bool = true, _ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write { db in
                let result = try body(db)
                if changesData { try db.execute(sql: "UPDATE write_generation SET value = value + 1 WHERE id = 1") }
                return result
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.invalid(error.message ?? "constraint violated")
        }
    }

    /// The `Store` requirement `writeGeneration(datasetID:)`: the workspace's generation in the
    /// high 32 bits, the dataset's own in the low 32.
    ///
    /// Not their sum: deleting a dataset drops its own counter, and a new dataset may get the old
    /// one's id, so a sum could come back to a value a cache still holds for other data. The
    /// delete bumps the workspace's counter, so the pair, compared as one number, never repeats
    /// and only grows (until a dataset sees 2^32 confined writes).
    public func writeGeneration(datasetID: Int64) async throws -> Int64 {
        try await quickRead { db in try Self.writeGeneration(datasetID: datasetID, db) }
    }

    /// The dataset's write generation as of `db`'s transaction.
    static func writeGeneration(datasetID: Int64, _ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT ((SELECT value FROM write_generation WHERE id = 1) << 32)
                 + COALESCE((SELECT value FROM dataset_generation WHERE dataset_id = ?), 0)
            """), arguments: [datasetID]) ?? 0
    }

    /// Bumps only `datasetID`'s generation, for a write whose every change lies in that dataset;
    /// called inside a `write(changesData: false)` transaction.
    static func bumpGeneration(datasetID: Int64, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO dataset_generation (dataset_id, value) VALUES (?, 1)
            ON CONFLICT (dataset_id) DO UPDATE SET value = value + 1
            """, arguments: [datasetID])
    }

    /// Runs a read on a snapshot of the workspace.
    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    /// Runs a small, bounded read transaction on the calling thread (see `InlineReaders`), or
    /// through the pool when that connection found the database busy. Only for reads of a few
    /// rows by key: a long read here would hold one of the few cooperative threads.
    func quickRead<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        if let value = try inlineReaders.read(body) { return value }
        return try await pool.read(body)
    }

    /// `PRAGMA application_id` of a Loupe workspace ("LOUP"), so that other SQLite files are
    /// recognized and refused instead of having Loupe's tables created inside them.
    static let applicationID: Int32 = 0x4C4F_5550

    static func date(_ value: Double) -> Date { Date(timeIntervalSince1970: value) }
    static var now: Double { Date().timeIntervalSince1970 }
}
