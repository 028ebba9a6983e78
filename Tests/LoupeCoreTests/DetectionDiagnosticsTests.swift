import LoupeCore
import Testing

@Suite("Detection diagnostics")
struct DetectionDiagnosticsTests {
    private static let cat = 0, dog = 1
    private typealias Prediction = DetectionPrediction<BoundingBox>
    private typealias Truth = DetectionGroundTruth<BoundingBox>

    private static func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> BoundingBox {
        BoundingBox(x: x, y: y, width: w, height: h)
    }

    // MARK: Hand-built cases

    /// FiftyOne's five-sample shape: empty, ground truth only, prediction only, match, mismatch.
    @Test("five rows: empty, gt-only, prediction-only, match, mismatch; outcomes, counts, matrix by hand")
    func fiveRows() {
        let a = Self.box(10, 10, 20, 20), b = Self.box(100, 100, 20, 20)
        let rows = [
            DetectionRow(predictions: [Prediction](), groundTruths: [Truth]()),
            DetectionRow(predictions: [Prediction](), groundTruths: [Truth(classIndex: Self.cat, geometry: a)]),
            DetectionRow(predictions: [Prediction(classIndex: Self.dog, score: 0.9, geometry: b)], groundTruths: []),
            DetectionRow(predictions: [Prediction(classIndex: Self.cat, score: 0.8, geometry: a)],
                         groundTruths: [Truth(classIndex: Self.cat, geometry: a)]),
            DetectionRow(predictions: [Prediction(classIndex: Self.dog, score: 0.7, geometry: a)],
                         groundTruths: [Truth(classIndex: Self.cat, geometry: a)]),
        ]
        let result = DetectionDiagnostics.evaluate(rows: rows, classCount: 2)

        #expect(result.rows.map(\.predictions) == [
            [], [], [.falsePositive(.background)], [.truePositive(groundTruth: 0, iou: 1)],
            [.falsePositive(.wrongClass(groundTruth: 0, groundTruthClass: Self.cat, iou: 1))],
        ])
        #expect(result.rows.map(\.groundTruths) == [[], [.missed], [], [.matched(prediction: 0, iou: 1)], [.missed]])
        #expect(result.rows.map(\.truePositives) == [0, 0, 0, 1, 0])
        #expect(result.rows.map(\.falsePositives) == [0, 0, 1, 0, 1])
        #expect(result.rows.map(\.falseNegatives) == [0, 1, 0, 0, 1])
        #expect(result.rows.map(\.meanMatchIoU) == [nil, nil, nil, 1, nil])

        // Rows: ground truth cat, dog, none; columns: predicted cat, dog, none.
        #expect(result.confusionMatrix.counts == [
            1, 1, 1,
            0, 0, 0,
            0, 1, 0,
        ])
        #expect(result.confusionMatrix[groundTruth: Self.cat, predicted: Self.dog] == 1)
        #expect(result.confusionMatrix[groundTruth: nil, predicted: Self.dog] == 1)
        #expect(result.confusionMatrix[groundTruth: Self.cat, predicted: nil] == 1)

        let cats = result.classes[Self.cat], dogs = result.classes[Self.dog]
        #expect(cats.groundTruths == 3 && cats.predictions == 1 && cats.truePositives == 1
            && cats.falsePositives == 0 && cats.falseNegatives == 2)
        #expect(cats.bestF1?.scoreThreshold == 0.8 && cats.bestF1?.f1 == 0.5)
        #expect(cats.bestF1?.precision == 1 && cats.bestF1?.recall == 1.0 / 3.0)
        // Dogs: no object, two false positives; every threshold has F1 0, so the higher one wins.
        #expect(dogs.groundTruths == 0 && dogs.predictions == 2 && dogs.falsePositives == 2)
        #expect(dogs.bestF1?.scoreThreshold == 0.9 && dogs.bestF1?.f1 == 0)
        #expect(dogs.bestF1?.precision == 0 && dogs.bestF1?.recall == nil && dogs.bestF1?.falsePositives == 1)
    }

    /// One row that exercises every outcome and false-positive reason, the COCO fallback to the
    /// next-best free object, crowd absorption and the score threshold (0.2).
    @Test("every reason: duplicate, wrong class, localization, both, background; crowd, fallback, score cut")
    func everyReason() {
        let a = Self.box(0, 0, 10, 10), d = Self.box(100, 0, 10, 10), crowd = Self.box(200, 0, 50, 50)
        let e = Self.box(300, 0, 10, 10), f = Self.box(303, 0, 10, 10)
        let truths = [
            Truth(classIndex: Self.cat, geometry: a), Truth(classIndex: Self.dog, geometry: d),
            Truth(classIndex: Self.cat, geometry: crowd, isCrowd: true),
            Truth(classIndex: Self.cat, geometry: e), Truth(classIndex: Self.cat, geometry: f),
        ]
        let predictions = [
            Prediction(classIndex: Self.cat, score: 0.9, geometry: a),
            Prediction(classIndex: Self.cat, score: 0.8, geometry: a),
            Prediction(classIndex: Self.cat, score: 0.7, geometry: d),
            Prediction(classIndex: Self.cat, score: 0.6, geometry: Self.box(0, 0, 10, 3)),
            Prediction(classIndex: Self.cat, score: 0.55, geometry: Self.box(100, 0, 10, 3)),
            Prediction(classIndex: Self.cat, score: 0.5, geometry: Self.box(500, 500, 5, 5)),
            Prediction(classIndex: Self.cat, score: 0.45, geometry: Self.box(210, 10, 10, 10)),
            Prediction(classIndex: Self.cat, score: 0.1, geometry: a),
            Prediction(classIndex: Self.cat, score: 0.4, geometry: e),
            Prediction(classIndex: Self.cat, score: 0.35, geometry: e),
        ]
        let parameters = DetectionDiagnosticParameters(scoreThreshold: 0.2)
        let result = DetectionDiagnostics.evaluate(rows: [DetectionRow(predictions: predictions, groundTruths: truths)],
                                                   classCount: 2, parameters: parameters)
        let row = result.rows[0]
        #expect(row.predictions == [
            .truePositive(groundTruth: 0, iou: 1),
            .falsePositive(.duplicate(groundTruth: 0, iou: 1)),
            .falsePositive(.wrongClass(groundTruth: 1, groundTruthClass: Self.dog, iou: 1)),
            .falsePositive(.localization(groundTruth: 0, iou: 0.3)),
            .falsePositive(.wrongClassAndLocalization(groundTruth: 1, groundTruthClass: Self.dog, iou: 0.3)),
            .falsePositive(.background),
            .ignored(crowd: 2, iou: 1),
            .belowScoreThreshold,
            .truePositive(groundTruth: 3, iou: 1),
            .truePositive(groundTruth: 4, iou: 70.0 / 130.0),  // E is taken: falls back to F
        ])
        #expect(row.groundTruths == [.matched(prediction: 0, iou: 1), .missed, .crowd,
                                     .matched(prediction: 8, iou: 1), .matched(prediction: 9, iou: 70.0 / 130.0)])
        #expect(row.truePositives == 3 && row.falsePositives == 5 && row.falseNegatives == 1 && row.ignored == 1)
        #expect(row.meanMatchIoU == (1 + 1 + 70.0 / 130.0) / 3)

        // Class-agnostic: the cat on D is confused with the dog; the crowd-absorbed cat is "none".
        #expect(result.confusionMatrix.counts == [
            3, 0, 0,
            1, 0, 0,
            5, 0, 0,
        ])
        // Cats sorted: .9 T, .8 F, .7 F, .6 F, .55 F, .5 F, .45 ignored, .4 T, .35 T; 3 objects.
        // F1 is 0.5 at .9 and 6/11 at .35 (all three found, five false positives).
        let cats = result.classes[Self.cat]
        #expect(cats.groundTruths == 3 && cats.predictions == 9 && cats.ignored == 1)
        #expect(cats.bestF1?.scoreThreshold == 0.35 && cats.bestF1?.f1 == 6.0 / 11.0)
        #expect(cats.bestF1?.precision == 3.0 / 8.0 && cats.bestF1?.recall == 1)
        // Dogs: one object, no prediction: the empty operating point.
        let dogs = result.classes[Self.dog]
        #expect(dogs.bestF1?.scoreThreshold == nil && dogs.bestF1?.f1 == 0 && dogs.bestF1?.precision == nil)
        #expect(dogs.bestF1?.recall == 0 && dogs.bestF1?.falseNegatives == 1)
    }

    @Test("best F1: equal F1 goes to the higher threshold; tied scores are one threshold; no class at all is nil")
    func bestF1Ties() {
        // Three objects; scores .9 T, .8 F, .7 T, .6 F, .5 F, .4 T: F1 = 2/3 at .7 and again at .4.
        let boxes = (0..<6).map { Self.box(Double($0) * 100, 0, 10, 10) }
        let hits: Set<Int> = [0, 2, 5]
        let truths = hits.sorted().map { Truth(classIndex: 0, geometry: boxes[$0]) }
        let scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
        let predictions = scores.indices.map { i in
            Prediction(classIndex: 0, score: scores[i], geometry: hits.contains(i) ? boxes[i] : Self.box(5000, 0, 1, 1))
        }
        let result = DetectionDiagnostics.evaluate(rows: [DetectionRow(predictions: predictions, groundTruths: truths)],
                                                   classCount: 3)
        #expect(result.classes[0].bestF1?.scoreThreshold == 0.7 && result.classes[0].bestF1?.f1 == 2.0 / 3.0)
        #expect(result.classes[1].bestF1 == nil && result.classes[2].bestF1 == nil)

        // Equal scores enter together: one hit and one miss at .9 give precision 1/2 at once.
        let tied = DetectionRow(predictions: [Prediction(classIndex: 0, score: 0.9, geometry: Self.box(5000, 0, 1, 1)),
                                              Prediction(classIndex: 0, score: 0.9, geometry: boxes[0])],
                                groundTruths: [Truth(classIndex: 0, geometry: boxes[0])])
        let point = DetectionDiagnostics.evaluate(rows: [tied], classCount: 1).classes[0].bestF1
        #expect(point?.truePositives == 1 && point?.falsePositives == 1 && point?.precision == 0.5)
    }

    @Test("masks and precomputed IoUs go through the same matching")
    func masksAndMatrices() {
        // 4 × 4 masks, column-major runs: columns 0–1 against columns 1–2 overlap in 4 of 12 pixels.
        let left = RunLengthMask(height: 4, width: 4, counts: [0, 8, 8])
        let middle = RunLengthMask(height: 4, width: 4, counts: [4, 8, 4])
        let row = DetectionRow(predictions: [DetectionPrediction(classIndex: 0, score: 1, geometry: middle)],
                               groundTruths: [DetectionGroundTruth(classIndex: 0, geometry: left)])
        #expect(row.intersectionOverUnion == [4.0 / 12.0])
        #expect(DetectionRowDiagnostics.evaluate(row).predictions == [.falsePositive(.localization(groundTruth: 0, iou: 1.0 / 3.0))])
        let loose = DetectionRowDiagnostics.evaluate(row, parameters: DetectionDiagnosticParameters(iouThreshold: 0.3))
        #expect(loose.predictions == [.truePositive(groundTruth: 0, iou: 1.0 / 3.0)] && loose.meanMatchIoU == 1.0 / 3.0)

        let precomputed = DetectionRow(predictionClasses: [0], predictionScores: [1], groundTruthClasses: [0],
                                       groundTruthIsCrowd: [false], intersectionOverUnion: [1.0 / 3.0])
        #expect(DetectionRowDiagnostics.evaluate(precomputed) == DetectionRowDiagnostics.evaluate(row))
    }

    @Test("confusion matrix: class-agnostic by IoU, own class first on equal IoU, crowds left out")
    func confusionMatrixMatching() {
        // A dog prediction at IoU 0.6 with a cat (index 0) and a dog (index 1): the dog wins the tie.
        let tie = DetectionRow(predictionClasses: [Self.dog], predictionScores: [0.9],
                               groundTruthClasses: [Self.cat, Self.dog], groundTruthIsCrowd: [false, false],
                               intersectionOverUnion: [0.6, 0.6])
        let tied = DetectionDiagnostics.evaluate(rows: [tie], classCount: 2).confusionMatrix
        #expect(tied.counts == [0, 0, 1,
                                0, 1, 0,
                                0, 0, 0])
        // A cat prediction overlapping a dog (0.9) more than its cat (0.6): a true positive per
        // class, but the class-agnostic matrix records a cat predicted on the dog, the cat missed.
        let closer = DetectionRow(predictionClasses: [Self.cat], predictionScores: [0.9],
                                  groundTruthClasses: [Self.cat, Self.dog, Self.cat], groundTruthIsCrowd: [false, false, true],
                                  intersectionOverUnion: [0.6, 0.9, 1])
        let result = DetectionDiagnostics.evaluate(rows: [closer], classCount: 2)
        #expect(result.rows[0].predictions == [.truePositive(groundTruth: 0, iou: 0.6)])
        #expect(result.rows[0].groundTruths == [.matched(prediction: 0, iou: 0.6), .missed, .crowd])
        #expect(result.confusionMatrix.counts == [0, 0, 1,
                                                  1, 0, 0,
                                                  0, 0, 0])
    }

    // MARK: Seeded property test

    /// A seeded generator so that property tests are repeatable.
    private typealias SeededGenerator = SplitMix64

    private struct Case {
        var predictions: [[Prediction]]
        var truths: [[Truth]]
        var rows: [DetectionRow]
    }

    /// Rows of up to 6 objects and 8 predictions of `classes` classes, ~15% crowd regions, scores in
    /// tenths (many ties). Most shapes are one of three anchors of the row moved by up to 1
    /// pixels, so objects overlap each other and predictions hit several objects at once
    /// (duplicates, fallbacks, confusions); the rest are anywhere on a 26-pixel field.
    private static func randomCase(_ generator: inout SeededGenerator, rows: Int, classes: Int) -> Case {
        func randomBox() -> BoundingBox {
            Self.box(Double(Int.random(in: 0...8, using: &generator) * 2), Double(Int.random(in: 0...8, using: &generator) * 2),
                     Double(Int.random(in: 2...5, using: &generator) * 2), Double(Int.random(in: 2...5, using: &generator) * 2))
        }
        var result = Case(predictions: [], truths: [], rows: [])
        for _ in 0..<rows {
            let anchors = (0..<3).map { _ in randomBox() }
            func box() -> BoundingBox {
                guard Int.random(in: 0..<10, using: &generator) < 7 else { return randomBox() }
                let anchor = anchors[Int.random(in: 0..<3, using: &generator)]
                func jitter() -> Double { Double(Int.random(in: -1...1, using: &generator)) }
                return Self.box(anchor.x + jitter(), anchor.y + jitter(), anchor.width + jitter(), anchor.height + jitter())
            }
            let truths = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                Truth(classIndex: Int.random(in: 0..<classes, using: &generator), geometry: box(),
                      isCrowd: Int.random(in: 0..<100, using: &generator) < 15)
            }
            let predictions = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                Prediction(classIndex: Int.random(in: 0..<classes, using: &generator),
                           score: Double(Int.random(in: 1...10, using: &generator)) / 10, geometry: box())
            }
            result.truths.append(truths)
            result.predictions.append(predictions)
            result.rows.append(DetectionRow(predictions: predictions, groundTruths: truths))
        }
        return result
    }

    /// Per-class greedy matching written the obvious way from the boxes: for each class, the
    /// kept predictions by selection (highest score, then lowest index), each taking the free
    /// non-crowd same-class object of highest IoU (lowest index on a tie) at `>= t`. Returns the
    /// matched object of every prediction, per row.
    private static func bruteForceMatches(_ c: Case, classes: Int, t: Double, scoreThreshold: Double) -> [[Int?]] {
        zip(c.predictions, c.truths).map { predictions, truths in
            var matches = [Int?](repeating: nil, count: predictions.count)
            for k in 0..<classes {
                var pending = predictions.indices.filter { predictions[$0].classIndex == k && predictions[$0].score >= scoreThreshold }
                var taken = Set<Int>()
                while let next = pending.max(by: { a, b in
                    predictions[a].score != predictions[b].score ? predictions[a].score < predictions[b].score : a > b
                }) {
                    pending.removeAll { $0 == next }
                    var best: (Int, Double)?
                    for (g, truth) in truths.enumerated() where truth.classIndex == k && !truth.isCrowd && !taken.contains(g) {
                        let iou = predictions[next].geometry.intersectionOverUnion(with: truth.geometry)
                        if iou >= t, iou > (best?.1 ?? -1) { best = (g, iou) }
                    }
                    if let (g, _) = best {
                        taken.insert(g)
                        matches[next] = g
                    }
                }
            }
            return matches
        }
    }

    @Test("seeded: matrix counts each object and prediction once, TP + FN = objects, TP and best F1 match brute force",
          arguments: 0..<24)
    func seededInvariants(seed: Int) {
        var generator = SeededGenerator(state: UInt64(seed))
        let classes = 2 + seed % 2  // two classes crowd more same-class objects together
        let c = Self.randomCase(&generator, rows: 60, classes: classes)
        let parameters = DetectionDiagnosticParameters(iouThreshold: seed % 2 == 0 ? 0.5 : 0.3,
                                                       scoreThreshold: seed % 3 == 0 ? 0.3 : 0)
        let result = DetectionDiagnostics.evaluate(rows: c.rows, classCount: classes, parameters: parameters)
        let matrix = result.confusionMatrix
        let keptClasses = c.predictions.flatMap { $0 }.filter { $0.score >= parameters.scoreThreshold }.map(\.classIndex)
        let objectClasses = c.truths.flatMap { $0 }.filter { !$0.isCrowd }.map(\.classIndex)

        for k in 0..<classes {
            let objects = objectClasses.filter { $0 == k }.count
            let rowSum = (0...classes).reduce(0) { $0 + matrix[groundTruth: k, predicted: $1 == classes ? nil : $1] }
            let columnSum = (0...classes).reduce(0) { $0 + matrix[groundTruth: $1 == classes ? nil : $1, predicted: k] }
            #expect(rowSum == objects, "class \(k): each object once in its row")
            #expect(columnSum == keptClasses.filter { $0 == k }.count, "class \(k): each kept prediction once in its column")
            let summary = result.classes[k]
            #expect(summary.groundTruths == objects && summary.truePositives + summary.falseNegatives == objects)
            #expect(summary.truePositives + summary.falsePositives + summary.ignored == summary.predictions)
        }
        #expect(matrix[groundTruth: nil, predicted: nil] == 0)
        // The rows' cells add up to the matrix, cell by cell, and each row counts its own objects
        // and kept predictions once.
        var summed = DetectionConfusionMatrix(classCount: classes).counts
        for (index, row) in result.rows.enumerated() {
            #expect(row.confusionCells.allSatisfy { $0.count > 0 })
            for cell in row.confusionCells { summed[(cell.groundTruth ?? classes) * (classes + 1) + (cell.predicted ?? classes)] += cell.count }
            let objects = c.truths[index].filter { !$0.isCrowd }.count
            let kept = c.predictions[index].filter { $0.score >= parameters.scoreThreshold }.count
            #expect(row.confusionCells.filter { $0.groundTruth != nil }.reduce(0) { $0 + $1.count } == objects)
            #expect(row.confusionCells.filter { $0.predicted != nil }.reduce(0) { $0 + $1.count } == kept)
        }
        #expect(summed == matrix.counts)
        let outcomes = result.rows.flatMap(\.predictions)
        #expect(outcomes.contains { $0.isTruePositive } && outcomes.contains { $0.isFalsePositive },
                "the case exercises both true and false positives")
        let brute = Self.bruteForceMatches(c, classes: classes, t: parameters.iouThreshold,
                                           scoreThreshold: parameters.scoreThreshold)
        let matches = result.rows.map { row in
            row.predictions.map { outcome -> Int? in
                if case .truePositive(let g, _) = outcome { return g }
                return nil
            }
        }
        #expect(matches == brute, "every prediction matches the same object as the brute-force matcher")
        for k in 0..<classes {
            let bruteCount = zip(brute, c.predictions).reduce(0) { sum, row in
                sum + zip(row.0, row.1).filter { $0.0 != nil && $0.1.classIndex == k }.count
            }
            #expect(result.classes[k].truePositives == bruteCount, "class \(k): TP count")
        }

        // Per-object consistency: matches point both ways, with the right class, IoU and crowd flag.
        for (r, row) in result.rows.enumerated() {
            let truths = c.truths[r], predictions = c.predictions[r]
            for (p, outcome) in row.predictions.enumerated() {
                switch outcome {
                case .truePositive(let g, let iou):
                    #expect(truths[g].classIndex == predictions[p].classIndex && !truths[g].isCrowd)
                    #expect(iou >= parameters.iouThreshold && row.groundTruths[g] == .matched(prediction: p, iou: iou))
                case .ignored(let g, let iou):
                    #expect(truths[g].isCrowd && iou >= parameters.iouThreshold)
                case .belowScoreThreshold:
                    #expect(predictions[p].score < parameters.scoreThreshold)
                case .falsePositive(let reason):
                    if case .duplicate(let g, _) = reason { #expect(row.groundTruths[g] != .missed) }
                    if case .wrongClass(let g, let k, _) = reason { #expect(truths[g].classIndex == k && k != predictions[p].classIndex) }
                }
            }
            #expect(row.truePositives + row.falseNegatives == truths.filter { !$0.isCrowd }.count)
        }

        // Best F1 against a brute-force sweep: re-run at every kept score of the class as the threshold.
        for k in 0..<classes {
            let scores = Set(c.predictions.flatMap { $0 }.filter { $0.classIndex == k && $0.score >= parameters.scoreThreshold }
                .map(\.score)).sorted(by: >)
            var best: (threshold: Double, f1: Double)?
            for s in scores {
                var stricter = parameters
                stricter.scoreThreshold = s
                let summary = DetectionDiagnostics.evaluate(rows: c.rows, classCount: classes, parameters: stricter).classes[k]
                let denominator = 2 * summary.truePositives + summary.falsePositives + summary.falseNegatives
                let f1 = summary.truePositives > 0 ? Double(2 * summary.truePositives) / Double(denominator) : 0
                if best == nil || f1 > best!.f1 { best = (s, f1) }
            }
            let point = result.classes[k].bestF1
            if let best {
                #expect(point?.scoreThreshold == best.threshold && point?.f1 == best.f1, "class \(k)")
            } else {
                #expect(point?.scoreThreshold == nil)
                #expect((point == nil) == (result.classes[k].groundTruths == 0))
            }
        }

        // Rows come back in input order: reversing the input reverses them and keeps the aggregates.
        let reversed = DetectionDiagnostics.evaluate(rows: c.rows.reversed(), classCount: classes, parameters: parameters)
        #expect(reversed.rows == result.rows.reversed())
        #expect(reversed.confusionMatrix == result.confusionMatrix && reversed.classes == result.classes)
    }
}
