extension RowMajorMatrix {
    /// The rows at `indices`, in that order.
    func gathering(_ indices: [Int], columns d: Int) -> RowMajorMatrix {
        var values: [Float] = []
        values.reserveCapacity(indices.count * d)
        for i in indices { values.append(contentsOf: row(i)) }
        return RowMajorMatrix(rows: indices.count, columns: d, values: values)
    }
}
