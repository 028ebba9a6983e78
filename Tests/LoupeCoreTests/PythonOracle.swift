import Foundation

/// Runs a Python oracle from `tests/oracles/` with `$LOUPE_PYTHON` on a JSON file: the one way
/// the tests of this target reach pycocotools, scikit-learn and numpy.
enum PythonOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The package root, found from this file (Tests/LoupeCoreTests/X.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data` beside the checkout.
    static let sharedData = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// Writes `input` to a temporary file, runs `script` on it and returns its standard output.
    /// Fails with a clear message when `LOUPE_PYTHON` is unset (naming `reference`, what the test
    /// compares with) or the script fails.
    static func run(script: String, input: String, reference: String = "pycocotools 2.0.11") throws -> Data {
        try run(script: script, input: Data(input.utf8), reference: reference)
    }

    /// `run(script:input:reference:)` for bytes already encoded.
    static func run(script: String, input: Data, reference: String) throws -> Data {
        guard let python = ProcessInfo.processInfo.environment["LOUPE_PYTHON"], !python.isEmpty else {
            throw Failure(description: "LOUPE_PYTHON is not set: this test compares with \(reference) through "
                + "tests/oracles/\(script). Set LOUPE_PYTHON to a Python with tests/requirements.txt installed "
                + "(scripts/test does), e.g. LOUPE_PYTHON=$PWD/.venv/bin/python.")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-oracle-\(UUID().uuidString).json")
        try input.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let errorFile = file.appendingPathExtension("stderr")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [packageRoot.appendingPathComponent("tests/oracles/\(script)").path, file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start \(python) (LOUPE_PYTHON): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(description: "tests/oracles/\(script) failed (status \(process.terminationStatus)); is \(reference) "
                + "installed in LOUPE_PYTHON (pip install -r tests/requirements.txt)?\n\(message)")
        }
        return data
    }
}
