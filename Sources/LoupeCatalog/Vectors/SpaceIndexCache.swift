import Foundation
import LoupeCore

/// The vector indexes of a workspace's embedding spaces, kept in memory and in files beside the
/// workspace, brought up to date with the store on each use: vectors added since are added,
/// replaced or deleted ones removed (an index holds vectors under their embedding id, which
/// changes when a vector is replaced).
///
/// Spaces with fewer than ``approximateFrom`` row vectors get an exact index, larger ones an
/// HNSW index. Building an HNSW index from nothing (or catching up on more than
/// ``backgroundBuildFrom`` new vectors) takes minutes at a million vectors, so it runs in the
/// background while an exact index of the same vectors answers (slower per query, but exact);
/// the HNSW index takes over once built. Files are written whole to a temporary name and renamed,
/// so a killed process leaves the previous file or the new one; an unreadable file is rebuilt
/// from the store.
public actor SpaceIndexCache<S: Store> {
    /// The store whose spaces are indexed.
    public let store: S
    /// Where index files live, or `nil` to keep them in memory only.
    public let directory: URL?
    /// Row vectors from which a space gets an HNSW index instead of an exact one.
    public let approximateFrom: Int
    /// Parameters of HNSW indexes.
    public let parameters: HNSWParameters
    /// New vectors from which an HNSW index is built in the background rather than in the request.
    public let backgroundBuildFrom: Int

    private var loaded: [String: SpaceIndex] = [:]
    /// The source signature each loaded index was brought up to date with.
    private var signatures: [String: String] = [:]
    /// Exact indexes answering while an HNSW index of their space is built, with the source
    /// signature each was brought up to date with.
    private var standIns: [String: (index: SpaceIndex, signature: String)] = [:]
    /// HNSW builds running in the background.
    private var builds: [String: Task<Void, Never>] = [:]
    /// Why the last background build of a key failed (it is tried again on the next use).
    public private(set) var buildFailures: [String: String] = [:]

    /// A cache over `store`, with files in `directory` (created when first written).
    public init(store: S, directory: URL?, approximateFrom: Int = 200_000, parameters: HNSWParameters = HNSWParameters(),
                backgroundBuildFrom: Int = 20_000) {
        self.store = store
        self.directory = directory
        self.approximateFrom = approximateFrom
        self.parameters = parameters
        self.backgroundBuildFrom = backgroundBuildFrom
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
        if builds[key] != nil, let standIn = standIns[key], standIn.signature == signature { return standIn.index }
        let entries = try await store.embeddingEntries(spaceID: space.id).filter { $0.objectID == nil }
        let kind: SpaceIndex.Kind = entries.count >= approximateFrom ? .hnsw : .exact
        var index = loaded[key] ?? readFile(key: key, space: space, metric: metric)
            ?? SpaceIndex(space: space, metric: metric, kind: kind, parameters: parameters)
        if index.kind != kind { index = SpaceIndex(space: space, metric: metric, kind: kind, parameters: parameters) }
        let behind = entries.lazy.filter { index.entries[$0.id] == nil }.count
        if kind == .hnsw, behind >= backgroundBuildFrom {
            startBuild(key: key, space: space, metric: metric, entries: entries)
            var standIn = standIns[key]?.index ?? SpaceIndex(space: space, metric: metric, kind: .exact, parameters: parameters)
            try await catchUp(&standIn, with: entries, space: space)
            standIns[key] = (standIn, EmbeddingEntry.sourceSignature(entries))
            return standIn
        }
        if try await catchUp(&index, with: entries, space: space) { writeFile(index, key: key) }
        loaded[key] = index
        signatures[key] = EmbeddingEntry.sourceSignature(entries)
        return index
    }

    /// Removes the vectors the store no longer has and adds the new ones; whether anything changed.
    @discardableResult
    private func catchUp(_ index: inout SpaceIndex, with entries: [EmbeddingEntry], space: EmbeddingSpace) async throws -> Bool {
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
        return !stale.isEmpty || !fresh.isEmpty
    }

    /// Builds the HNSW index of `entries` off the actor and the cooperative pool, unless a build of
    /// the key runs already; the finished index replaces the stand-in. Vectors added meanwhile are
    /// caught up by id on the next use.
    private func startBuild(key: String, space: EmbeddingSpace, metric: VectorMetric, entries: [EmbeddingEntry]) {
        guard builds[key] == nil else { return }
        let store = store, parameters = parameters
        builds[key] = Task {
            do {
                var loading: [([EmbeddingEntry], RowMajorMatrix)] = []
                for start in stride(from: 0, to: entries.count, by: 50_000) {
                    let chunk = Array(entries[start..<min(entries.count, start + 50_000)])
                    loading.append((chunk, try await store.embeddingVectors(spaceID: space.id, ids: chunk.map(\.id))))
                }
                let chunks = loading
                // One closure builds the whole index, so no copy of a growing graph is ever shared.
                let built = try await BlockingWork.run { () throws -> SpaceIndex in
                    var index = SpaceIndex(space: space, metric: metric, kind: .hnsw, parameters: parameters)
                    for (chunk, vectors) in chunks { try index.add(chunk, vectors: vectors) }
                    return index
                }
                await self.finishBuild(key: key, index: built, signature: EmbeddingEntry.sourceSignature(entries))
            } catch {
                await self.failBuild(key: key, reason: "\(error)")
            }
        }
    }

    private func finishBuild(key: String, index: SpaceIndex, signature: String) {
        builds[key] = nil
        standIns[key] = nil
        buildFailures[key] = nil
        loaded[key] = index
        signatures[key] = signature
        writeFile(index, key: key)
    }

    private func failBuild(key: String, reason: String) {
        builds[key] = nil
        buildFailures[key] = reason
    }

    /// Waits for the background builds running now (for tests and an orderly shutdown).
    public func finishBuilds() async {
        for build in builds.values { await build.value }
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
