import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe plan`: learning curves across a model's runs, and where the next labels help most.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Fit each class's or slice's learning curve across a model's runs and allocate a labeling budget to the largest predicted gain.",
        discussion: """
            Every run with a snapshot (loupe runs create) and a stored evaluation gives one point \
            per class: the class's training labels in the snapshot's training split against its \
            metric (AP for detection, F1 for classification). With --by slices, one point per saved \
            slice: the training labels of the snapshot rows the slice selects against the run's \
            metric on the slice, recomputed from the stored evaluation (AP50 for detection, accuracy \
            for classification). The curve is the saturating power law \
            metric(n) = ceiling − scale · n^(−exponent), fitted by least squares, with 95% \
            intervals. --budget N allocates N new labels across the classes, greedily to the \
            largest predicted gain of the mean metric; predictions are stated as ranges. A class or \
            slice needs runs at three or more distinct label counts to be planned.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "The model whose runs form the curves.") var model: String
    @Option(help: ArgumentHelp("A curve per class or per saved slice.", valueName: "classes|slices")) var by: LearningCurveAnalysis.Grouping = .classes
    @Option(help: "New labels to allocate.") var budget: Int?
    @Option(help: "The metric (default AP or f1 per class, AP50 or accuracy per slice).") var metric: String?
    @Option(help: "The evaluation key the runs were evaluated under.") var key = "default"
    @Option(help: "The snapshot splits that count as training (repeatable).") var trainingSplit: [String] = ["train"]
    @Option(help: "Bootstrap resamples for the curves' intervals.") var bootstrap = 1000
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let budget, budget < 1 { throw ValidationError("--budget must be at least 1") }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.models().first(where: { $0.name == model }) else { throw CLIError.notFound("no model '\(model)'") }
            let report = try await LearningCurveAnalysis.analyze(
                store: store, dataset: dataset, model: found, groupBy: by, metric: metric, key: key, trainingSplits: trainingSplit, budget: budget,
                options: LearningCurve.Options(bootstrapResamples: bootstrap))
            if output.json { try Terminal.printJSON(report); return }
            print("\(report.runs.count) runs of \(model) with a snapshot and an evaluation '\(key)': "
                  + report.runs.map { "\($0.run) (\($0.labels) labels)" }.joined(separator: ", "))
            for curve in report.curves {
                if let fit = curve.curve {
                    let p = fit.parameters
                    print(String(format: "%@  %@ = %.3f − %.3f · n^−%.3f  (%d points)", curve.name, report.metric, p.ceiling, p.scale,
                                 p.exponent, curve.points.count))
                } else {
                    print("\(curve.name)  no curve: \(curve.unfitted ?? "")")
                }
            }
            if let plan = report.plan {
                print("")
                print("plan for \(plan.budget) new labels:")
                for allocation in plan.allocations where allocation.addedLabels > 0 {
                    print(String(format: "  %@ +%d labels: %.3f → %.3f [%.3f, %.3f]", allocation.name, allocation.addedLabels,
                                 allocation.before.value, allocation.after.value, allocation.after.lower ?? .nan, allocation.after.upper ?? .nan))
                }
                if let gain = plan.overallGain {
                    print(String(format: "  predicted gain of the mean %@: %+.3f [%+.3f, %+.3f]", report.metric, gain.value,
                                 gain.lower ?? .nan, gain.upper ?? .nan))
                }
                for skipped in plan.unplannable { print("  \(skipped.name): not planned (\(skipped.reason))") }
            }
        }
    }
}

extension LearningCurveAnalysis.Grouping: ExpressibleByArgument {}
