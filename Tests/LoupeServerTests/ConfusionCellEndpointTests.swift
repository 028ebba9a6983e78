import Foundation
import LoupeCatalog
import Testing

/// The rows behind the cells of a stored evaluation's confusion matrix.
@Suite("confusion-matrix cells")
struct ConfusionCellEndpointTests {
    @Test("every non-empty cell of voc100's matrix lists rows whose counts add up to the matrix's number")
    func everyCell() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let evaluation = try await client.send("/api/v1/runs/baseline/evaluations/default").json
            let matrix = try #require((evaluation["details"] as? [String: Any])?["confusion_matrix"] as? [String: Any])
            let classes = try #require(matrix["classes"] as? [String])
            let counts = try #require(matrix["counts"] as? [[Int]])
            #expect(classes.last == "none" && classes.count == 21)
            var cells = 0
            for (g, actual) in classes.enumerated() {
                for (p, predicted) in classes.enumerated() where counts[g][p] > 0 {
                    cells += 1
                    var keys: [String] = []
                    var total = 0
                    var cursor: String?
                    var reported = -1
                    repeat {
                        let page = try await client.send("/api/v1/runs/baseline/evaluations/default/confusion?actual=\(actual)&predicted=\(predicted)&limit=7"
                                                         + (cursor.map { "&cursor=\($0)" } ?? "")).json
                        reported = page["count"] as? Int ?? -1
                        let rows = try #require(page["rows"] as? [[String: Any]])
                        keys += rows.map { $0["key"] as! String }
                        total += rows.reduce(0) { $0 + ($1["count"] as! Int) }
                        #expect(page["row_count"] as? Int ?? 0 >= rows.count)
                        cursor = page["next_cursor"] as? String
                    } while cursor != nil
                    #expect(total == counts[g][p] && reported == counts[g][p], "cell (\(actual), \(predicted))")
                    #expect(Set(keys).count == keys.count, "each row once")
                }
            }
            #expect(cells > 20)
            // A diagonal cell holds rows that have such a match: person on a person image.
            let person = try await client.send("/api/v1/runs/baseline/evaluations/default/confusion?actual=person&predicted=person").json
            #expect((person["rows"] as? [[String: Any]])?.first?["key"] as? String == "2007_000027.jpg")
            #expect((person["rows"] as? [[String: Any]])?.allSatisfy { $0["kind"] as? String == "image" && $0["text"] == nil } == true)
        }
    }

    @Test("bad cells: missing or unknown classes, the (none, none) cell, an unknown evaluation")
    func refusals() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let base = "/api/v1/runs/baseline/evaluations/default/confusion"
            let missing = try await client.send(base + "?actual=person")
            #expect(try missing.status == .badRequest && missing.error["field"] as? String == "predicted")
            let unknown = try await client.send(base + "?actual=unicorn&predicted=person")
            #expect(try unknown.status == .badRequest && (unknown.error["message"] as? String) == "dataset 'voc100' has no class 'unicorn'")
            #expect(try await client.send(base + "?actual=none&predicted=none").status == .badRequest)
            #expect(try await client.send("/api/v1/runs/baseline/evaluations/nope/confusion?actual=person&predicted=none").status == .notFound)
        }
    }

    @Test("a classification evaluation stores one cell per row: text rows come with their text")
    func classification() async throws {
        let workspace = try ServerWorkspace()
        // Six texts, labelled; the model reads three of them wrong.
        let labels = ["ham", "spam", "ham", "spam", "ham", "ham"], predicted = ["ham", "ham", "spam", "spam", "ham", "spam"]
        var rows = ""
        var predictions = ""
        for index in labels.indices {
            rows += #"{"key": "m\#(index)", "label": "\#(labels[index])", "text": "message \#(index) <b>bold</b>"}"# + "\n"
            let spam = predicted[index] == "spam" ? 0.8 : 0.3
            predictions += #"{"key": "m\#(index)", "probabilities": {"ham": \#(1 - spam), "spam": \#(spam)}}"# + "\n"
        }
        _ = try await workspace.store.apply(try JSONLImporter().parse(Data(rows.utf8), file: "rows.jsonl"), toDataset: "sms", options: ImportOptions())
        _ = try await workspace.store.apply(try JSONLImporter(mode: .predictions).parse(Data(predictions.utf8), file: "p.jsonl"),
                                            toDataset: "sms", options: ImportOptions(modelName: "nb", modelTask: .classification, runName: "v1"))
        let model = try #require(try await workspace.store.models().first)
        let run = try #require(try await workspace.store.runs(modelID: model.id).first)
        _ = try await RunEvaluator(store: workspace.store).evaluate(model: model, run: run, dataset: "sms",
                                                                    options: RunEvaluationOptions(resamples: 0), replace: false)
        try await withServer(workspace) { client in
            for (actual, predictedClass, keys) in [("ham", "spam", ["m2", "m5"]), ("spam", "ham", ["m1"]), ("ham", "ham", ["m0", "m4"])] {
                let page = try await client.send("/api/v1/runs/v1/evaluations/default/confusion?actual=\(actual)&predicted=\(predictedClass)").json
                let found = try #require(page["rows"] as? [[String: Any]])
                #expect(found.map { $0["key"] as? String } == keys.map(Optional.some), "\(actual) → \(predictedClass)")
                #expect(found.allSatisfy { $0["kind"] as? String == "text" && $0["count"] as? Int == 1 })
                #expect(page["count"] as? Int == keys.count)
            }
            let one = try await client.send("/api/v1/runs/v1/evaluations/default/confusion?actual=spam&predicted=ham").json
            #expect((one["rows"] as? [[String: Any]])?.first?["text"] as? String == "message 1 <b>bold</b>")
        }
    }
}
