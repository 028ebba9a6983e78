import CVectorKernels

/// Distance kernels and input checks shared by the vector indexes.
///
/// The kernels are C (the `CVectorKernels` target): AVX-512F, AVX2 + FMA or a portable path
/// (SSE2 on x86-64), chosen once at startup from the CPU's features, so the package still runs on
/// CPUs without AVX2 while using them where present. `LOUPE_VECTOR_KERNELS=portable` (or `avx2`)
/// caps the choice. The paths differ only in rounding (FMA, summation order), so a graph built on
/// one kind of CPU may differ in near ties from one built on another; on one machine builds stay
/// deterministic.
enum VectorKernels {
    /// The kernel paths of `CVectorKernels`.
    enum Path: Int32, CaseIterable, Sendable {
        case portable = 0
        case avx2FMA = 1
        case avx512 = 2

        /// Whether this CPU runs the path.
        var isSupported: Bool { lvk_path_supported(rawValue) != 0 }
    }

    /// The path every kernel call takes in this process.
    static var activePath: Path { Path(rawValue: lvk_active_path()) ?? .portable }

    /// `Σ a[i]·b[i]` over `count` values.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        lvk_dot(a, b, count)
    }

    /// `Σ (a[i] − b[i])²` over `count` values.
    @inline(__always)
    static func squaredL2(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        lvk_squared_l2(a, b, count)
    }

    /// ``dot(_:_:_:)`` on an explicit (supported) path.
    static func dot(on path: Path, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        precondition(path.isSupported, "kernel path \(path) is not supported by this CPU")
        return lvk_dot_on(path.rawValue, a, b, count)
    }

    /// ``squaredL2(_:_:_:)`` on an explicit (supported) path.
    static func squaredL2(on path: Path, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        precondition(path.isSupported, "kernel path \(path) is not supported by this CPU")
        return lvk_squared_l2_on(path.rawValue, a, b, count)
    }

    /// `metric` as the C kernels' `LVK_METRIC_` code.
    static func metricCode(_ metric: VectorMetric) -> Int32 {
        switch metric {
        case .l2: Int32(LVK_METRIC_L2)
        case .innerProduct: Int32(LVK_METRIC_INNER_PRODUCT)
        case .cosine: Int32(LVK_METRIC_COSINE)
        }
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
