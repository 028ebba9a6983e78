import HTTPTypes
import Hummingbird
import LoupeCatalog

/// `/datasets/{dataset}/assets/{key}`: the image file of a row, from the dataset's asset roots
/// only (see `AssetResolver`), with its content type, an `ETag` (`If-None-Match` → 304), single
/// byte ranges (206, or 416 outside the file) and `Cache-Control: private, max-age=…`.
struct AssetsController<S: Store> {
    /// The store served.
    let store: S
    /// Cache lifetime and other asset settings.
    let settings: AssetSettings
    /// Reads files off the event loops.
    let fileIO = FileIO()

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets/:dataset/assets/:key", use: asset)
    }

    @Sendable func asset(_ request: Request, context: LoupeRequestContext) async throws -> Response {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let key = try context.pathParameter("key")
        guard let row = try await store.row(datasetID: dataset.id, key: key) else {
            throw APIError.notFound("dataset '\(dataset.name)' has no row '\(key)'")
        }
        guard let uri = row.uri else { throw APIError.notFound("row '\(key)' has no file") }
        let resolver = AssetResolver(roots: try await store.assetRoots(datasetID: dataset.id))
        let file: AssetResolver.Resolved
        do {
            file = try resolver.resolve(uri)
        } catch {
            context.logger.notice("asset refused", metadata: ["row": .string(key), "reason": .string(error.reason)])
            throw APIError.notFound("row '\(key)' has no servable file: \(error.reason)")
        }
        guard let contentType = ImageContentType.of(path: file.path) else {
            throw APIError.notFound("row '\(key)' has no servable file: not an image type the server sends "
                + "(\(ImageContentType.byExtension.keys.sorted().joined(separator: ", ")))")
        }
        let etag = "\"" + String(UInt64(file.size), radix: 16) + "-" + String(UInt64(bitPattern: file.modifiedNanoseconds), radix: 16) + "\""
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.cacheControl] = "private, max-age=\(settings.maxAge)"
        headers[.acceptRanges] = "bytes"
        headers[.xContentTypeOptions] = "nosniff"
        if let match = request.headers[.ifNoneMatch], EntityTag.matches(match, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        // If-Range with another validator asks for the whole (changed) file.
        let rangeHeader = request.headers[.ifRange].map { $0 == etag } ?? true ? request.headers[.range] : nil
        switch ByteRange(header: rangeHeader, size: file.size) {
        case .whole:
            headers[.contentLength] = String(file.size)
            let body = try await fileIO.loadFile(path: file.path, context: context)
            return Response(status: .ok, headers: headers, body: body)
        case .partial(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(file.size)"
            headers[.contentLength] = String(range.count)
            let body = try await fileIO.loadFile(path: file.path, range: Int(range.lowerBound)...Int(range.upperBound), context: context)
            return Response(status: .partialContent, headers: headers, body: body)
        case .unsatisfiable:
            var response = ErrorEnvelopeMiddleware.response(for: APIError(
                code: .rangeNotSatisfiable, status: .rangeNotSatisfiable,
                message: "the range '\(rangeHeader ?? "")' is outside the file (\(file.size) bytes)", field: "Range"))
            response.headers[.contentRange] = "bytes */\(file.size)"
            return response
        }
    }
}
