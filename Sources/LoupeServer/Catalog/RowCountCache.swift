import LoupeCatalog

/// How many rows a filter selects, remembered per dataset and filter under the workspace's write
/// generation (`Store.writeGeneration()`): a count over a million rows costs a few hundred
/// milliseconds, while the page beside it costs a few, and a browser asks for the same count with
/// every page it scrolls to.
///
/// A count is reused only while the generation it was computed under is current, so any write,
/// by this server or another process, makes every count recomputed on its next use. Requests that
/// miss at the same time share one computation. At most `capacity` counts are kept; the least
/// recently used goes first.
actor RowCountCache {
    private struct Entry {
        var generation: Int64
        var count: Task<Int, any Error>
        var lastUse: UInt64
    }

    /// The most counts kept.
    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0

    /// An empty cache.
    init(capacity: Int = 1024) {
        precondition(capacity > 0, "a cache holds at least one count")
        self.capacity = capacity
    }

    /// The count for `filter` on `datasetID` at `generation`: remembered, being computed by another
    /// request, or computed now with `compute`. A failed computation is not remembered.
    func count(datasetID: Int64, filter: FilterExpression?, generation: Int64,
               compute: @escaping @Sendable () async throws -> Int) async throws -> Int {
        let key = "\(datasetID)\u{0}\(filter?.description ?? "")"
        clock += 1
        if var entry = entries[key], entry.generation == generation {
            entry.lastUse = clock
            entries[key] = entry
            return try await entry.count.value
        }
        // A request that read the generation before a newer one was cached counts for itself.
        if let entry = entries[key], entry.generation > generation { return try await compute() }
        let task = Task { try await compute() }
        if entries[key] == nil, entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        entries[key] = Entry(generation: generation, count: task, lastUse: clock)
        do {
            return try await task.value
        } catch {
            if entries[key]?.generation == generation { entries[key] = nil }
            throw error
        }
    }

    /// How many counts are kept (for tests).
    var storedCount: Int { entries.count }
}
