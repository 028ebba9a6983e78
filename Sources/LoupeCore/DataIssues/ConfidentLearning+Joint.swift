extension ConfidentLearning {
    /// Step 1: per-class mean self-confidence, 2 for an absent class, clipped below at 2·10⁻⁶.
    static func thresholds(labels: [Int], probabilities p: ProbabilityMatrix) -> [Double] {
        let k = p.classes
        var sums = [Double](repeating: 0, count: k), counts = [Int](repeating: 0, count: k)
        for (i, label) in labels.enumerated() {
            sums[label] += p[i, label]
            counts[label] += 1
        }
        return (0..<k).map { c in max(counts[c] == 0 ? 2 : sums[c] / Double(counts[c]), 2e-6) }
    }

    /// Step 2: the confident joint (diagonal at least 1) and the rows counted off its diagonal.
    static func confidentJoint(labels: [Int], probabilities p: ProbabilityMatrix, thresholds: [Double])
        -> (joint: [Int], offDiagonal: [Bool]) {
        let k = p.classes
        var joint = [Int](repeating: 0, count: k * k)
        var offDiagonal = [Bool](repeating: false, count: labels.count)
        for (i, label) in labels.enumerated() {
            var confident = 0, firstConfident = -1, argMax = 0
            for c in 0..<k {
                let value = p[i, c]
                if value >= thresholds[c] - 1e-6 {
                    confident += 1
                    if firstConfident < 0 { firstConfident = c }
                }
                if value > p[i, argMax] { argMax = c }
            }
            guard confident > 0 else { continue }
            let guess = confident > 1 ? argMax : firstConfident
            joint[label * k + guess] += 1
            offDiagonal[i] = guess != label
        }
        for c in 0..<k { joint[c * k + c] = max(joint[c * k + c], 1) }
        return (joint, offDiagonal)
    }

    /// Step 3: rows to the label counts, the whole to `n`, rounded preserving row totals.
    static func calibrate(_ joint: [Int], labels: [Int], classes k: Int) -> [Int] {
        var counts = [Double](repeating: 0, count: k)
        for label in labels { counts[label] += 1 }
        var scaled = [Double](repeating: 0, count: k * k)
        for r in 0..<k {
            let rowSum = max(Double((0..<k).reduce(0) { $0 + joint[r * k + $1] }), 1e-100)
            for c in 0..<k { scaled[r * k + c] = Double(joint[r * k + c]) / rowSum * counts[r] }
        }
        let total = max(scaled.reduce(0, +), 1e-100)
        let n = Double(labels.count)
        for index in scaled.indices { scaled[index] = scaled[index] / total * n }
        return (0..<k).flatMap { r in roundPreservingSum(Array(scaled[(r * k)..<((r + 1) * k)])) }
    }

    /// cleanlab's `round_preserving_sum`: round half to even, then move the entries with the largest
    /// (or, when the sum overshoots, smallest) remainders by one until the rounded total is kept.
    /// Equal remainders (equal counts in a row of the joint give bit-equal ones) are ordered as a
    /// stable `argsort` would: the lower index first when decrementing, the higher index first when
    /// incrementing (cleanlab reverses the ascending order).
    static func roundPreservingSum(_ values: [Double]) -> [Int] {
        var ints = values.map { $0.rounded(.toNearestOrEven) }
        let target = values.reduce(0, +).rounded(.toNearestOrEven)
        var sum = ints.reduce(0, +).rounded(.toNearestOrEven)
        while abs(sum - target) > 1e-6 {
            let difference = (target - sum).rounded(.toNearestOrEven)
            let increment: Double = difference < 0 ? -1 : 1
            let changes = min(Int(abs(difference)), values.count)
            let ascending = values.indices.sorted { a, b in
                let ra = values[a] - ints[a], rb = values[b] - ints[b]
                return ra != rb ? ra < rb : a < b
            }
            let order = increment > 0 ? Array(ascending.reversed()) : ascending
            for index in order.prefix(changes) { ints[index] += increment }
            sum = ints.reduce(0, +).rounded(.toNearestOrEven)
        }
        return ints.map { Int($0) }
    }

    /// Step 4, `prune_by_noise_rate`: the rows of each given class with the largest margins towards
    /// each other class, as many as the adjusted calibrated joint says.
    static func pruneByNoiseRate(_ calibrated: [Int], labels: [Int], probabilities p: ProbabilityMatrix) -> [Bool] {
        let k = p.classes
        // P = Cᵀ: P[j][g] = C[g][j]; column g is given label g. Keep at least one row per class.
        var prune = [Double](repeating: 0, count: k * k)
        for j in 0..<k { for g in 0..<k { prune[j * k + g] = Double(calibrated[g * k + j]) } }
        for g in 0..<k {
            let diagonal = prune[g * k + g]
            let raised = max(diagonal, 1)
            let increase = raised - diagonal
            let nonZero = (0..<k).filter { prune[$0 * k + g] != 0 }.count
            let share = increase / max(Double(nonZero) - 1, 1)
            for j in 0..<k {
                let value = prune[j * k + g] - share
                prune[j * k + g] = value < 0 ? 0 : value
            }
            prune[g * k + g] = raised
        }
        let counts = prune.map { Int($0) }  // NumPy's astype(int): truncation toward zero
        var rowsOfClass = [[Int]](repeating: [], count: k)
        for (i, label) in labels.enumerated() { rowsOfClass[label].append(i) }
        var mask = [Bool](repeating: false, count: labels.count)
        for g in 0..<k where rowsOfClass[g].count > 1 {
            for j in 0..<k where j != g {
                let count = counts[j * k + g]
                guard count > 0 else { continue }
                let rows = rowsOfClass[g]
                let margin = rows.map { p[$0, j] - p[$0, g] }
                let order = rows.indices.sorted { a, b in margin[a] != margin[b] ? margin[a] > margin[b] : a < b }
                for position in order.prefix(count) { mask[rows[position]] = true }
            }
        }
        return mask
    }

    /// Step 5: the given label is the arg-max once `10⁻⁶` is added to it (first maximum wins).
    static func labelIsArgMax(row i: Int, label: Int, _ p: ProbabilityMatrix) -> Bool {
        let own = p[i, label] + 1e-6
        for c in 0..<p.classes where c != label {
            let value = p[i, c]
            if value > own || (value == own && c < label) { return false }
        }
        return true
    }
}
