/// A number a team computed itself and stores on a run (as Labelbox's custom metrics): for the
/// whole run, for one class, or for one row. Row values are filterable
/// (`run("A").custom("loss") > 0.5`) and sortable like Loupe's own per-row metrics.
public struct CustomMetricValue: Hashable, Sendable, Codable {
    /// What the value belongs to.
    public enum Scope: Hashable, Sendable, Codable {
        /// The whole run.
        case run
        /// One class, by name.
        case classNamed(String)
        /// One row, by key.
        case row(String)
    }

    /// The metric's name.
    public var name: String
    /// What it is about.
    public var scope: Scope
    /// The value (finite).
    public var value: Double

    /// A value.
    public init(name: String, scope: Scope, value: Double) {
        self.name = name
        self.scope = scope
        self.value = value
    }
}
