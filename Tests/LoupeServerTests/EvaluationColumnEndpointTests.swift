import Foundation
import HummingbirdTesting
import LoupeCatalog
import Testing

/// One per-row metric of an evaluation, columnar: the same values as the paged per-row results.
@Suite("evaluation columns")
struct EvaluationColumnEndpointTests {
    @Test("errors, fp and iou of voc100's baseline equal the per-row results; a classification-only metric is null; bad metrics are refused")
    func columns() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        try await withServer(workspace) { client in
            var results: [String: [String: Any]] = [:]
            var cursor: String?
            repeat {
                let page = try await client.send("/api/v1/runs/baseline/evaluations/default/rows?limit=1000" + (cursor.map { "&cursor=\($0)" } ?? "")).json
                for row in try #require(page["rows"] as? [[String: Any]]) { results[row["key"] as! String] = row }
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            #expect(results.count == 100)
            for metric in ["errors", "fp", "iou", "correct"] {
                let column = try await client.send("/api/v1/runs/baseline/evaluations/default/column?metric=\(metric)").json
                let keys = try #require(column["keys"] as? [String])
                let values = try #require(column["values"] as? [Any])
                #expect(column["dataset"] as? String == "voc100" && Set(keys) == Set(results.keys) && values.count == keys.count)
                for (key, value) in zip(keys, values) {
                    let row = results[key]!
                    let expected: Double? = switch metric {
                    case "errors": Double((row["fp"] as! Int) + (row["fn"] as! Int))
                    case "fp": Double(row["fp"] as! Int)
                    case "iou": row["iou"] as? Double
                    default: nil
                    }
                    if let expected {
                        #expect(abs((value as? Double ?? .nan) - expected) < 1e-12, "\(metric) \(key)")
                    } else {
                        #expect(value is NSNull, "\(metric) \(key): \(value)")
                    }
                }
            }
            #expect(try await client.send("/api/v1/runs/baseline/evaluations/default/column").status == .badRequest)
            #expect(try await client.send("/api/v1/runs/baseline/evaluations/default/column?metric=recall").status == .badRequest)
            #expect(try await client.send("/api/v1/runs/baseline/evaluations/nope/column?metric=fp").status == .notFound)
        }
    }
}
