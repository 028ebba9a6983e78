import LoupeCore
import Testing

/// Accumulating over a multiset of images must equal evaluating a dataset that holds the drawn
/// images as many times as they were drawn.
@Suite("COCO accumulation over a multiset of images")
struct COCOBootstrapTests {
    /// The input with image `i` repeated `multiplicities[i]` times: copy `c` of image id `x` gets
    /// id `x * 100 + c`, so copies are adjacent in ascending id order; annotations are copied with
    /// fresh ground-truth ids (copies of id 0 keep id 0, whose matches never count).
    private func replicate(_ input: COCOEvaluationInput, _ imageIDs: [Int], _ multiplicities: [Int]) -> COCOEvaluationInput {
        let copies = Dictionary(uniqueKeysWithValues: zip(imageIDs, multiplicities))
        var truths: [COCOEvaluationInput.GroundTruth] = []
        var detections: [COCOEvaluationInput.Detection] = []
        var images: [Int] = []
        for id in imageIDs {
            for c in 0..<copies[id]! { images.append(id * 100 + c) }
        }
        for truth in input.groundTruths {
            for c in 0..<copies[truth.imageID, default: 0] {
                var copy = truth
                copy.imageID = truth.imageID * 100 + c
                copy.id = truth.id == 0 ? 0 : (truth.id + 1) * 1000 + c
                truths.append(copy)
            }
        }
        for detection in input.detections {
            for c in 0..<copies[detection.imageID, default: 0] {
                var copy = detection
                copy.imageID = detection.imageID * 100 + c
                detections.append(copy)
            }
        }
        return COCOEvaluationInput(imageIDs: images, categoryIDs: input.categoryIDs, groundTruths: truths, detections: detections)
    }

    @Test("a drawn multiset equals the dataset with the drawn images repeated", arguments: 0..<24)
    func multisetEqualsReplicatedDataset(seed: Int) throws {
        let type: COCOEvaluationParameters.IoUType = [.bbox, .segm, .keypoints][seed % 3]
        let input = try COCORandomCaseGenerator.make(iouType: type, seed: UInt64(1000 + seed)).input()
        let evaluation = try COCOEvaluator(parameters: .init(iouType: type)).evaluate(input)
        var generator = COCOSeededGenerator(state: UInt64(seed))
        let count = evaluation.imageIDs.count
        let draws = (0..<count).map { _ in Int.random(in: 0..<count, using: &generator) }
        var multiplicities = [Int](repeating: 0, count: count)
        for index in draws { multiplicities[index] += 1 }

        let drawn = evaluation.accumulate(imageIndices: draws)
        let replicated = try COCOEvaluator(parameters: .init(iouType: type))
            .evaluate(replicate(input, evaluation.imageIDs, multiplicities)).accumulate()
        try expectSameTables(drawn, replicated)
        #expect(drawn.summarize().pycocotoolsStats == replicated.summarize().pycocotoolsStats)
        // Every image once is the plain accumulation.
        try expectSameTables(evaluation.accumulate(imageIndices: Array(0..<count).reversed()), evaluation.accumulate())
    }

    private func expectSameTables(_ a: COCOAccumulation, _ b: COCOAccumulation) throws {
        let p = a.parameters
        try #require(a.categoryCount == b.categoryCount)
        var differences = 0
        for k in 0..<a.categoryCount {
            for area in p.areaRanges.indices {
                if a.groundTruthCount(categoryIndex: k, areaIndex: area) != b.groundTruthCount(categoryIndex: k, areaIndex: area) {
                    differences += 1
                }
                for m in p.maxDetections.indices {
                    for t in p.iouThresholds.indices {
                        if a.recall(iouIndex: t, categoryIndex: k, areaIndex: area, maxDetectionsIndex: m)
                            != b.recall(iouIndex: t, categoryIndex: k, areaIndex: area, maxDetectionsIndex: m) { differences += 1 }
                        for r in p.recallThresholds.indices {
                            if a.precision(iouIndex: t, recallIndex: r, categoryIndex: k, areaIndex: area, maxDetectionsIndex: m)
                                != b.precision(iouIndex: t, recallIndex: r, categoryIndex: k, areaIndex: area, maxDetectionsIndex: m)
                                || a.score(iouIndex: t, recallIndex: r, categoryIndex: k, areaIndex: area, maxDetectionsIndex: m)
                                != b.score(iouIndex: t, recallIndex: r, categoryIndex: k, areaIndex: area, maxDetectionsIndex: m) {
                                differences += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(differences == 0)
    }
}
