import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe eval coco`: pycocotools' COCO evaluation, equal to its numbers.
struct EvalCOCOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coco",
        abstract: "COCO detection, segmentation or keypoint evaluation, equal to pycocotools' numbers.",
        discussion: """
            --gt is a COCO dataset file; --dt a COCO results file (a JSON array of detections) or a \
            scored COCO dataset file, whose images and categories are matched to the ground truth by \
            file name and category name. The semantics are pycocotools 2.0.11's: ten IoU thresholds \
            0.50:0.95, 101 recall points, at most 1/10/100 detections per image (20 for keypoints), \
            the small/medium/large area ranges by the ground truth's `area`, crowd regions that any \
            number of detections may match, and the detections' areas as `loadRes` computes them.

            Unlike pycocotools, detections for images or categories the ground truth does not have, \
            masks of the wrong size and malformed RLE strings are errors that name the element.

            With --json: `stats` is pycocotools' list in its order (with its -1 where a number is \
            undefined), `summary` the same numbers by label without sentinels, `per_class` each \
            category's AP, AP50, AP75, AP by area and AR100.
            """)

    @Option(help: ArgumentHelp("The ground truth: a COCO dataset JSON file.", valueName: "file")) var gt: String
    @Option(help: ArgumentHelp("The detections: a COCO results JSON file.", valueName: "file")) var dt: String
    @Option(help: ArgumentHelp("What to compare: bbox, segm or keypoints.", valueName: "type")) var iouType = "bbox"
    @Flag(help: "Print per-class AP and AR after the summary.") var perClass = false
    @Flag(help: "Include the precision-recall curves at IoU 0.5 and 0.75 in the JSON.") var curves = false
    @Option(help: "Bootstrap resamples over images for 95% intervals on the summary numbers (0 for none).") var bootstrap = 0
    @Option(help: "The bootstrap's seed.") var seed: UInt64 = 0
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard COCOEvaluationParameters.IoUType(rawValue: iouType) != nil else {
            throw ValidationError("--iou-type must be bbox, segm or keypoints")
        }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must not be negative") }
    }

    func run() async throws {
        try await reportingFailures {
            let type = COCOEvaluationParameters.IoUType(rawValue: iouType)!
            let files = try COCOEvaluationFiles.load(groundTruth: URL(fileURLWithPath: gt), detections: URL(fileURLWithPath: dt),
                                                     iouType: type)
            for warning in files.warnings { Terminal.warning(warning.description) }
            let evaluation: COCOEvaluation
            do throws(COCOEvaluationError) {
                evaluation = try COCOEvaluator(parameters: COCOEvaluationParameters(iouType: type)).evaluate(files.input)
            } catch {
                throw CLIError.badInput("\(dt): \(error.message)")
            }
            let report = COCOEvaluationReport(evaluation: evaluation, input: files.input, categoryNames: files.categoryNames,
                                              warnings: files.warnings, resamples: bootstrap, seed: seed, includeCurves: curves)
            if output.json {
                try Terminal.printJSON(report)
                return
            }
            print(report.summaryText)
            if bootstrap > 0 {
                print("")
                for metric in report.summary { print(MetricText.line(metric)) }
            }
            if perClass {
                let width = max(8, report.perClass.map(\.name.count).max() ?? 0)
                print("")
                print("category".padding(toLength: width, withPad: " ", startingAt: 0) + "       AP     AP50     AP75    AR100  objects")
                for row in report.perClass {
                    print(row.name.padding(toLength: width, withPad: " ", startingAt: 0) + " " + MetricText.number(row.ap, width: 8)
                          + " " + MetricText.number(row.ap50, width: 8) + " " + MetricText.number(row.ap75, width: 8)
                          + " " + MetricText.number(row.ar, width: 8) + String(format: " %8d", row.groundTruths))
                }
            }
        }
    }
}
