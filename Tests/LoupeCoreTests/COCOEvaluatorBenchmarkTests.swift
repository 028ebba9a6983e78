import Foundation
import LoupeCore
import Testing

/// A COCO-val2017-sized box evaluation timed step by step. Runs only when `LOUPE_COCO_BENCHMARK`
/// is set (use a release build: `swift test -c release --filter COCOEvaluatorBenchmarkTests`).
@Suite("COCO evaluation benchmark")
struct COCOEvaluatorBenchmarkTests {
    /// 5,000 images, 80 categories, ~36,000 ground truths (3 % crowd), 100 detections per image.
    static func syntheticInput(seed: UInt64 = 42) -> COCOEvaluationInput {
        var g = COCOSeededGenerator(state: seed)
        let imageIDs = (0..<5000).map { 1 + $0 * 7 }
        let categoryIDs = Array(1...90).shuffled(using: &g).prefix(80).sorted()
        var truths: [COCOEvaluationInput.GroundTruth] = []
        var detections: [COCOEvaluationInput.Detection] = []
        truths.reserveCapacity(37_000)
        detections.reserveCapacity(500_000)
        func randomBox() -> BoundingBox {
            BoundingBox(x: g.uniform(0, 600), y: g.uniform(0, 400), width: g.logUniform(2, 400), height: g.logUniform(2, 400))
        }
        for image in imageIDs {
            var imageTruths: [COCOEvaluationInput.GroundTruth] = []
            for _ in 0..<Int.random(in: 0...14, using: &g) {
                let box = randomBox()
                imageTruths.append(.init(id: truths.count + imageTruths.count + 1, imageID: image,
                                         categoryID: categoryIDs[Int(g.logUniform(1, 81)) - 1],
                                         area: box.area * g.uniform(0.4, 1), isCrowd: g.chance(0.03), box: box))
            }
            truths += imageTruths
            for _ in 0..<100 {
                if let source = imageTruths.randomElement(using: &g), g.chance(0.6) {
                    let b = source.box, s = g.uniform(0, 0.5)
                    let box = BoundingBox(x: b.x + b.width * g.uniform(-s, s), y: b.y + b.height * g.uniform(-s, s),
                                          width: b.width * (1 + g.uniform(-s, s)), height: b.height * (1 + g.uniform(-s, s)))
                    let category = g.chance(0.9) ? source.categoryID : categoryIDs.randomElement(using: &g)!
                    detections.append(.init(imageID: image, categoryID: category, score: g.uniform(0, 1), area: box.area, box: box))
                } else {
                    let box = randomBox()
                    detections.append(.init(imageID: image, categoryID: categoryIDs[Int(g.logUniform(1, 81)) - 1],
                                            score: g.uniform(0, 1), area: box.area, box: box))
                }
            }
        }
        return COCOEvaluationInput(imageIDs: imageIDs, categoryIDs: categoryIDs, groundTruths: truths, detections: detections)
    }

    @Test("evaluate, accumulate and summarize a COCO-sized box evaluation",
          .enabled(if: ProcessInfo.processInfo.environment["LOUPE_COCO_BENCHMARK"] != nil))
    func cocoSized() throws {
        let input = Self.syntheticInput()
        let clock = ContinuousClock()
        let evaluator = COCOEvaluator(parameters: .init(iouType: .bbox))
        var evaluation: COCOEvaluation?
        let evaluateTime = try clock.measure { evaluation = try evaluator.evaluate(input) }
        var accumulation: COCOAccumulation?
        let accumulateTime = clock.measure { accumulation = evaluation!.accumulate() }
        var summary: COCOSummary?
        let summarizeTime = clock.measure { summary = accumulation!.summarize() }
        var generator = COCOSeededGenerator(state: 7)
        let draws = (0..<5000).map { _ in Int.random(in: 0..<5000, using: &generator) }
        let bootstrapTime = clock.measure { _ = evaluation!.accumulate(imageIndices: draws) }
        print("COCO benchmark: \(input.groundTruths.count) gt (\(input.groundTruths.filter(\.isCrowd).count) crowd), "
              + "\(input.detections.count) detections, \(evaluation!.cellCount) cells; evaluate \(evaluateTime), "
              + "accumulate \(accumulateTime), summarize \(summarizeTime), total \(evaluateTime + accumulateTime + summarizeTime); "
              + "one bootstrap accumulation \(bootstrapTime)")
        print(summary!.text)
        #expect(summary!.entries.allSatisfy { $0.value != nil })
    }
}
