#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution's tail and quantile, for the two-proportion z-test.
enum StandardNormal {
    /// `P(|Z| ≥ |z|) = erfc(|z| / √2)`.
    static func twoSidedPValue(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// The `p`-quantile, by bisection on `erfc` to full precision (`quantile(0.975) = 1.959963984540054`).
    /// - Precondition: `0 < p < 1`.
    static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "StandardNormal.quantile: \(p) is outside (0, 1)")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        let tail = 1 - p
        var low = 0.0, high = 40.0
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            if middle <= low || middle >= high { break }
            if 0.5 * erfc(middle / 2.0.squareRoot()) > tail { low = middle } else { high = middle }
        }
        return 0.5 * (low + high)
    }
}
