import Foundation
import LoupeCatalog
@testable import LoupeServer
import Testing

@Suite("row result cache")
struct RowResultCacheTests {
    /// Counts how often a computation ran.
    actor Calls {
        var value = 0
        func increment() { value += 1 }
    }

    static let filter = try! FilterParser.parse("gt.count >= 2")
    static let byKey = try! FilterParser.parseSort("key")

    @Test("a result is computed once per generation, shared by requests that miss together, and recomputed after a write")
    func reuse() async throws {
        let cache = RowResultCache()
        let calls = Calls()
        let compute: @Sendable () async throws -> [Int64] = {
            await calls.increment()
            try await Task.sleep(for: .milliseconds(50))
            return [5, 3, 9]
        }
        let results = try await withThrowingTaskGroup(of: RowResultCache.ResultSet.self) { group in
            for _ in 0..<16 {
                group.addTask { try await cache.result(datasetID: 1, filter: Self.filter, sort: [], generation: 5, compute: compute) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.count == 3 && $0.ids == [5, 3, 9] })
        #expect(await calls.value == 1)
        _ = try await cache.result(datasetID: 1, filter: Self.filter, sort: [], generation: 5, compute: compute)
        #expect(await calls.value == 1)
        _ = try await cache.result(datasetID: 1, filter: Self.filter, sort: [], generation: 6, compute: compute)
        #expect(await calls.value == 2)
        // Another dataset, filter or sort is another result.
        _ = try await cache.result(datasetID: 2, filter: Self.filter, sort: [], generation: 6, compute: compute)
        _ = try await cache.result(datasetID: 1, filter: nil, sort: [], generation: 6, compute: compute)
        _ = try await cache.result(datasetID: 1, filter: Self.filter, sort: Self.byKey, generation: 6, compute: compute)
        #expect(await calls.value == 5)
        // A request holding an older generation than the cached one computes for itself and leaves it.
        _ = try await cache.result(datasetID: 1, filter: Self.filter, sort: [], generation: 4, compute: compute)
        _ = try await cache.result(datasetID: 1, filter: Self.filter, sort: [], generation: 6, compute: compute)
        #expect(await calls.value == 6)
        #expect(await cache.storedIDs == 3 * 4)
    }

    @Test("a failed result is not kept; the least recently used goes first when full, by count and by ids")
    func failuresAndEviction() async throws {
        struct Broken: Error {}
        let cache = RowResultCache(capacity: 2, idBudget: 10)
        await #expect(throws: Broken.self) {
            _ = try await cache.result(datasetID: 1, filter: nil, sort: [], generation: 1) { throw Broken() }
        }
        #expect(await cache.storedCount == 0)
        #expect(try await cache.result(datasetID: 1, filter: nil, sort: [], generation: 1) { [1] }.ids == [1])
        #expect(try await cache.result(datasetID: 2, filter: nil, sort: [], generation: 1) { [2] }.ids == [2])
        #expect(try await cache.result(datasetID: 1, filter: nil, sort: [], generation: 1) { [11] }.ids == [1])
        #expect(try await cache.result(datasetID: 3, filter: nil, sort: [], generation: 1) { [3] }.ids == [3])
        #expect(await cache.storedCount == 2)
        // Dataset 2 was the least recently used: it is computed again, dataset 1 is not.
        #expect(try await cache.result(datasetID: 1, filter: nil, sort: [], generation: 1) { [12] }.ids == [1])
        #expect(try await cache.result(datasetID: 2, filter: nil, sort: [], generation: 1) { [21] }.ids == [21])
        // With room for two results, eight ids join the most recent one-id result; twelve are counted but not kept.
        #expect(try await cache.result(datasetID: 4, filter: nil, sort: [], generation: 1) { Array(1...8) }.count == 8)
        #expect(await cache.storedIDs == 9)
        let large = try await cache.result(datasetID: 5, filter: nil, sort: [], generation: 1) { Array(1...12) }
        #expect(large.count == 12 && large.ids == nil)
        #expect(await cache.storedIDs <= 10)
    }
}
