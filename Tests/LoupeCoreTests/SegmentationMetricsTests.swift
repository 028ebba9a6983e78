import Foundation
import LoupeCore
import Testing

@Suite("Semantic segmentation metrics")
struct SegmentationMetricsTests {
    @Test("IoU, Dice and pixel accuracy of a hand-counted image, with an ignored pixel")
    func handCounted() throws {
        // K = 4; pixel 2 is void (255). Class 3 occurs nowhere; class 2 is predicted but never true.
        var confusion = SegmentationConfusion(classCount: 4, ignoreIndex: 255)
        try confusion.add(groundTruth: [0, 0, 255, 1, 1, 1] as [UInt16], prediction: [0, 1, 2, 1, 1, 2])
        #expect(confusion.ignoredPixels == 1 && confusion.imageCount == 1)
        #expect(confusion.matrix.counts == [1, 1, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        let metrics = confusion.metrics
        // Class 0: TP 1, FN 1 → IoU 1/2, Dice 2/3. Class 1: TP 2, FP 1, FN 1 → IoU 1/2, Dice 2/3.
        #expect(metrics.classes.map(\.intersectionOverUnion) == [0.5, 0.5, 0, nil])
        let twoThirds = 2.0 / 3
        #expect(metrics.classes.map(\.dice) == [twoThirds, twoThirds, 0, nil] as [Double?])
        #expect(metrics.classes.map(\.accuracy) == [0.5, twoThirds, nil, nil] as [Double?])
        #expect(metrics.meanIntersectionOverUnion == MetricEstimate(value: 1.0 / 3, support: 5))
        #expect(metrics.pixelAccuracy == MetricEstimate(value: 0.6, support: 5))
        #expect(SegmentationConfusion(classCount: 3).metrics.meanIntersectionOverUnion == nil)
    }

    @Test("bad masks throw and count nothing from that image")
    func invalidMasks() throws {
        var confusion = SegmentationConfusion(classCount: 3, ignoreIndex: 255)
        try confusion.add(groundTruth: [0, 1] as [Int32], prediction: [0, 1])
        let before = confusion
        do {
            try confusion.add(groundTruth: [0, 1, 2, 7] as [UInt16], prediction: [0, 1, 2, 0])
            Issue.record("expected an error")
        } catch {
            #expect(error.pixel == 3)
        }
        #expect(throws: SegmentationError.self) { try confusion.add(groundTruth: [0, 1] as [UInt16], prediction: [0, 255]) }
        #expect(throws: SegmentationError.self) { try confusion.add(groundTruth: [0] as [Int32], prediction: [-1]) }
        #expect(throws: SegmentationError.self) { try confusion.add(groundTruth: [0] as [UInt16], prediction: [0, 1]) }
        #expect(confusion == before)
    }

    @Test("60 seeded random datasets equal a NumPy bincount oracle; streaming and merging agree", arguments: [false, true])
    func againstNumPy(wide: Bool) throws {
        var cases: [SegmentationCase] = []
        var accumulated: [SegmentationConfusion] = []
        for seed in 0..<30 {
            var g = SplitMix64(seed: UInt64(seed) &+ (wide ? 1000 : 0))
            let k = [2, 5, 21][seed % 3]
            let ignore: Int? = seed % 2 == 0 ? 255 : nil
            var confusion = SegmentationConfusion(classCount: k, ignoreIndex: ignore)
            var halves = (SegmentationConfusion(classCount: k, ignoreIndex: ignore), SegmentationConfusion(classCount: k, ignoreIndex: ignore))
            var images: [SegmentationCase.Image] = []
            for image in 0..<(1 + g.nextIndex(below: 4)) {
                let pixels = g.nextIndex(below: 400)
                // Some classes never appear in the truth, some never in the prediction; in every
                // other dataset class K-1 appears in neither (its IoU is undefined).
                let truthClasses = (0..<k).filter { c in g.nextIndex(below: 4) > 0 && (seed % 2 == 0 || c < k - 1) }
                let gt = (0..<pixels).map { _ in
                    ignore != nil && g.nextIndex(below: 10) == 0 || truthClasses.isEmpty ? (ignore ?? 0) : truthClasses[g.nextIndex(below: truthClasses.count)]
                }
                let pred = gt.map { g.nextIndex(below: 3) == 0 && $0 != ignore ? $0 : g.nextIndex(below: max(1, k - 1)) }
                images.append(.init(gt: gt, pred: pred))
                if wide {
                    try confusion.add(groundTruth: gt.map { Int32($0) }, prediction: pred.map { Int32($0) })
                } else {
                    try confusion.add(groundTruth: gt.map { UInt16($0) }, prediction: pred.map { UInt16($0) })
                }
                if image % 2 == 0 {
                    try halves.0.add(groundTruth: gt.map { UInt16($0) }, prediction: pred.map { UInt16($0) })
                } else {
                    try halves.1.add(groundTruth: gt.map { UInt16($0) }, prediction: pred.map { UInt16($0) })
                }
            }
            halves.0.merge(halves.1)
            #expect(halves.0 == confusion)
            cases.append(SegmentationCase(classes: k, ignore: ignore, images: images))
            accumulated.append(confusion)
        }
        let answers = try MetricsOracle.run(cases, as: SegmentationAnswer.self)
        var nilIoU = 0
        for (index, (confusion, answer)) in zip(accumulated, answers).enumerated() {
            let context = Comment(rawValue: "case \(index)")
            let metrics = confusion.metrics
            #expect(confusion.matrix.counts == answer.confusion.flatMap { $0 }, context)
            for (c, scores) in metrics.classes.enumerated() {
                #expect(MetricsOracle.close(scores.intersectionOverUnion, answer.iou[c]), context)
                #expect(MetricsOracle.close(scores.dice, answer.dice[c]), context)
                #expect(MetricsOracle.close(scores.accuracy, answer.accuracy[c]), context)
                if scores.intersectionOverUnion == nil { nilIoU += 1 }
            }
            #expect(MetricsOracle.close(metrics.meanIntersectionOverUnion?.value, answer.miou), context)
            #expect(MetricsOracle.close(metrics.meanDice?.value, answer.mdice), context)
            #expect(MetricsOracle.close(metrics.meanClassAccuracy?.value, answer.macc), context)
            #expect(MetricsOracle.close(metrics.pixelAccuracy?.value, answer.pixelAccuracy), context)
        }
        #expect(nilIoU >= 5)
    }

    @Test("class-index masks painted from random RLEs equal pycocotools' decode, later masks winning")
    func paintRandom() throws {
        var cases: [PaintCase] = []
        var painted: [ClassIndexMask] = []
        for seed in 0..<40 {
            var g = SplitMix64(seed: UInt64(seed) &+ 500)
            let height = 1 + g.nextIndex(below: 12), width = 1 + g.nextIndex(below: 12)
            var masks: [(classIndex: UInt16, mask: RunLengthMask)] = []
            for _ in 0..<g.nextIndex(below: 5) {
                var counts: [UInt32] = []
                var left = height * width
                while left > 0 {
                    let run = counts.isEmpty && g.nextIndex(below: 3) == 0 ? 0 : min(left, 1 + g.nextIndex(below: 2 * height))
                    counts.append(UInt32(run))
                    left -= run
                }
                masks.append((UInt16(1 + g.nextIndex(below: 6)), RunLengthMask(height: height, width: width, counts: counts)))
            }
            let background: UInt16 = seed % 2 == 0 ? 0 : 255
            painted.append(try ClassIndexMask(height: height, width: width, painting: masks, background: background))
            cases.append(PaintCase(h: height, w: width, background: Int(background),
                                   masks: masks.map { .init(class: Int($0.classIndex), counts: $0.mask.counts) }))
        }
        let answers = try MetricsOracle.run(cases, as: PaintAnswer.self)
        for (mask, answer) in zip(painted, answers) {
            #expect(mask.classIndices.map(Int.init) == answer.pixels)
        }
        let wrongSize = RunLengthMask(height: 2, width: 2, counts: [4])
        #expect(throws: SegmentationError.self) { try ClassIndexMask(height: 2, width: 3, painting: [(1, wrongSize)]) }
        let short = RunLengthMask(height: 2, width: 2, counts: [1, 2])
        #expect(throws: SegmentationError.self) { try ClassIndexMask(height: 2, width: 2, painting: [(1, short)]) }
    }

    @Test("coco-fake100 segm detections painted per image equal pycocotools; metrics of two paintings equal NumPy")
    func cocoFakeSegm() throws {
        struct Detection: Decodable {
            struct Segmentation: Decodable {
                var size: [Int]
                var counts: String
            }

            var imageId: Int
            var categoryId: Int
            var score: Double
            var segmentation: Segmentation
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let url = MetricsOracle.sharedData.appendingPathComponent("coco-fake100/instances_val2014_fakesegm100_results.json")
        let detections = try decoder.decode([Detection].self, from: Data(contentsOf: url))
        #expect(detections.count == 734)  // the README's count
        let images = Array(Set(detections.map(\.imageId))).sorted().prefix(3)
        var paintCases: [PaintCase] = [], painted: [ClassIndexMask] = []
        var confusion = SegmentationConfusion(classCount: 91)
        var images2: [SegmentationCase.Image] = []
        for image in images {
            let mine = detections.filter { $0.imageId == image }
            let (h, w) = (mine[0].segmentation.size[0], mine[0].segmentation.size[1])
            let masks = try mine.map { detection in
                (classIndex: UInt16(detection.categoryId),
                 mask: try RunLengthMask(height: h, width: w, compressed: detection.segmentation.counts))
            }
            // "Prediction": every detection in file order; "truth": only those scoring at least 0.5.
            let all = try ClassIndexMask(height: h, width: w, painting: masks)
            let confident = try ClassIndexMask(height: h, width: w, painting: zip(mine, masks).filter { $0.0.score >= 0.5 }.map(\.1))
            painted.append(all)
            paintCases.append(PaintCase(h: h, w: w, background: 0, masks: masks.map { .init(class: Int($0.classIndex), counts: $0.mask.counts) }))
            try confusion.add(groundTruth: confident, prediction: all)
            images2.append(.init(gt: confident.classIndices.map(Int.init), pred: all.classIndices.map(Int.init)))
        }
        let paintAnswers = try MetricsOracle.run(paintCases, as: PaintAnswer.self)
        for (mask, answer) in zip(painted, paintAnswers) {
            #expect(mask.classIndices.map(Int.init) == answer.pixels)
            #expect(mask.classIndices.contains { $0 != 0 })
        }
        let answer = try #require(try MetricsOracle.run([SegmentationCase(classes: 91, ignore: nil, images: images2)],
                                                        as: SegmentationAnswer.self).first)
        #expect(confusion.matrix.counts == answer.confusion.flatMap { $0 })
        #expect(MetricsOracle.close(confusion.metrics.meanIntersectionOverUnion?.value, answer.miou))
        #expect(MetricsOracle.close(confusion.metrics.pixelAccuracy?.value, answer.pixelAccuracy))
    }
}

private struct SegmentationCase: Encodable {
    struct Image: Encodable {
        var gt: [Int]
        var pred: [Int]
    }

    var kind = "segmentation"
    var classes: Int
    var ignore: Int?
    var images: [Image]
}

private struct SegmentationAnswer: Decodable {
    var confusion: [[Int]]
    var iou: [Double?]
    var dice: [Double?]
    var accuracy: [Double?]
    var miou: Double?
    var mdice: Double?
    var macc: Double?
    var pixelAccuracy: Double?
}

private struct PaintCase: Encodable {
    struct Mask: Encodable {
        var `class`: Int
        var counts: [UInt32]
    }

    var kind = "paint"
    var h: Int
    var w: Int
    var background: Int
    var masks: [Mask]
}

private struct PaintAnswer: Decodable {
    var pixels: [Int]
}
