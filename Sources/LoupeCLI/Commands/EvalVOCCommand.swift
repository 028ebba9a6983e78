import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe eval voc`: Pascal VOC average precision per class and mAP.
struct EvalVOCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voc",
        abstract: "Pascal VOC average precision per class and mAP.",
        discussion: """
            Ground truth: a folder of VOC XML files, a folder of text files (`class x y w h` per line), \
            or a COCO dataset file. Detections: a folder of text files (`class score x y w h` per line, \
            one file per image, as the Object-Detection-Metrics toolkit writes them), a scored \
            COCO dataset file, or a COCO results list (with COCO ground truth). Images are paired by \
            file name without extension.

            Defaults are VOC2010 and later: IoU >= 0.5, all-point interpolation, continuous box \
            areas, difficult objects ignored. --eleven-point gives VOC2007's AP; --inclusive-pixels \
            the devkit's +1-pixel areas (as Padilla et al.'s toolkit); --strict the `iou > t` test of \
            py-faster-rcnn's voc_eval.py.
            """)

    @Option(help: ArgumentHelp("The ground truth: a folder or a COCO JSON file.", valueName: "path"))
    var gt: String
    @Option(help: ArgumentHelp("The detections: a folder or a COCO JSON file.", valueName: "path"))
    var dt: String
    @Option(help: ArgumentHelp("How text files write boxes: xywh, xyxy or relative (cx cy w h in 0–1).", valueName: "layout"))
    var boxFormat: String = "xywh"
    @Option(help: ArgumentHelp("A names file (one class per line) when text files give class ids.", valueName: "file"))
    var names: String?
    @Option(help: "The IoU a detection needs with a ground-truth box.") var iou: Double = 0.5
    @Flag(help: "VOC2007's 11-point interpolated AP instead of all-point.") var elevenPoint = false
    @Flag(help: "The legacy +1-pixel box areas and intersections.") var inclusivePixels = false
    @Flag(help: "Count a match only when IoU > threshold (voc_eval.py) rather than >=.") var strict = false
    @Flag(help: "Count difficult objects as ordinary ground truth.") var countDifficult = false
    @Option(help: "Bootstrap resamples over images for the 95% intervals of mAP and each AP (0 for none).") var bootstrap = 1000
    @Option(help: "The bootstrap's seed.") var seed: UInt64 = 0
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard DetectionTextBoxFormat(rawValue: boxFormat) != nil else {
            throw ValidationError("--box-format must be one of \(DetectionTextBoxFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard iou > 0, iou <= 1 else { throw ValidationError("--iou must be in (0, 1]") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must not be negative") }
    }

    struct Report: Encodable {
        struct ClassReport: Encodable {
            var name: String
            var ap: Double?
            var apLower: Double?
            var apUpper: Double?
            var support: Int
            var truePositives: Int
            var falsePositives: Int
            var detections: Int
        }
        var parameters: VOCParameters
        var meanAveragePrecision: Double?
        var meanAveragePrecisionLower: Double?
        var meanAveragePrecisionUpper: Double?
        var resamples: Int
        var images: Int
        var classes: [ClassReport]
    }

    func run() async throws {
        try await reportingFailures {
            var classNames: [String]?
            if let names {
                let text = String(decoding: try ImportFile.contents(of: URL(fileURLWithPath: names)), as: UTF8.self)
                classNames = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let files = try VOCEvaluationFiles.load(groundTruth: URL(fileURLWithPath: gt), detections: URL(fileURLWithPath: dt),
                                                    boxFormat: DetectionTextBoxFormat(rawValue: boxFormat)!, classNames: classNames)
            let parameters = VOCParameters(iouThreshold: iou, thresholdTest: strict ? .greaterThan : .atLeast,
                                           interpolation: elevenPoint ? .elevenPoint : .allPoints,
                                           pixelConvention: inclusivePixels ? .inclusivePixels : .continuous,
                                           ignoresDifficult: !countDifficult)
            let evaluation = VOCEvaluation.evaluate(classes: files.inputs, parameters: parameters)
            // Seeded bootstrap over images: each resample evaluates every class on the drawn images.
            let imageCount = files.imageNames.count
            let resampled: [[Double?]] = ConcurrentMap.map(count: bootstrap) { resample in
                let indices = Bootstrap.resampleIndices(rowCount: imageCount, resample: resample, seed: seed)
                let result = VOCEvaluation.evaluate(classes: files.inputs.map { $0.resampled(imageIndices: indices, imageCount: imageCount) },
                                                    parameters: parameters)
                return [result.meanAveragePrecision] + result.classes.map(\.averagePrecision)
            }
            func interval(_ column: Int) -> (Double?, Double?) {
                let values = resampled.compactMap { $0[column] }.sorted()
                return (Quantile.linear(sorted: values, q: 0.025), Quantile.linear(sorted: values, q: 0.975))
            }
            let mapInterval = interval(0)
            let report = Report(
                parameters: parameters, meanAveragePrecision: evaluation.meanAveragePrecision,
                meanAveragePrecisionLower: mapInterval.0, meanAveragePrecisionUpper: mapInterval.1, resamples: bootstrap,
                images: imageCount,
                classes: zip(files.classNames, zip(evaluation.classes, files.inputs)).enumerated().map { index, entry in
                    let (name, (result, input)) = entry
                    let (lower, upper) = interval(index + 1)
                    return Report.ClassReport(name: name, ap: result.averagePrecision, apLower: lower, apUpper: upper, support: result.support,
                                              truePositives: result.truePositiveCount, falsePositives: result.falsePositiveCount,
                                              detections: input.detections.count)
                })
            if output.json {
                try Terminal.printJSON(report)
                return
            }
            let width = max(5, files.classNames.map(\.count).max() ?? 0)
            print("class".padding(toLength: width, withPad: " ", startingAt: 0) + "       AP  support     TP     FP")
            for row in report.classes {
                let ap = row.ap.map { String(format: "%8.4f", $0) } ?? "       –"
                print(row.name.padding(toLength: width, withPad: " ", startingAt: 0) + " " + ap
                      + String(format: " %8d %6d %6d", row.support, row.truePositives, row.falsePositives))
            }
            var mean = report.meanAveragePrecision.map { String(format: "%.4f", $0) } ?? "– (no ground truth)"
            if let lower = report.meanAveragePrecisionLower, let upper = report.meanAveragePrecisionUpper {
                mean += String(format: " [%.4f, %.4f]", lower, upper)
            }
            print("mAP@\(iou) (\(elevenPoint ? "11-point" : "all-point")) = \(mean) over \(files.imageNames.count) images")
        }
    }
}
