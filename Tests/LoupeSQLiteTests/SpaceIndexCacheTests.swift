import Foundation
import LoupeCatalog
import LoupeCore
@testable import LoupeSQLite
import Testing

/// A space's HNSW index built in the background while an exact index answers.
@Suite("space index cache")
struct SpaceIndexCacheTests {
    /// 400 rows with seeded 16-dimensional vectors in space `s`.
    static func workspace() async throws -> (TemporaryWorkspace, EmbeddingSpace) {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let dataset = try await store.createDataset(named: "d")
        let ids = try await store.upsertRows((0..<400).map { DataRow(key: "r\($0)") }, datasetID: dataset.id)
        let space = try await store.createEmbeddingSpace(named: "s", dimension: 16, sourceRunID: nil)
        var random = SplitMix64(seed: 5)
        try await store.upsertEmbeddings(ids.map { id in
            Embedding(spaceID: space.id, rowID: id, vector: (0..<16).map { _ in Float(random.nextUnitInterval() * 2 - 1) })
        })
        return (workspace, space)
    }

    @Test("a large space answers from an exact index until its HNSW index is built, then from the HNSW index, with the same nearest rows; the built index is written")
    func backgroundBuild() async throws {
        let (workspace, space) = try await Self.workspace()
        let directory = workspace.folder.appendingPathComponent("indexes")
        let cache = SpaceIndexCache(store: workspace.store, directory: directory, approximateFrom: 100, backgroundBuildFrom: 50)
        let search = SimilaritySearch(store: workspace.store, indexes: cache)
        let first = try await cache.index(of: space, metric: .cosine)
        #expect(first.kind == .exact && first.count == 400)
        let query = SimilarityQuery(positives: ["r7"], k: 5, dataset: "d")
        let exact = try await search.search(space: "s", query)
        await cache.finishBuilds()
        let built = try await cache.index(of: space, metric: .cosine)
        #expect(built.kind == .hnsw && built.count == 400)
        #expect(await cache.buildFailures.isEmpty)
        let approximate = try await search.search(space: "s", query)
        #expect(approximate.map(\.key) == exact.map(\.key), "400 points: HNSW finds the exact top 5")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("space-\(space.id)-cosine.index").path))

        // A few new vectors are added to the built index in the request, not rebuilt.
        let dataset = try #require(try await workspace.store.dataset(named: "d"))
        let added = try await workspace.store.upsertRows([DataRow(key: "new")], datasetID: dataset.id)
        try await workspace.store.upsertEmbeddings([Embedding(spaceID: space.id, rowID: added[0], vector: [Float](repeating: 0.25, count: 16))])
        let caughtUp = try await cache.index(of: space, metric: .cosine)
        #expect(caughtUp.kind == .hnsw && caughtUp.count == 401)
    }

    @Test("below backgroundBuildFrom new vectors (the command line's setting) the HNSW index is built in the call")
    func inlineBuild() async throws {
        let (workspace, space) = try await Self.workspace()
        let cache = SpaceIndexCache(store: workspace.store, directory: nil, approximateFrom: 100, backgroundBuildFrom: .max)
        let index = try await cache.index(of: space, metric: .cosine)
        #expect(index.kind == .hnsw && index.count == 400)
    }
}
