import Hummingbird
import LoupeCatalog

/// `GET /datasets/{dataset}/export`: the rows a filter selects with their current ground truth, as
/// the JSON Lines `loupe export jsonl` writes and `loupe import jsonl` reads, streamed a chunk of
/// rows at a time so that a million-row export holds a chunk in memory, not the dataset; or with
/// `format=coco` as `loupe export coco` writes (see `cocoExport`).
///
/// The filter is checked, and the matching row ids read, before the first byte is sent, so a bad
/// filter is a 400 envelope. After that the status is sent: a failure mid-stream (the workspace
/// gone) ends the body early, and the client sees a truncated stream, not a last line. Chunks are
/// read in separate transactions; rows changed during the export appear as they are when their
/// chunk is read.
struct ExportController<S: Store> {
    /// The store served.
    let store: S

    /// Rows read and written per chunk.
    static var chunkSize: Int { 1000 }

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets/:dataset/export", use: export)
    }

    @Sendable func export(_ request: Request, context: LoupeRequestContext) async throws -> Response {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let query = try QueryParameters(request)
        let format = query["format"] ?? "jsonl"
        guard format == "jsonl" || format == "coco" else {
            throw APIError.badRequest("format must be jsonl or coco, not '\(format)' (YOLO, a folder of files, is `loupe export yolo`)", field: "format")
        }
        if format == "jsonl", query["run"] != nil {
            throw APIError.badRequest("run applies to format=coco (predictions as COCO results)", field: "run")
        }
        let filter = try RowViewQuery(query).filter
        var matching: [Int64]?
        if let filter {
            do {
                matching = try await store.queryRowIDs(datasetID: dataset.id, filter: filter)
            } catch let error as StoreError {
                throw APIError.from(error, filterField: "filter")
            }
        }
        if format == "coco" { return try await cocoExport(dataset: dataset, query: query, matching: matching) }
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(Self.fileName(dataset.name)).jsonl\""
        let store = store
        let ids = matching
        let body = ResponseBody { writer in
            let exporter = JSONLExporter()
            var classes = try await store.classes(datasetID: dataset.id)
            try await writer.write(ByteBuffer(bytes: exporter.headerLine(classes: classes)))
            var names = Dictionary(classes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            var chunks = RowChunks(store: store, datasetID: dataset.id, ids: ids, size: Self.chunkSize)
            while let rows = try await chunks.next() {
                let annotations = try await store.annotations(rowIDs: rows.compactMap(\.id))
                // The schema only grows: a class added since the export began is read again.
                if annotations.contains(where: { $0.classID.map { names[$0] == nil } ?? false }) {
                    classes = try await store.classes(datasetID: dataset.id)
                    names = Dictionary(classes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
                }
                try await writer.write(ByteBuffer(bytes: exporter.lines(rows: rows, annotations: annotations, classNames: names)))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
