import CBLAS

/// A dense row-major `Float` matrix in one flat buffer: the layout embeddings arrive in
/// (NumPy C order) and the one BLAS expects.
public struct RowMajorMatrix: Hashable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// `rows * columns` values, row after row.
    public var values: [Float]

    /// A matrix over existing values.
    /// - Precondition: `values.count == rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "RowMajorMatrix: \(values.count) values for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The values of row `index`.
    public func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * columns)..<((index + 1) * columns)]
    }

    /// `self · otherᵀ`: the inner product of every row of `self` with every row of `other`,
    /// as a `self.rows × other.rows` matrix. This is the kernel of exact k-NN search.
    ///
    /// Computed with OpenBLAS `cblas_sgemm` (single precision, so results match a float32
    /// NumPy `a @ b.T` to rounding). Empty inputs give an empty result.
    /// - Precondition: both matrices have the same number of columns.
    /// - Complexity: O(self.rows · other.rows · columns).
    public func innerProducts(with other: RowMajorMatrix) -> RowMajorMatrix {
        precondition(columns == other.columns, "innerProducts: \(columns) columns against \(other.columns)")
        var result = [Float](repeating: 0, count: rows * other.rows)
        guard rows > 0, other.rows > 0, columns > 0 else {
            return RowMajorMatrix(rows: rows, columns: other.rows, values: result)
        }
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                Int32(rows), Int32(other.rows), Int32(columns),
                                1, a.baseAddress, Int32(columns),
                                b.baseAddress, Int32(columns),
                                0, c.baseAddress, Int32(other.rows))
                }
            }
        }
        return RowMajorMatrix(rows: rows, columns: other.rows, values: result)
    }
}
