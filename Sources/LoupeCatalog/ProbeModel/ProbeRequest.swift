/// What `ProbeRunWriter` is asked: train a probe model (softmax regression) on a space's vectors of
/// a dataset's rows with their current classification labels, and write it as a new run.
public struct ProbeRequest: Hashable, Sendable {
    /// The dataset whose rows and labels are read.
    public var dataset: String
    /// The embedding space of the features.
    public var space: String
    /// The new run's name (refused when the model already has a run of that name).
    public var run: String
    /// The model the run belongs to (created as a classification model when missing; default `probe`).
    public var model: String
    /// The L2 penalty `1/C` (default 1, scikit-learn's `C = 1`), finite and > 0.
    public var l2: Double
    /// Cross-validation folds for the labeled rows' out-of-fold probabilities (default 5, ≥ 2).
    public var folds: Int
    /// The fold shuffle's seed.
    public var seed: UInt64

    /// A request; see each property for its default.
    public init(dataset: String, space: String, run: String, model: String = "probe", l2: Double = 1, folds: Int = 5, seed: UInt64 = 0) {
        self.dataset = dataset
        self.space = space
        self.run = run
        self.model = model
        self.l2 = l2
        self.folds = folds
        self.seed = seed
    }

    /// Checks the numbers before any work.
    /// - Throws: `RequestFieldError` for `l2` not finite and > 0, `folds` below 2, or an empty run or model name.
    public func validate() throws(RequestFieldError) {
        guard l2.isFinite && l2 > 0 else { throw .invalid("l2", "l2 must be a finite number > 0, not \(l2)") }
        guard folds >= 2 else { throw .invalid("folds", "folds must be at least 2, not \(folds)") }
        guard !run.isEmpty else { throw .invalid("run", "the new run needs a name") }
        guard !model.isEmpty else { throw .invalid("model", "the model needs a name") }
    }
}
