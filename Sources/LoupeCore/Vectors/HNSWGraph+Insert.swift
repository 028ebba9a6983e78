import CVectorKernels

extension HNSWGraph {
    /// The `ef` nearest nodes to `query` reachable at `level` from `start`, left in
    /// `scratch.results` (a max-heap); every node counts, tombstoned or not (Malkov & Yashunin,
    /// algorithm 2). Link lists are copied under their node's lock.
    func searchLayerForInsert(query: UnsafePointer<Float>, start: Int32, startDistance: Float, ef: Int, level: Int,
                              scratch: inout HNSWScratch) {
        scratch.visited.reset(capacity: slotCount)
        _ = scratch.visited.insert(start)
        scratch.results.removeAll()
        scratch.candidates.removeAll()
        scratch.results.push(startDistance, start)
        scratch.candidates.push(-startDistance, start)
        var bound = startDistance
        while !scratch.candidates.isEmpty {
            let current = scratch.candidates.pop()
            if -current.key > bound { break }
            let fresh = scratch.fresh.withUnsafeMutableBufferPointer { slots in
                scratch.linkCopy.withUnsafeMutableBufferPointer { copy in
                    lock(current.slot)
                    let list = links(current.slot, level)
                    copy.baseAddress!.update(from: list, count: Int(list[0]) &+ 1)
                    unlock(current.slot)
                }
                let fresh = scratch.linkCopy.withUnsafeBufferPointer {
                    collectUnvisited($0.baseAddress!, visited: &scratch.visited, fresh: slots.baseAddress!)
                }
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
                    // The next node to expand: its links towards the cache.
                    let next = scratch.candidates.top.slot
                    lvk_prefetch(links(next, level))
                    scratch.results.push(d, neighbor)
                    if scratch.results.count > ef { scratch.results.pop() }
                    bound = scratch.results.top.key
                }
            }
        }
    }

    /// Malkov & Yashunin's neighbour-selection heuristic (algorithm 4, without extending or
    /// keeping pruned candidates, as hnswlib): walking `candidates` nearest first, keep one when it
    /// is nearer to the base than to every one kept so far, up to `limit`.
    /// - Precondition: `candidates` sorted by ascending distance to the base.
    func selectNeighbors(_ candidates: [HNSWHeap.Entry], limit: Int, into selected: inout [HNSWHeap.Entry]) {
        selected.removeAll(keepingCapacity: true)
        if candidates.count <= limit {
            selected.append(contentsOf: candidates)
            return
        }
        for candidate in candidates {
            if selected.count >= limit { break }
            let point = vector(candidate.slot)
            var keep = true
            for chosen in selected where distance(point, chosen.slot) < candidate.key {
                keep = false
                break
            }
            if keep { selected.append(candidate) }
        }
    }

    /// Inserts `slot` (already holding its vector and level) into the graph (algorithm 1).
    func insert(_ slot: Int32, scratch: inout HNSWScratch) {
        let level = Int(levels[Int(slot)])
        let query = UnsafePointer(vector(slot))
        lockGlobal()
        var enter = Int32(entry[0])
        let top = entry[1]
        let holdsGlobal = level > top
        if !holdsGlobal { unlockGlobal() }
        guard enter >= 0 else {
            entry[0] = Int(slot)
            entry[1] = level
            unlockGlobal()
            return
        }
        var enterDistance = distance(query, enter)
        var current = top
        while current > level {
            (enter, enterDistance) = greedy(query: query, start: enter, startDistance: enterDistance, level: current)
            current -= 1
        }
        for layer in stride(from: min(level, top), through: 0, by: -1) {
            searchLayerForInsert(query: query, start: enter, startDistance: enterDistance, ef: efConstruction,
                                 level: layer, scratch: &scratch)
            scratch.pairs.removeAll(keepingCapacity: true)
            scratch.pairs.append(contentsOf: scratch.results.entries)
            scratch.pairs.sort { $0.key < $1.key || ($0.key == $1.key && $0.slot < $1.slot) }
            selectNeighbors(scratch.pairs, limit: m, into: &scratch.selected)
            lock(slot)
            let own = links(slot, layer)
            own[0] = Int32(scratch.selected.count)
            for (i, chosen) in scratch.selected.enumerated() { own[i + 1] = chosen.slot }
            unlock(slot)
            for chosen in scratch.selected {
                connect(chosen.slot, to: slot, distance: chosen.key, layer: layer, scratch: &scratch)
            }
            enter = scratch.selected[0].slot
            enterDistance = scratch.selected[0].key
        }
        if holdsGlobal {
            entry[0] = Int(slot)
            entry[1] = level
            unlockGlobal()
        }
    }

    /// Adds a link from `node` to `newSlot` at `layer`; when `node`'s list is full, re-selects its
    /// links among the old ones and `newSlot` with the heuristic.
    private func connect(_ node: Int32, to newSlot: Int32, distance newDistance: Float, layer: Int, scratch: inout HNSWScratch) {
        let limit = layer == 0 ? 2 * m : m
        lock(node)
        defer { unlock(node) }
        let list = links(node, layer)
        let n = Int(list[0])
        if n < limit {
            list[n + 1] = newSlot
            list[0] = Int32(n + 1)
            return
        }
        var candidates = [HNSWHeap.Entry(key: newDistance, slot: newSlot)]
        candidates.reserveCapacity(n + 1)
        let base = UnsafePointer(vector(node))
        for i in 1...n { candidates.append(HNSWHeap.Entry(key: distance(base, list[i]), slot: list[i])) }
        candidates.sort { $0.key < $1.key || ($0.key == $1.key && $0.slot < $1.slot) }
        var kept: [HNSWHeap.Entry] = []
        kept.reserveCapacity(limit)
        selectNeighbors(candidates, limit: limit, into: &kept)
        list[0] = Int32(kept.count)
        for (i, chosen) in kept.enumerated() { list[i + 1] = chosen.slot }
    }
}
