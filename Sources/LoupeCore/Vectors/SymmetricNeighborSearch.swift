import CBLAS
import Dispatch

/// The exact `k`-nearest-neighbour lists of the rows of a matrix among themselves, computing each
/// pair's distance once: the engine of ``ExactVectorIndex/neighborGraph(of:k:metric:)``.
///
/// Rows are split into blocks of ``blockRows``; block `I` is multiplied by `cblas_sgemm` with the
/// rows from its own first row to the end (columns in chunks of ``chunkColumns``), so only the
/// upper triangle of the Gram matrix is computed: half the products of a full self-search. Each
/// pair `i < j` is then offered to both lists, `i`'s (threshold in a register) and `j`'s (its
/// current worst distance read from a contiguous array, so the scan stays sequential). Workers
/// take block rows in a fixed, balanced order and keep their own lists, merged at the end; the
/// order of candidates is total (distance, then index), so the result is the same for any worker
/// count or schedule.
enum SymmetricNeighborSearch {
    /// Rows per GEMM block.
    static let blockRows = 1024
    /// Columns per GEMM call (a `blockRows × chunkColumns` score block, 16 MiB, per worker).
    static let chunkColumns = 4096

    /// `(neighbors, distances)`, `n × k` each, nearest first, ties by index, `-1` / `∞` padding.
    /// `values` are the prepared rows (cosine: normalized); distances are squared L2, `1 − cos`
    /// (at least 0) or `−a·b`.
    /// - Complexity: O(n²·d / 2) in BLAS plus O(n²) comparisons; O(workers · n · k) memory.
    static func neighbors(values: [Float], count n: Int, dimension: Int, k: Int, metric: VectorMetric,
                          workers requested: Int = 2) -> (neighbors: [Int32], distances: [Float]) {
        let norms = (0..<n).map { row in
            var sum: Float = 0
            for c in 0..<dimension { sum += values[row * dimension + c] * values[row * dimension + c] }
            return sum
        }
        let blocks = (n + blockRows - 1) / blockRows
        let workers = max(1, min(requested, blocks))
        // Block rows in snake order over the workers: large (early) and small (late) blocks alternate.
        let assignment = (0..<workers).map { worker in
            (0..<blocks).filter { block in
                let round = block / workers
                let position = block % workers
                return (round % 2 == 0 ? position : workers - 1 - position) == worker
            }
        }
        let lists = (0..<workers).map { _ in CandidateLists(count: n, k: k) }
        defer { lists.forEach { $0.deallocate() } }
        values.withUnsafeBufferPointer { valueBuffer in
            norms.withUnsafeBufferPointer { normBuffer in
                nonisolated(unsafe) let x = valueBuffer.baseAddress!
                nonisolated(unsafe) let norm = normBuffer.baseAddress!
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    let scores = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * chunkColumns)
                    defer { scores.deallocate() }
                    let list = lists[worker]
                    for block in assignment[worker] {
                        let first = block * blockRows
                        let rows = min(blockRows, n - first)
                        for chunkStart in stride(from: first, to: n, by: chunkColumns) {
                            let columns = min(chunkColumns, n - chunkStart)
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(columns), Int32(dimension),
                                        1, x + first * dimension, Int32(dimension), x + chunkStart * dimension, Int32(dimension),
                                        0, scores, Int32(columns))
                            for r in 0..<rows {
                                let i = first + r
                                let start = max(0, i + 1 - chunkStart)
                                guard start < columns else { continue }
                                scan(scores: scores + r * columns, from: start, to: columns, row: i, chunkStart: chunkStart,
                                     norms: norm, metric: metric, list: list)
                            }
                        }
                    }
                }
            }
        }
        return CandidateLists.merged(lists, count: n, k: k)
    }

    /// Offers the pairs `(i, chunkStart + c)` for `c` in `from..<to` to both rows' lists. Four
    /// columns at a time are turned into distances and compared with both thresholds; only a group
    /// with a candidate goes through the scalar inserts.
    @inline(__always)
    private static func scan(scores: UnsafePointer<Float>, from: Int, to: Int, row i: Int, chunkStart: Int,
                             norms: UnsafePointer<Float>, metric: VectorMetric, list: CandidateLists) {
        let worst = list.worst
        var threshold = worst[i]
        let ownNorm = norms[i]
        @inline(__always) func distance(_ product: SIMD4<Float>, _ norm: SIMD4<Float>) -> SIMD4<Float> {
            switch metric {
            case .l2:
                let d = (ownNorm + norm) - 2 * product
                return d.replacing(with: 0, where: d .< 0)
            case .cosine:
                let d = 1 - product
                return d.replacing(with: 0, where: d .< 0)
            case .innerProduct: return -product
            }
        }
        @inline(__always) func offer(_ c: Int, _ d: Float) {
            let j = chunkStart + c
            if d <= threshold {
                list.offer(row: i, distance: d, neighbor: Int32(j))
                threshold = worst[i]
            }
            if d <= worst[j] { list.offer(row: j, distance: d, neighbor: Int32(i)) }
        }
        var c = from
        while c < to && c % 4 != 0 {
            offer(c, distance(SIMD4(repeating: scores[c]), SIMD4(repeating: norms[chunkStart + c]))[0])
            c += 1
        }
        let columnNorms = UnsafeRawPointer(norms + chunkStart)
        let columnWorst = UnsafeRawPointer(worst + chunkStart)
        let products = UnsafeRawPointer(scores)
        while c + 4 <= to {
            let d = distance(products.loadUnaligned(fromByteOffset: c * 4, as: SIMD4<Float>.self),
                             columnNorms.loadUnaligned(fromByteOffset: c * 4, as: SIMD4<Float>.self))
            let candidates = (d .<= threshold) .| (d .<= columnWorst.loadUnaligned(fromByteOffset: c * 4, as: SIMD4<Float>.self))
            if any(candidates) {
                for lane in 0..<4 { offer(c + lane, d[lane]) }
            }
            c += 4
        }
        while c < to {
            offer(c, distance(SIMD4(repeating: scores[c]), SIMD4(repeating: norms[chunkStart + c]))[0])
            c += 1
        }
    }
}
