import Foundation
import Testing

/// A detection evaluation's exact precision, recall and F1 at a score threshold.
@Suite("operating points")
struct OperatingPointEndpointTests {
    @Test("at each class's best-F1 threshold the counts give the stored best F1; counts only fall as the threshold rises")
    func matchesStoredBestF1() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            // JSONDecoder, not JSONSerialization: Foundation's JSONSerialization on Linux can miss a
            // double's last bit, and the thresholds must be the stored scores exactly.
            struct Stored: Decodable {
                struct Entry: Decodable { var class_name: String; var metrics: [Metric] }
                struct Metric: Decodable { var name: String; var value: Double? }
                var per_class: [Entry]
            }
            let perClass = try JSONDecoder().decode(Stored.self, from: try await client.send("/api/v1/runs/baseline/evaluations/default").body).per_class
            func metric(_ entry: Stored.Entry, _ name: String) -> Double? { entry.metrics.first { $0.name == name }?.value }
            var checked = 0
            for entry in perClass {
                let name = entry.class_name
                guard let best = metric(entry, "best_f1"), let threshold = metric(entry, "best_f1_threshold") else { continue }
                let point = try await client.send("/api/v1/runs/baseline/evaluations/default/operating-point?threshold=\(threshold)").json
                let classes = try #require(point["classes"] as? [[String: Any]])
                let counts = try #require(classes.first { $0["class"] as? String == name }, "class \(name)")
                #expect(abs((counts["f1"] as? Double ?? -1) - best) < 1e-12, "class \(name) at \(threshold): \(counts) vs best \(best) tp \(metric(entry, "tp") ?? -1) fp \(metric(entry, "fp") ?? -1) fn \(metric(entry, "fn") ?? -1)")
                checked += 1
            }
            #expect(checked >= 15)
            var previous: (tp: Int, fp: Int, truths: Int)?
            for threshold in stride(from: 0.0, through: 1.0, by: 0.1) {
                let all = try #require(try await client.send("/api/v1/runs/baseline/evaluations/default/operating-point?threshold=\(threshold)")
                    .json["all"] as? [String: Any])
                let tp = try #require(all["true_positives"] as? Int), fp = try #require(all["false_positives"] as? Int)
                let truths = tp + (try #require(all["false_negatives"] as? Int))
                if let previous {
                    #expect(tp <= previous.tp && fp <= previous.fp, "at \(threshold)")
                    #expect(truths == previous.truths, "the ground truths do not depend on the threshold")
                }
                previous = (tp, fp, truths)
            }
            #expect(previous.map { $0.truths > 0 } == true)
        }
    }

    @Test("refusals: no threshold, one out of range or not a number, an unknown evaluation")
    func refusals() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let base = "/api/v1/runs/baseline/evaluations/default/operating-point"
            let missing = try await client.send(base)
            #expect(try missing.status == .badRequest && missing.error["field"] as? String == "threshold")
            #expect(try await client.send(base + "?threshold=1.5").status == .badRequest)
            #expect(try await client.send(base + "?threshold=nan").status == .badRequest)
            #expect(try await client.send("/api/v1/runs/baseline/evaluations/nope/operating-point?threshold=0.5").status == .notFound)
        }
    }
}
