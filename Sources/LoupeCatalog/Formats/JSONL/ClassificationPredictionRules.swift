/// The rules for one single-label classification prediction, shared by the JSONL and CSV
/// importers: what a line may give (a label, a score, a probability vector) and what is derived.
///
/// - Probabilities must be finite, each in `[0, 1]`, and sum to 1 within `sumTolerance`
///   (softmax outputs; multi-label sigmoid outputs are not single-label predictions).
/// - With probabilities and no label, the label is the argmax; ties go to the lowest class index
///   (the first class in the class list), as `numpy.argmax` does.
/// - With probabilities and no score, the score is the label's probability.
/// - Without probabilities a label is required; a score must be finite.
enum ClassificationPredictionRules {
    /// How far the probabilities' sum may be from 1.
    static let sumTolerance = 1e-3

    /// Which input a problem is about.
    enum Field: Equatable {
        case label, score
        /// The probability vector as a whole (`nil`) or one of its entries.
        case probabilities(Int?)
    }

    /// A checked prediction: its class, score and probabilities in class-list order.
    struct Resolved {
        var className: String
        var score: Double?
        var probabilities: [Float]?
    }

    /// Checks a prediction against the class list (`classes`, required when probabilities are given)
    /// and fills in what it leaves out.
    static func resolve(label: String?, score: Double?, probabilities: [Double]?,
                        classes: [String]?, classIndex: [String: Int]) -> Result<Resolved, Problem> {
        if let score, !score.isFinite { return .failure(Problem(.score, "expected a finite score")) }
        guard let probabilities else {
            guard let label else {
                return .failure(Problem(.label, "a prediction needs a label or class probabilities"))
            }
            if classes != nil, classIndex[label] == nil {
                return .failure(Problem(.label, "class '\(label)' is not in the class list"))
            }
            return .success(Resolved(className: label, score: score, probabilities: nil))
        }
        guard let classes else {
            return .failure(Problem(.probabilities(nil), "probabilities need the class order"))
        }
        guard probabilities.count == classes.count else {
            return .failure(Problem(.probabilities(nil),
                                    "\(probabilities.count) probabilities for \(classes.count) classes (\(classes.joined(separator: ", ")))"))
        }
        if let problem = problem(in: probabilities) { return .failure(problem) }
        let index: Int
        if let label {
            guard let known = classIndex[label] else {
                return .failure(Problem(.label, "class '\(label)' is not among the probability classes"))
            }
            index = known
        } else {
            index = argmax(probabilities)
        }
        return .success(Resolved(className: classes[index], score: score ?? probabilities[index],
                                 probabilities: probabilities.map { Float($0) }))
    }

    /// Why a prediction was refused.
    struct Problem: Error {
        var field: Field
        var message: String
        init(_ field: Field, _ message: String) {
            self.field = field
            self.message = message
        }
    }

    /// The first problem of a probability vector: a value that is not finite or outside `[0, 1]`,
    /// or a sum further than `sumTolerance` from 1.
    static func problem(in probabilities: [Double]) -> Problem? {
        var sum = 0.0
        for (index, value) in probabilities.enumerated() {
            guard value.isFinite, value >= 0, value <= 1 else {
                return Problem(.probabilities(index), "expected a probability in [0, 1], found \(value)")
            }
            sum += value
        }
        guard abs(sum - 1) <= sumTolerance else {
            return Problem(.probabilities(nil), "probabilities sum to \(sum), expected 1 (within \(sumTolerance))")
        }
        return nil
    }

    /// The index of the largest value; ties go to the lowest index.
    /// - Precondition: `values` is not empty.
    static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for index in values.indices.dropFirst() where values[index] > values[best] { best = index }
        return best
    }
}
