/// The state and inner loop of ``UMAP``'s gradient descent (see `UMAP.optimize`): the set's rows,
/// the sampling schedule of every entry and the curve's constants, in manually managed buffers so
/// that threads can run disjoint row ranges of one epoch without bounds checks or copies.
///
/// Thread safety: ``run(rows:epoch:alpha:points:)`` writes only the schedule entries and the live
/// positions of the rows it is given and reads other points from the epoch's snapshot, so calls on
/// disjoint row ranges may run concurrently. The owner calls ``deallocate()`` once.
struct NegativeSamplingDescent: @unchecked Sendable {
    /// The positions an epoch updates (`live`, rows of the running chunk only) and reads (`snapshot`,
    /// every point's position at the start of the epoch), both `count × dimensions` row-major.
    struct Points: @unchecked Sendable {
        let live: UnsafeMutablePointer<Float>
        let snapshot: UnsafePointer<Float>
    }

    let count: Int
    let dimensions: Int
    let rowStarts: UnsafeMutablePointer<Int>
    let tails: UnsafeMutablePointer<Int32>
    let epochsPerSample: UnsafeMutablePointer<Float>
    let nextSample: UnsafeMutablePointer<Float>
    let nextNegativeSample: UnsafeMutablePointer<Float>
    let negativeRate: Float
    let a: Float
    let b: Float
    let gamma: Float
    let seed: UInt64

    /// Copies the set's rows and starts every entry's schedule (first sample after
    /// `epochsPerSample`, first negative samples after `epochsPerSample / negativeSampleRate`).
    init(count: Int, dimensions: Int, rowStarts: [Int], tails: [Int32], epochsPerSample: [Float],
         negativeSampleRate: Int, a: Float, b: Float, gamma: Float, seed: UInt64) {
        self.count = count
        self.dimensions = dimensions
        let entries = tails.count
        self.rowStarts = .allocate(capacity: count + 1)
        self.rowStarts.initialize(from: rowStarts, count: count + 1)
        self.tails = .allocate(capacity: entries)
        self.tails.initialize(from: tails, count: entries)
        self.epochsPerSample = .allocate(capacity: entries)
        self.epochsPerSample.initialize(from: epochsPerSample, count: entries)
        nextSample = .allocate(capacity: entries)
        nextSample.initialize(from: epochsPerSample, count: entries)
        negativeRate = Float(negativeSampleRate)
        nextNegativeSample = .allocate(capacity: entries)
        let rate = negativeRate
        for e in 0..<entries { (nextNegativeSample + e).initialize(to: rate > 0 ? epochsPerSample[e] / rate : .infinity) }
        self.a = a
        self.b = b
        self.gamma = gamma
        self.seed = seed
    }

    /// Frees the buffers.
    func deallocate() {
        rowStarts.deallocate()
        tails.deallocate()
        epochsPerSample.deallocate()
        nextSample.deallocate()
        nextNegativeSample.deallocate()
    }

    /// Up to `count` consecutive row ranges covering all rows, with about equal numbers of entries.
    func rowChunks(count chunks: Int) -> [Range<Int>] {
        let entries = rowStarts[count]
        var ranges: [Range<Int>] = []
        var start = 0
        for chunk in 1...max(1, chunks) {
            var end = start
            let target = entries * chunk / max(1, chunks)
            while end < count && (rowStarts[end] < target || chunk == chunks) { end += 1 }
            if end > start { ranges.append(start..<end) }
            start = end
        }
        return ranges.isEmpty ? [0..<count] : ranges
    }

    /// One epoch of the rows `rows` at learning rate `alpha`.
    func run(rows: Range<Int>, epoch: Int, alpha: Float, points: Points) {
        if dimensions == 2 {
            step(rows: rows, epoch: epoch, alpha: alpha, points: points, dimensions: 2)
        } else {
            step(rows: rows, epoch: epoch, alpha: alpha, points: points, dimensions: dimensions)
        }
    }

    /// Pairs (attractions and repulsions) computed from one position of the head before their
    /// gradients are applied; see `UMAP.optimize`.
    static let batchCapacity = 32

    /// The loop of ``run(rows:epoch:alpha:points:)``, inlined so that `dimensions == 2` unrolls.
    ///
    /// A row's pairs are queued in draw order (each sampled entry's attraction, then its
    /// repulsions) and evaluated in batches of ``batchCapacity`` from the head's position before the
    /// batch: the distances, then the curve for the whole batch four lanes at a time, then the
    /// clipped gradients summed onto the head in queue order.
    @inline(__always)
    private func step(rows: Range<Int>, epoch: Int, alpha: Float, points: Points, dimensions dim: Int) {
        let now = Float(epoch)
        // Attraction numerator (twice umap-learn's: the mirror entry's move of this end) and repulsion numerator.
        let attraction = -2 * (2 * a * b) * alpha
        let repulsion = 2 * gamma * b * alpha
        let epochSeed = SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(epoch)))
        let capacity = Self.batchCapacity
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: capacity * (dim + 3) + dim)
        defer { scratch.deallocate() }
        var batch = PairBatch(scratch: scratch, capacity: capacity, dimensions: dim, a: a, b: b, alpha: alpha)
        let rowStarts = self.rowStarts
        let tails = self.tails
        let epochsPerSample = self.epochsPerSample
        let nextSample = self.nextSample
        let nextNegativeSample = self.nextNegativeSample
        let negativeRate = self.negativeRate
        let count = self.count
        for i in rows {
            let row = points.live + i * dim
            for c in 0..<dim { batch.position[c] = row[c] }
            var generator = SplitMix64(seed: epochSeed ^ SplitMix64.mix(UInt64(i)))
            for e in rowStarts[i]..<rowStarts[i + 1] where nextSample[e] <= now {
                batch.enqueue(points.snapshot + Int(tails[e]) * dim, numerator: attraction, offset: 0, skip: false)
                if batch.queued == capacity { batch.flush() }
                nextSample[e] += epochsPerSample[e]
                guard negativeRate > 0 else { continue }
                let perNegative = epochsPerSample[e] / negativeRate
                let negatives = Int((now - nextNegativeSample[e]) / perNegative)
                guard negatives > 0 else { continue }
                nextNegativeSample[e] += Float(negatives) * perNegative
                for _ in 0..<negatives {
                    let o = generator.nextIndex(below: count)
                    // The point itself is skipped (umap-learn's `j == k`).
                    batch.enqueue(points.snapshot + o * dim, numerator: repulsion, offset: 0.001, skip: o == i)
                    if batch.queued == capacity { batch.flush() }
                }
            }
            batch.flush()
            for c in 0..<dim { row[c] = batch.position[c] }
        }
    }
}

/// The queue of pairs of one head (see `NegativeSamplingDescent.step`), over caller-owned scratch
/// memory of `capacity · (dimensions + 3) + dimensions` floats.
private struct PairBatch {
    /// The head's running position (`dimensions` values).
    let position: UnsafeMutablePointer<Float>
    /// Head minus other, per queued pair and coordinate.
    let deltas: UnsafeMutablePointer<Float>
    /// Squared distances, replaced by the coefficients in `flush`.
    let distances: UnsafeMutablePointer<Float>
    /// The numerator of each pair's coefficient (`-4ab·α` attraction, `2γb·α` repulsion).
    let numerators: UnsafeMutablePointer<Float>
    /// 0 for an attraction, the repulsion's 0.001 otherwise.
    let offsets: UnsafeMutablePointer<Float>
    let capacity: Int
    let dimensions: Int
    let a: Float
    let b: Float
    let alpha: Float
    var queued = 0

    @inline(__always)
    init(scratch: UnsafeMutablePointer<Float>, capacity: Int, dimensions: Int, a: Float, b: Float, alpha: Float) {
        position = scratch
        deltas = scratch + dimensions
        distances = deltas + capacity * dimensions
        numerators = distances + capacity
        offsets = numerators + capacity
        self.capacity = capacity
        self.dimensions = dimensions
        self.a = a
        self.b = b
        self.alpha = alpha
    }

    /// Queues the pair of the head and `other` (a snapshot row). The caller flushes a full queue.
    @inline(__always)
    mutating func enqueue(_ other: UnsafePointer<Float>, numerator: Float, offset: Float, skip: Bool) {
        var distance: Float = 0
        for c in 0..<dimensions {
            let delta = position[c] - other[c]
            deltas[queued * dimensions + c] = delta
            distance += delta * delta
        }
        distances[queued] = skip ? 0 : distance
        numerators[queued] = numerator
        offsets[queued] = offset
        queued += 1
    }

    /// Evaluates the queued pairs and moves the head.
    @inline(never)
    mutating func flush() {
        // Lanes past the queue get distance 0, hence coefficient 0 (capacity is a multiple of 4).
        var padded = queued
        while padded % 4 != 0 {
            distances[padded] = 0
            numerators[padded] = 0
            offsets[padded] = 1
            padded += 1
        }
        for q in stride(from: 0, to: padded, by: 4) {
            let distance = UnsafeRawPointer(distances + q).loadUnaligned(as: SIMD4<Float>.self)
            let numerator = UnsafeRawPointer(numerators + q).loadUnaligned(as: SIMD4<Float>.self)
            let offset = UnsafeRawPointer(offsets + q).loadUnaligned(as: SIMD4<Float>.self)
            let power = UMAP.fastPower(distance, b)
            let scaled = numerator.replacing(with: numerator * power, where: offset .== 0)
            let coefficient = scaled / ((distance + offset) * (a * power + 1))
            UnsafeMutableRawPointer(distances + q).storeBytes(of: coefficient.replacing(with: 0, where: distance .<= 0), as: SIMD4<Float>.self)
        }
        for q in 0..<queued {
            let coefficient = distances[q]
            // The clip applies to the gradient before the learning rate, as in umap-learn.
            let limit = 4 * alpha * (offsets[q] == 0 ? 2 : 1)
            for c in 0..<dimensions {
                position[c] += min(max(coefficient * deltas[q * dimensions + c], -limit), limit)
            }
        }
        queued = 0
    }
}
