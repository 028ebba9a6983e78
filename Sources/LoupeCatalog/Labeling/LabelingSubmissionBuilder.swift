import LoupeCore

/// Turns a labeler's final objects into a submission draft: the row's new ground truth and, per
/// pre-label, whether it was accepted unchanged, edited (with the IoU of the two shapes) or
/// deleted, plus one `added` outcome per object drawn from scratch.
///
/// A pre-label is *accepted* when a final object names it with the same class and the same shape
/// (box coordinates within `tolerance`), *edited* when one names it with another class or shape,
/// and *deleted* when none names it (whether or not the labeler listed it as rejected). The IoU
/// of an edit is that of the two boxes, or of the two shapes' bounding boxes for polygons and
/// masks; it is `nil` when either has no extent (a classification).
public struct LabelingSubmissionBuilder: Sendable {
    /// The pre-labels the labeler was shown.
    public var prelabels: [Prediction]
    /// Box coordinates that differ by no more than this count as unchanged.
    public var tolerance: Double

    /// A builder over the pre-labels shown for one item.
    public init(prelabels: [Prediction], tolerance: Double = 1e-6) {
        self.prelabels = prelabels
        self.tolerance = tolerance
    }

    /// The draft of a submit, or why it cannot be one: an object naming a prediction that is
    /// not one of the pre-labels or that another object already names, or a rejected id that is
    /// no pre-label or that an object names.
    public func draft(itemID: Int64, labeler: String, objects: [LabelingFinalObject], rejected: [Int64], seconds: Double,
                      prelabelRunID: Int64?) throws(StoreError) -> LabelingSubmissionDraft {
        let byID = Dictionary(prelabels.compactMap { prediction in prediction.id.map { ($0, prediction) } }, uniquingKeysWith: { a, _ in a })
        var used: [Int64: LabelingFinalObject] = [:]
        var outcomes: [LabelingObjectOutcome] = []
        for (index, object) in objects.enumerated() {
            guard let id = object.prelabelID else {
                outcomes.append(LabelingObjectOutcome(kind: .added, predictionID: nil, classID: object.classID, finalClassID: object.classID))
                continue
            }
            guard byID[id] != nil else { throw StoreError.invalid("objects[\(index)] names prediction \(id), which is not a pre-label of this item") }
            guard used[id] == nil else { throw StoreError.invalid("objects[\(index)] names prediction \(id), which another object already names") }
            used[id] = object
        }
        for id in rejected {
            guard byID[id] != nil else { throw StoreError.invalid("rejected prediction \(id) is not a pre-label of this item") }
            guard used[id] == nil else { throw StoreError.invalid("rejected prediction \(id) is also named by a final object") }
        }
        var prelabelOutcomes: [LabelingObjectOutcome] = []
        for prediction in prelabels {
            guard let id = prediction.id else { continue }
            guard let object = used[id] else {
                prelabelOutcomes.append(LabelingObjectOutcome(kind: .deleted, predictionID: id, classID: prediction.classID, finalClassID: nil))
                continue
            }
            if object.classID == prediction.classID && sameShape(object.geometry, prediction.geometry) {
                prelabelOutcomes.append(LabelingObjectOutcome(kind: .accepted, predictionID: id, classID: prediction.classID,
                                                              finalClassID: object.classID))
            } else {
                prelabelOutcomes.append(LabelingObjectOutcome(kind: .edited, predictionID: id, classID: prediction.classID,
                                                              finalClassID: object.classID, iou: Self.iou(prediction.geometry, object.geometry)))
            }
        }
        let annotations = objects.map { object in
            Annotation(rowID: 0, classID: object.classID, geometry: object.geometry, isCrowd: object.isCrowd,
                       attributes: object.attributes, labelVersion: 1, author: labeler)
        }
        return LabelingSubmissionDraft(itemID: itemID, labeler: labeler, annotations: annotations, outcomes: prelabelOutcomes + outcomes,
                                       seconds: seconds, prelabelRunID: prelabelRunID)
    }

    /// Whether two shapes are the same, boxes up to `tolerance`.
    func sameShape(_ a: Geometry, _ b: Geometry) -> Bool {
        if case .box(let x) = a, case .box(let y) = b {
            return abs(x.x - y.x) <= tolerance && abs(x.y - y.y) <= tolerance
                && abs(x.width - y.width) <= tolerance && abs(x.height - y.height) <= tolerance
        }
        return a == b
    }

    /// The IoU of two shapes' boxes (bounding boxes for polygons and masks), clamped to [0, 1];
    /// `nil` when either has none.
    static func iou(_ a: Geometry, _ b: Geometry) -> Double? {
        guard let x = a.boundingBox, let y = b.boundingBox else { return nil }
        let value = x.intersectionOverUnion(with: y)
        return value.isFinite ? min(max(value, 0), 1) : nil
    }
}
