import Foundation
import Hummingbird
import LoupeCatalog

extension ExportController {
    /// `format=coco`: what `loupe export coco` writes — COCO instances of the ground truth, or with
    /// `run=` that run's predictions as COCO results — for the rows `matching` selects (all when
    /// `nil`). A COCO file is one JSON document, so it is built whole before it is sent.
    func cocoExport(dataset: Dataset, query: QueryParameters, matching: [Int64]?) async throws -> Response {
        var run: (Model, ModelRun)?
        if let reference = try query.nonEmpty("run") { run = try await CatalogLookup(store: store).run(reference) }
        var contents = try await DatasetReader(store: store).contents(ofDataset: dataset.name, runID: run?.1.id)
        if let matching {
            let kept = Set(matching)
            contents.rows.removeAll { !kept.contains($0.id ?? -1) }
            contents.annotations.removeAll { !kept.contains($0.rowID) }
            contents.predictions.removeAll { !kept.contains($0.rowID) }
        }
        let data = try Self.coco(contents, predictions: run != nil)
        let suffix = run.map { "-\($0.0.name)-\($0.1.name)" } ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(Self.fileName(dataset.name + suffix)).json\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The COCO document: results when `predictions`, else instances.
    private static func coco(_ contents: DatasetContents, predictions: Bool) throws(APIError) -> Data {
        let exporter = COCOExporter()
        do throws(COCOExportError) {
            return predictions ? try exporter.results(contents) : try exporter.instances(contents)
        } catch {
            throw .badRequest("the dataset cannot be written as COCO: \(error.description)", field: "format")
        }
    }

    /// `name` with only letters, digits, `-`, `_` and `.`, for a `Content-Disposition` file name.
    static func fileName(_ name: String) -> String {
        name.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) }
    }
}
