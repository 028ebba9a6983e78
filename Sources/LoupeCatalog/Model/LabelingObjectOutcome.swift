/// What a labeler did with one object of a submission: a pre-label accepted unchanged, edited
/// (with the IoU between the pre-label's and the final shape, when both have an area) or
/// deleted, or an object added from scratch.
public struct LabelingObjectOutcome: Hashable, Sendable {
    /// The four outcomes.
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        /// A pre-label kept with its class and shape.
        case accepted
        /// A pre-label kept with another class or shape.
        case edited
        /// A pre-label not in the final labels.
        case deleted
        /// A final object that came from no pre-label.
        case added
    }

    /// The outcome.
    public var kind: Kind
    /// The pre-label prediction (`nil` for an added object, or once the run was deleted).
    public var predictionID: Int64?
    /// The pre-label's class; for an added object, its class.
    public var classID: Int64?
    /// The final object's class (`nil` for a deleted pre-label).
    public var finalClassID: Int64?
    /// For an edited pre-label, the IoU of its shape and the final one (`nil` without areas).
    public var iou: Double?

    /// An outcome value.
    public init(kind: Kind, predictionID: Int64?, classID: Int64?, finalClassID: Int64?, iou: Double? = nil) {
        self.kind = kind
        self.predictionID = predictionID
        self.classID = classID
        self.finalClassID = finalClassID
        self.iou = iou
    }
}
