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
}
