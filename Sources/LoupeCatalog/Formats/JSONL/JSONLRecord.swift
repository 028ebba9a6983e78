/// One parsed JSONL line, before any meaning is checked: the fields a Loupe JSONL line may
/// carry, each `nil` when absent or `null`.
struct JSONLRecord {
    var key: String?
    var label: String?
    var split: String?
    var uri: String?
    var text: String?
    var kind: String?
    var width: Int?
    var height: Int?
    var tags: [String]?
    var metadata: [String: MetadataValue]?
    var score: Double?
    var probabilities: JSONLProbabilities?
    /// The class list of a header line `{"classes": [...]}`.
    var classes: [String]?
    /// The `annotations` array, kept as a value tree and read by `JSONLAnnotationReader`.
    var annotations: JSONLValue?
    /// Fields present that Loupe does not read, in the order they appear.
    var otherFields: [String] = []
    /// Known fields present, as `JSONLField` bits, to tell which were given.
    var present: UInt32 = 0

    func has(_ field: JSONLField) -> Bool { present & field.bit != 0 }
}

/// The fields of a Loupe JSONL line.
enum JSONLField: UInt32, CaseIterable {
    case key, label, split, uri, text, kind, width, height, tags, metadata, score, probabilities, classes, annotations

    var bit: UInt32 { 1 << rawValue }

    /// The field's name in the file.
    var name: String {
        switch self {
        case .key: "key"
        case .label: "label"
        case .split: "split"
        case .uri: "uri"
        case .text: "text"
        case .kind: "kind"
        case .width: "width"
        case .height: "height"
        case .tags: "tags"
        case .metadata: "metadata"
        case .score: "score"
        case .probabilities: "probabilities"
        case .classes: "classes"
        case .annotations: "annotations"
        }
    }

    /// Fields that describe a row (read in ground-truth mode only).
    static let rowFields: [JSONLField] = [.split, .uri, .text, .kind, .width, .height, .tags, .metadata, .annotations]
    /// Fields that describe a prediction (read in predictions mode only).
    static let predictionFields: [JSONLField] = [.score, .probabilities]

    /// The field named by `bytes`, if it is one.
    static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONLField? {
        // Compare by length first: every name has a distinct (length, first byte) pair except
        // `text`/`tags` and `key`/`uri`, which the full comparison settles.
        switch bytes.count {
        case 3: return match(bytes, .key) ?? match(bytes, .uri)
        case 4: return match(bytes, .text) ?? match(bytes, .kind) ?? match(bytes, .tags)
        case 5: return match(bytes, .label) ?? match(bytes, .split) ?? match(bytes, .width) ?? match(bytes, .score)
        case 6: return match(bytes, .height)
        case 7: return match(bytes, .classes)
        case 8: return match(bytes, .metadata)
        case 11: return match(bytes, .annotations)
        case 13: return match(bytes, .probabilities)
        default: return nil
        }
    }

    private static let utf8Names: [[UInt8]] = allCases.map { Array($0.name.utf8) }

    private static func match(_ bytes: UnsafeBufferPointer<UInt8>, _ field: JSONLField) -> JSONLField? {
        utf8Names[Int(field.rawValue)].elementsEqual(bytes) ? field : nil
    }
}

/// A prediction's class probabilities as a line gives them.
enum JSONLProbabilities {
    /// `{"cat": 0.1, "dog": 0.9}`: names and values in the order written.
    case named([(name: String, value: Double)])
    /// `[0.1, 0.9]`: values in the order of the class list.
    case vector([Double])
}

/// A JSON value, for the parts of a line read as a tree (`annotations`).
indirect enum JSONLValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONLValue])
    case object([(key: String, value: JSONLValue)])

    /// `a string`, `a number`, … for messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
