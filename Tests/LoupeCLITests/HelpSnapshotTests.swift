import Foundation
import Testing

/// Help text is part of the CLI's contract: a change to it shows up as a snapshot diff.
/// Regenerate with `LOUPE_UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests`.
@Suite("loupe --help snapshots")
struct HelpSnapshotTests {
    static let commands: [[String]] = [
        [], ["import"], ["import", "coco"], ["import", "yolo"], ["import", "voc"], ["import", "cvat"],
        ["import", "openimages"], ["import", "labelbox"], ["import", "labelstudio"], ["import", "jsonl"], ["import", "csv"],
        ["import", "embeddings"],
        ["info"], ["datasets"], ["rows"], ["export", "coco"], ["export", "yolo"], ["export", "jsonl"], ["demo"],
        ["eval"], ["eval", "coco"], ["eval", "voc"], ["eval", "classification"], ["eval", "segmentation"], ["runs"], ["runs", "create"], ["runs", "list"], ["runs", "show"], ["runs", "rename"], ["runs", "delete"],
        ["runs", "predictions"], ["runs", "eval"], ["runs", "evaluations"], ["runs", "compare"], ["runs", "metrics"], ["query"], ["slices"], ["slices", "save"],
        ["slices", "list"], ["slices", "delete"], ["slices", "metrics"], ["slices", "discover"], ["importance"], ["plan"], ["similar"], ["project"], ["issues"], ["leakage"], ["clusters"], ["select"], ["probe"],
        ["labeling"], ["labeling", "create"], ["labeling", "add"], ["labeling", "status"], ["labeling", "export"], ["serve"],
        ["tokens"], ["tokens", "create"], ["tokens", "list"], ["tokens", "revoke"],
    ]

    @Test("help output equals the committed snapshot", arguments: commands)
    func help(command: [String]) throws {
        let result = try LoupeProcess.run(["help"] + command, environment: ["COLUMNS": "100"])
        #expect(result.status == 0, "\(result.stderr)")
        let name = (["loupe"] + command).joined(separator: "-") + ".txt"
        let snapshot = LoupeProcess.packageRoot.appendingPathComponent("Tests/LoupeCLITests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["LOUPE_UPDATE_SNAPSHOTS"] == "1" {
            try Data(result.stdout.utf8).write(to: snapshot)
            return
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(result.stdout == expected, "help of '\(command.joined(separator: " "))' changed; regenerate the snapshot if intended")
    }
}
