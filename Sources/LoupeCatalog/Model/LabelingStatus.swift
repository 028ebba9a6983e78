/// Where a labeling item is in its life: waiting, held by a labeler, submitted, approved, or sent
/// back to its labeler.
public enum LabelingStatus: String, CaseIterable, Hashable, Sendable, Codable {
    /// In the queue, held by nobody.
    case queued
    /// Claimed by its assignee, not yet submitted.
    case inProgress = "in_progress"
    /// Submitted, waiting for review.
    case submitted
    /// Approved by a reviewer.
    case reviewed
    /// Sent back by a reviewer; waits for its assignee.
    case rework
}
