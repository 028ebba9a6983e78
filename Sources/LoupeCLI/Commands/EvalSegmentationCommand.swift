import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe eval segmentation`: semantic-segmentation metrics from class-index masks.
struct EvalSegmentationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segmentation",
        abstract: "Semantic segmentation metrics (per-class IoU and Dice, mean IoU, pixel accuracy) from class-index masks.",
        discussion: """
            --gt and --pred are folders of .npy class-index masks (2-D integer arrays, one per image, \
            paired by file name without extension). Pixels whose ground truth is --ignore-index are \
            not counted. A class absent from both sides has no IoU and is left out of the means \
            (as mmsegmentation's nanmean).
            """)

    @Option(help: ArgumentHelp("The ground-truth masks: a folder of .npy files.", valueName: "folder")) var gt: String
    @Option(help: ArgumentHelp("The predicted masks: a folder of .npy files.", valueName: "folder")) var pred: String
    @Option(help: "The number of classes K (indices 0..<K).") var classes: Int?
    @Option(help: ArgumentHelp("A names file, one class per line (its length gives K).", valueName: "file")) var names: String?
    @Option(help: "A ground-truth index whose pixels are not counted (often 255).") var ignoreIndex: Int?
    @Option(help: "Bootstrap resamples over images for the 95% intervals of the means (0 for none).") var bootstrap = 1000
    @Option(help: "The bootstrap's seed.") var seed: UInt64 = 0
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (classes == nil) != (names == nil) else { throw ValidationError("give --classes or --names") }
        if let classes, classes < 1 { throw ValidationError("--classes must be at least 1") }
    }

    struct Report: Encodable {
        struct ClassReport: Encodable {
            var name: String
            var iou: Double?
            var dice: Double?
            var accuracy: Double?
            var groundTruthPixels: Int
            var predictedPixels: Int
        }
        var images: Int
        var pixels: Int
        var ignoredPixels: Int
        var summary: [MetricRecord]
        var perClass: [ClassReport]
    }

    func run() async throws {
        try await reportingFailures {
            var classNames: [String]
            if let names {
                let text = String(decoding: try ImportFile.contents(of: URL(fileURLWithPath: names)), as: UTF8.self)
                classNames = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } else {
                classNames = (0..<classes!).map(String.init)
            }
            let images = try SegmentationEvaluationFiles.confusions(
                groundTruth: URL(fileURLWithPath: gt), predictions: URL(fileURLWithPath: pred),
                classCount: classNames.count, ignoreIndex: ignoreIndex)
            var confusion = SegmentationConfusion(classCount: classNames.count, ignoreIndex: ignoreIndex)
            for image in images { confusion.merge(image) }
            let metrics = confusion.metrics
            // Seeded bootstrap over images: each resample sums the drawn images' confusion matrices.
            let resampled: [SegmentationMetrics] = ConcurrentMap.map(count: bootstrap) { resample in
                var sum = SegmentationConfusion(classCount: classNames.count, ignoreIndex: ignoreIndex)
                for index in Bootstrap.resampleIndices(rowCount: images.count, resample: resample, seed: seed) { sum.merge(images[index]) }
                return sum.metrics
            }
            func record(_ name: String, _ estimate: MetricEstimate?, _ pick: (SegmentationMetrics) -> MetricEstimate?) -> MetricRecord {
                let values = resampled.compactMap { pick($0)?.value }.sorted()
                return MetricRecord(name: name, value: estimate?.value, lower: Quantile.linear(sorted: values, q: 0.025),
                                    upper: Quantile.linear(sorted: values, q: 0.975), support: estimate?.support ?? 0)
            }
            let report = Report(
                images: confusion.imageCount, pixels: metrics.pixels, ignoredPixels: confusion.ignoredPixels,
                summary: [record("mean_iou", metrics.meanIntersectionOverUnion, \.meanIntersectionOverUnion),
                          record("pixel_accuracy", metrics.pixelAccuracy, \.pixelAccuracy),
                          record("mean_dice", metrics.meanDice, \.meanDice),
                          record("mean_class_accuracy", metrics.meanClassAccuracy, \.meanClassAccuracy)],
                perClass: metrics.classes.map { scores in
                    Report.ClassReport(name: classNames[scores.classIndex], iou: scores.intersectionOverUnion, dice: scores.dice,
                                       accuracy: scores.accuracy, groundTruthPixels: scores.groundTruthPixels,
                                       predictedPixels: scores.predictedPixels)
                })
            if output.json {
                try Terminal.printJSON(report)
                return
            }
            print("\(report.images) images, \(report.pixels) pixels counted, \(report.ignoredPixels) ignored")
            for metric in report.summary { print(MetricText.line(metric)) }
            let width = max(5, classNames.map(\.count).max() ?? 0)
            print("")
            print("class".padding(toLength: width, withPad: " ", startingAt: 0) + "      IoU     Dice   pixels")
            for row in report.perClass {
                print(row.name.padding(toLength: width, withPad: " ", startingAt: 0) + " " + MetricText.number(row.iou, width: 8)
                      + " " + MetricText.number(row.dice, width: 8) + String(format: " %8d", row.groundTruthPixels))
            }
        }
    }
}
