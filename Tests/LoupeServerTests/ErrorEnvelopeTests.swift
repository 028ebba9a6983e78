import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoupeServer
import Testing

@Suite("error envelope, request ids and request bodies")
struct ErrorEnvelopeTests {
    @Test("an unknown route answers 404 with the envelope; every response carries a 16-hex request id, a new one each time")
    func unknownRoute() async throws {
        let workspace = try ServerWorkspace()
        try await withServer(workspace) { client in
            for path in ["/nothing", "/api/v1/nothing", "/api/v2/datasets", "/api/v1/datasets/x/y/z"] {
                let reply = try await client.send(path)
                #expect(reply.status == .notFound, "\(path)")
                #expect(try reply.error["code"] as? String == "not_found")
                #expect(reply.headers[.contentType] == "application/json; charset=utf-8")
            }
            let first = try await client.send("/api/v1/datasets"), second = try await client.send("/api/v1/nothing")
            let ids = [first, second].compactMap { $0.headers[HTTPField.Name("X-Request-Id")!] }
            #expect(ids.count == 2 && ids[0] != ids[1])
            #expect(ids.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
        }
    }

    @Test("a routed path with a method it does not take is 405 with Allow; an unrouted path stays 404")
    func methodNotAllowed() async throws {
        let workspace = try ServerWorkspace()
        try await withServer(workspace) { client in
            let post = try await client.send("/api/v1/datasets", method: .post, body: "{}")
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET, HEAD")
            #expect(try post.error["code"] as? String == "method_not_allowed")
            let trace = try await client.send("/api/v1/datasets/d/slices/s", method: .patch)
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "DELETE, GET, HEAD, PUT")
            #expect(try await client.send("/api/v1/nothing", method: .post).status == .notFound)
        }
    }

    @Test("a missing dataset is a 404 envelope naming it")
    func missingDataset() async throws {
        let workspace = try ServerWorkspace()
        try await withServer(workspace) { client in
            for path in ["/api/v1/datasets/nope", "/api/v1/datasets/nope/rows", "/api/v1/datasets/nope/slices", "/api/v1/datasets/nope/assets/a"] {
                let reply = try await client.send(path)
                #expect(reply.status == .notFound)
                #expect(try reply.error["message"] as? String == "no dataset 'nope'", "\(path)")
            }
        }
    }

    @Test("malformed JSON bodies are a 400 naming where they break; oversized bodies a 413")
    func bodies() async throws {
        let workspace = try ServerWorkspace()
        _ = try await workspace.store.createDataset(named: "d")
        try await withServer(workspace) { client in
            let uri = "/api/v1/datasets/d/slices/s"
            let syntax = try await client.send(uri, method: .put, body: #"{"filter": "key = 1""#)
            #expect(syntax.status == .badRequest)
            let syntaxError = try syntax.error
            #expect(syntaxError["code"] as? String == "bad_request")
            #expect((syntaxError["message"] as? String)?.hasPrefix("the body is not valid JSON") == true)

            // Where the parser says it stops: the second string, at byte 15.
            let misplaced = try await client.send(uri, method: .put, body: #"{"filter": "a" "b"}"#)
            #expect(misplaced.status == .badRequest)
            #expect(try misplaced.error["position"] as? Int == 15)
            #expect(try misplaced.error["field"] as? String == "$")

            let wrongType = try await client.send(uri, method: .put, body: #"{"filter": 3}"#)
            #expect(wrongType.status == .badRequest)
            #expect(try wrongType.error["field"] as? String == "$.filter")
            #expect(try wrongType.error["message"] as? String == "$.filter: expected a string")

            let missing = try await client.send(uri, method: .put, body: #"{"filters": "key = \"a\""}"#)
            #expect(try missing.error["field"] as? String == "$.filter")
            #expect(try missing.error["message"] as? String == "$.filter is required")

            let notObject = try await client.send(uri, method: .put, body: #"["key = \"a\""]"#)
            #expect(notObject.status == .badRequest)
            #expect(try notObject.error["field"] as? String == "$")

            let empty = try await client.send(uri, method: .put, body: "")
            #expect(empty.status == .badRequest)
            #expect(try empty.error["field"] as? String == "$")

            let huge = #"{"filter": ""# + String(repeating: "a", count: 1 << 20) + #""}"#
            let tooLarge = try await client.send(uri, method: .put, body: huge)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try tooLarge.error["code"] as? String == "payload_too_large")
        }
        // Nothing was saved by any of them.
        #expect(try await workspace.store.slices(datasetID: 1).isEmpty)
    }

    @Test("query strings that are not valid percent-encoding or repeat a parameter are refused with the parameter named")
    func queryStrings() async throws {
        let workspace = try ServerWorkspace()
        _ = try await workspace.store.createDataset(named: "d")
        try await withServer(workspace) { client in
            let badEscape = try await client.send("/api/v1/datasets/d/rows?filter=%E2%28")
            #expect(badEscape.status == .badRequest)
            #expect(try badEscape.error["field"] as? String == "filter")
            let twice = try await client.send("/api/v1/datasets/d/rows?limit=1&limit=2")
            #expect(twice.status == .badRequest)
            #expect(try twice.error["field"] as? String == "limit")
            let badPath = try await client.send("/api/v1/datasets/%E2%28")
            #expect(badPath.status == .badRequest)
            #expect(try badPath.error["field"] as? String == "dataset")
        }
    }
}
