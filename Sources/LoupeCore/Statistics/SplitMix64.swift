/// A seeded, repeatable 64-bit random generator: Steele, Lea and Flood's SplitMix64.
///
/// Each call adds the golden-ratio increment `0x9E3779B97F4A7C15` to the state and returns the
/// state passed through a fixed 64-bit mixing function (Stafford's "Mix13"). The sequence depends
/// only on the seed, so every seeded computation in Loupe (bootstrap resamples, property tests)
/// repeats exactly on every machine and Swift version, as long as it draws through this type's own
/// methods (`nextIndex(below:)`, `nextUnitInterval()`) rather than the standard library's
/// `random(in:using:)`, whose algorithm is not specified.
///
/// Reference: Vigna's `splitmix64.c` (https://prng.di.unimi.it/splitmix64.c); the first output
/// for seed 0 is `0xE220A8397B1DCDAF`.
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
    /// The golden-ratio increment added to the state on every draw.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The internal state; the next output is `mix(state + increment)`.
    public private(set) var state: UInt64

    /// A generator whose first output is `mix(seed + increment)`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    /// SplitMix64's output function: a bijection of `UInt64` that scrambles every input bit
    /// into every output bit.
    /// - Complexity: O(1).
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound`, by Lemire's multiply-and-reject method (no modulo bias).
    ///
    /// The high half of `next() × bound` is the result; draws whose low half falls below
    /// `2⁶⁴ mod bound` are rejected and redrawn, so every value is exactly equally likely.
    /// - Precondition: `bound > 0`.
    /// - Complexity: O(1) expected (a redraw has probability below `bound / 2⁶⁴`).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "nextIndex(below:) needs a positive bound, got \(bound)")
        let s = UInt64(bound)
        var product = next().multipliedFullWidth(by: s)
        if product.low < s {
            let threshold = (0 &- s) % s
            while product.low < threshold {
                product = next().multipliedFullWidth(by: s)
            }
        }
        return Int(product.high)
    }

    /// A uniform `Double` in `[0, 1)`: the top 53 bits of `next()` times 2⁻⁵³.
    /// - Complexity: O(1).
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
