/// A binary max-heap of (distance, slot) pairs, the candidate and result lists of HNSW search.
/// A min-heap is the same heap over negated distances.
struct HNSWHeap {
    struct Entry {
        var key: Float
        var slot: Int32
    }

    private(set) var entries: ContiguousArray<Entry> = []

    init(capacity: Int) { entries.reserveCapacity(capacity + 1) }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    /// The largest entry.
    var top: Entry { entries[0] }

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    mutating func push(_ key: Float, _ slot: Int32) {
        entries.append(Entry(key: key, slot: slot))
        entries.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            let moving = heap[child]
            while child > 0 {
                let parent = (child - 1) >> 1
                guard heap[parent].key < moving.key else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = moving
        }
    }

    @discardableResult
    mutating func pop() -> Entry {
        let result = entries[0]
        let last = entries.removeLast()
        guard !entries.isEmpty else { return result }
        entries.withUnsafeMutableBufferPointer { heap in
            let n = heap.count
            var parent = 0
            while true {
                var child = 2 * parent + 1
                guard child < n else { break }
                if child + 1 < n && heap[child + 1].key > heap[child].key { child += 1 }
                guard heap[child].key > last.key else { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = last
        }
        return result
    }
}
