/// Predicted class probabilities for `rows` examples over `classes` classes: an `n × K` matrix
/// stored row-major (row `i`, class `c` at `i * classes + c`), the layout of a NumPy C-order
/// `predict_proba` output.
///
/// Values are held as `Double`. `Float` input is widened exactly and remembers its precision:
/// log loss clips at the machine epsilon of the precision the values arrived in, as
/// scikit-learn does for a `float32` array (see `clippingEpsilon`).
///
/// Every value must be finite and in `[0, 1]` (scikit-learn refuses values outside that range).
/// Rows are expected to sum to 1 but are neither checked nor renormalized: scikit-learn 1.9 only
/// warns about such rows (and `roc_auc_score` refuses them), and Loupe reports what was given.
public struct ProbabilityMatrix: Hashable, Sendable {
    /// The number of examples `n`.
    public let rows: Int
    /// The number of classes `K`.
    public let classes: Int
    /// `rows * classes` probabilities, row after row.
    public let values: [Double]
    /// The machine epsilon of the input precision: `Double.ulpOfOne` (2⁻⁵²) for `Double` input,
    /// `Float.ulpOfOne` (2⁻²³) for `Float` input. Log loss clips probabilities to
    /// `[clippingEpsilon, 1 - clippingEpsilon]`, like `sklearn.metrics.log_loss` with
    /// `eps = np.finfo(y_proba.dtype).eps`.
    public let clippingEpsilon: Double

    /// Probabilities given in double precision.
    /// - Throws: `ClassificationInputError` when `values.count != rows * classes`, `classes < 2`,
    ///   or a value is NaN, infinite or outside `[0, 1]`.
    /// - Complexity: O(n · K).
    public init(rows: Int, classes: Int, values: [Double]) throws(ClassificationInputError) {
        try self.init(rows: rows, classes: classes, checked: values, epsilon: Double.ulpOfOne)
    }

    /// Probabilities given in single precision, widened exactly to `Double`; log loss clips at
    /// `Float.ulpOfOne`. Every other metric is then computed in double precision (scikit-learn
    /// computes in `float32` for such input, so it agrees to `float32` rounding only; on the
    /// widened `float64` values it agrees to the last bits).
    /// - Throws: as the `Double` initializer.
    /// - Complexity: O(n · K).
    public init(rows: Int, classes: Int, values: [Float]) throws(ClassificationInputError) {
        try self.init(rows: rows, classes: classes, checked: values.map(Double.init), epsilon: Double(Float.ulpOfOne))
    }

    private init(rows: Int, classes: Int, checked values: [Double], epsilon: Double) throws(ClassificationInputError) {
        guard classes >= 2 else {
            throw ClassificationInputError(reason: "probabilities need at least 2 classes, got \(classes)")
        }
        guard rows >= 0, values.count == rows * classes else {
            throw ClassificationInputError(reason: "\(values.count) probabilities for \(rows) rows × \(classes) classes")
        }
        for (index, value) in values.enumerated() where !(value >= 0 && value <= 1) {
            throw ClassificationInputError(row: index / classes, column: index % classes,
                                           reason: "probability \(value) is not in [0, 1]")
        }
        self.rows = rows
        self.classes = classes
        self.values = values
        self.clippingEpsilon = epsilon
    }

    /// The probabilities of row `row`.
    public func row(_ row: Int) -> ArraySlice<Double> {
        values[(row * classes)..<((row + 1) * classes)]
    }

    /// The probability of class `column` in row `row`.
    public subscript(row: Int, column: Int) -> Double {
        values[row * classes + column]
    }

    /// The rows at `indices` (repeats allowed), in that order: the matrix of a resample or subset.
    /// - Complexity: O(indices.count · K).
    public func selecting(rows indices: [Int]) -> ProbabilityMatrix {
        var selected: [Double] = []
        selected.reserveCapacity(indices.count * classes)
        for index in indices { selected.append(contentsOf: row(index)) }
        return ProbabilityMatrix(unchecked: selected, rows: indices.count, classes: classes, epsilon: clippingEpsilon)
    }

    private init(unchecked values: [Double], rows: Int, classes: Int, epsilon: Double) {
        self.rows = rows
        self.classes = classes
        self.values = values
        self.clippingEpsilon = epsilon
    }
}
