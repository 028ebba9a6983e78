import Foundation
import Logging
import LoupeCatalog

/// Queues a `metadata_index` job when a query reads metadata fields of a large dataset that have
/// no index yet, so that the request that first filters on a field answers from a scan at once
/// instead of waiting seconds for an index build (and holding the workspace's write lock) inside
/// it. Later requests use the index once the job has built it; results are the same either way.
///
/// A field is queued once: until its job ends, further requests for it queue nothing.
final class MetadataIndexScheduler<S: Store>: @unchecked Sendable {
    private let store: S
    private let runner: JobRunner<S>
    private let logger: Logger
    private let lock = NSLock()
    /// `datasetID` and field name of the fields whose job has not ended.
    private var pending = Set<[String]>()

    /// A scheduler that submits to `runner`.
    init(store: S, runner: JobRunner<S>, logger: Logger = Logger(label: "loupe.jobs")) {
        self.store = store
        self.runner = runner
        self.logger = logger
    }

    /// Queues a job for the fields of `filter` and `sort` that want an index and have none queued.
    /// Never throws: a failure to look or to queue is logged, and the query runs unindexed.
    func schedule(dataset: Dataset, filter: FilterExpression?, sort: [SortKey]) async {
        do {
            let wanted = try await store.metadataFieldsWantingIndexes(datasetID: dataset.id, filter: filter, sort: sort)
            let fields = lock.withLock {
                let fresh = wanted.filter { !pending.contains([String(dataset.id), $0]) }
                for field in fresh { pending.insert([String(dataset.id), field]) }
                return fresh
            }
            guard !fields.isEmpty else { return }
            let parameters: JSONValue = .object(["dataset": .string(dataset.name), "fields": .array(fields.map(JSONValue.string))])
            let work = JobWork(
                run: { [store] reporter in
                    try await reporter.phase("indexing \(fields.joined(separator: ", "))", total: fields.count)
                    let indexed = try await store.buildMetadataIndexes(datasetID: dataset.id, fields: fields)
                    reporter.update(completed: fields.count, total: fields.count)
                    let result: JSONValue = .object(["dataset": .string(dataset.name), "indexed": .array(indexed.map(JSONValue.string))])
                    return String(decoding: try APIJSON.encoder().encode(result), as: UTF8.self)
                },
                cleanup: { [weak self] in self?.release(datasetID: dataset.id, fields: fields) })
            _ = try await runner.submit(kind: .metadataIndex, parametersJSON: String(decoding: try APIJSON.encoder().encode(parameters), as: UTF8.self),
                                        createdBy: nil, work: work)
        } catch {
            logger.warning("could not queue the metadata index build of dataset '\(dataset.name)': \(error)")
        }
    }

    private func release(datasetID: Int64, fields: [String]) {
        lock.withLock { for field in fields { pending.remove([String(datasetID), field]) } }
    }
}
