import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoupeCatalog
import LoupeServer
import Testing

/// Who may call what: every route of the router with no token, a malformed, unknown or revoked
/// one, and a token of each role, against the least role the OpenAPI document declares for it.
@Suite("tokens and roles")
struct AuthorizationTests {
    /// A workspace with voc100 evaluated, a token of each role, and a revoked one.
    final class Fixture: Sendable {
        let workspace: ServerWorkspace
        let secrets: [TokenRole: TokenSecret]
        let revoked: TokenSecret

        init() async throws {
            workspace = try ServerWorkspace()
            try await workspace.importVOC100()
            _ = try await workspace.evaluateBaseline()
            try await workspace.addRunAnalysisData()
            var secrets: [TokenRole: TokenSecret] = [:]
            for role in TokenRole.allCases {
                let secret = TokenSecret.generate()
                _ = try await workspace.store.createAPIToken(name: "\(role)-token", role: role, secretHash: secret.hash)
                secrets[role] = secret
            }
            self.secrets = secrets
            revoked = TokenSecret.generate()
            _ = try await workspace.store.createAPIToken(name: "revoked-admin", role: .admin, secretHash: revoked.hash)
            _ = try await workspace.store.revokeAPIToken(named: "revoked-admin")
            // A dataset of its own for the labeling routes, whose submits write ground truth.
            let rows = (0..<40).map { DataRow(key: "l\($0)") }
            _ = try await workspace.store.apply(ImportBatch(source: "auth", classes: [ClassSpec(name: "cat")], rows: rows),
                                                toDataset: "auth-labels", options: ImportOptions())
            let dataset = try await workspace.store.dataset(named: "auth-labels")!
            let project = try await workspace.store.createLabelingProject(datasetID: dataset.id, name: "auth-project", prelabelRunID: nil,
                                                                          scoreThreshold: 0)
            let ids = try await workspace.store.queryRowIDs(datasetID: dataset.id, filter: try FilterParser.parse("key ~ 'l'"))
            _ = try await workspace.store.addLabelingItems(projectID: project.id, items: ids.map { LabelingItemSpec(rowID: $0, priority: 0) },
                                                           batch: "auth", reprioritize: false)
        }

        static let shared: Task<Fixture, any Error> = Task { try await Fixture() }
    }

    /// A request that reaches a route's handler and succeeds when the caller may call it.
    struct Sample {
        var path: String
        var body: String?
        /// A slice to create (as admin) before each call, for DELETE.
        var existingSlice: String?
        /// A token to create (as admin) before each call, for DELETE.
        var existingToken: String?
        /// A dataset to create in the store before each call, for DELETE.
        var existingDataset: String?
        /// A queued job to create in the store before each call; its id replaces `{job}` in `path`.
        var existingJob = false
        /// A run of `voc-detector` to create in the store before each call, for PATCH and DELETE.
        var existingRun: String?
        /// An item of `auth-labels`' project `auth-project` to prepare before each call with a
        /// role; its key replaces `{item}` in `path`.
        var labelingItem: LabelingItemState?
    }

    /// How a labeling sample's item is prepared.
    enum LabelingItemState {
        /// Claimed by the calling role's token, for a submit.
        case claimedByCaller
        /// Claimed and submitted by another labeler, for a review.
        case submitted
    }

    /// One concrete request for every route, keyed like the OpenAPI document (`METHOD /api/v1/path`).
    /// A route added without a sample here fails `everyRoute`.
    static func sample(for route: String, call: Int) -> Sample? {
        let slice = "auth-\(call)"
        return switch route {
        case "GET /api/v1/openapi.json": Sample(path: "/api/v1/openapi.json")
        case "GET /api/v1/datasets": Sample(path: "/api/v1/datasets")
        case "GET /api/v1/datasets/{dataset}": Sample(path: "/api/v1/datasets/voc100")
        case "GET /api/v1/datasets/{dataset}/rows": Sample(path: "/api/v1/datasets/voc100/rows?filter=gt.count%20%3E%3D%202&limit=5")
        case "GET /api/v1/datasets/{dataset}/rows/{key}": Sample(path: "/api/v1/datasets/voc100/rows/2007_000027.jpg")
        case "GET /api/v1/datasets/{dataset}/assets/{key}": Sample(path: "/api/v1/datasets/voc100/assets/2007_000027.jpg")
        case "GET /api/v1/datasets/{dataset}/slices": Sample(path: "/api/v1/datasets/voc100/slices")
        case "GET /api/v1/datasets/{dataset}/slices/{name}": Sample(path: "/api/v1/datasets/voc100/slices/kept", existingSlice: "kept")
        case "GET /api/v1/datasets/{dataset}/compare":
            Sample(path: "/api/v1/datasets/voc100/compare?a=baseline&b=baseline&resamples=5")
        case "GET /api/v1/datasets/{dataset}/slices/{name}/metrics":
            Sample(path: "/api/v1/datasets/voc100/slices/kept/metrics?run=baseline&resamples=10", existingSlice: "kept")
        case "PUT /api/v1/datasets/{dataset}/slices/{name}":
            Sample(path: "/api/v1/datasets/voc100/slices/\(slice)", body: #"{"filter": "gt.count >= 2"}"#)
        case "DELETE /api/v1/datasets/{dataset}/slices/{name}":
            Sample(path: "/api/v1/datasets/voc100/slices/\(slice)", existingSlice: slice)
        case "DELETE /api/v1/datasets/{dataset}": Sample(path: "/api/v1/datasets/scratch-\(call)", existingDataset: "scratch-\(call)")
        case "GET /api/v1/datasets/{dataset}/export": Sample(path: "/api/v1/datasets/voc100/export?filter=gt.count%20%3E%3D%202")
        case "GET /api/v1/models": Sample(path: "/api/v1/models")
        case "GET /api/v1/models/{model}/runs": Sample(path: "/api/v1/models/voc-detector/runs")
        case "GET /api/v1/runs/{run}": Sample(path: "/api/v1/runs/baseline")
        case "GET /api/v1/runs/{run}/evaluations": Sample(path: "/api/v1/runs/baseline/evaluations")
        case "GET /api/v1/runs/{run}/evaluations/{key}": Sample(path: "/api/v1/runs/baseline/evaluations/default")
        case "GET /api/v1/runs/{run}/evaluations/{key}/rows": Sample(path: "/api/v1/runs/baseline/evaluations/default/rows?limit=5")
        case "GET /api/v1/datasets/{dataset}/rows/{key}/predictions": Sample(path: "/api/v1/datasets/voc100/rows/2007_000027.jpg/predictions")
        case "GET /api/v1/runs/{run}/evaluations/{key}/rows/{row_key}":
            Sample(path: "/api/v1/runs/baseline/evaluations/default/rows/2007_000027.jpg")
        case "GET /api/v1/runs/{run}/snapshot": Sample(path: "/api/v1/runs/baseline/snapshot?limit=5")
        case "GET /api/v1/runs/{run}/metrics": Sample(path: "/api/v1/runs/baseline/metrics")
        case "GET /api/v1/runs/{run}/metrics/{name}": Sample(path: "/api/v1/runs/baseline/metrics/loss?limit=5")
        case "GET /api/v1/runs/{run}/importance": Sample(path: "/api/v1/runs/baseline/importance?resamples=5")
        case "GET /api/v1/datasets/{dataset}/plan": Sample(path: "/api/v1/datasets/voc100/plan?model=voc-detector&resamples=0")
        case "GET /api/v1/embedding-spaces": Sample(path: "/api/v1/embedding-spaces")
        case "GET /api/v1/embedding-spaces/{space}": Sample(path: "/api/v1/embedding-spaces/voc-vectors")
        case "POST /api/v1/embedding-spaces/{space}/projections":
            Sample(path: "/api/v1/embedding-spaces/voc-vectors/projections", body: #"{"method": "pca"}"#)
        case "GET /api/v1/embedding-spaces/{space}/projections/{method}":
            Sample(path: "/api/v1/embedding-spaces/voc-vectors/projections/pca?dataset=voc100")
        case "POST /api/v1/embedding-spaces/{space}/similar":
            Sample(path: "/api/v1/embedding-spaces/voc-vectors/similar", body: #"{"dataset": "voc100", "vector": [1, 1, 2, 3], "k": 3}"#)
        case "GET /api/v1/embedding-spaces/{space}/projections": Sample(path: "/api/v1/embedding-spaces/voc-vectors/projections")
        case "GET /api/v1/runs/{run}/evaluations/{key}/column": Sample(path: "/api/v1/runs/baseline/evaluations/default/column?metric=errors")
        case "GET /api/v1/runs/{run}/slice-discovery": Sample(path: "/api/v1/runs/baseline/slice-discovery?min_size=10")
        case "GET /api/v1/embedding-spaces/{space}/clusters": Sample(path: "/api/v1/embedding-spaces/voc-vectors/clusters?dataset=voc100&k=2")
        case "GET /api/v1/datasets/{dataset}/issues": Sample(path: "/api/v1/datasets/voc100/issues")
        case "POST /api/v1/datasets/{dataset}/issues":
            Sample(path: "/api/v1/datasets/voc100/issues", body: #"{"kind": "uniqueness", "space": "voc-vectors", "k": 3}"#)
        case "GET /api/v1/datasets/{dataset}/issues/{kind}": Sample(path: "/api/v1/datasets/voc100/issues/outlier_knn?flagged=false&limit=3")
        case "GET /api/v1/datasets/{dataset}/issues/{kind}/scores": Sample(path: "/api/v1/datasets/voc100/issues/outlier_knn/scores")
        case "POST /api/v1/datasets/{dataset}/selections":
            Sample(path: "/api/v1/datasets/voc100/selections",
                   body: #"{"strategy": "k_center", "space": "voc-vectors", "budget": 3, "filter": "gt.count >= 1"}"#)
        case "POST /api/v1/datasets/{dataset}/probe-runs":
            Sample(path: "/api/v1/datasets/voc100/probe-runs", body: #"{"space": "voc-vectors", "run": "auth-probe-\#(call)", "resamples": 0}"#)
        case "POST /api/v1/datasets/{dataset}/labeling-projects":
            Sample(path: "/api/v1/datasets/voc100/labeling-projects", body: #"{"name": "auth-lp-\#(call)", "run": "baseline", "score_threshold": 0.5}"#)
        case "GET /api/v1/datasets/{dataset}/labeling-projects": Sample(path: "/api/v1/datasets/auth-labels/labeling-projects")
        case "GET /api/v1/datasets/{dataset}/labeling-projects/{project}":
            Sample(path: "/api/v1/datasets/auth-labels/labeling-projects/auth-project")
        case "POST /api/v1/datasets/{dataset}/labeling-projects/{project}/items":
            Sample(path: "/api/v1/datasets/auth-labels/labeling-projects/auth-project/items", body: #"{"keys": ["l0"], "priority": 1, "batch": "b"}"#)
        case "POST /api/v1/datasets/{dataset}/labeling-projects/{project}/claim":
            Sample(path: "/api/v1/datasets/auth-labels/labeling-projects/auth-project/claim")
        case "GET /api/v1/datasets/{dataset}/labeling-projects/{project}/items/{key}":
            Sample(path: "/api/v1/datasets/auth-labels/labeling-projects/auth-project/items/l1")
        case "GET /api/v1/datasets/{dataset}/labeling-projects/{project}/analytics":
            Sample(path: "/api/v1/datasets/auth-labels/labeling-projects/auth-project/analytics")
        case "POST /api/v1/datasets/{dataset}/labeling-projects/{project}/items/{key}/submit":
            Sample(path: "/api/v1/datasets/auth-labels/labeling-projects/auth-project/items/{item}/submit",
                   body: #"{"objects": [{"class_name": "cat"}], "seconds": 2}"#, labelingItem: .claimedByCaller)
        case "POST /api/v1/datasets/{dataset}/labeling-projects/{project}/items/{key}/review":
            Sample(path: "/api/v1/datasets/auth-labels/labeling-projects/auth-project/items/{item}/review",
                   body: #"{"approve": true, "note": "ok"}"#, labelingItem: .submitted)
        case "GET /api/v1/tokens": Sample(path: "/api/v1/tokens")
        case "POST /api/v1/tokens": Sample(path: "/api/v1/tokens", body: #"{"name": "auth-\#(call)", "role": "viewer"}"#)
        case "DELETE /api/v1/tokens/{name}": Sample(path: "/api/v1/tokens/auth-\(call)", existingToken: "auth-\(call)")
        case "POST /api/v1/runs/{run}/evaluations":
            Sample(path: "/api/v1/runs/baseline/evaluations", body: #"{"dataset": "voc100", "key": "auth-\#(call)", "resamples": 0}"#)
        case "POST /api/v1/datasets/{dataset}/imports":
            Sample(path: "/api/v1/datasets/auth-upload-\(call)/imports?format=jsonl&evaluate=false", body: #"{"key": "a", "label": "cat"}"#)
        case "GET /api/v1/jobs": Sample(path: "/api/v1/jobs?limit=5")
        case "GET /api/v1/jobs/{id}": Sample(path: "/api/v1/jobs/{job}", existingJob: true)
        case "POST /api/v1/jobs/{id}/cancel": Sample(path: "/api/v1/jobs/{job}/cancel", existingJob: true)
        case "GET /api/v1/datasets/{dataset}/rows/{key}/neighbors":
            Sample(path: "/api/v1/datasets/voc100/rows/2007_000027.jpg/neighbors?filter=gt.count%20%3E%3D%201")
        case "GET /api/v1/datasets/{dataset}/facets": Sample(path: "/api/v1/datasets/voc100/facets?field=split")
        case "GET /api/v1/datasets/{dataset}/filter-check": Sample(path: "/api/v1/datasets/voc100/filter-check?filter=gt.clas")
        case "GET /api/v1/runs/{run}/evaluations/{key}/confusion":
            Sample(path: "/api/v1/runs/voc-detector%2Fbaseline/evaluations/default/confusion?actual=person&predicted=person")
        case "GET /api/v1/runs/{run}/evaluations/{key}/operating-point":
            Sample(path: "/api/v1/runs/voc-detector%2Fbaseline/evaluations/default/operating-point?threshold=0.5")
        case "POST /api/v1/models/{model}/runs":
            Sample(path: "/api/v1/models/auth-model/runs", body: #"{"name": "auth-run-\#(call)", "dataset": "voc100", "config": {"lr": 0.1}}"#)
        case "PATCH /api/v1/runs/{run}":
            Sample(path: "/api/v1/runs/voc-detector%2Fscratch-\(call)", body: #"{"name": "renamed-\#(call)"}"#, existingRun: "scratch-\(call)")
        case "DELETE /api/v1/runs/{run}": Sample(path: "/api/v1/runs/voc-detector%2Fscratch-\(call)", existingRun: "scratch-\(call)")
        case "POST /api/v1/runs/{run}/metrics":
            Sample(path: "/api/v1/runs/voc-detector%2Fbaseline/metrics?dataset=voc100", body: #"{"name": "auth_latency", "value": \#(call)}"#)
        default: nil
        }
    }

    /// The sample's path, with `{job}` replaced by a new queued job's id when it needs one.
    static func prepare(_ sample: Sample, in fixture: Fixture, role: TokenRole? = nil) async throws -> String {
        if let state = sample.labelingItem {
            // Without a role the request is refused before its route runs: any key will do.
            guard let role else { return sample.path.replacingOccurrences(of: "{item}", with: "l0") }
            let store = fixture.workspace.store
            let dataset = try #require(try await store.dataset(named: "auth-labels"))
            let project = try #require(try await store.labelingProjects(datasetID: dataset.id).first { $0.name == "auth-project" })
            let labeler = state == .claimedByCaller ? "\(role)-token" : "auth-reviewee"
            let item = try #require(try await store.claimLabelingItem(projectID: project.id, assignee: labeler))
            if state == .submitted {
                _ = try await store.submitLabelingItem(LabelingSubmissionDraft(itemID: item.id, labeler: labeler, annotations: [], outcomes: [],
                                                                               seconds: 1, prelabelRunID: nil))
            }
            return sample.path.replacingOccurrences(of: "{item}", with: item.key)
        }
        guard sample.existingJob else { return sample.path }
        let job = try await fixture.workspace.store.createJob(kind: .evaluation, parametersJSON: "{}", createdBy: nil)
        return sample.path.replacingOccurrences(of: "{job}", with: String(job.id))
    }

    /// Each route's access as the served OpenAPI document declares it: `nil` for a public one.
    static func declaredAccess() async throws -> [String: TokenRole?] {
        let document = try await OpenAPIDocumentTests.served()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var access: [String: TokenRole?] = [:]
        for (path, operations) in paths {
            for (method, value) in operations {
                let operation = try #require(value as? [String: Any])
                let key = "\(method.uppercased()) /api/v1\(path)"
                if let role = operation["x-minimum-role"] as? String {
                    let parsed: TokenRole = try #require(TokenRole(rawValue: role), "\(key): unknown role \(role)")
                    access[key] = .some(parsed)
                    #expect((operation["security"] as? [[String: Any]])?.first?["bearer"] != nil, "\(key)")
                    let responses = try #require(operation["responses"] as? [String: Any])
                    #expect(responses["401"] != nil, "\(key) does not document 401")
                    #expect((responses["403"] != nil) == (parsed > .viewer), "\(key): 403 documented iff a token may be too weak")
                } else if (operation["security"] as? [Any])?.isEmpty == true {
                    access[key] = .some(nil)
                }
            }
        }
        return access
    }

    /// `Authorization: Bearer SECRET`.
    static func bearer(_ value: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = value
        return fields
    }

    @Test("every route answers 401 without a valid token, 403 below its declared role, and 2xx from its role up")
    func everyRoute() async throws {
        let fixture = try await Fixture.shared.value
        let router = buildRouter(store: fixture.workspace.store, configuration: ServerConfiguration())
        // The API's routes; the UI's files are public and tested in UIFilesTests.
        let routes = router.routes.map { route in
            "\(route.method.rawValue) /\(route.path.components.map(\.description).joined(separator: "/"))"
        }.filter { $0.contains(" /api/v1/") }.sorted()
        let declared = try await Self.declaredAccess()
        #expect(routes.count == 68)
        let admin = Self.bearer("Bearer \(fixture.secrets[.admin]!.text)")
        try await withServer(fixture.workspace) { client in
            var call = 0
            for route in routes {
                let access = try #require(declared[route], "\(route) declares no x-minimum-role (nor security: [])")
                let method = HTTPRequest.Method(String(route.split(separator: " ")[0]))!
                // Without a valid token: 401 with the challenge, except on a public route.
                let refused: [(String, HTTPFields)] = [
                    ("no token", [:]), ("garbage token", Self.bearer("Bearer loupe_not-a-token")),
                    ("not a bearer", Self.bearer("Basic dXNlcjpwYXNz")), ("bare secret", Self.bearer(fixture.secrets[.admin]!.text)),
                    ("revoked token", Self.bearer("Bearer \(fixture.revoked.text)")),
                ]
                for (label, headers) in refused {
                    call += 1
                    let sample = try #require(Self.sample(for: route, call: call), "\(route) has no sample request in AuthorizationTests")
                    let reply = try await client.send(try await Self.prepare(sample, in: fixture), method: method, headers: headers, body: sample.body)
                    if access == nil, headers.isEmpty {
                        #expect(reply.status.kind == .successful, "\(route), \(label): \(reply.status)")
                    } else if access != nil {
                        #expect(reply.status == .unauthorized, "\(route), \(label): \(reply.status)")
                        #expect(try reply.error["code"] as? String == "unauthorized", "\(route), \(label)")
                        #expect(reply.headers[.wwwAuthenticate]?.hasPrefix("Bearer realm=\"loupe\"") == true, "\(route), \(label)")
                    }
                }
                // Each role: 403 below the declared one, success from it up.
                for role in TokenRole.allCases {
                    call += 1
                    let sample = try #require(Self.sample(for: route, call: call))
                    if let slice = sample.existingSlice {
                        let made = try await client.send("/api/v1/datasets/voc100/slices/\(slice)", method: .put, headers: admin,
                                                         body: #"{"filter": "gt.count >= 1"}"#)
                        #expect(made.status.kind == .successful, "\(route): preparing slice \(slice)")
                    }
                    if let run = sample.existingRun {
                        let model = try #require(try await fixture.workspace.store.models().first { $0.name == "voc-detector" })
                        if try await fixture.workspace.store.runs(modelID: model.id).contains(where: { $0.name == run }) == false {
                            _ = try await fixture.workspace.store.createRun(modelID: model.id, name: run, configJSON: "{}")
                        }
                    }
                    if let dataset = sample.existingDataset, try await fixture.workspace.store.dataset(named: dataset) == nil {
                        _ = try await fixture.workspace.store.createDataset(named: dataset)
                    }
                    if let token = sample.existingToken {
                        let made = try await client.send("/api/v1/tokens", method: .post, headers: admin, body: #"{"name": "\#(token)", "role": "viewer"}"#)
                        #expect(made.status == .created, "\(route): preparing token \(token)")
                    }
                    let reply = try await client.send(try await Self.prepare(sample, in: fixture, role: role), method: method,
                                                      headers: Self.bearer("Bearer \(fixture.secrets[role]!.text)"), body: sample.body)
                    if let needed = access, role < needed {
                        #expect(reply.status == .forbidden, "\(route) as \(role): \(reply.status)")
                        #expect(try reply.error["code"] as? String == "forbidden", "\(route) as \(role)")
                    } else {
                        #expect(reply.status.kind == .successful, "\(route) as \(role): \(reply.status) \(String(decoding: reply.body.prefix(300), as: UTF8.self))")
                    }
                }
            }
        }
        // The writes' roles are the ones the issue names: reads for viewers, data writes for editors.
        #expect(declared["GET /api/v1/datasets"] == .some(.viewer))
        #expect(declared["PUT /api/v1/datasets/{dataset}/slices/{name}"] == .some(.editor))
        #expect(declared["DELETE /api/v1/datasets/{dataset}/slices/{name}"] == .some(.editor))
        #expect(declared["DELETE /api/v1/datasets/{dataset}"] == .some(.admin))
        #expect(declared["POST /api/v1/datasets/{dataset}/imports"] == .some(.editor))
        #expect(declared["POST /api/v1/jobs/{id}/cancel"] == .some(.editor))
        #expect(declared["GET /api/v1/jobs"] == .some(.viewer))
        #expect(declared["POST /api/v1/datasets/{dataset}/selections"] == .some(.viewer))
        #expect(declared["POST /api/v1/datasets/{dataset}/probe-runs"] == .some(.editor))
        #expect(declared["POST /api/v1/datasets/{dataset}/labeling-projects/{project}/claim"] == .some(.labeler))
        #expect(declared["POST /api/v1/datasets/{dataset}/labeling-projects/{project}/items/{key}/submit"] == .some(.labeler))
        #expect(declared["POST /api/v1/datasets/{dataset}/labeling-projects/{project}/items/{key}/review"] == .some(.editor))
        #expect(declared["POST /api/v1/datasets/{dataset}/labeling-projects"] == .some(.editor))
        #expect(declared["GET /api/v1/openapi.json"] == .some(nil))
    }

    @Test("on loopback a workspace without unrevoked tokens runs open; a token closes it, revoking the last one opens it again")
    func openOnLoopbackOnly() async throws {
        let workspace = try ServerWorkspace()
        try await withServer(workspace) { client in
            #expect(try await client.send("/api/v1/datasets").status == .ok)
            // Credentials that are sent are checked even on an open server.
            #expect(try await client.send("/api/v1/datasets", headers: Self.bearer("Bearer loupe_unknown")).status == .unauthorized)
            let secret = TokenSecret.generate()
            _ = try await workspace.store.createAPIToken(name: "me", role: .viewer, secretHash: secret.hash)
            let closed = try await client.send("/api/v1/datasets")
            #expect(closed.status == .unauthorized)
            #expect(closed.headers[.wwwAuthenticate] == "Bearer realm=\"loupe\"")
            #expect(try await client.send("/api/v1/datasets", headers: Self.bearer("bearer \(secret.text)")).status == .ok)
            // An unknown path tells a caller without a token nothing but 401; with one, 404.
            #expect(try await client.send("/api/v1/nowhere").status == .unauthorized)
            #expect(try await client.send("/api/v1/nowhere", headers: Self.bearer("Bearer \(secret.text)")).status == .notFound)
            #expect(try await client.send("/api/v1/openapi.json").status == .ok)
            _ = try await workspace.store.revokeAPIToken(named: "me")
            #expect(try await client.send("/api/v1/datasets").status == .ok)
            #expect(try await client.send("/api/v1/datasets", headers: Self.bearer("Bearer \(secret.text)")).status == .unauthorized)
        }
    }

    @Test("off loopback a request without a token is refused even after every token is revoked")
    func closedOffLoopback() async throws {
        let workspace = try ServerWorkspace()
        let secret = TokenSecret.generate()
        _ = try await workspace.store.createAPIToken(name: "ci", role: .editor, secretHash: secret.hash)
        try await withServer(workspace, configuration: ServerConfiguration(host: "0.0.0.0", logLevel: .warning)) { client in
            #expect(try await client.send("/api/v1/datasets").status == .unauthorized)
            #expect(try await client.send("/api/v1/datasets", headers: Self.bearer("Bearer \(secret.text)")).status == .ok)
            #expect(try await client.send("/api/v1/openapi.json").status == .ok)
            _ = try await workspace.store.revokeAPIToken(named: "ci")
            #expect(try await client.send("/api/v1/datasets").status == .unauthorized)
        }
    }

    @Test("a request records when its token was last used, at most about once a minute")
    func lastUsed() async throws {
        let workspace = try ServerWorkspace()
        let secret = TokenSecret.generate()
        _ = try await workspace.store.createAPIToken(name: "ci", role: .viewer, secretHash: secret.hash)
        #expect(try await workspace.store.apiTokens().first?.lastUsedAt == nil)
        let before = Date()
        let first = try await withServer(workspace) { client in
            #expect(try await client.send("/api/v1/datasets", headers: Self.bearer("Bearer \(secret.text)")).status == .ok)
            let first = try #require(try await workspace.store.apiTokens().first?.lastUsedAt)
            #expect(try await client.send("/api/v1/models", headers: Self.bearer("Bearer \(secret.text)")).status == .ok)
            #expect(try await workspace.store.apiTokens().first?.lastUsedAt == first)
            return first
        }
        #expect(first >= before.addingTimeInterval(-1) && first <= Date().addingTimeInterval(1))
    }

    @Test("secrets are loupe_ and 43 base64url characters, distinct, and hashed with SHA-256")
    func secrets() throws {
        let secrets = (0..<100).map { _ in TokenSecret.generate() }
        #expect(Set(secrets).count == 100)
        for secret in secrets {
            #expect(secret.text.count == 6 + 43)
            #expect(secret.text.hasPrefix("loupe_"))
            #expect(secret.text.dropFirst(6).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            #expect(secret.hash.count == 32)
            #expect("\(secret)" == "loupe_…")
        }
        // The SHA-256 test vector of "abc" (FIPS 180-2).
        #expect(TokenSecret(text: "abc").hash.map { String(format: "%02x", $0) }.joined()
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(TokenSecret.fromAuthorization("Bearer loupe_abc")?.text == "loupe_abc")
        #expect(TokenSecret.fromAuthorization("BEARER  loupe_abc ")?.text == "loupe_abc")
        #expect(TokenSecret.fromAuthorization("Bearer abc") == nil)
        #expect(TokenSecret.fromAuthorization("Bearer loupe_") == nil)
        #expect(TokenSecret.fromAuthorization("Basic loupe_abc") == nil)
    }
}
