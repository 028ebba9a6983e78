import Foundation
import LoupeCore

/// A JSON value written the way Python's `json` reads it back exactly: integers without a
/// fraction, doubles in Swift's shortest round-trip form.
indirect enum OracleJSON {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case array([OracleJSON])
    case object([(String, OracleJSON)])

    /// A number that is written as an integer when `integral` and the value is whole.
    static func number(_ value: Double, integral: Bool) -> OracleJSON {
        integral && value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
    }

    func write(into text: inout String) {
        switch self {
        case .int(let value): text += String(value)
        case .double(let value): text += value.description
        case .bool(let value): text += value ? "true" : "false"
        case .string(let value):
            text += "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                default: text.unicodeScalars.append(scalar)
                }
            }
            text += "\""
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { text += "," }
                OracleJSON.string(key).write(into: &text)
                text += ":"
                value.write(into: &text)
            }
            text += "}"
        }
    }
}

/// Runs a Python oracle from `tests/oracles/` with `$LOUPE_PYTHON` on a JSON file.
enum PythonOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The package root, found from this file (Tests/LoupeCoreTests/X.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Writes `input` to a temporary file, runs `script` on it and returns its standard output.
    /// Fails with a clear message when `LOUPE_PYTHON` is unset or the script fails.
    static func run(script: String, input: String) throws -> Data {
        guard let python = ProcessInfo.processInfo.environment["LOUPE_PYTHON"], !python.isEmpty else {
            throw Failure(description: "LOUPE_PYTHON is not set: this test compares with pycocotools through "
                + "tests/oracles/\(script). Set LOUPE_PYTHON to a Python with pycocotools 2.0.11 (scripts/test does).")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-oracle-\(UUID().uuidString).json")
        try Data(input.utf8).write(to: file)
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
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(description: "tests/oracles/\(script) failed (status \(process.terminationStatus)): \(message)")
        }
        return data
    }
}
