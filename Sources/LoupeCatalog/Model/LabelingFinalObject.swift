import LoupeCore

/// One object of a submitted label: a class and a shape, optionally naming the pre-label
/// prediction it was made from (accepted as it was or edited).
public struct LabelingFinalObject: Hashable, Sendable {
    /// Its class (`nil` for an unclassified shape).
    public var classID: Int64?
    /// Its shape (`.none` for a classification).
    public var geometry: Geometry
    /// COCO's crowd flag.
    public var isCrowd: Bool
    /// Free attributes.
    public var attributes: [String: MetadataValue]
    /// The pre-label prediction it came from; `nil` for an object drawn from scratch.
    public var prelabelID: Int64?

    /// A final object value.
    public init(classID: Int64?, geometry: Geometry, isCrowd: Bool = false, attributes: [String: MetadataValue] = [:],
                prelabelID: Int64? = nil) {
        self.classID = classID
        self.geometry = geometry
        self.isCrowd = isCrowd
        self.attributes = attributes
        self.prelabelID = prelabelID
    }
}
