import CBLAS

extension KMeans {
    /// Each row's nearest centre and its squared distance to it.
    struct Assignment {
        var labels: [Int32]
        var distances: [Float]
    }

    /// The squared Euclidean norm of each row, summed in double precision.
    /// - Complexity: O(n·d).
    static func squaredNorms(_ data: RowMajorMatrix) -> [Float] {
        let d = data.columns
        return data.values.withUnsafeBufferPointer { values in
            (0..<data.rows).map { i in
                var sum = 0.0
                for j in 0..<d {
                    let value = Double(values[i * d + j])
                    sum += value * value
                }
                return Float(sum)
            }
        }
    }

    /// The mean over columns of the per-column population variance (scikit-learn's scale of `tol`).
    static func meanColumnVariance(_ data: RowMajorMatrix) -> Double {
        let n = data.rows
        let d = data.columns
        guard n > 0, d > 0 else { return 0 }
        var sums = [Double](repeating: 0, count: d)
        var squares = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d {
                let value = Double(data.values[i * d + j])
                sums[j] += value
                squares[j] += value * value
            }
        }
        var total = 0.0
        for j in 0..<d {
            let mean = sums[j] / Double(n)
            total += max(squares[j] / Double(n) - mean * mean, 0)
        }
        return total / Double(d)
    }

    /// The nearest centre of every row, in blocks of 2,048 rows: `cblas_sgemm` gives the block's
    /// inner products with the centres, then `‖x‖² − 2x·c + ‖c‖²` (clamped at 0) picks the
    /// nearest, the lowest index on ties. Blocks run in parallel and write only their own rows.
    static func assign(_ data: RowMajorMatrix, norms: [Float], centers: RowMajorMatrix) -> Assignment {
        let n = data.rows
        let d = data.columns
        let k = centers.rows
        let centerNorms = squaredNorms(centers)
        let blockRows = 2048
        let blockCount = (n + blockRows - 1) / blockRows
        var labels = [Int32](repeating: 0, count: n)
        var distances = [Float](repeating: 0, count: n)
        labels.withUnsafeMutableBufferPointer { labelBuffer in
            distances.withUnsafeMutableBufferPointer { distanceBuffer in
                data.values.withUnsafeBufferPointer { values in
                    centers.values.withUnsafeBufferPointer { centerValues in
                        nonisolated(unsafe) let labels = labelBuffer
                        nonisolated(unsafe) let distances = distanceBuffer
                        nonisolated(unsafe) let values = values
                        nonisolated(unsafe) let centerValues = centerValues
                        _ = ConcurrentMap.map(count: blockCount) { block in
                            let start = block * blockRows
                            let rows = min(blockRows, n - start)
                            var products = [Float](repeating: 0, count: rows * k)
                            products.withUnsafeMutableBufferPointer { products in
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(k), Int32(d),
                                            1, values.baseAddress! + start * d, Int32(d), centerValues.baseAddress, Int32(d),
                                            0, products.baseAddress, Int32(k))
                                for r in 0..<rows {
                                    var best = 0
                                    var bestDistance = Float.infinity
                                    for c in 0..<k {
                                        let distance = max(norms[start + r] - 2 * products[r * k + c] + centerNorms[c], 0)
                                        if distance < bestDistance {
                                            bestDistance = distance
                                            best = c
                                        }
                                    }
                                    labels[start + r] = Int32(best)
                                    distances[start + r] = bestDistance
                                }
                            }
                            return 0
                        }
                    }
                }
            }
        }
        return Assignment(labels: labels, distances: distances)
    }

    /// The mean of each cluster's rows (double-precision sums in row order); a cluster without
    /// rows takes the row farthest from its assigned centre not yet taken (ties by row index).
    static func updatedCenters(_ data: RowMajorMatrix, assignment: Assignment, count k: Int) -> RowMajorMatrix {
        let d = data.columns
        var sums = [Double](repeating: 0, count: k * d)
        var sizes = [Int](repeating: 0, count: k)
        data.values.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { sums in
                sizes.withUnsafeMutableBufferPointer { sizes in
                    for i in 0..<data.rows {
                        let c = Int(assignment.labels[i])
                        sizes[c] += 1
                        let target = c * d
                        let source = i * d
                        for j in 0..<d { sums[target + j] += Double(values[source + j]) }
                    }
                }
            }
        }
        var centers = [Float](repeating: 0, count: k * d)
        for c in 0..<k where sizes[c] > 0 {
            for j in 0..<d { centers[c * d + j] = Float(sums[c * d + j] / Double(sizes[c])) }
        }
        let empty = (0..<k).filter { sizes[$0] == 0 }
        if !empty.isEmpty {
            let farthest = (0..<data.rows).sorted {
                assignment.distances[$0] > assignment.distances[$1]
                    || (assignment.distances[$0] == assignment.distances[$1] && $0 < $1)
            }
            for (c, row) in zip(empty, farthest) {
                for j in 0..<d { centers[c * d + j] = data.values[row * d + j] }
            }
        }
        return RowMajorMatrix(rows: k, columns: d, values: centers)
    }

    /// `Σᵢ ‖xᵢ − centers[labels[i]]‖²` from the exact differences, in double precision.
    static func inertia(_ data: RowMajorMatrix, centers: RowMajorMatrix, labels: [Int32]) -> Double {
        let d = data.columns
        var total = 0.0
        for i in 0..<data.rows {
            let c = Int(labels[i])
            for j in 0..<d {
                let delta = Double(data.values[i * d + j]) - Double(centers.values[c * d + j])
                total += delta * delta
            }
        }
        return total
    }
}
