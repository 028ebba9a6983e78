/// Marks of the nodes one search has visited: a tag per slot, bumped per search so clearing is
/// O(1) except once every 65,535 searches (hnswlib's `VisitedList`).
///
/// The tags live in a buffer owned by a private class and are written through a plain pointer:
/// no copy-on-write check per mark. A set belongs to one thread's ``HNSWScratch``; copies share
/// the buffer.
struct HNSWVisitedSet {
    /// Owns the tag buffer.
    private final class Buffer {
        let tags: UnsafeMutablePointer<UInt16>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            tags = .allocate(capacity: max(capacity, 1))
            tags.initialize(repeating: 0, count: max(capacity, 1))
        }

        deinit { tags.deallocate() }
    }

    private var buffer: Buffer
    private var tags: UnsafeMutablePointer<UInt16>
    private var current: UInt16 = 0

    init(capacity: Int) {
        buffer = Buffer(capacity: capacity)
        tags = buffer.tags
    }

    /// Starts a new search over `capacity` slots.
    mutating func reset(capacity: Int) {
        if buffer.capacity < capacity {
            buffer = Buffer(capacity: capacity)
            tags = buffer.tags
            current = 0
        }
        if current == UInt16.max {
            tags.update(repeating: 0, count: buffer.capacity)
            current = 0
        }
        current += 1
    }

    /// Marks `slot`; returns whether it was unmarked.
    /// - Precondition: `0 <= slot <` the capacity of the last reset.
    @inline(__always)
    mutating func insert(_ slot: Int32) -> Bool {
        let tag = tags + Int(slot)
        if tag.pointee == current { return false }
        tag.pointee = current
        return true
    }
}
