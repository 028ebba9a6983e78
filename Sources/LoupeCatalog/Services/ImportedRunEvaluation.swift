/// One run an import brought predictions for, and how its evaluation went.
public struct ImportedRunEvaluation: Sendable {
    /// The model's name.
    public var model: String
    /// The run's name.
    public var run: String
    /// The stored evaluation, when the run could be evaluated.
    public var evaluation: Evaluation?
    /// Why it was not evaluated, when it could not be.
    public var failure: String?

    /// An outcome.
    public init(model: String, run: String, evaluation: Evaluation?, failure: String?) {
        self.model = model
        self.run = run
        self.evaluation = evaluation
        self.failure = failure
    }
}
