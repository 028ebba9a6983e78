/// A binary max-heap of (distance, slot) pairs, the candidate and result lists of HNSW search.
/// A min-heap is the same heap over negated distances.
///
/// The entries live in a buffer owned by a private class and are written through a plain pointer
/// (no copy-on-write check per push or pop); the buffer doubles when full. A heap belongs to one
/// thread's ``HNSWScratch``; copies share the buffer.
struct HNSWHeap {
    struct Entry {
        var key: Float
        var slot: Int32
    }

    /// Owns the entry buffer.
    private final class Buffer {
        let entries: UnsafeMutablePointer<Entry>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 4)
            entries = .allocate(capacity: self.capacity)
        }

        deinit { entries.deallocate() }
    }

    private var buffer: Buffer
    private var heap: UnsafeMutablePointer<Entry>
    private(set) var count = 0

    init(capacity: Int) {
        buffer = Buffer(capacity: capacity + 1)
        heap = buffer.entries
    }

    var isEmpty: Bool { count == 0 }
    /// The largest entry.
    /// - Precondition: not empty.
    var top: Entry { heap[0] }
    /// The entries in heap order (valid until the next mutation).
    var entries: UnsafeBufferPointer<Entry> { UnsafeBufferPointer(start: heap, count: count) }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func push(_ key: Float, _ slot: Int32) {
        if count == buffer.capacity { grow() }
        let moving = Entry(key: key, slot: slot)
        var child = count
        count &+= 1
        while child > 0 {
            let parent = (child &- 1) >> 1
            guard heap[parent].key < moving.key else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = moving
    }

    @discardableResult
    @inline(__always)
    mutating func pop() -> Entry {
        let result = heap[0]
        count &-= 1
        let n = count
        guard n > 0 else { return result }
        let last = heap[n]
        var parent = 0
        while true {
            var child = 2 &* parent &+ 1
            guard child < n else { break }
            if child &+ 1 < n && heap[child &+ 1].key > heap[child].key { child &+= 1 }
            guard heap[child].key > last.key else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return result
    }

    private mutating func grow() {
        let larger = Buffer(capacity: buffer.capacity * 2)
        larger.entries.initialize(from: heap, count: count)
        buffer = larger
        heap = larger.entries
    }
}
