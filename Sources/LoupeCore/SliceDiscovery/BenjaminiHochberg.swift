/// The Benjamini–Hochberg step-up procedure controlling the false discovery rate across many tests
/// (Benjamini and Hochberg, JRSS B 57, 1995).
public enum BenjaminiHochberg {
    /// Adjusted p-values (q-values), in input order: with `p₍₁₎ ≤ … ≤ p₍ₘ₎` sorted,
    /// `q₍ᵢ₎ = min_{j ≥ i} min(1, m · p₍ⱼ₎ / j)`; rejecting every test with `q ≤ α` is the BH
    /// procedure at level `α`. Equals `scipy.stats.false_discovery_control(p, method="bh")` and
    /// statsmodels' `multipletests(p, method="fdr_bh")[1]`.
    ///
    /// Edge cases: no p-values give none; ties share their adjusted value.
    /// - Precondition: every p-value is in `[0, 1]`.
    /// - Complexity: O(m log m).
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        precondition(pValues.allSatisfy { $0 >= 0 && $0 <= 1 }, "BenjaminiHochberg: a p-value is outside [0, 1]")
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] != pValues[$1] ? pValues[$0] < pValues[$1] : $0 < $1 }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let index = order[rank - 1]
            running = min(running, Double(m) * pValues[index] / Double(rank))
            adjusted[index] = min(1, running)
        }
        return adjusted
    }
}
