/// The working memory of one thread's HNSW searches and inserts, reused across calls.
struct HNSWScratch {
    var visited: HNSWVisitedSet
    var candidates: HNSWHeap
    var results: HNSWHeap
    var linkCopy: [Int32]
    /// Unvisited neighbours of the node being expanded.
    var fresh: [Int32]
    /// Distances to the nodes in `fresh`.
    var freshDistances: [Float]
    var pairs: [HNSWHeap.Entry] = []
    var selected: [HNSWHeap.Entry] = []

    init(slotCount: Int, m: Int, ef: Int) {
        visited = HNSWVisitedSet(capacity: slotCount)
        candidates = HNSWHeap(capacity: ef * 4)
        results = HNSWHeap(capacity: ef + 1)
        linkCopy = [Int32](repeating: 0, count: 2 * m + 1)
        fresh = [Int32](repeating: 0, count: 2 * m)
        freshDistances = [Float](repeating: 0, count: 2 * m)
    }
}
