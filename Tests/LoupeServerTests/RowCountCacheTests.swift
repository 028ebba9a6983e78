import Foundation
import LoupeCatalog
@testable import LoupeServer
import Testing

@Suite("row count cache")
struct RowCountCacheTests {
    /// Counts how often a computation ran.
    actor Calls {
        var value = 0
        func increment() { value += 1 }
    }

    static let filter = try! FilterParser.parse("gt.count >= 2")

    @Test("a count is computed once per generation, shared by requests that miss together, and recomputed after a write")
    func reuse() async throws {
        let cache = RowCountCache()
        let calls = Calls()
        let compute: @Sendable () async throws -> Int = {
            await calls.increment()
            try await Task.sleep(for: .milliseconds(50))
            return 42
        }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask { try await cache.count(datasetID: 1, filter: Self.filter, generation: 5, compute: compute) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 42, count: 16))
        #expect(await calls.value == 1)
        _ = try await cache.count(datasetID: 1, filter: Self.filter, generation: 5, compute: compute)
        #expect(await calls.value == 1)
        _ = try await cache.count(datasetID: 1, filter: Self.filter, generation: 6, compute: compute)
        #expect(await calls.value == 2)
        // Another dataset or filter is another count.
        _ = try await cache.count(datasetID: 2, filter: Self.filter, generation: 6, compute: compute)
        _ = try await cache.count(datasetID: 1, filter: nil, generation: 6, compute: compute)
        #expect(await calls.value == 4)
        // A request holding an older generation than the cached one counts for itself and leaves it.
        _ = try await cache.count(datasetID: 1, filter: Self.filter, generation: 4, compute: compute)
        _ = try await cache.count(datasetID: 1, filter: Self.filter, generation: 6, compute: compute)
        #expect(await calls.value == 5)
    }

    @Test("a failed count is not remembered; the least recently used count goes first when full")
    func failuresAndEviction() async throws {
        struct Broken: Error {}
        let cache = RowCountCache(capacity: 2)
        await #expect(throws: Broken.self) {
            _ = try await cache.count(datasetID: 1, filter: nil, generation: 1) { throw Broken() }
        }
        #expect(await cache.storedCount == 0)
        #expect(try await cache.count(datasetID: 1, filter: nil, generation: 1) { 10 } == 10)
        #expect(try await cache.count(datasetID: 2, filter: nil, generation: 1) { 20 } == 20)
        #expect(try await cache.count(datasetID: 1, filter: nil, generation: 1) { 11 } == 10)
        #expect(try await cache.count(datasetID: 3, filter: nil, generation: 1) { 30 } == 30)
        #expect(await cache.storedCount == 2)
        // Dataset 2 was the least recently used: it is computed again, dataset 1 is not.
        #expect(try await cache.count(datasetID: 1, filter: nil, generation: 1) { 12 } == 10)
        #expect(try await cache.count(datasetID: 2, filter: nil, generation: 1) { 21 } == 21)
    }
}
