import Foundation
import LoupeCatalog

/// The result of an import job: the import report's counts, the warnings the importer counted,
/// and each run that got predictions with its evaluation's key and headline metrics (or why it
/// was not evaluated).
struct ImportResultView: Encodable, Sendable {
    /// One run evaluated after the import.
    struct Evaluated: Encodable, Sendable {
        var model: String
        var run: String
        var key: String?
        var summary: [MetricRecord]?
        var notEvaluated: String?

        init(_ outcome: ImportedRunEvaluation) {
            model = outcome.model
            run = outcome.run
            key = outcome.evaluation?.key
            summary = outcome.evaluation?.summary
            notEvaluated = outcome.failure
        }
    }

    var report: ImportReport
    var warnings: [String]
    var evaluations: [Evaluated]

    private enum CodingKeys: String, CodingKey { case warnings, evaluations }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(evaluations, forKey: .evaluations)
    }

    /// The result as the API's JSON text.
    func json() throws -> String {
        String(decoding: try APIJSON.encoder().encode(self), as: UTF8.self)
    }
}
