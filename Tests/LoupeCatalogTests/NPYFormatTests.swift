import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog

/// The package root, found from this file: Tests/LoupeCatalogTests/X.swift.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let minilmJSON = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/minilm-reference/minilm_reference.json")

/// Why the NumPy fixtures could not be made.
private struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

/// The `.npy` files that `tests/oracles/make_npy_fixtures.py` writes with NumPy, by name, made once
/// per test process (in a temporary folder, removed once read). Python is `$LOUPE_PYTHON`, else
/// the package's `.venv`, else `python3`. Without Python and NumPy the tests that need them fail
/// (they never pass silently).
private let numpyFixtures: Result<[String: Data], FixtureError> = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-npy-\(UUID().uuidString)")
    let environment = ProcessInfo.processInfo.environment
    let venv = packageRoot.appendingPathComponent(".venv/bin/python").path
    let process = Process()
    if let python = environment["LOUPE_PYTHON"], !python.isEmpty {
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = []
    } else if FileManager.default.isExecutableFile(atPath: venv) {
        process.executableURL = URL(fileURLWithPath: venv)
        process.arguments = []
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"]
    }
    process.arguments! += [packageRoot.appendingPathComponent("tests/oracles/make_npy_fixtures.py").path, folder.path, minilmJSON.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let help = "NPY tests need Python with NumPy to write reference .npy files: run scripts/test, or "
        + "`python3 -m venv .venv && .venv/bin/pip install numpy`, or set LOUPE_PYTHON"
    do {
        try process.run()
    } catch {
        return .failure(FixtureError(description: "\(help) (cannot start Python: \(error))"))
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    defer { try? FileManager.default.removeItem(at: folder) }
    guard process.terminationStatus == 0, text.hasPrefix("ok") else {
        return .failure(FixtureError(description: "\(help). The script said:\n\(text)"))
    }
    var files: [String: Data] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
        files[name] = try? Data(contentsOf: folder.appendingPathComponent(name))
    }
    return .success(files)
}()

/// A fixture's bytes; fails the test with the reason when the fixtures could not be made.
private func fixture(_ name: String) throws -> Data {
    guard let data = try numpyFixtures.get()[name] else { throw FixtureError(description: "the script wrote no \(name)") }
    return data
}

/// `np.arange(12).reshape(3, 4) / 8 - 0.5`, the values of most fixtures.
private let base = RowMajorMatrix(rows: 3, columns: 4, values: (0..<12).map { Float($0) / 8 - 0.5 })

/// The 21 reference MiniLM vectors (384-d) as float32.
private func minilmMatrix() throws -> RowMajorMatrix {
    struct Reference: Decodable {
        struct Item: Decodable { var embedding: [Double] }
        var items: [Item]
    }
    let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: minilmJSON))
    return RowMajorMatrix(rows: reference.items.count, columns: 384, values: reference.items.flatMap { $0.embedding.map { Float($0) } })
}

private func npyError(_ data: Data, file: String = "v.npy") -> ImportError? {
    do {
        _ = try NPYReader.matrix(from: data, file: file)
        return nil
    } catch {
        return error
    }
}

private func embeddingError(_ vectors: Data, keys: String) -> ImportError? {
    do {
        _ = try EmbeddingImporter(spaceName: "s").parse(vectors: vectors, vectorsFile: "v.npy", keys: Data(keys.utf8), keysFile: "keys.txt")
        return nil
    } catch {
        return error
    }
}

@Suite("NumPy .npy embeddings")
struct NPYFormatTests {
    @Test("NPYWriter writes what np.save writes, byte for byte")
    func writerMatchesNumPy() throws {
        #expect(NPYWriter.data(for: base) == (try fixture("f4.npy")))
        let minilm = try minilmMatrix()
        #expect(minilm.rows == 21)
        #expect(NPYWriter.data(for: minilm) == (try fixture("minilm.npy")))
    }

    @Test("reads float32 and float64, both byte orders, format versions 1 to 3")
    func readsNumPyFiles() throws {
        for name in ["f4.npy", "f8.npy", "be_f4.npy", "be_f8.npy", "v2.npy", "v3.npy"] {
            #expect(try NPYReader.matrix(from: fixture(name), file: name) == base, "\(name)")
        }
        let v3 = try NPYHeader(parsing: fixture("v3.npy"), file: "v3.npy")
        #expect(v3.majorVersion == 3 && v3.descr == "<f4" && v3.shape == [3, 4] && !v3.fortranOrder && v3.dataOffset % 64 == 0)
        let tenth = try NPYReader.matrix(from: fixture("tenth_f8.npy"), file: "tenth_f8.npy")
        #expect(Array(tenth.values[0..<3]) == [Float(0.1), Float(0.2), Float(0.3)])
        #expect(tenth.values[3] == .infinity)
        let empty = try NPYReader.matrix(from: fixture("empty.npy"), file: "empty.npy")
        #expect(empty.rows == 0 && empty.columns == 4)
    }

    @Test("refuses Fortran order, 1-D and 3-D arrays and other dtypes, naming the file")
    func refusals() throws {
        func check(_ name: String, _ fragment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let error = npyError(try fixture(name), file: "fixtures/" + name)
            #expect(error?.file == "fixtures/" + name, sourceLocation: sourceLocation)
            #expect(error?.message.contains(fragment) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        try check("fortran.npy", "Fortran (column-major) order")
        try check("one_d.npy", "a 1-D array of 5 values: expected a 2-D array")
        try check("three_d.npy", "shape (2, 3, 2): expected a 2-D array")
        try check("int64.npy", "unsupported dtype '<i8'")
    }

    @Test("refuses truncated, over-long and foreign files")
    func brokenFiles() throws {
        let good = NPYWriter.data(for: base)
        #expect(npyError(good.dropLast(3))?.message.contains("truncated: the header promises 3 × 4 float32 values (48 bytes") == true)
        #expect(npyError(good + Data([0, 0, 0, 0]))?.message.contains("4 bytes after the data") == true)
        #expect(npyError(good.prefix(40))?.message.contains("the .npy header is truncated") == true)
        #expect(npyError(Data("key,label\n".utf8))?.message.contains("not a NumPy .npy file") == true)
        var version = good
        version[6] = 4
        #expect(npyError(version)?.message.contains("unsupported .npy format version 4.0") == true)
        var dict = good
        dict[10] = UInt8(ascii: "(")
        #expect(npyError(dict)?.message.contains("not a valid dict literal") == true)
        #expect(npyError(good) == nil)
        /// A version 1.0 file with `header` and 8 bytes of data.
        func file(_ header: String) -> Data {
            let padded = header + String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
            var data = Data(NPYHeader.magic + [1, 0, UInt8(padded.utf8.count & 0xFF), UInt8(padded.utf8.count >> 8)])
            data.append(contentsOf: Array(padded.utf8))
            data.append(NPYWriter.data(for: RowMajorMatrix(rows: 1, columns: 2, values: [1, 2])).suffix(8))
            return data
        }
        // Python 2 NumPy wrote long integers with an `L`; double-quoted keys are Python too.
        #expect(try NPYReader.matrix(from: file("{'descr': '<f4', 'fortran_order': False, 'shape': (1L, 2L), }"), file: "old.npy")
                == RowMajorMatrix(rows: 1, columns: 2, values: [1, 2]))
        #expect(try NPYReader.matrix(from: file("{\"shape\": (1, 2), \"descr\": \"<f4\", \"fortran_order\": False}"), file: "q.npy")
                == RowMajorMatrix(rows: 1, columns: 2, values: [1, 2]))
        let structured = npyError(file("{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (1,), }"))
        #expect(structured?.message.contains("found a list (a structured array?)") == true)
        #expect(npyError(file("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 0), }"))?.message.contains("at least 1") == true)
    }

    @Test("writer and reader round-trip the MiniLM vectors; they are unit length")
    func roundTrip() throws {
        let minilm = try minilmMatrix()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("minilm-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try NPYWriter.write(minilm, to: url)
        let read = try NPYReader.matrix(contentsOf: url)
        #expect(read == minilm)
        for row in 0..<read.rows {
            let norm = read.row(row).reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
    }

    @Test("embedding import: a key per vector from a text or JSON key list")
    func embeddingImport() throws {
        let vectors = try fixture("minilm.npy")
        let keys = (0..<21).map { "m-\($0)" }
        let importer = EmbeddingImporter(spaceName: "minilm")
        let text = try importer.parse(vectors: vectors, vectorsFile: "v.npy", keys: Data((keys.joined(separator: "\r\n") + "\r\n").utf8),
                                      keysFile: "keys.txt")
        #expect(text.embeddings?.spaceName == "minilm")
        #expect(text.embeddings?.rowKeys == keys)
        #expect(text.embeddings?.vectors == (try minilmMatrix()))
        #expect(text.rows.isEmpty && text.source == "v.npy")
        let json = try importer.parse(vectors: vectors, vectorsFile: "v.npy", keys: try JSONEncoder().encode(keys), keysFile: "keys.json")
        #expect(json.embeddings?.rowKeys == keys)
        #expect(json.embeddings?.vectors == text.embeddings?.vectors)
    }

    @Test("embedding import errors: counts, duplicate and empty keys, non-finite values")
    func embeddingErrors() throws {
        let vectors = NPYWriter.data(for: base)
        let count = embeddingError(vectors, keys: "a\nb\n")
        #expect(count?.file == "v.npy")
        #expect(count?.message == "v.npy holds 3 vectors but keys.txt lists 2 keys; they must match one to one")
        let duplicate = embeddingError(vectors, keys: "a\nb\na\n")
        #expect(duplicate?.file == "keys.txt" && duplicate?.location == .line(3))
        #expect(duplicate?.message == "duplicate key 'a': already at line 1")
        let blank = embeddingError(vectors, keys: "a\n\nb\n")
        #expect(blank?.location == .line(2) && blank?.message == "an empty key")
        let jsonDuplicate = embeddingError(vectors, keys: "[\"a\", \"b\", \"a\"]")
        #expect(jsonDuplicate?.location == .jsonPath("$[2]") && jsonDuplicate?.message.contains("already at $[0]") == true)
        let jsonType = embeddingError(vectors, keys: "[\"a\", 2, \"c\"]")
        #expect(jsonType?.file == "keys.txt" && jsonType?.location == .jsonPath("$[1]"))
        let nan = embeddingError(try fixture("nan.npy"), keys: "a\nb\nc")
        #expect(nan?.file == "v.npy")
        #expect(nan?.message == "row 2 (0-based; key 'c') holds a non-finite value at column 1: nan")
        let huge = embeddingError(try fixture("tenth_f8.npy"), keys: "a\nb")
        #expect(huge?.message.contains("row 1 (0-based; key 'b') holds a non-finite value at column 1: inf") == true)
        #expect(embeddingError(vectors, keys: "a\nb\nc") == nil)
    }
}
