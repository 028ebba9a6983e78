import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeSQLite

/// `loupe demo`: build a workspace from the real data shipped in `demo/` and show what is in it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo workspace from real data shipped with Loupe and show what is in it.",
        discussion: """
            Imports demo/voc100 (100 PASCAL VOC images, 273 ground-truth boxes, 452 detections of a \
            real detector; see demo/voc100/README.md for sources and licenses) into the dataset \
            voc100, with the detections as run 'baseline' of model 'voc-detector'. A second run \
            reuses the workspace.
            """)

    @Option(help: ArgumentHelp("The demo workspace (default: ./loupe-demo.sqlite).", valueName: "path"))
    var workspace = "loupe-demo.sqlite"
    @Option(help: "The demo data folder (default: demo/ of the Loupe checkout).") var data: String?
    @OptionGroup var output: OutputOptions

    static let dataset = "voc100"
    static let model = "voc-detector"
    static let run = "baseline"

    func run() async throws {
        try await reportingFailures {
            let folder = try demoFolder()
            let store = try SQLiteStore(path: workspace)
            if try await store.dataset(named: Self.dataset) == nil {
                try await build(store, from: folder)
            } else {
                Terminal.note("reusing \(workspace) (delete it to rebuild the demo)")
            }
            let statistics = try await store.statistics()
            if output.json {
                try Terminal.printJSON(InfoCommand.Report(workspace: workspace, datasets: statistics))
                return
            }
            print("Loupe demo workspace: \(workspace)")
            for dataset in statistics { print(InfoCommand.describe(dataset)) }
            print("""

                Next: loupe runs eval --workspace \(workspace) --dataset \(Self.dataset) --model \(Self.model) --run \(Self.run)
                      loupe query --workspace \(workspace) --dataset \(Self.dataset) --filter 'run("\(Self.run)").fp >= 2'
                      loupe export coco --workspace \(workspace) --dataset \(Self.dataset) --output voc100.json
                """)
        }
    }

    private func build(_ store: SQLiteStore, from folder: URL) async throws {
        let voc = folder.appendingPathComponent("voc100")
        let images = voc.appendingPathComponent("images").standardizedFileURL.resolvingSymlinksInPath()
        let groundTruth = try VOCImporter().read(contentsOf: voc.appendingPathComponent("annotations"))
        let detections = try COCOImporter().read(contentsOf: voc.appendingPathComponent("detections/coco_dets.json"))
        // Both imports in one transaction each; the ground truth first so that the schema keeps
        // the ground truth's class order.
        _ = try await store.apply(groundTruth, toDataset: Self.dataset, options: ImportOptions(author: "PASCAL VOC", assetRoot: images.path))
        let config = #"{"source":"review_object_detection_metrics sample detections","note":"detector not documented by the source"}"#
        _ = try await store.apply(detections, toDataset: Self.dataset,
                                  options: ImportOptions(modelName: Self.model, modelTask: .detection, runName: Self.run, runConfigJSON: config))
    }

    /// `--data`, else `demo/` in the working folder, else `demo/` above the executable (a checkout's `.build/…/loupe`).
    private func demoFolder() throws -> URL {
        if let data { return URL(fileURLWithPath: data) }
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("demo")]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            candidates.append(folder.appendingPathComponent("demo"))
            folder = folder.deletingLastPathComponent()
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("voc100/annotations").path) {
            return candidate
        }
        throw CLIError.notFound("cannot find the demo data (demo/voc100); run from the Loupe checkout or pass --data")
    }
}
