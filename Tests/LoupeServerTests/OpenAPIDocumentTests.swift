import Foundation
import HTTPTypes
import Hummingbird
import LoupeServer
import Testing

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// The served document.
    static func served() async throws -> [String: Any] {
        let workspace = try ServerWorkspace()
        let reply = try await withServer(workspace) { client in try await client.send("/api/v1/openapi.json") }
        #expect(reply.status == .ok)
        #expect(reply.headers[.contentType] == "application/json; charset=utf-8")
        return try reply.json
    }

    @Test("every route of the router is in the document, and every documented operation is routed")
    func routesMatch() async throws {
        let workspace = try ServerWorkspace()
        let router = buildRouter(store: workspace.store, configuration: ServerConfiguration())
        let routed = Set(router.routes.map { route in
            // RouterPath prints a capture `:name` as `{name}`, as OpenAPI writes it.
            "\(route.method.rawValue) /\(route.path.components.map(\.description).joined(separator: "/"))"
        }.filter { $0.contains(" /api/v1/") })
        let document = try await Self.served()
        let base = try #require((document["servers"] as? [[String: Any]])?.first?["url"] as? String)
        #expect(base == "/api/v1")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in
            operations.keys.filter { ["get", "put", "post", "delete", "patch", "head"].contains($0) }
                .map { "\($0.uppercased()) \(base)\(path)" }
        })
        #expect(routed.count == 68)
        #expect(routed == documented, "routed only: \(routed.subtracting(documented).sorted()); documented only: \(documented.subtracting(routed).sorted())")
    }

    @Test("every path parameter of a documented path is declared, and every $ref resolves")
    func consistent() async throws {
        let document = try await Self.served()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for (path, operations) in paths {
            let names = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            for (method, operation) in operations {
                let parameters = ((operation as? [String: Any])?["parameters"] as? [[String: Any]]) ?? []
                let declared = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                #expect(declared == names, "\(method) \(path)")
            }
        }
        let headers = try #require((document["components"] as? [String: Any])?["headers"] as? [String: Any])
        let references = Self.references(in: document)
        #expect(references.count > 20)
        for reference in references {
            if reference.hasPrefix("#/components/schemas/") {
                #expect(schemas[String(reference.dropFirst("#/components/schemas/".count))] != nil, "\(reference)")
            } else {
                #expect(headers[String(reference.dropFirst("#/components/headers/".count))] != nil, "\(reference)")
            }
        }
    }

    /// Every `$ref` value in a JSON value.
    static func references(in value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set((object["$ref"] as? String).map { [$0] } ?? [])) { $0.formUnion(references(in: $1.value)) }
        }
        if let array = value as? [Any] { return array.reduce(into: Set()) { $0.formUnion(references(in: $1)) } }
        return []
    }

    @Test("openapi-spec-validator accepts the served document (runs when LOUPE_PYTHON is set)",
          .enabled(if: ProcessInfo.processInfo.environment["LOUPE_PYTHON"] != nil))
    func validator() async throws {
        let python = try #require(ProcessInfo.processInfo.environment["LOUPE_PYTHON"])
        let workspace = try ServerWorkspace()
        let body = try await withServer(workspace) { client in try await client.send("/api/v1/openapi.json").body }
        let file = workspace.folder.appendingPathComponent("openapi.json")
        try body.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "openapi_spec_validator", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("OK"), "\(text)")
    }
}
