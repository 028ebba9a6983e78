/// Per-row sorted lists of the `k` best `(distance, index)` candidates seen so far, in manually
/// managed buffers (one per worker of ``SymmetricNeighborSearch``). Order: smaller distance first,
/// then smaller index; empty slots are `(∞, Int32.max)`.
struct CandidateLists: @unchecked Sendable {
    let count: Int
    let k: Int
    let distances: UnsafeMutablePointer<Float>
    let indices: UnsafeMutablePointer<Int32>
    /// The distance of each row's last slot (`∞` until the list is full), contiguous for scans.
    let worst: UnsafeMutablePointer<Float>

    init(count: Int, k: Int) {
        self.count = count
        self.k = k
        distances = .allocate(capacity: count * k)
        distances.initialize(repeating: .infinity, count: count * k)
        indices = .allocate(capacity: count * k)
        indices.initialize(repeating: .max, count: count * k)
        worst = .allocate(capacity: count)
        worst.initialize(repeating: .infinity, count: count)
    }

    func deallocate() {
        distances.deallocate()
        indices.deallocate()
        worst.deallocate()
    }

    /// Inserts `(distance, neighbor)` into `row`'s list when it beats the last slot.
    @inline(__always)
    func offer(row: Int, distance: Float, neighbor: Int32) {
        let base = row * k
        var slot = k - 1
        guard distance < distances[base + slot] || (distance == distances[base + slot] && neighbor < indices[base + slot]) else { return }
        while slot > 0 && (distances[base + slot - 1] > distance
                           || (distances[base + slot - 1] == distance && indices[base + slot - 1] > neighbor)) {
            distances[base + slot] = distances[base + slot - 1]
            indices[base + slot] = indices[base + slot - 1]
            slot -= 1
        }
        distances[base + slot] = distance
        indices[base + slot] = neighbor
        worst[row] = distances[base + k - 1]
    }

    /// The best `k` of every row over all `lists` (which saw disjoint candidates), as flat
    /// `n × k` arrays with `-1` / `∞` for empty slots.
    static func merged(_ lists: [CandidateLists], count: Int, k: Int) -> (neighbors: [Int32], distances: [Float]) {
        guard var result = lists.first else { return ([], []) }
        if lists.count > 1 {
            result = CandidateLists(count: count, k: k)
            for list in lists {
                for row in 0..<count {
                    for slot in 0..<k where list.indices[row * k + slot] != .max {
                        result.offer(row: row, distance: list.distances[row * k + slot], neighbor: list.indices[row * k + slot])
                    }
                }
            }
        }
        defer { if lists.count > 1 { result.deallocate() } }
        var neighbors = [Int32](repeating: -1, count: count * k)
        var distances = [Float](repeating: .infinity, count: count * k)
        for position in 0..<(count * k) where result.indices[position] != .max {
            neighbors[position] = result.indices[position]
            distances[position] = result.distances[position]
        }
        return (neighbors, distances)
    }
}
