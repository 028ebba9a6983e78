/// Each value's position among the sample's distinct values, so that the average ranks of any
/// sub-multiset (a bootstrap resample) follow by counting.
struct DenseRanking: Sendable {
    /// `codes[i]` is the number of distinct values below `values[i]`.
    let codes: [Int32]
    /// The number of distinct values.
    let distinct: Int

    init(_ values: [Double]) {
        precondition(values.count < Int(Int32.max), "ranking: too many values")
        // Ties broken by index only to make the sort's result unique; equal values share a code.
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var codes = [Int32](repeating: 0, count: values.count)
        var code: Int32 = -1
        var previous = -Double.infinity
        for (position, index) in order.enumerated() {
            if position == 0 || values[index] != previous { code += 1 }
            previous = values[index]
            codes[index] = code
        }
        self.codes = codes
        distinct = Int(code) + 1
    }

    /// How many of `rows` (all rows when `nil`) have each code.
    func counts(rows: [Int]?) -> [Int] {
        var counts = [Int](repeating: 0, count: distinct)
        codes.withUnsafeBufferPointer { codes in
            if let rows {
                for row in rows { counts[Int(codes[row])] += 1 }
            } else {
                for code in codes { counts[Int(code)] += 1 }
            }
        }
        return counts
    }

    /// The average rank of each code given its count: `start + (count + 1) / 2`, exact in `Double`.
    func averageRanks(counts: [Int]) -> [Double] {
        var averages = [Double](repeating: 0, count: distinct)
        var start = 0
        for (code, count) in counts.enumerated() {
            averages[code] = Double(start) + Double(count + 1) / 2
            start += count
        }
        return averages
    }
}

/// Two samples' rankings, paired row by row.
struct RankedPair: Sendable {
    let x: DenseRanking
    let y: DenseRanking

    init(_ x: [Double], _ y: [Double]) {
        self.x = DenseRanking(x)
        self.y = DenseRanking(y)
    }

    /// Spearman's `ρ` of the given rows (with repeats; all rows when `nil`), clipped to [-1, 1];
    /// `nil` for fewer than 2 rows or a constant side.
    func rho(rows: [Int]?) -> Double? {
        let n = rows?.count ?? x.codes.count
        guard n >= 2 else { return nil }
        let rankX = x.averageRanks(counts: x.counts(rows: rows))
        let rankY = y.averageRanks(counts: y.counts(rows: rows))
        let mean = Double(n + 1) / 2
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        x.codes.withUnsafeBufferPointer { codesX in
            y.codes.withUnsafeBufferPointer { codesY in
                func add(_ row: Int) {
                    let dx = rankX[Int(codesX[row])] - mean
                    let dy = rankY[Int(codesY[row])] - mean
                    sxx += dx * dx
                    syy += dy * dy
                    sxy += dx * dy
                }
                if let rows {
                    for row in rows { add(row) }
                } else {
                    for row in 0..<n { add(row) }
                }
            }
        }
        guard sxx > 0, syy > 0 else { return nil }
        return min(1, max(-1, sxy / (sxx * syy).squareRoot()))
    }
}
