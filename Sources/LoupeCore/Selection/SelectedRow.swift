/// One row chosen by a selection strategy: its position in the inputs, its score (larger is more
/// worth labeling), the components the score was made of, and a short human reason.
///
/// A strategy returns `[SelectedRow]` best first. For the score-sorted strategies the order is
/// by `score` descending with ties broken by the lower `index`; the sequential strategies
/// (k-center greedy, cluster- and class-balanced) return rows in the order they were chosen and
/// document what `score` means there.
public struct SelectedRow: Hashable, Sendable, Codable {
    /// One named part of a score (e.g. `"margin"`, `"entropy"`, `"distance"`).
    public struct Component: Hashable, Sendable, Codable {
        /// The component's name, a strategy name or a measurement name.
        public var name: String
        /// Its value for this row.
        public var value: Double

        /// A named value.
        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    /// The row's index into the strategy's inputs.
    public var index: Int
    /// The row's score; larger is more worth labeling. Always finite.
    public var score: Double
    /// The parts of the score, in a fixed order documented by each strategy.
    public var components: [Component]
    /// A short human reason, e.g. "margin 0.03 between cat and dog".
    public var reason: String

    /// A selected row.
    public init(index: Int, score: Double, components: [Component], reason: String) {
        self.index = index
        self.score = score
        self.components = components
        self.reason = reason
    }

    /// The value of the component named `name`, if the row has one.
    /// - Complexity: O(number of components).
    public func component(_ name: String) -> Double? {
        components.first { $0.name == name }?.value
    }
}
