/// Quantiles of a sorted sample, computed exactly as NumPy does.
public enum Quantile {
    /// The `q`-quantile of ascending `sorted` values with NumPy's default `method="linear"`
    /// (Hyndman and Fan's type 7), operation for operation like `numpy.quantile`:
    ///
    /// the virtual index is `h = (n - 1) · q`; with `i = ⌊h⌋` and `g = h - i`, the result is
    /// `v[i] + (v[i+1] - v[i]) · g` when `g < 0.5` and `v[i+1] - (v[i+1] - v[i]) · (1 - g)` otherwise
    /// (NumPy's `_lerp`, which keeps the result monotone in `q`); `h >= n - 1` gives the largest value.
    ///
    /// Edge cases: an empty sample has no quantile (`nil`); one value is every quantile.
    /// `numpy.percentile(a, p)` is this with `q = p / 100`.
    /// - Precondition: `0 <= q <= 1`; `sorted` is ascending and free of NaN.
    /// - Complexity: O(1).
    public static func linear(sorted: UnsafeBufferPointer<Double>, q: Double) -> Double? {
        precondition(q >= 0 && q <= 1, "quantile level \(q) is outside [0, 1]")
        let n = sorted.count
        guard n > 0 else { return nil }
        let virtualIndex = Double(n - 1) * q
        if virtualIndex >= Double(n - 1) { return sorted[n - 1] }
        let previous = virtualIndex.rounded(.down)
        let i = Int(previous)
        let gamma = virtualIndex - previous
        let a = sorted[i], b = sorted[i + 1]
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// The `q`-quantile of ascending `sorted` values; see `linear(sorted:q:)` for the definition.
    /// - Complexity: O(1).
    public static func linear(sorted: [Double], q: Double) -> Double? {
        sorted.withUnsafeBufferPointer { linear(sorted: $0, q: q) }
    }
}
