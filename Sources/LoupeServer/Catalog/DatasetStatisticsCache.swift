import Foundation
import LoupeCatalog

/// Each dataset's statistics under the write generation they were counted at: counting a
/// million rows and their two million objects takes seconds, and the start page and the catalog
/// ask for them on every visit. A write to the dataset (by any process) moves its generation, and
/// the next request counts again.
final class DatasetStatisticsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Int64: (generation: Int64, statistics: DatasetStatistics)] = [:]

    /// The statistics of `datasetID`, counted now unless they were counted at its current generation.
    func statistics<S: Store>(of datasetID: Int64, in store: S) async throws -> DatasetStatistics? {
        let generation = try await store.writeGeneration(datasetID: datasetID)
        if let entry = lock.withLock({ entries[datasetID] }), entry.generation == generation { return entry.statistics }
        guard let counted = try await store.statistics(datasetID: datasetID) else { return nil }
        lock.withLock {
            // Datasets are few; an entry per dataset ever seen is all this keeps.
            entries[datasetID] = (generation, counted)
        }
        return counted
    }
}
