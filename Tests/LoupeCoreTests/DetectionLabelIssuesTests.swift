import LoupeCore
import Testing

@Suite("Likely missing and spurious detection labels")
struct DetectionLabelIssuesTests {
    static func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> BoundingBox {
        BoundingBox(x: x, y: y, width: w, height: h)
    }

    static func row(_ predictions: [(Int, Double, BoundingBox)], _ truths: [(Int, BoundingBox, Bool)]) -> DetectionRow {
        DetectionRow(predictions: predictions.map { DetectionPrediction(classIndex: $0.0, score: $0.1, geometry: $0.2) },
                     groundTruths: truths.map { DetectionGroundTruth(classIndex: $0.0, geometry: $0.1, isCrowd: $0.2) })
    }

    /// 0: a match, a confident box over nothing (missing) and a weak other-class box near a ground
    /// truth (which keeps it from being spurious); 1: a ground truth with no prediction (spurious);
    /// 2: a confident box touching a ground truth at IoU 10/190 (both findings); 3: a prediction in a
    /// crowd region (neither); 4: empty; 5: a box over nothing below the score threshold.
    static let rows = [
        row([(0, 0.9, box(1, 1, 10, 10)), (2, 0.95, box(100, 100, 10, 10)), (0, 0.3, box(52, 52, 10, 10))],
            [(0, box(0, 0, 10, 10), false), (1, box(50, 50, 10, 10), false)]),
        row([], [(0, box(0, 0, 20, 20), false)]),
        row([(0, 0.8, box(9, 0, 10, 10))], [(0, box(0, 0, 10, 10), false)]),
        row([(1, 0.9, box(10, 10, 5, 5))], [(1, box(0, 0, 100, 100), true)]),
        row([], []),
        row([(3, 0.6, box(0, 0, 5, 5))], []),
    ]

    @Test("findings and per-row reports on hand-built images")
    func handBuilt() {
        let issues = DetectionLabelIssues(rows: Self.rows)
        #expect(issues.findings.map { [$0.row, $0.object] } == [[0, 1], [1, 0], [2, 0], [2, 0]])
        #expect(issues.findings.map(\.kind) == [.missingLabel, .spuriousLabel, .missingLabel, .spuriousLabel])
        #expect(issues.findings[0].classIndex == 2 && issues.findings[0].bestIntersectionOverUnion == 0)
        let touching = 10.0 / 190
        #expect(abs(issues.findings[3].bestIntersectionOverUnion - touching) < 1e-12)
        #expect(abs(issues.findings[3].strength - (1 - touching / 0.1)) < 1e-12)

        let missing = issues.missingLabels
        #expect(missing.kind == .missingLabel)
        #expect(missing.flags == [true, false, true, false, false, false])
        #expect(zip(missing.scores, [0.05, 1, 0.2, 1, 1, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(missing.rawValues == [1, 0, 1, 0, 0, 0])
        #expect(missing.reasons[0] == "prediction 1 (class 2, score 0.95) overlaps no ground truth")
        #expect(missing.flaggedRows == [0, 2])

        let spurious = issues.spuriousLabels
        #expect(spurious.flags == [false, true, true, false, false, false])
        #expect(spurious.scores[1] == 0 && abs(spurious.scores[2] - touching / 0.1) < 1e-12)
        #expect(spurious.reasons[1] == "no prediction overlaps ground truth 0 (class 0)")
        #expect(spurious.flaggedRows == [1, 2])
    }

    @Test("thresholds: a lower score threshold finds the weak box; COCO's 0.5 IoU counts loose boxes as missing")
    func thresholds() {
        let lower = DetectionLabelIssues(rows: Self.rows, parameters: .init(missingScoreThreshold: 0.5))
        #expect(lower.missingLabels.flags == [true, false, true, false, false, true])
        let strict = DetectionLabelIssues(rows: [Self.row([(0, 0.9, Self.box(3, 3, 10, 10))], [(0, Self.box(0, 0, 10, 10), false)])],
                                          parameters: .init(missingIntersectionOverUnion: 0.5))
        // IoU 49/151 ≈ 0.32: covered at the conservative 0.1, missing at 0.5.
        #expect(strict.missingLabels.flags == [true])
        #expect(DetectionLabelIssues(rows: [Self.row([(0, 0.9, Self.box(3, 3, 10, 10))],
                                                     [(0, Self.box(0, 0, 10, 10), false)])]).findings.isEmpty)
    }
}
