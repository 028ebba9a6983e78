extension SymmetricEigendecomposition {
    /// EISPACK `tred2`: Householder reduction of the row-major matrix `v` to tridiagonal form,
    /// accumulating the transformation in `v`; `d` receives the diagonal, `e` the subdiagonal.
    static func tridiagonalize(_ v: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) {
        v.withUnsafeMutableBufferPointer { v in
            for j in 0..<n { d[j] = v[(n - 1) * n + j] }
            var i = n - 1
            while i > 0 {
                var scale = 0.0
                var h = 0.0
                for k in 0..<i { scale += abs(d[k]) }
                if scale == 0 {
                    e[i] = d[i - 1]
                    for j in 0..<i {
                        d[j] = v[(i - 1) * n + j]
                        v[i * n + j] = 0
                        v[j * n + i] = 0
                    }
                } else {
                    for k in 0..<i {
                        d[k] /= scale
                        h += d[k] * d[k]
                    }
                    var f = d[i - 1]
                    var g = h.squareRoot()
                    if f > 0 { g = -g }
                    e[i] = scale * g
                    h -= f * g
                    d[i - 1] = f - g
                    for j in 0..<i { e[j] = 0 }
                    for j in 0..<i {
                        f = d[j]
                        v[j * n + i] = f
                        g = e[j] + v[j * n + j] * f
                        var k = j + 1
                        while k <= i - 1 {
                            g += v[k * n + j] * d[k]
                            e[k] += v[k * n + j] * f
                            k += 1
                        }
                        e[j] = g
                    }
                    f = 0
                    for j in 0..<i {
                        e[j] /= h
                        f += e[j] * d[j]
                    }
                    let hh = f / (h + h)
                    for j in 0..<i { e[j] -= hh * d[j] }
                    for j in 0..<i {
                        f = d[j]
                        g = e[j]
                        for k in j..<i { v[k * n + j] -= f * e[k] + g * d[k] }
                        d[j] = v[(i - 1) * n + j]
                        v[i * n + j] = 0
                    }
                }
                d[i] = h
                i -= 1
            }
            for i in 0..<(n - 1) {
                v[(n - 1) * n + i] = v[i * n + i]
                v[i * n + i] = 1
                let h = d[i + 1]
                if h != 0 {
                    for k in 0...i { d[k] = v[k * n + i + 1] / h }
                    for j in 0...i {
                        var g = 0.0
                        for k in 0...i { g += v[k * n + i + 1] * v[k * n + j] }
                        for k in 0...i { v[k * n + j] -= g * d[k] }
                    }
                }
                for k in 0...i { v[k * n + i + 1] = 0 }
            }
            for j in 0..<n {
                d[j] = v[(n - 1) * n + j]
                v[(n - 1) * n + j] = 0
            }
            v[(n - 1) * n + n - 1] = 1
            e[0] = 0
        }
    }

    /// EISPACK `tql2`: the implicit QL algorithm on the tridiagonal (`d`, `e`), applying the
    /// rotations to the rows of `vt` (the transposed accumulated transformation), so that row `i`
    /// of `vt` ends as the eigenvector of `d[i]`.
    static func diagonalize(_ vt: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) {
        for i in 1..<max(n, 1) { e[i - 1] = e[i] }
        e[n - 1] = 0
        var f = 0.0
        var tst1 = 0.0
        let eps = Double.ulpOfOne
        vt.withUnsafeMutableBufferPointer { vt in
            for l in 0..<n {
                tst1 = max(tst1, abs(d[l]) + abs(e[l]))
                var m = l
                while m < n {
                    if abs(e[m]) <= eps * tst1 { break }
                    m += 1
                }
                if m == n { m = n - 1 }
                if m > l {
                    repeat {
                        var g = d[l]
                        var p = (d[l + 1] - g) / (2 * e[l])
                        var r = (p * p + 1).squareRoot()
                        if p < 0 { r = -r }
                        d[l] = e[l] / (p + r)
                        d[l + 1] = e[l] * (p + r)
                        let dl1 = d[l + 1]
                        var h = g - d[l]
                        for i in (l + 2)..<max(n, l + 2) { d[i] -= h }
                        f += h
                        p = d[m]
                        var c = 1.0
                        var c2 = c
                        var c3 = c
                        let el1 = e[l + 1]
                        var s = 0.0
                        var s2 = 0.0
                        var i = m - 1
                        while i >= l {
                            c3 = c2
                            c2 = c
                            s2 = s
                            g = c * e[i]
                            h = c * p
                            r = (p * p + e[i] * e[i]).squareRoot()
                            e[i + 1] = s * r
                            s = e[i] / r
                            c = p / r
                            p = c * d[i] - s * g
                            d[i + 1] = h + s * (c * g + s * d[i])
                            let rowI = i * n
                            let rowNext = (i + 1) * n
                            for k in 0..<n {
                                let upper = vt[rowNext + k]
                                let lower = vt[rowI + k]
                                vt[rowNext + k] = s * lower + c * upper
                                vt[rowI + k] = c * lower - s * upper
                            }
                            i -= 1
                        }
                        p = -s * s2 * c3 * el1 * e[l] / dl1
                        e[l] = s * p
                        d[l] = c * p
                    } while abs(e[l]) > eps * tst1
                }
                d[l] += f
                e[l] = 0
            }
        }
    }
}
