import Foundation
import LoupeCore
import Testing

/// Tiny hand-built cases for COCO evaluation semantics that are easy to misread.
@Suite("COCO evaluation semantics")
struct COCOEvaluatorTests {
    typealias Truth = COCOEvaluationInput.GroundTruth
    typealias Detection = COCOEvaluationInput.Detection

    private func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> BoundingBox {
        BoundingBox(x: x, y: y, width: w, height: h)
    }

    private func truth(_ id: Int, image: Int = 1, _ b: BoundingBox, crowd: Bool = false) -> Truth {
        Truth(id: id, imageID: image, categoryID: 1, area: b.area, isCrowd: crowd, box: b)
    }

    private func detection(image: Int = 1, _ score: Double, _ b: BoundingBox) -> Detection {
        Detection(imageID: image, categoryID: 1, score: score, area: b.area, box: b)
    }

    /// pycocotools' precision is `tp / (fp + tp + ε)` with ε = `np.spacing(1)`, so a perfect
    /// detector's precision (and AP) is `1 / (1 + ε)` = 0.9999999999999998, not 1.
    private func isPerfect(_ value: Double?) -> Bool {
        guard let value else { return false }
        return value < 1 && abs(value - 1 / (1 + Double.ulpOfOne)) < 1e-15
    }

    private func evaluate(_ truths: [Truth], _ detections: [Detection], images: [Int] = [1],
                          parameters: COCOEvaluationParameters = .init(iouType: .bbox)) throws -> COCOEvaluation {
        try COCOEvaluator(parameters: parameters).evaluate(
            COCOEvaluationInput(imageIDs: images, categoryIDs: [1], groundTruths: truths, detections: detections))
    }

    @Test("thresholds are numpy.linspace's values bit for bit")
    func linspaceThresholds() {
        let parameters = COCOEvaluationParameters(iouType: .bbox)
        // np.linspace(.5, .95, 10) as printed by NumPy 2.4 with float.hex.
        let expected: [Double] = [0x1p-1, 0x1.199999999999ap-1, 0x1.3333333333333p-1, 0x1.4cccccccccccdp-1,
                                  0x1.6666666666666p-1, 0x1.8p-1, 0x1.999999999999ap-1, 0x1.b333333333333p-1,
                                  0x1.cccccccccccccp-1, 0x1.e666666666666p-1]
        #expect(parameters.iouThresholds.map(\.bitPattern) == expected.map(\.bitPattern))
        // 0.75 is a threshold exactly (summaries find it with ==); the ninth is 0.8999999999999999, not 0.9.
        #expect(parameters.iouThresholds[5] == 0.75)
        #expect(parameters.iouThresholds[8] != 0.9)
        // np.linspace(0, 1, 101)[35] is 0x1.6666666666667p-2, one ulp above 0.35; [70] likewise above 0.7.
        #expect(parameters.recallThresholds.count == 101)
        #expect(parameters.recallThresholds[35] == 0x1.6666666666667p-2)
        #expect(parameters.recallThresholds[70] == 0x1.6666666666667p-1)
        #expect(parameters.recallThresholds[100] == 1)
        let keypoints = COCOEvaluationParameters(iouType: .keypoints)
        #expect(keypoints.maxDetections == [20])
        #expect(keypoints.areaRanges.map(\.label) == ["all", "medium", "large"])
        #expect(keypoints.keypointSigmas.count == 17 && keypoints.keypointSigmas[0] == 0.26 / 10)
    }

    @Test("detections matched to a crowd region are ignored, and a crowd region takes any number of them")
    func crowdMatches() throws {
        let evaluation = try evaluate(
            [truth(1, box(0, 0, 10, 10)), truth(2, box(50, 50, 40, 40), crowd: true)],
            [detection(0.95, box(55, 55, 10, 10)), detection(0.9, box(60, 60, 10, 10)), detection(0.8, box(0, 0, 10, 10))])
        let record = try #require(evaluation.matches(imageIndex: 0, categoryIndex: 0))
        // Against a crowd region IoU is intersection over the detection's own area: 1 here.
        #expect(record.overlap(detection: 0, groundTruth: 1) == 1)
        for d in 0..<2 {
            #expect(record.matchedGroundTruth(detection: d, iouThresholdIndex: 0) == 1)
            #expect(record.outcome(detection: d, iouThresholdIndex: 0) == .ignored)
        }
        #expect(record.outcome(detection: 2, iouThresholdIndex: 9) == .truePositive)
        #expect(record.matchedDetection(groundTruth: 1, iouThresholdIndex: 0) == 1)
        let accumulation = evaluation.accumulate()
        #expect(accumulation.groundTruthCount(categoryIndex: 0, areaIndex: 0) == 1)
        // The two higher-scoring detections in the crowd are neither true nor false positives.
        #expect(isPerfect(accumulation.summarize()["AP"]))
    }

    @Test("a detection matched to an ignored ground truth, or unmatched outside the area range, is ignored")
    func areaRangeIgnores() throws {
        let evaluation = try evaluate(
            [truth(1, box(0, 0, 10, 10)), truth(2, box(100, 100, 100, 100))],
            [detection(0.9, box(100, 100, 100, 100)), detection(0.8, box(0, 0, 10, 10)),
             detection(0.7, box(300, 300, 50, 50)), detection(0.6, box(400, 400, 5, 5))])
        let accumulation = evaluation.accumulate()
        let summary = accumulation.summarize()
        // Small: the large ground truth is ignored, so is the detection matched to it and the
        // unmatched medium one; the unmatched small one is a false positive after the true one.
        #expect(isPerfect(summary["APs"]))
        #expect(accumulation.score(iouIndex: 0, recallIndex: 100, categoryIndex: 0, areaIndex: 1, maxDetectionsIndex: 2) == 0.8)
        #expect(isPerfect(summary["APl"]))
        // Medium: no ground truth counts, so the value is absent (pycocotools' -1).
        #expect(accumulation.groundTruthCount(categoryIndex: 0, areaIndex: 2) == 0)
        #expect(summary["APm"] == nil)
        #expect(summary.pycocotoolsStats[4] == -1)
        #expect(summary.text.split(separator: "\n")[4]
            == " Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000")
    }

    @Test("equal scores keep input order within an image and image-id order across images")
    func tieOrder() throws {
        let target = truth(1, box(0, 0, 10, 10))
        let hit = detection(0.5, box(0, 0, 10, 10)), miss = detection(0.5, box(200, 200, 10, 10))
        // Within an image the false positive listed first comes first: precision 1/2 at every recall level.
        #expect(try evaluate([target], [miss, hit]).accumulate().summarize()["AP"] == 0.5)
        #expect(isPerfect(try evaluate([target], [hit, miss]).accumulate().summarize()["AP"]))
        // Across images the lower image id comes first, whatever the file order.
        let elsewhere = detection(image: 2, 0.5, box(200, 200, 10, 10))
        let first = try evaluate([target], [hit, elsewhere], images: [1, 2]).accumulate().summarize()
        let second = try evaluate([target], [elsewhere, hit], images: [1, 2]).accumulate().summarize()
        #expect(isPerfect(first["AP"]) && isPerfect(second["AP"]))
        let movedTruth = truth(1, image: 3, box(0, 0, 10, 10)), movedHit = detection(image: 3, 0.5, box(0, 0, 10, 10))
        #expect(try evaluate([movedTruth], [movedHit, elsewhere], images: [2, 3]).accumulate().summarize()["AP"] == 0.5)
    }

    @Test("a match to a ground truth of id 0 counts as a false positive, as in pycocotools")
    func idZero() throws {
        let record = try #require(try evaluate([truth(0, box(0, 0, 10, 10))], [detection(0.9, box(0, 0, 10, 10))])
            .matches(imageIndex: 0, categoryIndex: 0))
        #expect(record.matchedGroundTruth(detection: 0, iouThresholdIndex: 0) == 0)
        #expect(record.outcome(detection: 0, iouThresholdIndex: 0) == .falsePositive)
        #expect(isPerfect(try evaluate([truth(7, box(0, 0, 10, 10))], [detection(0.9, box(0, 0, 10, 10))]).accumulate().summarize()["AP"]))
    }

    @Test("only the highest-scoring maxDetections.last detections of an image are evaluated")
    func detectionLimit() throws {
        var parameters = COCOEvaluationParameters(iouType: .bbox)
        parameters.maxDetections = [2, 1]
        let detections = (0..<3).map { detection(0.9 - Double($0) / 10, box(100 * Double($0), 0, 10, 10)) }
        let evaluation = try evaluate([truth(1, box(200, 0, 10, 10))], detections, parameters: parameters)
        #expect(evaluation.parameters.maxDetections == [1, 2])
        let record = try #require(evaluation.matches(imageIndex: 0, categoryIndex: 0))
        #expect(record.detections == [0, 1])
        #expect(evaluation.accumulate().recall(iouIndex: 0, categoryIndex: 0, areaIndex: 0, maxDetectionsIndex: 1) == 0)
    }

    @Test("OKS follows computeOks, including the box-distance branch for a ground truth without visible keypoints")
    func keypointSimilarity() throws {
        var parameters = COCOEvaluationParameters(iouType: .keypoints)
        parameters.keypointSigmas = [0.1]
        func evaluate(_ truth: Truth, _ point: (Double, Double)) throws -> COCOImageCategoryMatches {
            let detection = Detection(imageID: 1, categoryID: 1, score: 1, area: 0, box: box(point.0, point.1, 0, 0),
                                      keypoints: [point.0, point.1, 1])
            return try #require(try COCOEvaluator(parameters: parameters).evaluate(
                COCOEvaluationInput(imageIDs: [1], categoryIDs: [1], groundTruths: [truth], detections: [detection]))
                .matches(imageIndex: 0, categoryIndex: 0))
        }
        // d² = 3² + 4² = 25, (2σ)² = 0.04, area 100: e = 25 / 0.04 / 100 / 2 = 3.125.
        let visible = Truth(id: 1, imageID: 1, categoryID: 1, area: 100, box: box(5, 5, 10, 10), keypoints: [10, 10, 2], keypointCount: 1)
        #expect(abs(try evaluate(visible, (13, 14)).overlap(detection: 0, groundTruth: 0) - exp(-3.125)) < 1e-15)
        // No visible keypoint: distance outside [x - w, x + 2w] × [y - h, y + 2h] = [0, 30]², here 5 px.
        let hidden = Truth(id: 2, imageID: 1, categoryID: 1, area: 100, box: box(10, 10, 10, 10), keypoints: [0, 0, 0], keypointCount: 0)
        #expect(abs(try evaluate(hidden, (35, 10)).overlap(detection: 0, groundTruth: 0) - exp(-3.125)) < 1e-15)
        // Inside the region the similarity is 1, and num_keypoints = 0 makes the match ignored.
        let inside = try evaluate(hidden, (20, 20))
        #expect(inside.overlap(detection: 0, groundTruth: 0) == 1)
        #expect(inside.outcome(detection: 0, iouThresholdIndex: 9) == .ignored)
    }

    @Test("without any ground truth every summary number is absent and printed as -1")
    func noGroundTruth() throws {
        let summary = try evaluate([], [detection(0.9, box(0, 0, 10, 10))]).accumulate().summarize()
        #expect(summary.entries.map(\.label) == ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"])
        #expect(summary.entries.allSatisfy { $0.value == nil })
        #expect(summary.pycocotoolsStats == Array(repeating: -1, count: 12))
        #expect(summary.text.split(separator: "\n").last
            == " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = -1.000")
    }

    @Test("missing masks, missing keypoints and non-finite scores are reported with their position")
    func invalidInput() throws {
        let segm = COCOEvaluator(parameters: .init(iouType: .segm))
        #expect(throws: COCOEvaluationError.self) {
            try segm.evaluate(COCOEvaluationInput(imageIDs: [1], categoryIDs: [1], groundTruths: [truth(4, box(0, 0, 1, 1))], detections: []))
        }
        do {
            _ = try evaluate([], [detection(.nan, box(0, 0, 1, 1))])
            Issue.record("a NaN score was accepted")
        } catch let error as COCOEvaluationError {
            #expect(error.code == .nonFiniteScore)
            #expect(error.message.contains("detection 0"))
        }
        let keypoints = COCOEvaluator(parameters: .init(iouType: .keypoints))
        let short = Truth(id: 3, imageID: 1, categoryID: 1, area: 1, box: box(0, 0, 1, 1), keypoints: [1, 2, 2], keypointCount: 1)
        do {
            _ = try keypoints.evaluate(COCOEvaluationInput(imageIDs: [1], categoryIDs: [1], groundTruths: [short], detections: []))
            Issue.record("a 1-keypoint ground truth was accepted with 17 sigmas")
        } catch {
            #expect(error.code == .keypointCount)
        }
    }

    @Test("curves and per-category metrics read the same tables")
    func curvesAndCategories() throws {
        let input = try COCORandomCaseGenerator.make(iouType: .bbox, seed: 3).input()
        let accumulation = try COCOEvaluator(parameters: .init(iouType: .bbox)).evaluate(input).accumulate()
        let metrics = accumulation.categoryMetrics()
        #expect(metrics.count == accumulation.categoryCount)
        var curves = 0
        for (k, metric) in metrics.enumerated() {
            let curve = accumulation.precisionRecallCurve(categoryIndex: k, iouThreshold: 0.5)
            #expect((curve == nil) == (metric.averagePrecision == nil))
            guard let curve else { continue }
            curves += 1
            #expect(curve.precision == (0..<101).map {
                accumulation.precision(iouIndex: 0, recallIndex: $0, categoryIndex: k, areaIndex: 0, maxDetectionsIndex: 2)!
            })
            #expect(abs(metric.averagePrecision50! - curve.precision.reduce(0, +) / 101) < 1e-12)
            // 0.9 is not a threshold: np.linspace gives 0.8999999999999999.
            #expect(accumulation.precisionRecallCurve(categoryIndex: k, iouThreshold: 0.9) == nil)
        }
        #expect(curves > 0)
        #expect(accumulation.precisionRecallCurves().count == 2 * curves)
    }
}
