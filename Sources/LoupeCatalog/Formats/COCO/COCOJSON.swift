import Foundation

/// A JSON object key known only at run time (COCO files carry free extra keys).
struct COCOKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    static let id = COCOKey("id")
    static let imageID = COCOKey("image_id")
    static let categoryID = COCOKey("category_id")
    static let bbox = COCOKey("bbox")
    static let segmentation = COCOKey("segmentation")
    static let area = COCOKey("area")
    static let isCrowd = COCOKey("iscrowd")
    static let score = COCOKey("score")
    static let attributes = COCOKey("attributes")
    static let fileName = COCOKey("file_name")
    static let width = COCOKey("width")
    static let height = COCOKey("height")
    static let name = COCOKey("name")
    static let size = COCOKey("size")
    static let counts = COCOKey("counts")
}

/// Decoding of whole COCO files: errors become `ImportError`s at a JSON path or a line.
enum COCOJSON {
    /// Decodes `data`, accepting the strings `"NaN"`, `"Infinity"` and `"-Infinity"` as numbers
    /// (Python's `json` writes those for bad boxes) so that the importer can reject them at their
    /// path with a clear message instead of a type error.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws(ImportError) -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try JSONDecoding.decode(type, from: data, file: file, decoder: decoder)
    }

    /// An error thrown from inside `init(from:)`, reported at `path` below the current value.
    static func invalid(_ message: String, at codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: message))
    }

    /// The scalar values of an object's keys that are not in `known`, in key order; `attributes`
    /// objects (CVAT's `"attributes": {"occluded": false}`) are flattened into the same map,
    /// after the top-level keys. Arrays, objects and nulls are skipped.
    static func extraScalars(_ container: KeyedDecodingContainer<COCOKey>, known: Set<String>,
                             flattening nested: COCOKey? = nil) -> [String: MetadataValue] {
        let keys = container.allKeys
        guard keys.count > 0 else { return [:] }
        var extras: [String: MetadataValue] = [:]
        var nestedKey: COCOKey?
        for key in keys.sorted(by: { $0.stringValue < $1.stringValue }) where !known.contains(key.stringValue) {
            if key == nested {
                nestedKey = key
                continue
            }
            if let value = scalar(container, key) { extras[key.stringValue] = value }
        }
        if let nestedKey {
            if let inner = try? container.nestedContainer(keyedBy: COCOKey.self, forKey: nestedKey) {
                for key in inner.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                    if let value = scalar(inner, key) { extras[key.stringValue] = value }
                }
            } else if let value = scalar(container, nestedKey) {
                extras[nestedKey.stringValue] = value
            }
        }
        return extras
    }

    private static func scalar(_ container: KeyedDecodingContainer<COCOKey>, _ key: COCOKey) -> MetadataValue? {
        if (try? container.decodeNil(forKey: key)) == true { return nil }
        // Strings first, so that "NaN" stays text rather than becoming a non-finite number.
        if let text = try? container.decode(String.self, forKey: key) { return .parsingDates(text) }
        if let flag = try? container.decode(Bool.self, forKey: key) { return .bool(flag) }
        if let number = try? container.decode(Double.self, forKey: key), number.isFinite { return .number(number) }
        return nil
    }
}
