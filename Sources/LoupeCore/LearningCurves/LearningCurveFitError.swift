/// Why no learning curve was fitted: too few distinct label counts to identify three parameters,
/// or a point with an invalid value. A value, never a crash: the planner lists groups without a
/// fit together with this error.
public struct LearningCurveFitError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable, machine-readable kind. New kinds may be added; compare with the static members.
    public struct Code: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The raw name (`too_few_label_counts`, `invalid_point`).
        public var rawValue: String
        /// Fewer than 3 distinct label counts among the points with `n > 0` and weight `> 0`.
        public static let tooFewLabelCounts = Code(rawValue: "too_few_label_counts")
        /// A negative label count, a non-finite metric, or a negative or non-finite weight.
        public static let invalidPoint = Code(rawValue: "invalid_point")
        /// The raw name.
        public var description: String { rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The 0-based index of the offending point, when one point is at fault.
    public var point: Int?
    /// A human explanation with the figures involved.
    public var reason: String

    /// An error from its code, optional point index and reason.
    public init(code: Code, point: Int? = nil, reason: String) {
        self.code = code
        self.point = point
        self.reason = reason
    }

    /// A one-line explanation with the location.
    public var description: String {
        point.map { "point \($0): \(reason)" } ?? reason
    }
}
