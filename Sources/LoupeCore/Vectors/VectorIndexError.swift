/// Why a vector index refused its input: vectors of the wrong dimension, a non-finite value, ids
/// and rows that do not pair up, or a serialized buffer that is not a complete index.
public struct VectorIndexError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable machine-readable reason.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// The reason's name, e.g. `"dimension_mismatch"`.
        public var description: String { name }

        /// Vectors or queries whose column count differs from the index's dimension.
        public static let dimensionMismatch = Code(name: "dimension_mismatch")
        /// A different number of ids than vector rows.
        public static let idCountMismatch = Code(name: "id_count_mismatch")
        /// A vector or query holding NaN or an infinity.
        public static let nonFiniteValue = Code(name: "non_finite_value")
        /// A serialized buffer that ends before the index does.
        public static let truncated = Code(name: "truncated")
        /// A serialized buffer that is not this kind of index, or of an unknown version, or inconsistent.
        public static let corrupt = Code(name: "corrupt")
    }

    /// The reason.
    public var code: Code
    /// What was wrong and where (the row, the byte offset, the field).
    public var message: String

    /// An error from its reason and explanation.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
