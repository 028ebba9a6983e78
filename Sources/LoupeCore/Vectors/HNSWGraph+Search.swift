import CVectorKernels

extension HNSWGraph {
    /// The `k` nearest live nodes to `query` that pass `filter`, as hits best first, ties by id.
    ///
    /// Descends greedily from the entry point to level 1, then runs the bottom-layer search with a
    /// candidate list of `ef` (hnswlib's `searchBaseLayerST`): traversal goes through every node,
    /// tombstoned or filtered out, but only accepted nodes enter the result list, and while that
    /// list holds fewer than `ef` nodes the search does not stop early. No locks: searches run
    /// while no insert does.
    func search(query: UnsafePointer<Float>, k: Int, ef: Int, filter: ((Int64) -> Bool)?, scratch: inout HNSWScratch) -> [VectorSearchHit] {
        var enter = Int32(entry[0])
        guard enter >= 0, k > 0 else { return [] }
        var enterDistance = distance(query, enter)
        var level = entry[1]
        while level > 0 {
            (enter, enterDistance) = greedy(query: query, start: enter, startDistance: enterDistance, level: level)
            level -= 1
        }
        let ef = max(ef, k)
        scratch.visited.reset(capacity: slotCount)
        _ = scratch.visited.insert(enter)
        scratch.results.removeAll()
        scratch.candidates.removeAll()
        var bound = Float.infinity
        if !deleted[Int(enter)] && (filter == nil || filter!(ids[Int(enter)])) {
            scratch.results.push(enterDistance, enter)
            bound = enterDistance
        }
        scratch.candidates.push(-enterDistance, enter)
        while !scratch.candidates.isEmpty {
            let current = scratch.candidates.pop()
            if -current.key > bound && scratch.results.count >= ef { break }
            let list = level0Links(current.slot)
            let fresh = scratch.fresh.withUnsafeMutableBufferPointer { slots in
                let fresh = collectUnvisited(list, visited: &scratch.visited, fresh: slots.baseAddress!)
                scratch.freshDistances.withUnsafeMutableBufferPointer { distances(query, slots.baseAddress!, fresh, into: $0.baseAddress!) }
                return fresh
            }
            var i = 0
            while i < fresh {
                let neighbor = scratch.fresh[i]
                let d = scratch.freshDistances[i]
                i &+= 1
                if scratch.results.count < ef || d < bound {
                    scratch.candidates.push(-d, neighbor)
                    // The next node to expand: its links (and vector) towards the cache.
                    lvk_prefetch(nodes + Int(scratch.candidates.top.slot) &* nodeStride)
                    if !deleted[Int(neighbor)] && (filter == nil || filter!(ids[Int(neighbor)])) {
                        scratch.results.push(d, neighbor)
                        if scratch.results.count > ef { scratch.results.pop() }
                    }
                    if !scratch.results.isEmpty { bound = scratch.results.top.key }
                }
            }
        }
        var hits = scratch.results.entries.map { VectorSearchHit(id: ids[Int($0.slot)], score: metric.similarity(forDistance: $0.key)) }
        hits.sort { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
        if hits.count > k { hits.removeLast(hits.count - k) }
        return hits
    }
}
