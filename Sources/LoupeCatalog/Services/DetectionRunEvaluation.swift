import Foundation
import LoupeCore

/// A detection run's evaluation built from the dataset's contents: COCO metrics over the
/// evaluated rows and per-object diagnostics, as an `EvaluationDraft`.
///
/// Rows are COCO images (id = row id), classes are COCO categories (id = ordinal + 1). A ground
/// truth's area is its stored `area` (COCO files carry one), else its mask's pixel count for
/// `segm`, else its box's `w · h` (VOC, YOLO). Whole-row labels and points are not objects and
/// are left out.
struct DetectionRunEvaluation {
    let contents: DatasetContents
    let rows: [DataRow]
    let options: RunEvaluationOptions

    /// One object on one side, with the geometry the evaluation compares.
    fileprivate struct Object {
        var id: Int64
        var classIndex: Int
        var box: BoundingBox
        var mask: RunLengthMask?
        var area: Double
        var isCrowd: Bool
        var score: Double
    }

    /// Everything the evaluation computed, before it becomes a draft (comparisons use it too).
    struct Outcome {
        var classes: [LabelClass]
        fileprivate var truths: [[Object]]
        fileprivate var predictions: [[Object]]
        var input: COCOEvaluationInput
        var evaluation: COCOEvaluation
        var diagnostics: DetectionDiagnostics
        var predictionsOutsideRows: Int
    }

    /// The evaluated rows' ground truth and predictions as `DetectionRow`s, in row order (what
    /// the diagnostics and the label-issue checks read).
    func detectionRows(of outcome: Outcome) -> [DetectionRow] {
        outcome.truths.indices.map { diagnosticRow(truths: outcome.truths[$0], predictions: outcome.predictions[$0]) }
    }

    /// Matches, COCO tables and diagnostics over `rows`.
    func evaluate() throws -> Outcome {
        let classes = contents.classes.sorted { $0.ordinal < $1.ordinal }
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.id, $0) })
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.id!, $0) })
        var truths = [[Object]](repeating: [], count: rows.count)
        var predictions = [[Object]](repeating: [], count: rows.count)
        var outside = 0
        for annotation in contents.annotations {
            guard let row = rowIndex[annotation.rowID], let classID = annotation.classID, let index = classIndex[classID],
                  let object = try object(annotation.geometry, row: rows[row], classIndex: index, id: annotation.id!,
                                          area: annotation.area, isCrowd: annotation.isCrowd, score: 0) else { continue }
            truths[row].append(object)
        }
        var unscored = 0
        for prediction in contents.predictions {
            guard let row = rowIndex[prediction.rowID] else { outside += 1; continue }
            guard let classID = prediction.classID, let index = classIndex[classID] else { continue }
            guard let score = prediction.score else { unscored += 1; continue }
            guard let object = try object(prediction.geometry, row: rows[row], classIndex: index, id: prediction.id!,
                                          area: nil, isCrowd: false, score: score) else { continue }
            predictions[row].append(object)
        }
        if unscored > 0 {
            throw StoreError.invalid("\(unscored) of the run's predictions have no score; a detection evaluation ranks predictions by score")
        }
        let input = COCOEvaluationInput(
            imageIDs: rows.map { Int($0.id!) }, categoryIDs: Array(1...max(1, classes.count)),
            groundTruths: truths.enumerated().flatMap { row, objects in
                objects.map { COCOEvaluationInput.GroundTruth(id: Int($0.id), imageID: Int(rows[row].id!), categoryID: $0.classIndex + 1,
                                                              area: $0.area, isCrowd: $0.isCrowd, box: $0.box, mask: $0.mask) }
            },
            detections: predictions.enumerated().flatMap { row, objects in
                objects.map { COCOEvaluationInput.Detection(imageID: Int(rows[row].id!), categoryID: $0.classIndex + 1, score: $0.score,
                                                            area: $0.area, box: $0.box, mask: $0.mask) }
            })
        let evaluation: COCOEvaluation
        do {
            evaluation = try COCOEvaluator(parameters: COCOEvaluationParameters(iouType: options.iouType)).evaluate(input)
        } catch {
            throw StoreError.invalid("cannot evaluate: \(error)")
        }
        let diagnostics = DetectionDiagnostics.evaluate(
            rows: rows.indices.map { diagnosticRow(truths: truths[$0], predictions: predictions[$0]) },
            classCount: classes.count,
            parameters: DetectionDiagnosticParameters(iouThreshold: options.iouThreshold, scoreThreshold: options.scoreThreshold))
        return Outcome(classes: classes, truths: truths, predictions: predictions, input: input, evaluation: evaluation,
                       diagnostics: diagnostics, predictionsOutsideRows: outside)
    }

    func draft(runID: Int64, parametersJSON: String) throws -> EvaluationDraft {
        let outcome = try evaluate()
        let classes = outcome.classes, truths = outcome.truths, predictions = outcome.predictions
        let diagnostics = outcome.diagnostics, outside = outcome.predictionsOutsideRows
        let names = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($0 + 1, $1.name) })
        let report = COCOEvaluationReport(evaluation: outcome.evaluation, input: outcome.input, categoryNames: names,
                                          resamples: options.resamples, seed: options.seed, includeCurves: true)

        var rowResults: [EvaluationRowResult] = []
        var objects: [EvaluationObjectResult] = []
        var confusion: [EvaluationConfusionEntry] = []
        for (index, result) in diagnostics.rows.enumerated() {
            let rowID = rows[index].id!
            confusion += result.confusionCells.map { cell in
                EvaluationConfusionEntry(rowID: rowID, actualClassID: cell.groundTruth.map { classes[$0].id },
                                         predictedClassID: cell.predicted.map { classes[$0].id }, count: cell.count)
            }
            rowResults.append(EvaluationRowResult(rowID: rowID, truePositives: result.truePositives, falsePositives: result.falsePositives,
                                                  falseNegatives: result.falseNegatives, meanIoU: result.meanMatchIoU))
            objects += Self.objectResults(result, rowID: rowID, truths: truths[index], predictions: predictions[index],
                                          classIDs: classes.map(\.id))
        }
        var perClass = report.perClassRecords
        for (k, summary) in diagnostics.classes.enumerated() where k < perClass.count {
            perClass[k].metrics += [
                MetricRecord(name: "tp", value: Double(summary.truePositives), support: summary.predictions),
                MetricRecord(name: "fp", value: Double(summary.falsePositives), support: summary.predictions),
                MetricRecord(name: "fn", value: Double(summary.falseNegatives), support: summary.groundTruths),
                MetricRecord(name: "best_f1", value: summary.bestF1?.f1, support: summary.groundTruths),
                MetricRecord(name: "best_f1_threshold", value: summary.bestF1?.scoreThreshold, support: summary.groundTruths),
            ]
        }
        let details = Details(
            stats: report.stats, rows: rows.count, predictionsOutsideRows: outside, curves: report.curves ?? [],
            confusionMatrix: .init(classes: classes.map(\.name) + ["none"],
                                   counts: (0...classes.count).map { g in
                                       (0...classes.count).map { p in
                                           diagnostics.confusionMatrix[groundTruth: g == classes.count ? nil : g,
                                                                       predicted: p == classes.count ? nil : p]
                                       }
                                   }))
        return EvaluationDraft(runID: runID, key: options.key, kind: .detection, parametersJSON: parametersJSON,
                               summary: report.summary, perClass: perClass,
                               detailsJSON: try EvaluationJSON.encode(details), rows: rowResults, objects: objects,
                               confusion: confusion)
    }

    /// What the evaluation keeps besides the summary and per-class tables.
    private struct Details: Encodable {
        struct Matrix: Encodable {
            var classes: [String]
            var counts: [[Int]]
        }
        /// pycocotools' `stats` list.
        var stats: [Double]
        var rows: Int
        var predictionsOutsideRows: Int
        /// COCO's interpolated precision at 101 recall levels per class, at IoU 0.5 and 0.75.
        var curves: [COCOEvaluationReport.Curve]
        /// Rows = ground truth, columns = predicted, last = none.
        var confusionMatrix: Matrix
    }

    private func object(_ geometry: Geometry, row: DataRow, classIndex: Int, id: Int64, area: Double?,
                        isCrowd: Bool, score: Double) throws -> Object? {
        guard let box = geometry.boundingBox else { return nil }
        if case .point = geometry { return nil }
        var mask: RunLengthMask?
        if options.iouType == .segm {
            switch geometry {
            case .mask(let given): mask = given
            case .polygon(let polygon):
                guard let width = row.width, let height = row.height else {
                    throw StoreError.invalid("row '\(row.key)' has no image size, which a segm evaluation needs to rasterize polygons")
                }
                mask = RunLengthMask(polygon: polygon, height: height, width: width)
            case .box(let given):
                guard let width = row.width, let height = row.height else {
                    throw StoreError.invalid("row '\(row.key)' has no image size, which a segm evaluation needs to rasterize boxes")
                }
                mask = RunLengthMask(box: given, height: height, width: width)
            case .none, .point: return nil
            }
        }
        let objectArea = area ?? mask.map { Double($0.area) } ?? box.width * box.height
        return Object(id: id, classIndex: classIndex, box: box, mask: mask, area: objectArea, isCrowd: isCrowd, score: score)
    }

    private func diagnosticRow(truths: [Object], predictions: [Object]) -> DetectionRow {
        if options.iouType == .segm {
            return DetectionRow(predictions: predictions.map { DetectionPrediction(classIndex: $0.classIndex, score: $0.score, geometry: $0.mask!) },
                                groundTruths: truths.map { DetectionGroundTruth(classIndex: $0.classIndex, geometry: $0.mask!, isCrowd: $0.isCrowd) })
        }
        return DetectionRow(predictions: predictions.map { DetectionPrediction(classIndex: $0.classIndex, score: $0.score, geometry: $0.box) },
                            groundTruths: truths.map { DetectionGroundTruth(classIndex: $0.classIndex, geometry: $0.box, isCrowd: $0.isCrowd) })
    }

    private static func objectResults(_ result: DetectionRowDiagnostics, rowID: Int64, truths: [Object],
                                      predictions: [Object], classIDs: [Int64]) -> [EvaluationObjectResult] {
        var objects: [EvaluationObjectResult] = []
        for (p, outcome) in result.predictions.enumerated() {
            let prediction = predictions[p]
            func record(_ outcome: EvaluationObjectResult.Outcome, _ reason: EvaluationObjectResult.Reason?, _ g: Int?, _ iou: Double?) {
                objects.append(EvaluationObjectResult(rowID: rowID, predictionID: prediction.id, annotationID: g.map { truths[$0].id },
                                                      outcome: outcome, reason: reason, iou: iou.map { min(1, max(0, $0)) },
                                                      score: prediction.score, classID: classIDs[prediction.classIndex]))
            }
            switch outcome {
            case .truePositive(let g, let iou): record(.truePositive, nil, g, iou)
            case .ignored(let crowd, let iou): record(.ignored, nil, crowd, iou)
            case .belowScoreThreshold: continue
            case .falsePositive(let reason):
                switch reason {
                case .duplicate(let g, let iou): record(.falsePositive, .duplicate, g, iou)
                case .wrongClass(let g, _, let iou): record(.falsePositive, .wrongClass, g, iou)
                case .localization(let g, let iou): record(.falsePositive, .localization, g, iou)
                case .wrongClassAndLocalization(let g, _, let iou): record(.falsePositive, .wrongClassAndLocalization, g, iou)
                case .background: record(.falsePositive, .background, nil, nil)
                }
            }
        }
        for (g, outcome) in result.groundTruths.enumerated() where outcome == .missed {
            objects.append(EvaluationObjectResult(rowID: rowID, predictionID: nil, annotationID: truths[g].id, outcome: .falseNegative,
                                                  classID: classIDs[truths[g].classIndex]))
        }
        return objects
    }
}
