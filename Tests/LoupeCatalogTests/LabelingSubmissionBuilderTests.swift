import LoupeCatalog
import LoupeCore
import Testing

@Suite("labeling submission outcomes")
struct LabelingSubmissionBuilderTests {
    static let prelabels = [
        Prediction(id: 1, runID: 9, rowID: 5, classID: 10, geometry: .none, score: 0.8),
        Prediction(id: 2, runID: 9, rowID: 5, classID: 10, geometry: .polygon(Polygon(rings: [[0, 0, 10, 0, 10, 10, 0, 10]])), score: 0.7),
        Prediction(id: 3, runID: 9, rowID: 5, classID: 11, geometry: .box(BoundingBox(x: 0, y: 0, width: 4, height: 4)), score: 0.6),
    ]

    @Test("a class change without a shape is an edit without IoU; a polygon's IoU is its bounding box's; near-equal boxes are accepted")
    func outcomes() throws {
        let builder = LabelingSubmissionBuilder(prelabels: Self.prelabels)
        let draft = try builder.draft(itemID: 1, labeler: "ann", objects: [
            LabelingFinalObject(classID: 11, geometry: .none, prelabelID: 1),
            // The polygon's box (0, 0, 10, 10) against (0, 0, 10, 5): IoU 0.5.
            LabelingFinalObject(classID: 10, geometry: .polygon(Polygon(rings: [[0, 0, 10, 0, 10, 5, 0, 5]])), prelabelID: 2),
            LabelingFinalObject(classID: 11, geometry: .box(BoundingBox(x: 0, y: 0, width: 4 + 1e-9, height: 4)), prelabelID: 3),
            LabelingFinalObject(classID: 12, geometry: .point(x: 1, y: 1)),
        ], rejected: [], seconds: 3, prelabelRunID: 9)
        #expect(draft.outcomes == [
            LabelingObjectOutcome(kind: .edited, predictionID: 1, classID: 10, finalClassID: 11, iou: nil),
            LabelingObjectOutcome(kind: .edited, predictionID: 2, classID: 10, finalClassID: 10, iou: 0.5),
            LabelingObjectOutcome(kind: .accepted, predictionID: 3, classID: 11, finalClassID: 11),
            LabelingObjectOutcome(kind: .added, predictionID: nil, classID: 12, finalClassID: 12),
        ])
        #expect(draft.annotations.count == 4 && draft.annotations.allSatisfy { $0.author == "ann" })
    }

    @Test("a pre-label nobody keeps is deleted, listed as rejected or not; bad ids are refused")
    func deletedAndRefused() throws {
        let builder = LabelingSubmissionBuilder(prelabels: Self.prelabels)
        let draft = try builder.draft(itemID: 1, labeler: "ann", objects: [], rejected: [2], seconds: 1, prelabelRunID: 9)
        #expect(draft.outcomes.map(\.kind) == [.deleted, .deleted, .deleted] && draft.annotations.isEmpty)
        #expect(throws: StoreError.self) {
            _ = try builder.draft(itemID: 1, labeler: "ann", objects: [], rejected: [7], seconds: 1, prelabelRunID: 9)
        }
        #expect(throws: StoreError.self) {
            _ = try builder.draft(itemID: 1, labeler: "ann", objects: [LabelingFinalObject(classID: 10, geometry: .none, prelabelID: 1),
                                                                        LabelingFinalObject(classID: 10, geometry: .none, prelabelID: 1)],
                                  rejected: [], seconds: 1, prelabelRunID: 9)
        }
    }
}
