import Testing
@testable import LoupeCore

/// `DetectionOutcomeMetrics` recomputes AP from per-prediction outcomes; with the outcomes of
/// greedy matching at IoU 0.5 it must give pycocotools' AP50 (here `COCOEvaluator`, itself
/// checked bitwise against pycocotools), on every row once and on bootstrap multisets of rows.
@Suite("Detection metrics from stored outcomes")
struct DetectionOutcomeMetricsTests {
    struct Case {
        var rows: [DetectionRow]
        var objects: [[DetectionGroundTruth<BoundingBox>]]
        var predictions: [[DetectionPrediction<BoundingBox>]]
        var input: COCOEvaluationInput
    }

    /// Rows with up to 6 objects (10% crowd) and 9 predictions of `classes` classes: jittered
    /// copies of the objects, some relabeled, and background boxes. Continuous coordinates and
    /// scores, so no IoU or score ties (tie orders are the one place the two may differ).
    static func randomCase(seed: UInt64, rows: Int, classes: Int) -> Case {
        var generator = SplitMix64(seed: seed)
        func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * generator.nextUnitInterval() }
        var detectionRows: [DetectionRow] = []
        var allObjects: [[DetectionGroundTruth<BoundingBox>]] = []
        var allPredictions: [[DetectionPrediction<BoundingBox>]] = []
        var truths: [COCOEvaluationInput.GroundTruth] = []
        var detections: [COCOEvaluationInput.Detection] = []
        for row in 0..<rows {
            var objects: [DetectionGroundTruth<BoundingBox>] = []
            var predictions: [DetectionPrediction<BoundingBox>] = []
            for _ in 0..<generator.nextIndex(below: 7) {
                let box = BoundingBox(x: uniform(0, 80), y: uniform(0, 80), width: uniform(4, 40), height: uniform(4, 40))
                objects.append(DetectionGroundTruth(classIndex: generator.nextIndex(below: classes), geometry: box,
                                                    isCrowd: generator.nextUnitInterval() < 0.1))
            }
            for object in objects where generator.nextUnitInterval() < 0.85 {
                let box = object.geometry
                let moved = BoundingBox(x: box.x + uniform(-0.3, 0.3) * box.width, y: box.y + uniform(-0.3, 0.3) * box.height,
                                        width: box.width * uniform(0.7, 1.3), height: box.height * uniform(0.7, 1.3))
                let label = generator.nextUnitInterval() < 0.85 ? object.classIndex : generator.nextIndex(below: classes)
                predictions.append(DetectionPrediction(classIndex: label, score: uniform(0.05, 1), geometry: moved))
            }
            for _ in 0..<generator.nextIndex(below: 4) {
                let box = BoundingBox(x: uniform(0, 80), y: uniform(0, 80), width: uniform(4, 30), height: uniform(4, 30))
                predictions.append(DetectionPrediction(classIndex: generator.nextIndex(below: classes), score: uniform(0, 0.7), geometry: box))
            }
            detectionRows.append(DetectionRow(predictions: predictions, groundTruths: objects))
            allObjects.append(objects)
            allPredictions.append(predictions)
            for object in objects {
                truths.append(.init(id: truths.count + 1, imageID: row + 1, categoryID: object.classIndex + 1,
                                    area: object.geometry.width * object.geometry.height, isCrowd: object.isCrowd, box: object.geometry))
            }
            for prediction in predictions {
                detections.append(.init(imageID: row + 1, categoryID: prediction.classIndex + 1, score: prediction.score,
                                        area: prediction.geometry.width * prediction.geometry.height, box: prediction.geometry))
            }
        }
        return Case(rows: detectionRows, objects: allObjects, predictions: allPredictions,
                    input: COCOEvaluationInput(imageIDs: Array(1...rows), categoryIDs: Array(1...classes),
                                               groundTruths: truths, detections: detections))
    }

    /// The stored-outcome view of a diagnostics result, as an evaluation keeps it.
    static func outcomeMetrics(_ c: Case, classes: Int) -> DetectionOutcomeMetrics {
        let diagnostics = DetectionDiagnostics.evaluate(rows: c.rows, classCount: classes,
                                                        parameters: DetectionDiagnosticParameters(iouThreshold: 0.5, scoreThreshold: 0))
        var predictions: [DetectionOutcomeMetrics.Prediction] = []
        var truths: [(rowIndex: Int, classIndex: Int)] = []
        var iouSums: [Double] = []
        for (r, row) in diagnostics.rows.enumerated() {
            var iouSum = 0.0
            for (p, outcome) in row.predictions.enumerated() {
                let prediction = c.predictions[r][p]
                switch outcome {
                case .truePositive(let g, let iou):
                    predictions.append(.init(rowIndex: r, classIndex: prediction.classIndex, score: prediction.score, isTruePositive: true))
                    truths.append((r, c.objects[r][g].classIndex))
                    iouSum += iou
                case .falsePositive:
                    predictions.append(.init(rowIndex: r, classIndex: prediction.classIndex, score: prediction.score, isTruePositive: false))
                case .ignored, .belowScoreThreshold:
                    continue
                }
            }
            for (g, outcome) in row.groundTruths.enumerated() where outcome == .missed {
                truths.append((r, c.objects[r][g].classIndex))
            }
            iouSums.append(iouSum)
        }
        return DetectionOutcomeMetrics(rowCount: c.rows.count, classCount: classes, predictions: predictions,
                                       groundTruths: truths, matchedIoUSums: iouSums)
    }

    @Test("AP equals COCO's AP50 per class and overall; P/R/F1 follow the diagnostics' counts", arguments: 0..<12)
    func equalsCOCO(seed: UInt64) throws {
        let classes = 3 + Int(seed % 3)
        let c = Self.randomCase(seed: seed, rows: 150, classes: classes)
        let metrics = Self.outcomeMetrics(c, classes: classes)
        let values = metrics.values()
        let evaluation = try COCOEvaluator(parameters: COCOEvaluationParameters(iouType: .bbox)).evaluate(c.input)
        let accumulation = evaluation.accumulate()
        let coco = accumulation.categoryMetrics()
        for k in 0..<classes {
            let expected = coco[k].averagePrecision50
            let actual = values.perClass[k].averagePrecision
            #expect(actual == expected, "class \(k): \(String(describing: actual)) vs COCO \(String(describing: expected))")
        }
        let stats = accumulation.summarize().pycocotoolsStats
        #expect(abs((values.meanAveragePrecision ?? -1) - stats[1]) < 1e-12, "mAP50 \(String(describing: values.meanAveragePrecision)) vs \(stats[1])")

        let diagnostics = DetectionDiagnostics.evaluate(rows: c.rows, classCount: classes,
                                                        parameters: DetectionDiagnosticParameters(iouThreshold: 0.5, scoreThreshold: 0))
        let tp = diagnostics.classes.reduce(0) { $0 + $1.truePositives }
        let fp = diagnostics.classes.reduce(0) { $0 + $1.falsePositives }
        let fn = diagnostics.classes.reduce(0) { $0 + $1.falseNegatives }
        #expect(values.precision == Double(tp) / Double(tp + fp) as Double?)
        #expect(values.recall == Double(tp) / Double(tp + fn) as Double?)
    }

    @Test("a bootstrap multiset of rows gives COCO's AP50 on the same multiset", arguments: 0..<4)
    func weightedEqualsCOCO(seed: UInt64) throws {
        let classes = 3
        let c = Self.randomCase(seed: 100 + seed, rows: 120, classes: classes)
        let metrics = Self.outcomeMetrics(c, classes: classes)
        let evaluation = try COCOEvaluator(parameters: COCOEvaluationParameters(iouType: .bbox)).evaluate(c.input)
        for resample in 0..<5 {
            let indices = Bootstrap.resampleIndices(rowCount: c.rows.count, resample: resample, seed: seed)
            let weights = Bootstrap.multiplicities(of: indices, rowCount: c.rows.count)
            let values = metrics.values(weights: weights)
            let coco = evaluation.accumulate(imageMultiplicities: weights.map(Int.init)).categoryMetrics()
            for k in 0..<classes {
                let expected = coco[k].averagePrecision50
                let actual = values.perClass[k].averagePrecision
                #expect(abs((actual ?? -1) - (expected ?? -1)) < 1e-12, "resample \(resample), class \(k)")
            }
        }
    }

    @Test("bootstrap intervals are seeded, contain the point value, and match percentile's for one statistic")
    func bootstrapIntervals() {
        let c = Self.randomCase(seed: 7, rows: 200, classes: 3)
        let metrics = Self.outcomeMetrics(c, classes: 3)
        let results = metrics.bootstrap(resamples: 200, seed: 3)
        #expect(results == metrics.bootstrap(resamples: 200, seed: 3))
        #expect(results.count == DetectionOutcomeMetrics.statisticNames(classNames: ["a", "b", "c"]).count)
        for result in results.prefix(5) {
            let value = try! #require(result.value)
            let interval = try! #require(result.interval)
            #expect(interval.lower <= value + 0.05 && value - 0.05 <= interval.upper)
            #expect(interval.lower < interval.upper)
        }
        let alone = Bootstrap.percentile(rowCount: 200, resamples: 200, seed: 3, parallel: false) { rows in
            metrics.values(weights: Bootstrap.multiplicities(of: rows, rowCount: 200)).recall
        }
        #expect(alone.interval == results[1].interval && alone.value == results[1].value)
    }

    @Test("edge cases: no predictions, no ground truth, a class with neither")
    func edges() {
        let empty = DetectionOutcomeMetrics(rowCount: 2, classCount: 2, predictions: [], groundTruths: [(0, 0)], matchedIoUSums: [0, 0])
        let values = empty.values()
        #expect(values.precision == nil && values.recall == 0 && values.f1 == nil && values.meanIoU == nil)
        #expect(values.perClass[0].averagePrecision == 0 && values.perClass[1].averagePrecision == nil)
        #expect(values.meanAveragePrecision == 0)
        let onlyFalse = DetectionOutcomeMetrics(rowCount: 1, classCount: 1,
                                                predictions: [.init(rowIndex: 0, classIndex: 0, score: 0.9, isTruePositive: false)],
                                                groundTruths: [], matchedIoUSums: [0])
        #expect(onlyFalse.values().precision == 0 && onlyFalse.values().recall == nil && onlyFalse.values().meanAveragePrecision == nil)
    }
}
