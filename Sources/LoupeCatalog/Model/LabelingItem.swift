import Foundation

/// One row in a labeling project's queue, with its status and who holds it.
public struct LabelingItem: Hashable, Sendable {
    /// Store-assigned id.
    public var id: Int64
    /// The project.
    public var projectID: Int64
    /// The row to label.
    public var rowID: Int64
    /// The row's key.
    public var key: String
    /// Higher is claimed first.
    public var priority: Int
    /// The batch it was added with (empty for none).
    public var batch: String
    /// Its status.
    public var status: LabelingStatus
    /// The token name of the labeler holding it; `nil` while queued.
    public var assignee: String?
    /// When it was added.
    public var addedAt: Date
    /// When it was (last) claimed.
    public var claimedAt: Date?
    /// When it was last submitted.
    public var submittedAt: Date?
    /// When it was last reviewed.
    public var reviewedAt: Date?
    /// Who reviewed it last.
    public var reviewer: String?
    /// The reviewer's note (why it was sent back).
    public var reviewNote: String?

    /// An item value.
    public init(id: Int64, projectID: Int64, rowID: Int64, key: String, priority: Int, batch: String, status: LabelingStatus,
                assignee: String?, addedAt: Date, claimedAt: Date? = nil, submittedAt: Date? = nil, reviewedAt: Date? = nil,
                reviewer: String? = nil, reviewNote: String? = nil) {
        self.id = id
        self.projectID = projectID
        self.rowID = rowID
        self.key = key
        self.priority = priority
        self.batch = batch
        self.status = status
        self.assignee = assignee
        self.addedAt = addedAt
        self.claimedAt = claimedAt
        self.submittedAt = submittedAt
        self.reviewedAt = reviewedAt
        self.reviewer = reviewer
        self.reviewNote = reviewNote
    }
}
