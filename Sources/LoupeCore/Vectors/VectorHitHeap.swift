/// A bounded collection of the `capacity` best (index, score) pairs seen so far: larger score is
/// better, ties by smaller id. The worst kept pair sits at the root of a binary heap so a candidate
/// is tested against ``threshold`` in O(1) and inserted in O(log capacity).
struct VectorHitHeap {
    let capacity: Int
    private(set) var scores: [Float] = []
    private(set) var ids: [Int64] = []

    init(capacity: Int) {
        self.capacity = max(capacity, 0)
        scores.reserveCapacity(self.capacity)
        ids.reserveCapacity(self.capacity)
    }

    /// The score a candidate must reach to be considered (`-infinity` while not full).
    @inline(__always)
    var threshold: Float { scores.count < capacity ? -.infinity : scores[0] }

    var isFull: Bool { scores.count >= capacity }

    /// Whether (a, aid) is worse than (b, bid).
    @inline(__always)
    private static func worse(_ a: Float, _ aid: Int64, _ b: Float, _ bid: Int64) -> Bool {
        a < b || (a == b && aid > bid)
    }

    /// Whether a candidate would enter the heap.
    @inline(__always)
    func accepts(score: Float, id: Int64) -> Bool {
        guard capacity > 0 else { return false }
        return scores.count < capacity || Self.worse(scores[0], ids[0], score, id)
    }

    /// Offers a candidate; keeps it when it beats the worst kept one (or the heap is not full).
    mutating func offer(score: Float, id: Int64) {
        guard accepts(score: score, id: id) else { return }
        if scores.count < capacity {
            scores.append(score)
            ids.append(id)
            var child = scores.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.worse(scores[child], ids[child], scores[parent], ids[parent]) else { break }
                scores.swapAt(child, parent)
                ids.swapAt(child, parent)
                child = parent
            }
        } else {
            scores[0] = score
            ids[0] = id
            var parent = 0
            let n = scores.count
            while true {
                let left = 2 * parent + 1
                guard left < n else { break }
                var worst = left
                let right = left + 1
                if right < n, Self.worse(scores[right], ids[right], scores[left], ids[left]) { worst = right }
                guard Self.worse(scores[worst], ids[worst], scores[parent], ids[parent]) else { break }
                scores.swapAt(worst, parent)
                ids.swapAt(worst, parent)
                parent = worst
            }
        }
    }

    /// The kept pairs as hits, best first, ties by id.
    func sortedHits() -> [VectorSearchHit] {
        (0..<scores.count).map { VectorSearchHit(id: ids[$0], score: scores[$0]) }
            .sorted { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
    }
}
