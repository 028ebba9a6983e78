import Foundation
import GRDB
import LoupeCatalog

/// Filters and sorts compiled to SQL, kept per dataset under the write generation they were
/// compiled at. Compiling reads the workspace (classes, runs, metadata kinds, and a bounded count
/// per run-metric predicate, which scans up to `smallResultSet` index entries) and gives the same
/// SQL for as long as nothing is written; a browser scrolling a filter asks for it page after page.
///
/// At most `capacity` entries are kept; when full, the whole cache is dropped (filters are few and
/// recompiling one costs about a millisecond).
final class CompiledQueryCache: @unchecked Sendable {
    /// A compiled filter (and sort, if asked for) with the values to bind.
    struct Entry: Sendable {
        var generation: Int64
        var condition: String
        var order: String?
        var arguments: [DatabaseValue]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// The most entries kept.
    let capacity: Int

    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    /// The compiled filter and sort for `datasetID` at `generation`, compiled with `db` on a miss.
    func compiled(datasetID: Int64, filter: FilterExpression?, sort: [SortKey]?, generation: Int64,
                  _ db: Database) throws -> Entry {
        let key = "\(datasetID)\u{0}\(filter?.description ?? "")\u{0}\(sort.map { $0.map(\.description).joined(separator: ",") } ?? "\u{1}")"
        if let entry = lock.withLock({ entries[key] }), entry.generation == generation { return entry }
        var compiler = SQLiteFilterCompiler(db: db, datasetID: datasetID)
        let condition = try filter.map { try compiler.compile($0) } ?? "1"
        let order = try sort.map { try compiler.orderBy($0) }
        let entry = Entry(generation: generation, condition: condition, order: order,
                          arguments: compiler.arguments.map { $0?.databaseValue ?? .null })
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            if (entries[key]?.generation ?? .min) <= generation { entries[key] = entry }
        }
        return entry
    }
}
