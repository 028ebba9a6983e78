import LoupeCore

/// What `RowSelector` returns: the selected rows best first with their keys, scores, score
/// components and reasons, and how the pool was made (the JSON of `loupe select --json` and of
/// `POST /datasets/{dataset}/selections`).
///
/// `rows` follows the contract (`key`, `score`, `reason`, best first); the other fields
/// are extras that clients may ignore.
public struct RowSelection: Hashable, Sendable, Encodable {
    /// One selected row.
    public struct Row: Hashable, Sendable, Encodable {
        /// The row key.
        public var key: String
        /// The strategy's score; larger is more worth labeling (see `docs/selection.md`).
        public var score: Double
        /// A short human reason that names rows by key.
        public var reason: String
        /// The parts of the score by name (e.g. `margin`, `distance`, `uncertainty`, `cluster`).
        public var components: [String: Double]
    }

    /// Pool rows left out because they lack an input the strategy reads.
    public struct Exclusion: Hashable, Sendable, Encodable {
        /// Why, e.g. "no vector in space 'clip'".
        public var reason: String
        /// How many pool rows.
        public var rows: Int
    }

    /// The per-class quotas of `class_balanced`.
    public struct Quotas: Hashable, Sendable, Encodable {
        /// One class's quota.
        public struct Quota: Hashable, Sendable, Encodable {
            /// The class name.
            public var className: String
            /// New labels wanted for it.
            public var quota: Int
        }

        /// `plan` (the budget planner over the run's model) or `even` (the budget split evenly).
        public var source: String
        /// Why the planner was not used, when `source` is `even`.
        public var note: String?
        /// The quotas in class order.
        public var classes: [Quota]
    }

    /// The dataset.
    public var dataset: String
    /// The strategy's name.
    public var strategy: String
    /// The budget asked for.
    public var budget: Int
    /// The pool's filter as canonical text (`label_version = 0` by default).
    public var filter: String
    /// The run read, as `MODEL/RUN`, if any.
    public var run: String?
    /// The space read, if any.
    public var space: String?
    /// How many rows the filter selected.
    public var poolRows: Int
    /// Pool rows left out, by reason.
    public var excluded: [Exclusion]
    /// The quotas of `class_balanced`.
    public var quotas: Quotas?
    /// The selected rows, best first.
    public var rows: [Row]
}
