import Foundation
import LoupeCore

/// The vector indexes of a workspace's embedding spaces, kept in memory and in files beside the
/// workspace, brought up to date with the store on each use: vectors added since are added,
/// replaced or deleted ones removed (an index holds vectors under their embedding id, which
/// changes when a vector is replaced).
///
/// Spaces with fewer than ``approximateFrom`` row vectors get an exact index, larger ones an
/// HNSW index. Files are written whole to a temporary name and renamed, so a killed process
/// leaves the previous file or the new one; an unreadable file is rebuilt from the store.
public actor SpaceIndexCache<S: Store> {
    /// The store whose spaces are indexed.
    public let store: S
    /// Where index files live, or `nil` to keep them in memory only.
    public let directory: URL?
    /// Row vectors from which a space gets an HNSW index instead of an exact one.
    public let approximateFrom: Int
    /// Parameters of HNSW indexes.
    public let parameters: HNSWParameters

    private var loaded: [String: SpaceIndex] = [:]
    /// The source signature each loaded index was brought up to date with.
    private var signatures: [String: String] = [:]

    /// A cache over `store`, with files in `directory` (created when first written).
    public init(store: S, directory: URL?, approximateFrom: Int = 200_000, parameters: HNSWParameters = HNSWParameters()) {
        self.store = store
        self.directory = directory
        self.approximateFrom = approximateFrom
        self.parameters = parameters
    }

    /// The directory for a workspace file: `NAME.indexes` beside it.
    public static func directory(forWorkspace path: String) -> URL {
        URL(fileURLWithPath: path + ".indexes", isDirectory: true)
    }

    /// The index of `space` under `metric`, up to date with the store.
    /// - Throws: store errors; `StoreError.invalid` when the store holds a vector the index refuses.
    public func index(of space: EmbeddingSpace, metric: VectorMetric) async throws -> SpaceIndex {
        let key = "\(space.id)-\(metric.rawValue)"
        // One aggregate over the space's index range answers the common case: nothing changed.
        let signature = try await store.embeddingSourceSignature(spaceID: space.id)
        if let index = loaded[key], signatures[key] == signature { return index }
        let entries = try await store.embeddingEntries(spaceID: space.id).filter { $0.objectID == nil }
        let kind: SpaceIndex.Kind = entries.count >= approximateFrom ? .hnsw : .exact
        var index = loaded[key] ?? readFile(key: key, space: space, metric: metric)
            ?? SpaceIndex(space: space, metric: metric, kind: kind, parameters: parameters)
        if index.kind != kind { index = SpaceIndex(space: space, metric: metric, kind: kind, parameters: parameters) }
        let wanted = Set(entries.map(\.id))
        let stale = index.entries.keys.filter { !wanted.contains($0) }
        let fresh = entries.filter { index.entries[$0.id] == nil }
        if !stale.isEmpty { index.remove(stale) }
        for start in stride(from: 0, to: fresh.count, by: 50_000) {
            let chunk = Array(fresh[start..<min(fresh.count, start + 50_000)])
            let vectors = try await store.embeddingVectors(spaceID: space.id, ids: chunk.map(\.id))
            do {
                try index.add(chunk, vectors: vectors)
            } catch {
                throw StoreError.invalid("space '\(space.name)': \(error)")
            }
        }
        loaded[key] = index
        signatures[key] = EmbeddingEntry.sourceSignature(entries)
        if !stale.isEmpty || !fresh.isEmpty { writeFile(index, key: key) }
        return index
    }

    private func fileURL(key: String) -> URL? {
        directory?.appendingPathComponent("space-\(key).index")
    }

    private func readFile(key: String, space: EmbeddingSpace, metric: VectorMetric) -> SpaceIndex? {
        guard let url = fileURL(key: key), let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return SpaceIndex.read([UInt8](data), space: space, metric: metric, parameters: parameters)
    }

    /// Writes the file; a failure to write costs only a rebuild later, so it is not an error.
    private func writeFile(_ index: SpaceIndex, key: String) {
        guard let directory, let url = fileURL(key: key) else { return }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".space-\(key).\(ProcessInfo.processInfo.processIdentifier).tmp")
            try Data(index.fileBytes()).write(to: temporary)
            // rename(2) replaces the old file atomically: readers see the old index or the new one.
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(".space-\(key).\(ProcessInfo.processInfo.processIdentifier).tmp"))
        }
    }
}
