import Foundation
import Testing

@Suite("loupe query and slices")
struct QueryCommandTests {
    static func demo() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let workspace = folder.path("loupe-demo.sqlite")
        #expect(try LoupeProcess.run(["demo", "--workspace", workspace]).status == 0)
        #expect(try LoupeProcess.run(["runs", "eval", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector",
                                      "--run", "baseline", "--bootstrap", "0"]).status == 0)
        return (folder, workspace)
    }

    @Test("a filter on ground truth and run metrics: the count, sorted rows, and the JSON contract")
    func query() throws {
        let (folder, workspace) = try Self.demo()
        defer { withExtendedLifetime(folder) {} }
        let report = try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100",
                                            "--filter", #"gt.count("person") >= 3 and run("baseline").fp >= 2"#,
                                            "--sort", #"run("baseline").fp desc, key"#, "--limit", "4"])
        #expect(report["count"] as? Int == 10)
        let rows = try #require(report["rows"] as? [[String: Any]])
        #expect(rows.count == 4 && rows.allSatisfy { $0["key"] is String && $0["label_version"] as? Int == 1 })
        let pageOnly = try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100",
                                              "--filter", #"gt.count("person") >= 3 and run("baseline").fp >= 2"#,
                                              "--sort", #"run("baseline").fp desc, key"#, "--limit", "4", "--no-count"])
        #expect(pageOnly["count"] == nil)
        #expect((pageOnly["rows"] as? [[String: Any]])?.map { $0["key"] as? String } == rows.map { $0["key"] as? String })
        let unsorted = try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100",
                                              "--filter", #"run("baseline").fp >= 2 and gt.count("person") >= 3"#, "--no-count", "--limit", "3"])
        #expect((unsorted["rows"] as? [[String: Any]])?.count == 3)
        let all = try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100", "--limit", "0"])
        #expect(all["count"] as? Int == 100 && (all["rows"] as? [Any])?.isEmpty == true)
        // Every row is either a failure of the baseline on persons or not: the two counts add up.
        let misses = try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100", "--limit", "0",
                                            "--filter", #"run("baseline").fn > 0"#])["count"] as? Int ?? -1
        let clean = try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100", "--limit", "0",
                                           "--filter", #"not run("baseline").fn > 0"#])["count"] as? Int ?? -1
        #expect(misses > 0 && misses + clean == 100)
    }

    @Test("a filter that does not parse exits 2 with the position; an unknown name exits 65 and lists what exists")
    func errors() throws {
        let (folder, workspace) = try Self.demo()
        defer { withExtendedLifetime(folder) {} }
        let syntax = try LoupeProcess.run(["query", "--workspace", workspace, "--dataset", "voc100", "--filter", "gt.count >= and"])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("filter at 13: expected a number for gt.count, found and") && syntax.stderr.contains("\n              ^"), "\(syntax.stderr)")
        let sort = try LoupeProcess.run(["query", "--workspace", workspace, "--dataset", "voc100", "--sort", "width sideways"])
        #expect(sort.status == 2)
        let unknown = try LoupeProcess.run(["query", "--workspace", workspace, "--dataset", "voc100", "--filter", #"gt.count("unicorn") > 0"#])
        #expect(unknown.status == 65 && unknown.stderr.contains("no class 'unicorn'") && unknown.stderr.contains("person"))
        let injection = try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100", "--filter", #"key = "x'; DROP TABLE data_row; --""#])
        #expect(injection["count"] as? Int == 0)
        #expect(try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100", "--limit", "0"])["count"] as? Int == 100)
    }

    @Test("slices: saved, listed with counts, measured with intervals; a bad filter is not saved")
    func slices() throws {
        let (folder, workspace) = try Self.demo()
        defer { withExtendedLifetime(folder) {} }
        #expect(try LoupeProcess.run(["slices", "save", "--workspace", workspace, "--dataset", "voc100", "--name", "crowded",
                                      "--filter", "gt.count >= 4"]).status == 0)
        let bad = try LoupeProcess.run(["slices", "save", "--workspace", workspace, "--dataset", "voc100", "--name", "bad", "--filter", "gt.count >="])
        #expect(bad.status == 2)
        let again = try LoupeProcess.run(["slices", "save", "--workspace", workspace, "--dataset", "voc100", "--name", "crowded", "--filter", "gt.count >= 5"])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        let listed = try LoupeProcess.run(["slices", "list", "--workspace", workspace, "--dataset", "voc100", "--json"])
        let slices = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(slices.count == 1 && slices[0]["rows"] as? Int == 23)
        let full = try LoupeProcess.json(["slices", "metrics", "--workspace", workspace, "--dataset", "voc100", "--slice", "crowded",
                                          "--model", "voc-detector", "--run", "baseline", "--bootstrap", "50", "--full"])
        #expect(full["rows"] as? Int == 23)
        let summary = try #require(full["summary"] as? [[String: Any]])
        let ap = try #require(summary.first { $0["name"] as? String == "AP" })
        #expect(ap["support"] as? Int == 136 && (ap["lower"] as? Double ?? 1) <= (ap["upper"] as? Double ?? 0))
        // From the stored evaluation: the same rows, and AP50 equal to the full COCO evaluation's.
        let stored = try LoupeProcess.json(["slices", "metrics", "--workspace", workspace, "--dataset", "voc100", "--slice", "crowded",
                                            "--model", "voc-detector", "--run", "baseline", "--bootstrap", "200"])
        #expect(stored["rows"] as? Int == 23)
        let storedSummary = try #require(stored["summary"] as? [[String: Any]])
        let fullAP50 = try #require(summary.first { $0["name"] as? String == "AP50" }?["value"] as? Double)
        let storedAP50 = try #require(storedSummary.first { $0["name"] as? String == "AP50" })
        #expect(abs((storedAP50["value"] as? Double ?? -1) - fullAP50) < 1e-12, "stored AP50 \(storedAP50) vs full \(fullAP50)")
        #expect(storedAP50["support"] as? Int == 136)
        #expect((storedAP50["lower"] as? Double ?? 1) < fullAP50 && fullAP50 < (storedAP50["upper"] as? Double ?? 0))
        let fullClasses = try #require(full["per_class"] as? [[String: Any]])
        let storedClasses = try #require(stored["per_class"] as? [[String: Any]])
        for (fullClass, storedClass) in zip(fullClasses, storedClasses) {
            func value(_ entry: [String: Any], _ name: String) -> Double? {
                (entry["metrics"] as? [[String: Any]])?.first { $0["name"] as? String == name }?["value"] as? Double
            }
            #expect(fullClass["class_name"] as? String == storedClass["class_name"] as? String)
            if let expected = value(fullClass, "AP50") {
                #expect(abs((value(storedClass, "AP50") ?? -1) - expected) < 1e-12, "\(fullClass["class_name"] ?? "")")
            }
        }
        let missing = try LoupeProcess.run(["slices", "metrics", "--workspace", workspace, "--dataset", "voc100", "--slice", "crowded",
                                            "--model", "voc-detector", "--run", "baseline", "--key", "nightly"])
        #expect(missing.status != 0 && missing.stderr.contains("no evaluation 'nightly'"))
        #expect(try LoupeProcess.run(["slices", "delete", "--workspace", workspace, "--dataset", "voc100", "--slice", "crowded"]).status == 0)
    }
}
