import CVectorKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain view of ``HNSWStorage``'s buffers for the hot loops: no reference counting and no
/// exclusivity checks on the way to a vector or a link list. Valid until the storage grows.
struct HNSWGraph: @unchecked Sendable {
    let dimension: Int
    let metric: VectorMetric
    let m: Int
    let efConstruction: Int
    /// Node blocks of ``nodeStride`` bytes: level-0 links, then the vector at ``vectorOffset``.
    let nodes: UnsafeMutableRawPointer
    let nodeStride: Int
    let vectorOffset: Int
    let upper: UnsafeMutablePointer<UnsafeMutablePointer<Int32>?>
    let levels: UnsafeMutablePointer<UInt8>
    let deleted: UnsafeMutablePointer<Bool>
    let ids: UnsafeMutablePointer<Int64>
    let entry: UnsafeMutablePointer<Int>
    let slotCount: Int
    /// ``metric`` as the C kernels' `LVK_METRIC_` code.
    let metricCode: Int32
    /// Striped node locks and the global lock (index ``HNSWStorage/lockStripes``); `nil` when one
    /// thread inserts.
    let locks: UnsafeMutablePointer<pthread_mutex_t>?

    @inline(__always)
    func vector(_ slot: Int32) -> UnsafeMutablePointer<Float> {
        (nodes + (Int(slot) &* nodeStride &+ vectorOffset)).assumingMemoryBound(to: Float.self)
    }

    /// The level-0 link list of `slot` (count, then up to `2m` slots), at the start of its block.
    @inline(__always)
    func level0Links(_ slot: Int32) -> UnsafeMutablePointer<Int32> {
        (nodes + Int(slot) &* nodeStride).assumingMemoryBound(to: Int32.self)
    }

    /// The link list of `slot` at `level`: a count, then the linked slots.
    @inline(__always)
    func links(_ slot: Int32, _ level: Int) -> UnsafeMutablePointer<Int32> {
        level == 0 ? level0Links(slot) : upper[Int(slot)]! + (level &- 1) &* (m &+ 1)
    }

    @inline(__always)
    func distance(_ query: UnsafePointer<Float>, _ slot: Int32) -> Float {
        VectorKernels.distance(metric, query, vector(slot), dimension)
    }

    @inline(__always)
    func lock(_ slot: Int32) {
        if let locks { pthread_mutex_lock(locks + (Int(slot) & (HNSWStorage.lockStripes - 1))) }
    }

    @inline(__always)
    func unlock(_ slot: Int32) {
        if let locks { pthread_mutex_unlock(locks + (Int(slot) & (HNSWStorage.lockStripes - 1))) }
    }

    func lockGlobal() { if let locks { pthread_mutex_lock(locks + HNSWStorage.lockStripes) } }
    func unlockGlobal() { if let locks { pthread_mutex_unlock(locks + HNSWStorage.lockStripes) } }

    /// Walks greedily from `start` at `level` to the nearest node to `query` it can reach
    /// (Malkov & Yashunin, algorithm 2 with `ef = 1`).
    func greedy(query: UnsafePointer<Float>, start: Int32, startDistance: Float, level: Int) -> (Int32, Float) {
        var current = start
        var best = startDistance
        var changed = true
        while changed {
            changed = false
            let node = current
            lock(node)
            let list = links(node, level)
            let n = Int(list[0])
            var i = 1
            while i <= n {
                let candidate = list[i]
                let d = distance(query, candidate)
                if d < best {
                    best = d
                    current = candidate
                    changed = true
                }
                i &+= 1
            }
            unlock(node)
        }
        return (current, best)
    }

    /// Marks the not yet visited nodes of a link list (count first) as visited, copies them to
    /// `output` and returns how many there are. The first cache line of each one's vector is
    /// prefetched on the way, so the cache misses of the coming distance computations are in
    /// flight together instead of one after another (hnswlib prefetches for the same reason).
    @inline(__always)
    func collectUnvisited(_ list: UnsafePointer<Int32>, visited: inout HNSWVisitedSet,
                          fresh output: UnsafeMutablePointer<Int32>) -> Int {
        let n = Int(list[0])
        var fresh = 0
        var i = 1
        while i <= n {
            let neighbor = list[i]
            i &+= 1
            if visited.insert(neighbor) {
                lvk_prefetch(nodes + (Int(neighbor) &* nodeStride &+ vectorOffset))
                output[fresh] = neighbor
                fresh &+= 1
            }
        }
        return fresh
    }

    /// The distances from `query` to the `count` nodes in `slots`, written to `out` (one C call:
    /// the dispatched kernel, with each next vector prefetched).
    @inline(__always)
    func distances(_ query: UnsafePointer<Float>, _ slots: UnsafePointer<Int32>, _ count: Int,
                   into out: UnsafeMutablePointer<Float>) {
        lvk_distances(metricCode, query, UnsafeRawPointer(nodes + vectorOffset), nodeStride, slots, count,
                      dimension, out)
    }
}
