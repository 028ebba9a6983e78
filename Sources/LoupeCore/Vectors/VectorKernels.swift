/// Distance kernels and input checks shared by the vector indexes.
///
/// The kernels use `SIMD8<Float>` with separate multiply and add (never `addProduct`, which is a
/// library call per lane when the compiler targets baseline x86-64 without FMA) and four
/// independent accumulators, so the loop is bound by loads rather than by add latency.
///
/// Unoptimized (debug) builds call generic SIMD operations out of line, about 10× slower than a
/// scalar loop, so `DEBUG` builds route ``dot(_:_:_:)`` and ``squaredL2(_:_:_:)`` to the scalar
/// loops; the tests compare the SIMD kernels with them directly.
enum VectorKernels {
    /// `Σ a[i]·b[i]` over `count` values.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        #if DEBUG
        dotScalar(a, b, count)
        #else
        dotSIMD(a, b, count)
        #endif
    }

    /// `Σ (a[i] − b[i])²` over `count` values.
    @inline(__always)
    static func squaredL2(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        #if DEBUG
        squaredL2Scalar(a, b, count)
        #else
        squaredL2SIMD(a, b, count)
        #endif
    }

    /// ``dot(_:_:_:)`` as a plain loop.
    static func dotScalar(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var total: Float = 0
        for i in 0..<count { total += a[i] * b[i] }
        return total
    }

    /// ``squaredL2(_:_:_:)`` as a plain loop.
    static func squaredL2Scalar(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var total: Float = 0
        for i in 0..<count {
            let d = a[i] - b[i]
            total += d * d
        }
        return total
    }

    /// ``dot(_:_:_:)`` with `SIMD8` lanes and four accumulators.
    @inline(__always)
    static func dotSIMD(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var i = 0
        while i + 32 <= count {
            s0 += ra.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            s1 += ra.loadUnaligned(fromByteOffset: (i &+ 8) &* 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: (i &+ 8) &* 4, as: SIMD8<Float>.self)
            s2 += ra.loadUnaligned(fromByteOffset: (i &+ 16) &* 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: (i &+ 16) &* 4, as: SIMD8<Float>.self)
            s3 += ra.loadUnaligned(fromByteOffset: (i &+ 24) &* 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: (i &+ 24) &* 4, as: SIMD8<Float>.self)
            i &+= 32
        }
        while i + 8 <= count {
            s0 += ra.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
        var total = ((s0 + s1) + (s2 + s3)).sum()
        while i < count {
            total += a[i] * b[i]
            i &+= 1
        }
        return total
    }

    /// ``squaredL2(_:_:_:)`` with `SIMD8` lanes and four accumulators.
    @inline(__always)
    static func squaredL2SIMD(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var i = 0
        while i + 32 <= count {
            let d0 = ra.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            let d1 = ra.loadUnaligned(fromByteOffset: (i &+ 8) &* 4, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: (i &+ 8) &* 4, as: SIMD8<Float>.self)
            let d2 = ra.loadUnaligned(fromByteOffset: (i &+ 16) &* 4, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: (i &+ 16) &* 4, as: SIMD8<Float>.self)
            let d3 = ra.loadUnaligned(fromByteOffset: (i &+ 24) &* 4, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: (i &+ 24) &* 4, as: SIMD8<Float>.self)
            s0 += d0 * d0
            s1 += d1 * d1
            s2 += d2 * d2
            s3 += d3 * d3
            i &+= 32
        }
        while i + 8 <= count {
            let d0 = ra.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            s0 += d0 * d0
            i &+= 8
        }
        var total = ((s0 + s1) + (s2 + s3)).sum()
        while i < count {
            let d = a[i] - b[i]
            total += d * d
            i &+= 1
        }
        return total
    }

    /// The distance of ``VectorMetric`` between two stored (for cosine: normalized) vectors.
    @inline(__always)
    static func distance(_ metric: VectorMetric, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        switch metric {
        case .l2: squaredL2(a, b, count)
        case .innerProduct: -dot(a, b, count)
        case .cosine: 1 - dot(a, b, count)
        }
    }

    /// Scales `count` values at `values` to unit Euclidean norm; a zero vector stays zero.
    static func normalize(_ values: UnsafeMutablePointer<Float>, _ count: Int) {
        var squared: Double = 0
        for i in 0..<count { squared += Double(values[i]) * Double(values[i]) }
        guard squared > 0 else { return }
        let scale = Float(1 / squared.squareRoot())
        for i in 0..<count { values[i] *= scale }
    }

    /// `matrix` checked against `dimension` and for non-finite values, normalized row by row for
    /// cosine. `what` names the input in error messages ("vector", "query").
    static func prepared(_ matrix: RowMajorMatrix, dimension: Int, metric: VectorMetric, what: String) throws(VectorIndexError) -> RowMajorMatrix {
        guard matrix.columns == dimension || matrix.rows == 0 else {
            throw VectorIndexError(code: .dimensionMismatch,
                                   message: "\(what)s have \(matrix.columns) columns; the index has dimension \(dimension)")
        }
        if let position = matrix.values.firstIndex(where: { !$0.isFinite }) {
            throw VectorIndexError(code: .nonFiniteValue,
                                   message: "\(what) row \(position / max(dimension, 1)), column \(position % max(dimension, 1)) is \(matrix.values[position])")
        }
        guard metric == .cosine, dimension > 0 else {
            return RowMajorMatrix(rows: matrix.rows, columns: dimension, values: matrix.values)
        }
        var values = matrix.values
        values.withUnsafeMutableBufferPointer { buffer in
            for row in 0..<matrix.rows { normalize(buffer.baseAddress! + row * dimension, dimension) }
        }
        return RowMajorMatrix(rows: matrix.rows, columns: dimension, values: values)
    }
}
