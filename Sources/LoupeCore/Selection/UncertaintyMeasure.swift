/// How uncertain a classifier is about one row, from its predicted probabilities `p` (larger is
/// more uncertain in every measure).
///
/// - `leastConfidence`: `1 − p(1)`, with `p(1)` the top probability. Range `[0, 1 − 1/K]`.
/// - `margin`: `1 − (p(1) − p(2))`, one minus the gap between the two largest probabilities.
///   Range `[0, 1]`; 1 when the top two tie.
/// - `entropy`: Shannon entropy `−Σ p log p` in nats (`0 · log 0 = 0`). Range `[0, ln K]`.
///
/// Reference: Settles, *Active Learning Literature Survey* (2009), §3.1; least confidence from
/// Culotta and McCallum (AAAI 2005), margin from Scheffer, Decomain and Wrobel (2001), entropy
/// from Shannon (1948). The row statistics are `ProbabilityMatrix.confidences()`, `margins()` and
/// `entropies()`.
public enum UncertaintyMeasure: String, Hashable, Sendable, Codable, CaseIterable {
    /// One minus the top probability.
    case leastConfidence = "least_confidence"
    /// One minus the gap between the top two probabilities.
    case margin
    /// Shannon entropy in nats.
    case entropy

    /// The measure for every row of `probabilities`.
    /// - Complexity: O(n · K).
    public func scores(_ probabilities: ProbabilityMatrix) -> [Double] {
        switch self {
        case .leastConfidence: probabilities.confidences().map { 1 - $0 }
        case .margin: probabilities.margins().map { 1 - $0 }
        case .entropy: probabilities.entropies()
        }
    }
}
