/// The type of values a field takes, as far as the parser knows it.
enum FilterFieldType: Equatable {
    case text, number, bool
    /// Metadata: any literal; the store checks it against the field's declared kind.
    case any

    init(_ field: FilterField) {
        switch field {
        case .key, .split, .kind, .uri, .text, .tag, .groundTruthClass, .predictionClass: self = .text
        case .width, .height, .labelVersion, .groundTruthCount, .groundTruthArea, .predictionScore: self = .number
        case .runMetric(_, _, let metric): self = metric == .correct ? .bool : .number
        case .customMetric: self = .number
        case .dataIssue(_, let flagged): self = flagged ? .bool : .number
        case .metadata: self = .any
        }
    }

    /// For "key is text".
    var name: String {
        switch self {
        case .text: "text"
        case .number: "a number"
        case .bool: "true or false"
        case .any: "metadata"
        }
    }

    /// For "expected a string for key".
    var expectedValue: String {
        switch self {
        case .text: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .any: "a value"
        }
    }

    /// A literal of this type, for hints.
    var example: String {
        switch self {
        case .text: #""a""#
        case .number: "1"
        case .bool: "true"
        case .any: #""a""#
        }
    }

    func accepts(_ value: FilterValue) -> Bool {
        switch (self, value) {
        case (.any, _), (.text, .string), (.number, .number), (.bool, .bool): true
        default: false
        }
    }
}
