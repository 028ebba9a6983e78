#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory of an ``HNSWIndex``: flat buffers indexed by slot (a slot per inserted vector,
/// never reused; removed or replaced ids leave a tombstoned slot that still routes searches).
///
/// - `nodes`: `capacity` blocks of ``nodeStride`` bytes, hnswlib's bottom-layer layout: a node's
///   level-0 link list (an Int32 count, then up to `2m` Int32 slots) followed by its vector
///   (`dimension` floats, at ``vectorOffset``), so expanding a node and comparing with its vector
///   touch one block.
/// - `upper[slot]`: for a node of level `L > 0`, `L × (m + 1)` Int32 (count, then up to `m`
///   slots) for levels 1…L; `nil` at level 0.
/// - `levels`, `deleted`, `ids`: one value per slot; `slotOfID` maps live ids to slots.
/// - `entry`: the entry point slot (`-1` when empty) and the top level, guarded by the global lock
///   while a batch is inserted in parallel.
final class HNSWStorage: @unchecked Sendable {
    let dimension: Int
    let metric: VectorMetric
    let m: Int
    let efConstruction: Int
    var capacity = 0
    var slotCount = 0
    var liveCount = 0
    var nodes: UnsafeMutableRawPointer
    var upper: UnsafeMutablePointer<UnsafeMutablePointer<Int32>?>
    var levels: UnsafeMutablePointer<UInt8>
    var deleted: UnsafeMutablePointer<Bool>
    var ids: UnsafeMutablePointer<Int64>
    let entry: UnsafeMutablePointer<Int>
    var slotOfID: [Int64: Int32] = [:]
    var generator: SplitMix64
    /// Striped node locks plus one global lock (the last), allocated for parallel inserts.
    private(set) var locks: UnsafeMutablePointer<pthread_mutex_t>?
    static let lockStripes = 1 << 16

    var level0Stride: Int { 2 * m + 1 }
    var upperStride: Int { m + 1 }
    /// Bytes from a node block's start to its vector.
    var vectorOffset: Int { level0Stride * 4 }
    /// Bytes per node block (links then vector).
    var nodeStride: Int { vectorOffset + dimension * 4 }

    init(dimension: Int, metric: VectorMetric, m: Int, efConstruction: Int, seed: UInt64) {
        self.dimension = dimension
        self.metric = metric
        self.m = m
        self.efConstruction = efConstruction
        generator = SplitMix64(seed: seed)
        nodes = .allocate(byteCount: 64, alignment: 64)
        upper = .allocate(capacity: 1)
        levels = .allocate(capacity: 1)
        deleted = .allocate(capacity: 1)
        ids = .allocate(capacity: 1)
        entry = .allocate(capacity: 2)
        entry[0] = -1
        entry[1] = -1
    }

    deinit {
        for slot in 0..<slotCount { upper[slot]?.deallocate() }
        nodes.deallocate()
        upper.deallocate()
        levels.deallocate()
        deleted.deallocate()
        ids.deallocate()
        entry.deallocate()
        if let locks {
            for i in 0...Self.lockStripes { pthread_mutex_destroy(locks + i) }
            locks.deallocate()
        }
    }

    /// Grows every per-slot buffer to hold at least `needed` slots (doubling).
    func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let newCapacity = max(needed, capacity * 2, 16)
        func grow<T>(_ pointer: inout UnsafeMutablePointer<T>, _ perSlot: Int) {
            let fresh = UnsafeMutablePointer<T>.allocate(capacity: newCapacity * perSlot)
            fresh.moveInitialize(from: pointer, count: slotCount * perSlot)
            pointer.deallocate()
            pointer = fresh
        }
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: newCapacity * nodeStride, alignment: 64)
        fresh.copyMemory(from: nodes, byteCount: slotCount * nodeStride)
        for slot in 0..<slotCount { bind(fresh, slot) }
        nodes.deallocate()
        nodes = fresh
        grow(&upper, 1)
        grow(&levels, 1)
        grow(&deleted, 1)
        grow(&ids, 1)
        capacity = newCapacity
    }

    /// Binds a node block's regions to their types (links, then vector).
    private func bind(_ base: UnsafeMutableRawPointer, _ slot: Int) {
        let block = base + slot * nodeStride
        block.bindMemory(to: Int32.self, capacity: level0Stride)
        (block + vectorOffset).bindMemory(to: Float.self, capacity: dimension)
    }

    /// The level-0 link list of `slot` (count, then up to `2m` slots).
    func level0Links(_ slot: Int) -> UnsafeMutablePointer<Int32> {
        (nodes + slot * nodeStride).assumingMemoryBound(to: Int32.self)
    }

    /// The stored vector of `slot`.
    func vector(_ slot: Int) -> UnsafeMutablePointer<Float> {
        (nodes + slot * nodeStride + vectorOffset).assumingMemoryBound(to: Float.self)
    }

    /// A random level `⌊−ln(U) / ln(m)⌋` from the seeded generator (Malkov & Yashunin, alg. 1).
    func drawLevel() -> Int {
        let uniform = Double(generator.next() >> 11 | 1) * 0x1.0p-53
        return min(Int(-log(uniform) / log(Double(m))), 100)
    }

    /// Appends a slot for `id` with `vector` (already prepared) at a drawn level, unlinked.
    func appendSlot(id: Int64, vector: UnsafePointer<Float>) -> Int32 {
        reserve(slotCount + 1)
        let slot = slotCount
        let block = nodes + slot * nodeStride
        block.initializeMemory(as: Int32.self, repeating: 0, count: level0Stride)
        (block + vectorOffset).initializeMemory(as: Float.self, from: vector, count: dimension)
        let level = drawLevel()
        levels[slot] = UInt8(level)
        if level > 0 {
            let links = UnsafeMutablePointer<Int32>.allocate(capacity: level * upperStride)
            links.initialize(repeating: 0, count: level * upperStride)
            upper[slot] = links
        } else {
            upper[slot] = nil
        }
        deleted[slot] = false
        ids[slot] = id
        slotOfID[id] = Int32(slot)
        slotCount += 1
        liveCount += 1
        return Int32(slot)
    }

    /// Tombstones the slot of `id`; returns whether it was live.
    func tombstone(id: Int64) -> Bool {
        guard let slot = slotOfID.removeValue(forKey: id) else { return false }
        deleted[Int(slot)] = true
        liveCount -= 1
        return true
    }

    /// The lock pool, created on first use.
    func lockPool() -> UnsafeMutablePointer<pthread_mutex_t> {
        if let locks { return locks }
        let pool = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: Self.lockStripes + 1)
        for i in 0...Self.lockStripes { pthread_mutex_init(pool + i, nil) }
        locks = pool
        return pool
    }

    /// A view of the current buffers for the hot loops (invalid after the next `reserve`).
    func graph(locking: Bool) -> HNSWGraph {
        HNSWGraph(dimension: dimension, metric: metric, m: m, efConstruction: efConstruction,
                  nodes: nodes, nodeStride: nodeStride, vectorOffset: vectorOffset, upper: upper, levels: levels, deleted: deleted, ids: ids,
                  entry: entry, slotCount: slotCount, metricCode: VectorKernels.metricCode(metric), locks: locking ? lockPool() : nil)
    }

    /// A deep copy (for copy-on-write of ``HNSWIndex``).
    func copy() -> HNSWStorage {
        let other = HNSWStorage(dimension: dimension, metric: metric, m: m, efConstruction: efConstruction, seed: 0)
        other.generator = generator
        other.reserve(slotCount)
        other.nodes.copyMemory(from: nodes, byteCount: slotCount * nodeStride)
        for slot in 0..<slotCount { other.bind(other.nodes, slot) }
        other.levels.initialize(from: levels, count: slotCount)
        other.deleted.initialize(from: deleted, count: slotCount)
        other.ids.initialize(from: ids, count: slotCount)
        for slot in 0..<slotCount {
            if let links = upper[slot] {
                let size = Int(levels[slot]) * upperStride
                let fresh = UnsafeMutablePointer<Int32>.allocate(capacity: size)
                fresh.initialize(from: links, count: size)
                other.upper[slot] = fresh
            } else {
                other.upper[slot] = nil
            }
        }
        other.slotCount = slotCount
        other.liveCount = liveCount
        other.slotOfID = slotOfID
        other.entry[0] = entry[0]
        other.entry[1] = entry[1]
        return other
    }

    /// Bytes held: node blocks (links and vectors), upper links, per-slot values and the id
    /// dictionary (estimated at 32 bytes per entry).
    var memoryBytes: Int {
        var upperBytes = 0
        for slot in 0..<slotCount where levels[slot] > 0 { upperBytes += Int(levels[slot]) * upperStride * 4 }
        return capacity * (nodeStride + 8 + 1 + 1 + 8) + upperBytes + slotOfID.capacity * 32
    }
}
