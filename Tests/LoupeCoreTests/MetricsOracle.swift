import Foundation
import LoupeCore

/// Runs `tests/oracles/sklearn_metrics_oracle.py` (scikit-learn 1.9.1 and NumPy) on a batch of
/// cases and decodes its answers. Python is `$LOUPE_PYTHON`; without it the calling test fails
/// with instructions (it never passes silently).
enum MetricsOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The package root, from this file: Tests/LoupeCoreTests/MetricsOracle.swift → root.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data` beside the checkout.
    static let sharedData = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// One answer per case, in order. Keys are snake_case on the wire (`trueLabels` ↔ `true_labels`).
    static func run<Case: Encodable, Answer: Decodable>(_ cases: [Case], as _: Answer.Type = Answer.self) throws -> [Answer] {
        guard let python = ProcessInfo.processInfo.environment["LOUPE_PYTHON"], !python.isEmpty else {
            throw Failure(description: "this test compares against scikit-learn: set LOUPE_PYTHON to a Python with "
                + "tests/requirements.txt installed (scripts/test does), e.g. LOUPE_PYTHON=.venv/bin/python")
        }
        let folder = FileManager.default.temporaryDirectory
        let input = folder.appendingPathComponent("loupe-oracle-\(UUID().uuidString).json")
        let errors = folder.appendingPathComponent("loupe-oracle-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: errors)
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(Batch(cases: cases)).write(to: input)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [packageRoot.appendingPathComponent("tests/oracles/sklearn_metrics_oracle.py").path, input.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start \(python) (LOUPE_PYTHON): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw Failure(description: "the oracle failed (status \(process.terminationStatus)); is scikit-learn installed "
                + "in LOUPE_PYTHON (pip install -r tests/requirements.txt)?\n\(message)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Answer].self, from: data)
    }

    private struct Batch<C: Encodable>: Encodable {
        var cases: [C]
    }

    /// `|a - b| <= tolerance · max(1, |b|)`.
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// Both `nil`, or both present and close.
    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-12) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): close(a, b, tolerance)
        default: false
        }
    }
}
