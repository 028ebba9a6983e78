/// McNemar's exact test for two classifiers scored on the same rows: does run B get a different
/// share of rows right than run A?
///
/// Each row falls in one cell of the 2 × 2 table of (A correct?, B correct?). Only the discordant
/// rows carry information: `b` rows where A is right and B wrong, `c` rows where A is wrong and B
/// right. Under the null hypothesis (equal accuracy) each discordant row is A's or B's with
/// probability ½, so `min(b, c)` follows Binomial(`b + c`, ½) and the exact two-sided p-value is
///
///     p = min(1, 2 · P(X ≤ min(b, c))),   X ~ Binomial(b + c, ½),
///
/// statsmodels' `mcnemar(table, exact=True)` (equal to `scipy.stats.binomtest(min(b, c), b + c)`,
/// the binomial being symmetric). `P(X ≤ k) = I_{1/2}(n − k, k + 1)` is evaluated through
/// `IncompleteBeta` in log space, so it stays accurate for counts in the millions; a p-value below
/// about 4.9e-324 is 0.
///
/// Edge cases: no discordant rows (`b + c = 0`) gives `p = 1`; `|b − c| ≤ 1` gives exactly 1.
///
/// Reference: Q. McNemar, "Note on the sampling error of the difference between correlated
/// proportions or percentages", *Psychometrika* 12 (1947); statsmodels
/// `statsmodels.stats.contingency_tables.mcnemar`.
public struct McNemarTest: Hashable, Sendable, Codable {
    /// Rows both runs got right.
    public var bothCorrect: Int
    /// Rows run A got right and run B wrong (`b`).
    public var onlyACorrect: Int
    /// Rows run A got wrong and run B right (`c`).
    public var onlyBCorrect: Int
    /// Rows both runs got wrong.
    public var bothWrong: Int
    /// The exact two-sided p-value, in `[0, 1]`.
    public var pValue: Double

    /// The test from the four cells of the paired table.
    /// - Precondition: every count is non-negative.
    /// - Complexity: O(√(b + c)) at worst (the continued fraction), O(1) typically.
    public init(bothCorrect: Int, onlyACorrect: Int, onlyBCorrect: Int, bothWrong: Int) {
        precondition(bothCorrect >= 0 && onlyACorrect >= 0 && onlyBCorrect >= 0 && bothWrong >= 0,
                     "McNemar: negative count")
        self.bothCorrect = bothCorrect
        self.onlyACorrect = onlyACorrect
        self.onlyBCorrect = onlyBCorrect
        self.bothWrong = bothWrong
        pValue = Self.exactPValue(onlyACorrect: onlyACorrect, onlyBCorrect: onlyBCorrect)
    }

    /// The test from per-row correctness of the two runs; row `i` of both arrays is the same example.
    /// Empty input gives all counts 0 and `p = 1`.
    /// - Precondition: `correctA.count == correctB.count`.
    /// - Complexity: O(n).
    public init(correctA: [Bool], correctB: [Bool]) {
        precondition(correctA.count == correctB.count,
                     "McNemar: \(correctA.count) rows for run A but \(correctB.count) for run B")
        var cells = (both: 0, onlyA: 0, onlyB: 0, neither: 0)
        for (a, b) in zip(correctA, correctB) {
            switch (a, b) {
            case (true, true): cells.both += 1
            case (true, false): cells.onlyA += 1
            case (false, true): cells.onlyB += 1
            case (false, false): cells.neither += 1
            }
        }
        self.init(bothCorrect: cells.both, onlyACorrect: cells.onlyA, onlyBCorrect: cells.onlyB, bothWrong: cells.neither)
    }

    /// The number of rows.
    public var support: Int { bothCorrect + onlyACorrect + onlyBCorrect + bothWrong }

    /// The discordant rows, `b + c`: the binomial's number of trials.
    public var discordant: Int { onlyACorrect + onlyBCorrect }

    /// statsmodels' test statistic for the exact test, `min(b, c)`.
    public var statistic: Int { min(onlyACorrect, onlyBCorrect) }

    /// `min(1, 2 · P(X ≤ min(b, c)))` with `X ~ Binomial(b + c, ½)`; 1 when `b + c = 0`.
    /// - Precondition: both counts non-negative.
    /// - Complexity: as `init(bothCorrect:onlyACorrect:onlyBCorrect:bothWrong:)`.
    public static func exactPValue(onlyACorrect b: Int, onlyBCorrect c: Int) -> Double {
        precondition(b >= 0 && c >= 0, "McNemar: negative count")
        let n = b + c
        let k = min(b, c)
        // 2k + 1 ≥ n means k ≥ (n − 1) / 2: the lower tail holds at least half the mass, so the
        // doubled tail is 1 (exactly, for odd n) or more (clipped).
        if 2 * k + 1 >= n { return 1 }
        return min(1, 2 * binomialHalfLowerTail(k: k, n: n))
    }

    /// `P(X ≤ k)` for `X ~ Binomial(n, ½)`, as `I_{1/2}(n − k, k + 1)`.
    /// - Precondition: `0 ≤ k < n`.
    static func binomialHalfLowerTail(k: Int, n: Int) -> Double {
        precondition(k >= 0 && k < n, "binomial tail: k = \(k) outside 0..<\(n)")
        return IncompleteBeta.regularized(x: 0.5, oneMinusX: 0.5, a: Double(n - k), b: Double(k + 1))
    }
}
