/// The pre-label outcomes of one class in a labeling project (the pre-label's class; for added
/// objects, their own).
public struct LabelingClassOutcomes: Hashable, Sendable, Codable {
    /// The class id (`nil` for unclassified objects).
    public var classID: Int64?
    /// Pre-labels kept with their class and shape.
    public var accepted: Int = 0
    /// Pre-labels kept with another class or shape.
    public var edited: Int = 0
    /// The mean IoU between an edited pre-label and its final shape, over the edits that have
    /// one; `nil` without any.
    public var meanEditIoU: Double?
    /// Pre-labels removed.
    public var deleted: Int = 0
    /// Objects drawn from scratch.
    public var added: Int = 0

    /// Pre-labels offered: accepted, edited and deleted.
    public var prelabels: Int { accepted + edited + deleted }
    /// The share of pre-labels accepted unchanged; `nil` without pre-labels.
    public var acceptedShare: Double? { prelabels == 0 ? nil : Double(accepted) / Double(prelabels) }

    /// Empty counts of a class.
    public init(classID: Int64?) {
        self.classID = classID
    }
}
