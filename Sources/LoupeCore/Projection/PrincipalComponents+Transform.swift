import CBLAS

extension PrincipalComponents {
    /// The coordinates of the rows of `data` on the components: `(data − mean) · componentsᵀ`,
    /// an `n × c` matrix (scikit-learn's `PCA.transform`, without whitening).
    ///
    /// Rows are centred in blocks of 4,096 and multiplied with one `cblas_sgemm` per block, so
    /// a large mean does not cancel against the products. An empty `data` gives an empty result.
    /// - Precondition: `data.columns == mean.count`.
    /// - Complexity: O(n·d·c) time, O(4,096·d) extra memory.
    public func transform(_ data: RowMajorMatrix) -> RowMajorMatrix {
        precondition(data.columns == mean.count, "PrincipalComponents.transform: \(data.columns) columns, fitted on \(mean.count)")
        let n = data.rows
        let c = components.rows
        let d = mean.count
        var result = [Float](repeating: 0, count: n * c)
        guard n > 0, c > 0, d > 0 else { return RowMajorMatrix(rows: n, columns: c, values: result) }
        let blockRows = 4096
        var block = [Float](repeating: 0, count: min(blockRows, n) * d)
        data.values.withUnsafeBufferPointer { values in
            components.values.withUnsafeBufferPointer { components in
                result.withUnsafeMutableBufferPointer { result in
                    block.withUnsafeMutableBufferPointer { block in
                        var start = 0
                        while start < n {
                            let rows = min(blockRows, n - start)
                            for i in 0..<rows {
                                let source = (start + i) * d
                                for j in 0..<d { block[i * d + j] = values[source + j] - mean[j] }
                            }
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(c), Int32(d),
                                        1, block.baseAddress, Int32(d), components.baseAddress, Int32(d),
                                        0, result.baseAddress! + start * c, Int32(c))
                            start += rows
                        }
                    }
                }
            }
        }
        return RowMajorMatrix(rows: n, columns: c, values: result)
    }
}
