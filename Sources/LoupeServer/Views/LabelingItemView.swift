import Foundation
import LoupeCatalog

/// A labeling item on the wire, with its pre-labels and current ground truth when asked for one.
struct LabelingItemView: Encodable, Sendable {
    var project: String
    var key: String
    var priority: Int
    var batch: String
    var status: String
    var assignee: String?
    var claimedAt: Date?
    var submittedAt: Date?
    var reviewedAt: Date?
    var reviewer: String?
    var reviewNote: String?
    /// The run's predictions offered as pre-labels (`nil` in claim and review answers).
    var prelabels: [PredictionView]?
    /// The row's current ground truth.
    var annotations: [AnnotationView]?

    init(_ item: LabelingItem, project: String) {
        self.project = project
        key = item.key
        priority = item.priority
        batch = item.batch
        status = item.status.rawValue
        assignee = item.assignee
        claimedAt = item.claimedAt
        submittedAt = item.submittedAt
        reviewedAt = item.reviewedAt
        reviewer = item.reviewer
        reviewNote = item.reviewNote
    }
}

/// `POST …/items`: what adding rows did.
struct LabelingBatchView: Encodable, Sendable {
    var project: String
    var batch: String
    var added: Int
    var updated: Int
    var unchanged: Int
}

/// `POST …/submit`: the label version written and the pre-label outcomes.
struct LabelingSubmissionView: Encodable, Sendable {
    var project: String
    var key: String
    var labelVersion: Int
    var objects: Int
    var accepted: Int
    var edited: Int
    var deleted: Int
    var added: Int
}
