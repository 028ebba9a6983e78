import Foundation
import LoupeCatalog

/// The rows a filter selects, in the order a sort puts them, remembered as row ids per dataset,
/// filter and sort under the dataset's write generation (`Store.writeGeneration(datasetID:)`).
///
/// A browser scrolling a view asks for its count with every page and for pages ever deeper; a
/// count over a million rows costs hundreds of milliseconds, and a sorted page at an offset costs
/// the sort of every matching row. With the ordered ids at hand the count is their number and a
/// page is a lookup of its ids, at any depth.
///
/// A result is reused only while the generation it was computed under is current, so any write,
/// by this server or another process, makes it computed again on its next use. Requests that miss
/// at the same time share one computation; a failed one is not kept. At most `capacity` results
/// and `idBudget` ids in all are kept (8 bytes each), the least recently used going first; a
/// result larger than the budget keeps its count only.
actor RowResultCache {
    /// A computed result: how many rows match, and their ids in order unless there were too many to keep.
    struct ResultSet: Sendable {
        var count: Int
        var ids: [Int64]?
    }

    private struct Entry {
        var generation: Int64
        var result: Task<ResultSet, any Error>
        var lastUse: UInt64
        var idCount = 0
    }

    /// The most results kept.
    let capacity: Int
    /// The most ids kept over all results.
    let idBudget: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    private var idsKept = 0
    /// The finished results, readable without a hop onto the actor (a lock, not an await).
    private let finished = FinishedResults()
    /// The datasets results were computed for, by name, readable without a hop.
    private let datasets = KnownDatasets()

    /// An empty cache: 256 results, 16 million ids (128 MiB) by default.
    init(capacity: Int = 256, idBudget: Int = 16_000_000) {
        precondition(capacity > 0 && idBudget >= 0, "a cache holds at least one result")
        self.capacity = capacity
        self.idBudget = idBudget
    }

    /// The result for `filter` and `sort` on `datasetID` at `generation`: remembered, being computed
    /// by another request, or computed now with `compute` (the ordered ids).
    func result(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], generation: Int64,
                compute: @escaping @Sendable () async throws -> [Int64]) async throws -> ResultSet {
        let key = Self.key(datasetID: datasetID, filter: filter, sort: sort)
        clock += 1
        if var entry = entries[key], entry.generation == generation {
            entry.lastUse = clock
            entries[key] = entry
            return try await entry.result.value
        }
        let budget = idBudget
        let task = Task { () throws -> ResultSet in
            let ids = try await compute()
            return ResultSet(count: ids.count, ids: ids.count <= budget ? ids : nil)
        }
        // A request that read the generation before a newer one was cached computes for itself.
        if let entry = entries[key], entry.generation > generation { return try await task.value }
        remove(key)
        entries[key] = Entry(generation: generation, result: task, lastUse: clock)
        evict(keeping: key)
        let result: ResultSet
        do {
            result = try await task.value
        } catch {
            if entries[key]?.generation == generation { remove(key) }
            throw error
        }
        if entries[key]?.generation == generation {
            entries[key]?.idCount = result.ids?.count ?? 0
            idsKept += result.ids?.count ?? 0
            finished.set(key, (generation, result))
            evict(keeping: key)
        }
        return result
    }

    /// The result for `filter` and `sort` on `datasetID` at the store's current generation.
    func current<S: Store>(store: S, datasetID: Int64, filter: FilterExpression?, sort: [SortKey]) async throws -> ResultSet {
        let generation = try await store.writeGeneration(datasetID: datasetID)
        return try await result(datasetID: datasetID, filter: filter, sort: sort, generation: generation) {
            try await store.orderedRowIDs(datasetID: datasetID, filter: filter, sort: sort)
        }
    }

    /// The last finished result for `filter` and `sort` on `datasetID` with the generation it was
    /// computed at, without waiting for the actor: the caller must check that the generation is
    /// still current (`Store.rows(datasetID:ids:atGeneration:)` does, in the read of the page).
    nonisolated func lastFinished(datasetID: Int64, filter: FilterExpression?, sort: [SortKey]) -> (generation: Int64, result: ResultSet)? {
        finished.get(Self.key(datasetID: datasetID, filter: filter, sort: sort))
    }

    /// The dataset last seen under `name` by a request that computed a result. It may have been
    /// deleted or replaced since: only a result whose generation is still current (checked in
    /// the read of the page) proves it, as creating or deleting a dataset moves every generation.
    nonisolated func knownDataset(named name: String) -> Dataset? {
        datasets.get(name)
    }

    /// Records the dataset a result is computed for (see `knownDataset(named:)`).
    nonisolated func remember(_ dataset: Dataset) {
        datasets.set(dataset)
    }

    private static func key(datasetID: Int64, filter: FilterExpression?, sort: [SortKey]) -> String {
        "\(datasetID)\u{0}\(filter?.description ?? "")\u{0}\(sort.map(\.description).joined(separator: ", "))"
    }

    /// Drops least recently used results, never `key`, until within the capacity and id budget.
    private func evict(keeping key: String) {
        while entries.count > capacity || idsKept > idBudget {
            guard let oldest = entries.filter({ $0.key != key }).min(by: { $0.value.lastUse < $1.value.lastUse })?.key else { return }
            remove(oldest)
        }
    }

    private func remove(_ key: String) {
        finished.set(key, nil)
        guard let entry = entries.removeValue(forKey: key) else { return }
        idsKept -= entry.idCount
    }

    /// How many results are kept (for tests).
    var storedCount: Int { entries.count }
    /// How many ids are kept (for tests).
    var storedIDs: Int { idsKept }
}

/// Finished results behind a lock, for `RowResultCache.lastFinished`.
private final class FinishedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [String: (generation: Int64, result: RowResultCache.ResultSet)] = [:]

    func get(_ key: String) -> (generation: Int64, result: RowResultCache.ResultSet)? {
        lock.withLock { results[key] }
    }

    func set(_ key: String, _ value: (generation: Int64, result: RowResultCache.ResultSet)?) {
        lock.withLock { results[key] = value }
    }
}

/// Datasets by name behind a lock, for `RowResultCache.knownDataset(named:)`; at most 1,024
/// names are kept (all are forgotten when more come: datasets are few).
private final class KnownDatasets: @unchecked Sendable {
    private let lock = NSLock()
    private var byName: [String: Dataset] = [:]

    func get(_ name: String) -> Dataset? {
        lock.withLock { byName[name] }
    }

    func set(_ dataset: Dataset) {
        lock.withLock {
            if byName.count >= 1024, byName[dataset.name] == nil { byName.removeAll() }
            byName[dataset.name] = dataset
        }
    }
}
