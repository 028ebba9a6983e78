import Foundation
import LoupeCore
import Testing

@Suite("loupe importance")
struct ImportanceCommandTests {
    @Test("a planted effect: a classifier that fails at night ranks meta.night first, a noise field last")
    func plantedEffect() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        var generator = SplitMix64(seed: 3)
        var labels: [String] = [], predictions: [String] = []
        for index in 0..<200 {
            let night = index % 2 == 0
            let label = index % 3 == 0 ? "cat" : "dog"
            let noise = generator.nextUnitInterval()
            labels.append(#"{"key": "r\#(index)", "label": "\#(label)", "metadata": {"night": \#(night), "noise": \#(noise)}}"#)
            // Wrong at night 60% of the time, in daylight 10%.
            let wrong = generator.nextUnitInterval() < (night ? 0.6 : 0.1)
            let predicted = wrong ? (label == "cat" ? "dog" : "cat") : label
            predictions.append(#"{"key": "r\#(index)", "label": "\#(predicted)", "score": 0.8}"#)
        }
        let labelFile = try folder.write("labels.jsonl", labels.joined(separator: "\n") + "\n")
        let predictionFile = try folder.write("predictions.jsonl", predictions.joined(separator: "\n") + "\n")
        #expect(try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "d", labelFile]).status == 0)
        #expect(try LoupeProcess.run(["runs", "predictions", "--workspace", workspace, "--dataset", "d", "--run", "r", "--model", "m",
                                      "--format", "jsonl", "--bootstrap", "0", predictionFile]).status == 0)
        let result = try LoupeProcess.run(["importance", "--workspace", workspace, "--dataset", "d", "--model", "m", "--run", "r",
                                           "--bootstrap", "100", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let ranked = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(ranked.first?["name"] as? String == "meta.night")
        let noise = try #require(ranked.firstIndex { $0["name"] as? String == "meta.noise" })
        #expect((ranked[0]["strength"] as? Double ?? 0) > 0.3 && (ranked[noise]["strength"] as? Double ?? 1) < 0.2)
    }
}
