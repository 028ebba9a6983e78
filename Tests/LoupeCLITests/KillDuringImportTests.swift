import Foundation
import Testing

@Suite("Imports are all or nothing, also under kill -9")
struct KillDuringImportTests {
    @Test("kill -9 while an import is writing leaves the workspace exactly as it was")
    func killMidImport() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        let small = try folder.write("small.jsonl", (0..<10).map { #"{"key": "k\#($0)", "label": "a"}"# }.joined(separator: "\n") + "\n")
        #expect(try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "before", small]).status == 0)
        let before = try LoupeProcess.run(["info", "--workspace", workspace, "--json"]).stdout

        var lines = ""
        for index in 0..<400_000 {
            lines += #"{"key": "row-\#(index)", "label": "c\#(index % 7)", "split": "train", "metadata": {"n": \#(index), "s": "some text \#(index)"}}"# + "\n"
        }
        let big = try folder.write("big.jsonl", lines)
        let wal = workspace + "-wal"
        let walBefore = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        let (process, _, _) = try LoupeProcess.start(["import", "jsonl", "--workspace", workspace, "--dataset", "big", big])
        // Wait until the write transaction has spilled pages into the WAL, then kill.
        let deadline = Date().addingTimeInterval(120)
        var killedWhileWriting = false
        while Date() < deadline, process.isRunning {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size > walBefore + 2_000_000 {
                kill(process.processIdentifier, SIGKILL)
                killedWhileWriting = true
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        #expect(killedWhileWriting, "the import finished before it could be killed mid-write")
        #expect(process.terminationReason == .uncaughtSignal)

        let after = try LoupeProcess.run(["info", "--workspace", workspace, "--json"]).stdout
        #expect(after == before)
        let check = try LoupeProcess.run(["datasets", "--workspace", workspace])
        #expect(check.stdout == "before\n")
        // The workspace stays usable and writable.
        #expect(try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "after", small]).status == 0)
        #expect(try LoupeProcess.run(["datasets", "--workspace", workspace]).stdout == "after\nbefore\n")
    }
}
