import LoupeCore

/// What to check for one data issue: the kind, where its inputs come from (an embedding space or
/// a run) and its parameters. Decoded from the API's body and built from the CLI's options.
public struct DataIssueRequest: Hashable, Sendable, Codable {
    /// The check.
    public var kind: DataIssueKind
    /// The embedding space, by name (the embedding kinds).
    public var space: String?
    /// The run, as `RUN` or `MODEL/RUN` (the label kinds).
    public var run: String?
    /// Neighbours per row (embedding kinds), 1…200.
    public var k: Int
    /// `cosine` or `l2` (embedding kinds).
    public var metric: VectorMetric
    /// `near_duplicate`: the cosine similarity from which rows are near-duplicates.
    public var similarity: Double

    /// The kinds computed from an embedding space.
    public static let spaceKinds: [DataIssueKind] = [.outlierKNN, .outlierLOF, .uniqueness, .representativeness, .nearDuplicate]
    /// The kinds computed from a run's predictions.
    public static let runKinds: [DataIssueKind] = [.labelError, .missingLabel, .spuriousLabel]

    /// A request; the defaults are those of `loupe issues`.
    public init(kind: DataIssueKind, space: String? = nil, run: String? = nil, k: Int = 10, metric: VectorMetric = .cosine,
                similarity: Double = 0.98) {
        self.kind = kind
        self.space = space
        self.run = run
        self.k = k
        self.metric = metric
        self.similarity = similarity
    }

    private enum CodingKeys: String, CodingKey {
        case kind, space, run, k, metric, similarity
    }

    /// Decodes a request, each parameter but `kind` optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try container.decode(DataIssueKind.self, forKey: .kind),
                  space: try container.decodeIfPresent(String.self, forKey: .space),
                  run: try container.decodeIfPresent(String.self, forKey: .run),
                  k: try container.decodeIfPresent(Int.self, forKey: .k) ?? 10,
                  metric: try container.decodeIfPresent(VectorMetric.self, forKey: .metric) ?? .cosine,
                  similarity: try container.decodeIfPresent(Double.self, forKey: .similarity) ?? 0.98)
    }

    /// Why the request cannot run: the parameter at fault and what was expected; `nil` when it can.
    public var problem: (parameter: String, message: String)? {
        if Self.runKinds.contains(kind) {
            guard let run, !run.isEmpty else { return ("run", "kind \(kind.rawValue) needs a run") }
            return nil
        }
        guard let space, !space.isEmpty else { return ("space", "kind \(kind.rawValue) needs an embedding space") }
        guard (1...200).contains(k) else { return ("k", "k must be from 1 to 200, not \(k)") }
        guard metric != .innerProduct else { return ("metric", "metric must be cosine or l2, not inner_product") }
        guard similarity.isFinite, metric == .l2 || (-1...1).contains(similarity) else {
            return ("similarity", "similarity must be a cosine similarity from -1 to 1, not \(similarity)")
        }
        return nil
    }

    /// The parameters that shaped the result, as stored with the report (a JSON object).
    public var parametersJSON: String {
        if Self.runKinds.contains(kind) { return "{}" }
        var fields = [#""k":\#(k)"#, #""metric":"\#(metric.rawValue)""#]
        if kind == .nearDuplicate { fields.append(#""similarity":\#(similarity)"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
