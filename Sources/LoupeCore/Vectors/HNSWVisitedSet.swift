/// Marks of the nodes one search has visited: a tag per slot, bumped per search so clearing is
/// O(1) except once every 65,535 searches (hnswlib's `VisitedList`).
struct HNSWVisitedSet {
    private var tags: [UInt16]
    private var current: UInt16 = 0

    init(capacity: Int) { tags = [UInt16](repeating: 0, count: capacity) }

    /// Starts a new search over `capacity` slots.
    mutating func reset(capacity: Int) {
        if tags.count < capacity { tags = [UInt16](repeating: 0, count: capacity); current = 0 }
        if current == UInt16.max {
            for i in tags.indices { tags[i] = 0 }
            current = 0
        }
        current += 1
    }

    /// Marks `slot`; returns whether it was unmarked.
    @inline(__always)
    mutating func insert(_ slot: Int32) -> Bool {
        let index = Int(slot)
        if tags[index] == current { return false }
        tags[index] = current
        return true
    }
}
