import LoupeCatalog
import LoupeCore

/// The request bodies of `LabelingController`.
enum LabelingBodies {
    /// `POST /datasets/{dataset}/labeling-projects`.
    struct Create: Decodable {
        var name: String
        /// NAME or MODEL/NAME of the pre-label run.
        var run: String?
        var scoreThreshold: Double?
    }

    /// `POST …/{project}/items`: rows by a filter or by keys.
    struct Items: Decodable {
        var filter: String?
        var keys: [String]?
        var priority: Int?
        var batch: String?
        var reprioritize: Bool?
    }

    /// One final object of a submit, in the ground-truth shape: a class name and at most one of
    /// `box` `[x, y, w, h]`, `polygon` (rings) or `point` `[x, y]`; none for a classification.
    struct FinalObject: Decodable {
        var className: String?
        var box: [Double]?
        var polygon: [[Double]]?
        var point: [Double]?
        var iscrowd: Bool?
        var attributes: [String: MetadataValue]?
        /// The pre-label prediction it came from.
        var prelabel: Int64?
    }

    /// `POST …/items/{key}/submit`.
    struct Submit: Decodable {
        var objects: [FinalObject]
        var rejected: [Int64]?
        var seconds: Double
    }

    /// `POST …/items/{key}/review`.
    struct Review: Decodable {
        var approve: Bool
        var note: String?
    }
}
