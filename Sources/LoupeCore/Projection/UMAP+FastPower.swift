extension UMAP {
    /// `x^y` for `x > 0` as `2^(y·log₂ x)` with short polynomials (relative error below 5e-6, tested), four
    /// lanes at a time: the descent's curve `1 / (1 + a·d^(2b))` needs one power per pair, and this
    /// costs a fraction of `powf`'s call.
    ///
    /// `log₂` splits `x` into `m·2^e` with `m ∈ [√½, √2)` and sums `2/ln 2 · (t + t³/3 + t⁵/5 + t⁷/7)`
    /// for `t = (m − 1)/(m + 1)` (|t| ≤ 0.172, truncation below 4e-8); `2^z` splits `z` into the
    /// nearest integer `n` (by adding and subtracting 1.5·2²³) and `f ∈ [−½, ½]` and multiplies
    /// `2^n` (built from its bits) by the degree-6 Taylor polynomial of `e^(f ln 2)` (truncation
    /// below 2e-7). Inputs below the smallest normal float are raised to it; `y·log₂ x` is clamped
    /// to `[−126, 126]`. Only wrapping integer operations, so the compiler keeps it branch-free.
    @inline(__always)
    static func fastPower(_ x: SIMD4<Float>, _ y: Float) -> SIMD4<Float> {
        let bits = unsafeBitCast(x.replacing(with: .leastNormalMagnitude, where: .!(x .>= .leastNormalMagnitude)), to: SIMD4<Int32>.self)
        var exponent = SIMD4<Float>((bits &>> 23) &- 127)
        var mantissa = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F80_0000, to: SIMD4<Float>.self)
        let high = mantissa .> 1.414_213_5
        mantissa.replace(with: mantissa * 0.5, where: high)
        exponent.replace(with: exponent + 1, where: high)
        let t = (mantissa - 1) / (mantissa + 1)
        let t2 = t * t
        var series: SIMD4<Float> = t2 * 0.142_857_15 + 0.2
        series = series * t2 + 0.333_333_33
        series = (series * t2 + 1) * t
        let logarithm: SIMD4<Float> = exponent + 2.885_390_1 * series
        let exponent2 = y * logarithm
        let z = exponent2.replacing(with: -126, where: exponent2 .< -126).replacing(with: 126, where: exponent2 .> 126)
        let magic: Float = 12_582_912
        let shifted = z + magic
        let whole = unsafeBitCast(shifted, to: SIMD4<Int32>.self) &- Int32(bitPattern: magic.bitPattern)
        let f = (z - (shifted - magic)) * 0.693_147_18
        var polynomial: SIMD4<Float> = f * 0.001_388_888_9 + 0.008_333_334
        polynomial = polynomial * f + 0.041_666_668
        polynomial = polynomial * f + 0.166_666_67
        polynomial = polynomial * f + 0.5
        polynomial = polynomial * f + 1
        polynomial = polynomial * f + 1
        return polynomial * unsafeBitCast((whole &+ 127) &<< 23, to: SIMD4<Float>.self)
    }

    /// ``fastPower(_:_:)-(SIMD4<Float>,_)`` of one value.
    static func fastPower(_ x: Float, _ y: Float) -> Float {
        fastPower(SIMD4(repeating: x), y)[0]
    }
}
