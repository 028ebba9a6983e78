/// What `ProbeRunWriter` wrote: the run, how many rows it predicts, what it was trained on, and
/// how the fit ended.
public struct ProbeRunReport: Hashable, Sendable, Encodable {
    /// The model's name.
    public var model: String
    /// The new run's name.
    public var run: String
    /// The dataset.
    public var dataset: String
    /// The space.
    public var space: String
    /// Predictions written: one per row with a vector in the space.
    public var predictedRows: Int
    /// Rows with a label and a vector (the training rows; their probabilities are out-of-fold).
    public var labeledRows: Int
    /// Training labels per class name, in class order (classes without labels included, at 0).
    public var labelCounts: [String: Int]
    /// Rows in the run's snapshot (every labeled row of the dataset).
    public var snapshotRows: Int
    /// Whether the final fit met its tolerance.
    public var converged: Bool
    /// L-BFGS iterations of the final fit.
    public var iterations: Int
}
