/// Which check produced a `DataIssueReport`. The raw values are stable identifiers stored with
/// results and shown in the API; never rename one.
public enum DataIssueKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Far from its neighbours: mean distance to the `k` nearest rows.
    case outlierKNN = "outlier_knn"
    /// Local Outlier Factor: less dense than its neighbours (Breunig et al. 2000).
    case outlierLOF = "outlier_lof"
    /// Redundant: its nearest neighbour is unusually close.
    case uniqueness
    /// Unrepresentative: no or few rows count it among their nearest neighbours.
    case representativeness
    /// In a group of rows more similar than a threshold.
    case nearDuplicate = "near_duplicate"
    /// Classification label likely wrong (confident learning).
    case labelError = "label_error"
    /// Detection: a confident prediction no ground truth comes near (a likely missing label).
    case missingLabel = "missing_label"
    /// Detection: a ground truth no prediction comes near (a likely spurious label).
    case spuriousLabel = "spurious_label"
}
