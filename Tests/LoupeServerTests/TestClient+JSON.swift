import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoupeServer
import Testing

/// A response read in a test: status, headers, body bytes and the body as JSON when it is JSON.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: Data

    /// The body as a JSON object.
    var json: [String: Any] {
        get throws {
            guard let object = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) as? [String: Any] else {
                throw TestFailure("not a JSON object: \(String(decoding: body, as: UTF8.self))")
            }
            return object
        }
    }

    /// The envelope's `error` object; fails when the body is not the error envelope.
    var error: [String: Any] {
        get throws {
            let object = try json
            guard object.count == 1, let error = object["error"] as? [String: Any], error["code"] is String, error["message"] is String else {
                throw TestFailure("not an error envelope: \(String(decoding: body, as: UTF8.self))")
            }
            return error
        }
    }
}

/// A test's own failure with a message.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TestClientProtocol {
    /// Sends a request and collects the reply.
    func send(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: String? = nil) async throws -> Reply {
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
        }
    }

    /// Polls a job until its status is final (at most 30 s) and returns its last JSON.
    func finishedJob(_ id: Int) async throws -> [String: Any] {
        var job: [String: Any] = [:]
        for _ in 0..<600 {
            job = try await send("/api/v1/jobs/\(id)").json
            if ["succeeded", "failed", "cancelled"].contains(job["status"] as? String) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return job
    }
}

/// Runs `body` against the server of `workspace` in process.
func withServer<Value: Sendable>(_ workspace: ServerWorkspace, configuration: ServerConfiguration = ServerConfiguration(logLevel: .warning),
                                 _ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
    let app = try await buildApplication(store: workspace.store, configuration: configuration)
    return try await app.test(.router, body)
}

/// Percent-encodes a query value the way HTML forms do (space as `+`).
func formEncoded(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~ ")
    return (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value).replacingOccurrences(of: " ", with: "+")
}
