import Dispatch

extension UMAP {
    /// Negative-sampling gradient descent on `layout` (umap-learn's `optimize_layout_euclidean`),
    /// run on ``threads`` threads with a result that does not depend on their number.
    ///
    /// Each stored entry `(i, j, w)` of the symmetric set is sampled every `max(w) / w` epochs. A
    /// sample pulls `i` towards `j` by the attraction `−2ab·d^(2(b−1)) / (1 + a·d^(2b))` (squared
    /// distance `d²`), then `⌊(epoch − next negative epoch) / (epochs per sample / rate)⌋` points drawn
    /// uniformly (other than `i`) push `i` away by `2γb / ((0.001 + d²)(1 + a·d^(2b)))`. Each gradient
    /// coordinate is clipped to ±4 and scaled by the learning rate `α`, which after epoch `e` becomes
    /// `learningRate · (1 − e / epochs)`.
    ///
    /// How it departs from umap-learn, for speed and for a layout independent of the thread count:
    /// - **Each epoch reads the other points from a snapshot.** Entry `(i, j)` moves only `i` (its
    ///   head), by twice the clipped attraction: umap-learn's `move_other` moves `j` too, and the
    ///   mirror entry `(j, i)`, sampled in the same epochs, does the same for `j`, so each end still
    ///   gets two attraction steps per sample period. Within an epoch a point's own position is live
    ///   (its entries are applied one after another, as in umap-learn's SGD), while the positions of
    ///   its neighbours and of the negative samples are those at the start of the epoch. No thread
    ///   then reads what another writes, so rows can be split over threads in any way and give the
    ///   same layout, bit for bit (umap-learn's parallel mode races instead).
    /// - **Negative samples come from a generator per point and epoch**, seeded from `seed`, the
    ///   epoch and the point, not from one stream in edge order.
    /// - A point's pairs (each sampled entry's attraction, then its repulsions) are evaluated in
    ///   batches of 32 from the point's position before the batch, then applied in draw order, so
    ///   their powers do not wait on each other (`NegativeSamplingDescent.batchCapacity`).
    /// - `d^(2b)` is ``fastPower(_:_:)`` (relative error about 1e-6) and the sampling schedule is kept
    ///   in `Float`.
    ///
    /// Determinism: the layout depends only on the set, the starting layout, the parameters and
    /// `seed`; not on ``threads`` or on how the rows are split (tested).
    /// - Complexity: O(epochs · (entries + samples · (1 + negativeSampleRate) · d)) time, where a
    ///   sample happens at most once per entry and epoch; O(entries) memory besides the set.
    func optimize(_ layout: inout RowMajorMatrix, set: FuzzySimplicialSet, a: Float, b: Float, epochs: Int, seed: UInt64) {
        let n = set.count
        let entries = set.entryCount
        guard entries > 0, n > 1 else { return }
        let maximum = set.weights.max()!
        // Entries too weak to be sampled within the epochs are never sampled (umap-learn marks them -1).
        let epochsPerSample = set.weights.map { weight -> Float in
            let samples = Float(epochs) * weight / maximum
            return samples > 0 ? Float(epochs) / samples : .infinity
        }
        let descent = NegativeSamplingDescent(
            count: n, dimensions: dimensions, rowStarts: set.rowStarts, tails: set.columns, epochsPerSample: epochsPerSample,
            negativeSampleRate: negativeSampleRate, a: a, b: b, gamma: Float(repulsionStrength), seed: seed)
        defer { descent.deallocate() }
        let chunks = descent.rowChunks(count: threads == 1 ? 1 : threads * 4)
        var snapshot = layout.values
        for epoch in 0..<epochs {
            let alpha = Float(learningRate * (1 - Double(epoch) / Double(epochs)))
            layout.values.withUnsafeMutableBufferPointer { live in
                snapshot.withUnsafeMutableBufferPointer { snapshot in
                    _ = snapshot.update(fromContentsOf: live)
                    let points = NegativeSamplingDescent.Points(live: live.baseAddress!, snapshot: UnsafePointer(snapshot.baseAddress!))
                    if chunks.count == 1 {
                        descent.run(rows: chunks[0], epoch: epoch, alpha: alpha, points: points)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
                            descent.run(rows: chunks[chunk], epoch: epoch, alpha: alpha, points: points)
                        }
                    }
                }
            }
        }
    }
}
