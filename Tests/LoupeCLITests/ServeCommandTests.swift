import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoupeSQLite
import Testing

/// `loupe serve` as a process: it binds, answers, and stops cleanly on SIGTERM; schemathesis
/// exercises every documented operation against it.
@Suite("loupe serve", .serialized)
struct ServeCommandTests {
    /// A running `loupe serve` and the port it bound.
    final class Server {
        let process: Process
        let port: Int
        let stderr: Pipe

        init(workspace: String, host: String = "127.0.0.1", logLevel: String = "warning") throws {
            let (process, out, err) = try LoupeProcess.start(["serve", "--workspace", workspace, "--host", host, "--port", "0",
                                                              "--log-level", logLevel])
            self.process = process
            stderr = err
            // The first line names the address; --port 0 lets the system pick a free port.
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while !text.contains("\n"), Date() < deadline, process.isRunning {
                text += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            }
            guard let range = text.range(of: #"http://[0-9.]+:(\d+)/api/v1"#, options: .regularExpression),
                  let port = Int(text[range].split(separator: ":").last?.split(separator: "/").first ?? "") else {
                process.terminate()
                throw LoupeProcess.Failure(message: "loupe serve did not report its address: \(text)")
            }
            self.port = port
        }

        var base: String { "http://127.0.0.1:\(port)/api/v1" }

        /// Sends SIGTERM and waits for the exit status (at most 20 s).
        func stop() -> Int32? {
            process.terminate()
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return process.isRunning ? nil : process.terminationStatus
        }
    }

    /// A workspace with voc100 (evaluated) and coco128, built with the CLI.
    static func workspace(in folder: TemporaryFolder) throws -> String {
        let workspace = folder.path("serve.sqlite")
        #expect(try LoupeProcess.run(["demo", "--workspace", workspace]).status == 0)
        let coco = LoupeProcess.sharedData.appendingPathComponent("coco128")
        #expect(try LoupeProcess.run(["import", "coco", "--workspace", workspace, "--dataset", "coco128",
                                      "--annotations", coco.appendingPathComponent("annotations/instances_train2017.json").path,
                                      "--images", coco.appendingPathComponent("train2017").path]).status == 0)
        #expect(try LoupeProcess.run(["runs", "eval", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector",
                                      "--run", "baseline", "--bootstrap", "0"]).status == 0)
        return workspace
    }

    @Test("serve binds a free port, answers, logs each request with the id it sends, and exits 0 on SIGTERM")
    func serves() async throws {
        let folder = try TemporaryFolder()
        let server = try Server(workspace: try Self.workspace(in: folder), logLevel: "info")
        let (data, response) = try await URLSession.shared.data(from: URL(string: "\(server.base)/datasets")!)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        let requestID = try #require(http.value(forHTTPHeaderField: "X-Request-Id"))
        #expect(requestID.count == 16)
        let body = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((body["datasets"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["coco128", "voc100"])
        let (image, imageResponse) = try await URLSession.shared.data(from: URL(string: "\(server.base)/datasets/coco128/assets/000000000009.jpg")!)
        #expect((imageResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "image/jpeg")
        #expect(image == (try Data(contentsOf: LoupeProcess.sharedData.appendingPathComponent("coco128/train2017/000000000009.jpg"))))
        #expect(server.stop() == 0)
        let log = String(decoding: server.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let line = log.split(separator: "\n").first { $0.contains("request_id=\(requestID)") }
        #expect(line?.contains("GET /api/v1/datasets 200") == true, "\(log)")
    }

    /// Sends GET `url` with an optional bearer token; returns the status.
    static func status(_ url: String, token: String? = nil) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (_, response) = try await URLSession.shared.data(for: request)
        return try #require(response as? HTTPURLResponse).statusCode
    }

    /// Creates a token with `loupe tokens create --json` and returns its secret.
    static func createToken(_ workspace: String, name: String, role: String) throws -> String {
        let created = try LoupeProcess.json(["tokens", "create", "--workspace", workspace, "--name", name, "--role", role])
        return try #require(created["token"] as? String)
    }

    @Test("serve refuses a non-loopback address while the workspace has no token, and serves it (tokens only) with one")
    func nonLoopbackNeedsToken() async throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("empty.sqlite")
        #expect(try LoupeProcess.run(["serve", "--workspace", workspace, "--host", "0.0.0.0"]).status == 1)  // no workspace yet
        _ = try SQLiteStore(path: workspace)
        let refused = try LoupeProcess.run(["serve", "--workspace", workspace, "--host", "0.0.0.0", "--port", "0"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("cannot listen on 0.0.0.0: a non-loopback address needs at least one API token, and the workspace has none"),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("loupe tokens create --name NAME --role admin"))
        #expect(try LoupeProcess.run(["serve", "--workspace", workspace, "--port", "70000"]).status == 64)

        let secret = try Self.createToken(workspace, name: "ci", role: "viewer")
        let server = try Server(workspace: workspace, host: "0.0.0.0")
        #expect(try await Self.status("\(server.base)/datasets") == 401)
        #expect(try await Self.status("\(server.base)/datasets", token: secret) == 200)
        #expect(try await Self.status("\(server.base)/openapi.json") == 200)
        // A revoked token is refused by the running server from its next request.
        #expect(try LoupeProcess.run(["tokens", "revoke", "--workspace", workspace, "--name", "ci"]).status == 0)
        #expect(try await Self.status("\(server.base)/datasets", token: secret) == 401)
        #expect(try await Self.status("\(server.base)/datasets") == 401)
        #expect(server.stop() == 0)
        // With its only token revoked, the workspace can no longer be served off loopback.
        #expect(try LoupeProcess.run(["serve", "--workspace", workspace, "--host", "0.0.0.0", "--port", "0"]).status == 64)
    }

    @Test("schemathesis finds no server error and no response outside the OpenAPI document (runs when LOUPE_PYTHON is set)",
          .enabled(if: ProcessInfo.processInfo.environment["LOUPE_PYTHON"] != nil))
    func schemathesis() throws {
        let python = URL(fileURLWithPath: ProcessInfo.processInfo.environment["LOUPE_PYTHON"]!)
        let schemathesis = python.deletingLastPathComponent().appendingPathComponent("schemathesis")
        try #require(FileManager.default.isExecutableFile(atPath: schemathesis.path),
                     "schemathesis is not installed beside LOUPE_PYTHON (pip install -r tests/requirements.txt)")
        let folder = try TemporaryFolder()
        let workspace = try Self.workspace(in: folder)
        // With a token the server checks every request: schemathesis sends this admin token, and
        // its ignored_auth check probes each operation without it and with a wrong one (401 expected).
        let token = try Self.createToken(workspace, name: "schemathesis", role: "admin")
        let server = try Server(workspace: workspace)
        defer { _ = server.stop() }
        // Real names for about two thirds of the path and query values, so that most requests reach
        // the handlers instead of stopping at 404.
        let config = try folder.write("schemathesis.toml", """
            [dictionaries.datasets]
            values = ["voc100", "coco128"]
            [dictionaries.keys]
            values = ["2007_000027.jpg", "000000000009.jpg", "default"]
            [dictionaries.runs]
            values = ["baseline", "voc-detector/baseline"]
            [dictionaries.models]
            values = ["voc-detector"]
            [dictionaries.slices]
            values = ["crowded"]
            [dictionaries.filters]
            values = ["gt.count >= 2", "run(\\"baseline\\").fp >= 1", "gt.class = \\"person\\" and width > 300", "gt.count("]
            [dictionaries.sorts]
            values = ["-gt.count, key", "run(\\"baseline\\").fp desc"]
            [parameters]
            "path.dataset" = { dictionary = "datasets", probability = 0.7 }
            "path.key" = { dictionary = "keys", probability = 0.6 }
            "path.run" = { dictionary = "runs", probability = 0.7 }
            "path.model" = { dictionary = "models", probability = 0.7 }
            "path.name" = { dictionary = "slices", probability = 0.5 }
            "path.row_key" = { dictionary = "keys", probability = 0.6 }
            "query.run" = { dictionary = "runs", probability = 0.7 }
            "query.model" = { dictionary = "models", probability = 0.7 }
            "query.filter" = { dictionary = "filters", probability = 0.5 }
            "query.sort" = { dictionary = "sorts", probability = 0.5 }
            """)
        let process = Process()
        process.executableURL = schemathesis
        // One worker: hypothesis's lambda introspection is not thread-safe on Python 3.11 and fails at
        // random with several. positive_data_acceptance is left out: a filter, sort or cursor that
        // fits the schema's "string" is not thereby a valid one, and no JSON Schema can say which are.
        // deleteDataset is left to the in-process tests: fuzzed early, it would delete voc100 and
        // leave every later operation a 404.
        process.arguments = ["--config-file", config, "run", "\(server.base)/openapi.json", "--header", "Authorization: Bearer \(token)",
                             "--checks", "all",
                             "--exclude-checks", "positive_data_acceptance", "--exclude-operation-id", "deleteDataset",
                             "--max-examples", "30", "--workers", "1",
                             "--seed", "1", "--no-color"]
        process.currentDirectoryURL = folder.url
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text.suffix(6000))")
        #expect(text.contains("passed") && !text.contains("failed"), "\(text.suffix(3000))")
    }
}
