import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite
import Testing

/// `loupe issues --save`: a stored report that the filter language reads as `issue("KIND")`.
@Suite("loupe issues --save")
struct StoredIssuesCommandTests {
    static func keys(_ workspace: String, dataset: String, filter: String, sort: String? = nil) throws -> [String] {
        var arguments = ["query", "--workspace", workspace, "--dataset", dataset, "--filter", filter, "--limit", "1000"]
        if let sort { arguments += ["--sort", sort] }
        let report = try LoupeProcess.json(arguments)
        return try #require(report["rows"] as? [[String: Any]]).compactMap { $0["key"] as? String }
    }

    @Test("label_error saved: issue(\"label_error\").flagged selects exactly the flagged rows, issue(...) < x the low scores, and the sort is the report's order")
    func labelErrorsFilter() async throws {
        let folder = try TemporaryFolder()
        let workspace = try ClustersCommandTests.workspace(in: folder)
        let printed = try LoupeProcess.json(["issues", "--workspace", workspace, "--dataset", "pets", "--kind", "label_error",
                                             "--run", "clf/v1", "--limit", "1000", "--save"])
        let rows = try #require(printed["rows"] as? [[String: Any]])
        let flagged = Set(rows.filter { $0["flagged"] as? Bool == true }.compactMap { $0["key"] as? String })
        #expect(flagged.count == 20)
        #expect(Set(try Self.keys(workspace, dataset: "pets", filter: #"issue("label_error").flagged = true"#)) == flagged)
        #expect(Set(try Self.keys(workspace, dataset: "pets", filter: #"not issue("label_error").flagged = true"#)).isDisjoint(with: flagged))
        let low = Set(rows.filter { ($0["score"] as? Double ?? 1) < 0.5 }.compactMap { $0["key"] as? String })
        #expect(Set(try Self.keys(workspace, dataset: "pets", filter: #"issue("label_error") < 0.5"#)) == low)
        // The sort by score ascending lists the report's scores in order (ties by row id, not key).
        let sorted = try Self.keys(workspace, dataset: "pets", filter: #"issue("label_error") < 1.01"#, sort: #"issue("label_error")"#)
        let score = Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as! String, $0["score"] as! Double) })
        #expect(sorted.count == 80)
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { score[$0]! <= score[$1]! })

        // The store holds one report per kind with the parameters and source.
        let store = try SQLiteStore(path: workspace)
        let dataset = try #require(try await store.dataset(named: "pets"))
        let summaries = try await store.dataIssueSummaries(datasetID: dataset.id)
        #expect(summaries.map(\.kind) == [.labelError])
        #expect(summaries.first?.source == "run clf/v1" && summaries.first?.flaggedCount == 20 && summaries.first?.rowCount == 80)
        let stored = try #require(try await store.dataIssueRows(datasetID: dataset.id, kind: .labelError, flaggedOnly: true, offset: 0, limit: 5))
        #expect(stored.rows.count == 5 && stored.rows.allSatisfy { $0.flagged && $0.reason != nil })
        #expect(stored.rows.map(\.key) == rows.filter { $0["flagged"] as? Bool == true }.prefix(5).map { $0["key"] as! String },
                "worst first, ties by key, as the command prints")

        // Deleting the run deletes the scores computed from its predictions.
        #expect(try LoupeProcess.run(["runs", "delete", "--workspace", workspace, "--model", "clf", "--run", "v1"]).status == 0)
        #expect(try await store.dataIssueSummaries(datasetID: dataset.id).isEmpty)
    }

    @Test("a filter naming a report the dataset has not stored is an error that says how to compute it; a misspelt kind lists the kinds")
    func missingReport() throws {
        let folder = try TemporaryFolder()
        let workspace = try ClustersCommandTests.workspace(in: folder)
        let missing = try LoupeProcess.run(["query", "--workspace", workspace, "--dataset", "pets", "--filter", #"issue("outlier_lof") < 0.5"#])
        #expect(missing.status != 0 && missing.stderr.contains("no stored 'outlier_lof' report") && missing.stderr.contains("--save"),
                "\(missing.stderr)")
        let misspelt = try LoupeProcess.run(["query", "--workspace", workspace, "--dataset", "pets", "--filter", #"issue("outliers") < 0.5"#])
        #expect(misspelt.status != 0 && misspelt.stderr.contains("no data-issue kind 'outliers'") && misspelt.stderr.contains("outlier_lof"),
                "\(misspelt.stderr)")
        let member = try LoupeProcess.run(["query", "--workspace", workspace, "--dataset", "pets", "--filter", #"issue("label_error").score < 0.5"#])
        #expect(member.status != 0 && member.stderr.contains("expected flagged"), "\(member.stderr)")
    }

    @Test("saving again replaces the report of that kind, with its parameters and source")
    func replaceAndCascade() async throws {
        let folder = try TemporaryFolder()
        let (workspace, _) = try SimilarCommandTests.workspace(in: folder)
        for k in ["5", "3"] {
            #expect(try LoupeProcess.run(["issues", "--workspace", workspace, "--dataset", "sts", "--space", "minilm",
                                          "--kind", "outlier_knn", "--k", k, "--save"]).status == 0)
        }
        let store = try SQLiteStore(path: workspace)
        let dataset = try #require(try await store.dataset(named: "sts"))
        let summaries = try await store.dataIssueSummaries(datasetID: dataset.id)
        #expect(summaries.count == 1 && summaries.first?.parametersJSON == #"{"k":3,"metric":"cosine"}"#)
        #expect(summaries.first?.source == "space minilm")
        let scores = try #require(try await store.dataIssueScores(datasetID: dataset.id, kind: .outlierKNN))
        #expect(scores.count == 21)
    }
}
