import Foundation
import LoupeCore

/// The parts of a COCO dataset file (`{"images", "categories", "annotations"}`) the importers
/// read. Shape checks that need only one value (a bbox's four numbers, a polygon ring's length,
/// an RLE's run total) happen while decoding, so their errors carry the exact JSON path.
struct COCODocument: Decodable {
    var images: [COCOImageRecord]
    var categories: [COCOCategoryRecord]
    var annotations: [COCOAnnotationRecord]

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: COCOKey.self) else {
            if (try? decoder.unkeyedContainer()) != nil {
                throw COCOJSON.invalid("this is a COCO results file (a top-level array of detections); import it with "
                                       + "the results importer, which maps its ids through the ground truth", at: [])
            }
            throw COCOJSON.invalid("expected a COCO dataset object with 'images', 'categories' and 'annotations'", at: [])
        }
        images = try container.decode([COCOImageRecord].self, forKey: COCOKey("images"))
        categories = try container.decodeIfPresent([COCOCategoryRecord].self, forKey: COCOKey("categories")) ?? []
        annotations = try container.decodeIfPresent([COCOAnnotationRecord].self, forKey: COCOKey("annotations")) ?? []
    }
}

/// Only the id maps of a COCO dataset file: enough to read a results file against it.
struct COCOIDDocument: Decodable {
    struct Image: Decodable {
        var id: Int64
        var fileName: String

        enum CodingKeys: String, CodingKey {
            case id
            case fileName = "file_name"
        }
    }

    var images: [Image]
    var categories: [COCOCategoryRecord]
}

/// One entry of `images`: id, file name, optional size, and its other scalar keys as metadata.
struct COCOImageRecord: Decodable {
    var id: Int64
    var fileName: String
    var width: Int?
    var height: Int?
    var metadata: [String: MetadataValue]

    private static let known: Set<String> = ["id", "file_name", "width", "height"]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: COCOKey.self)
        id = try container.decode(Int64.self, forKey: .id)
        fileName = try container.decode(String.self, forKey: .fileName)
        guard !fileName.isEmpty else {
            throw COCOJSON.invalid("file_name is empty", at: decoder.codingPath + [COCOKey.fileName])
        }
        width = try Self.dimension(container, .width, decoder.codingPath)
        height = try Self.dimension(container, .height, decoder.codingPath)
        metadata = COCOJSON.extraScalars(container, known: Self.known)
    }

    private static func dimension(_ container: KeyedDecodingContainer<COCOKey>, _ key: COCOKey,
                                  _ path: [any CodingKey]) throws -> Int? {
        guard let value = try container.decodeIfPresent(Int.self, forKey: key) else { return nil }
        guard value > 0 else {
            throw COCOJSON.invalid("\(key.stringValue) must be a positive number of pixels, found \(value)", at: path + [key])
        }
        return value
    }
}

/// One entry of `categories`.
struct COCOCategoryRecord: Decodable {
    var id: Int64
    var name: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: COCOKey.self)
        id = try container.decode(Int64.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        guard !name.isEmpty else { throw COCOJSON.invalid("the category name is empty", at: decoder.codingPath + [COCOKey.name]) }
    }
}

/// One annotation of a dataset file, or one detection of a results file.
struct COCOAnnotationRecord: Decodable {
    var imageID: Int64
    var categoryID: Int64
    var bbox: BoundingBox?
    var segmentation: COCOSegmentation?
    var area: Double?
    var isCrowd = false
    var score: Double?
    /// Scalar keys COCO does not define (`ignore`, CVAT's `attributes.occluded`, …).
    var attributes: [String: MetadataValue] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: COCOKey.self)
        let path = decoder.codingPath
        imageID = try container.decode(Int64.self, forKey: .imageID)
        categoryID = try container.decode(Int64.self, forKey: .categoryID)
        var hasExtras = false
        for key in container.allKeys {
            switch key.stringValue {
            case "id", "image_id", "category_id":
                continue
            case "bbox":
                bbox = try Self.box(container, path)
            case "segmentation":
                if try container.decodeNil(forKey: key) { continue }
                let value = try container.decode(COCOSegmentation.self, forKey: key)
                if case .empty = value { continue }
                segmentation = value
            case "area":
                guard let value = try container.decodeIfPresent(Double.self, forKey: key) else { continue }
                guard value.isFinite, value >= 0 else {
                    throw COCOJSON.invalid("area must be a finite number >= 0, found \(value)", at: path + [key])
                }
                area = value
            case "iscrowd":
                isCrowd = try Self.flag(container, key, path)
            case "score":
                guard let value = try container.decodeIfPresent(Double.self, forKey: key) else { continue }
                guard value.isFinite else { throw COCOJSON.invalid("score must be a finite number, found \(value)", at: path + [key]) }
                score = value
            default:
                hasExtras = true
            }
        }
        if hasExtras {
            attributes = COCOJSON.extraScalars(container, known: Self.known, flattening: .attributes)
        }
    }

    private static let known: Set<String> = ["id", "image_id", "category_id", "bbox", "segmentation", "area", "iscrowd", "score"]

    /// `[x, y, w, h]` with finite numbers and a size that is not negative; `[]` counts as absent.
    private static func box(_ container: KeyedDecodingContainer<COCOKey>, _ path: [any CodingKey]) throws -> BoundingBox? {
        guard let numbers = try container.decodeIfPresent([Double].self, forKey: .bbox), !numbers.isEmpty else { return nil }
        guard numbers.count == 4 else {
            throw COCOJSON.invalid("bbox must be 4 numbers [x, y, width, height], found \(numbers.count)", at: path + [COCOKey.bbox])
        }
        let box = BoundingBox(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
        guard box.isValid else {
            let shown = numbers.map { $0.isFinite && $0.rounded() == $0 ? String(Int64($0)) : String($0) }.joined(separator: ", ")
            throw COCOJSON.invalid("bbox [\(shown)] must hold finite numbers with width and height >= 0", at: path + [COCOKey.bbox])
        }
        return box
    }

    /// COCO writes `iscrowd` as 0/1; some tools write `true`/`false`.
    private static func flag(_ container: KeyedDecodingContainer<COCOKey>, _ key: COCOKey, _ path: [any CodingKey]) throws -> Bool {
        if try container.decodeNil(forKey: key) { return false }
        if let number = try? container.decode(Int.self, forKey: key) {
            guard number == 0 || number == 1 else {
                throw COCOJSON.invalid("iscrowd must be 0 or 1, found \(number)", at: path + [key])
            }
            return number == 1
        }
        if let flag = try? container.decode(Bool.self, forKey: key) { return flag }
        throw COCOJSON.invalid("iscrowd must be 0, 1, true or false", at: path + [key])
    }
}

/// COCO's `segmentation`: polygon rings, an RLE mask (uncompressed or compressed counts), or
/// nothing (`[]`, as CVAT writes for boxes).
enum COCOSegmentation: Decodable {
    case empty
    case polygon(Polygon)
    case mask(RunLengthMask)

    init(from decoder: any Decoder) throws {
        let path = decoder.codingPath
        let single = try decoder.singleValueContainer()
        if let rings = try? single.decode([[Double]].self) {
            guard !rings.isEmpty else { self = .empty; return }
            for (index, ring) in rings.enumerated() { try Self.check(ring, at: path + [COCOIndexKey(index)]) }
            self = .polygon(Polygon(rings: rings))
        } else if let flat = try? single.decode([Double].self) {
            // pycocotools also accepts one ring written flat: [x1, y1, x2, y2, …].
            try Self.check(flat, at: path)
            self = .polygon(Polygon(rings: [flat]))
        } else if let container = try? decoder.container(keyedBy: COCOKey.self) {
            self = .mask(try Self.mask(container, path))
        } else {
            throw COCOJSON.invalid("segmentation must be polygon rings [[x1, y1, x2, y2, …], …] "
                                   + "or an RLE object {\"size\": [h, w], \"counts\": …}", at: path)
        }
    }

    private static func check(_ ring: [Double], at path: [any CodingKey]) throws {
        guard ring.count % 2 == 0 else {
            throw COCOJSON.invalid("a polygon ring needs an even number of coordinates (x, y pairs), found \(ring.count)", at: path)
        }
        guard ring.count >= 6 else {
            throw COCOJSON.invalid("a polygon ring needs at least 3 points, found \(ring.count / 2)", at: path)
        }
        guard ring.allSatisfy(\.isFinite) else {
            throw COCOJSON.invalid("a polygon ring holds a non-finite coordinate", at: path)
        }
    }

    private static func mask(_ container: KeyedDecodingContainer<COCOKey>, _ path: [any CodingKey]) throws -> RunLengthMask {
        let size = try container.decode([Int].self, forKey: .size)
        guard size.count == 2, size[0] >= 0, size[1] >= 0 else {
            throw COCOJSON.invalid("size must be [height, width] with two numbers >= 0", at: path + [COCOKey.size])
        }
        let (height, width) = (size[0], size[1])
        let countsPath = path + [COCOKey.counts]
        let mask: RunLengthMask
        if let runs = try? container.decode([Int64].self, forKey: .counts) {
            var counts: [UInt32] = []
            counts.reserveCapacity(runs.count)
            for (index, run) in runs.enumerated() {
                guard run >= 0, run <= Int64(UInt32.max) else {
                    throw COCOJSON.invalid("run length \(run) is out of range", at: countsPath + [COCOIndexKey(index)])
                }
                counts.append(UInt32(run))
            }
            mask = RunLengthMask(height: height, width: width, counts: counts)
        } else if let text = try? container.decode(String.self, forKey: .counts) {
            do {
                mask = try RunLengthMask(height: height, width: width, compressed: text)
            } catch {
                throw COCOJSON.invalid(error.description, at: countsPath)
            }
        } else {
            throw COCOJSON.invalid("counts must be a list of run lengths or a compressed RLE string", at: countsPath)
        }
        let total = mask.counts.reduce(0) { $0 + Int($1) }
        let (pixels, overflow) = height.multipliedReportingOverflow(by: width)
        guard !overflow, total == pixels else {
            throw COCOJSON.invalid("the runs cover \(total) pixels but size [\(height), \(width)] has \(height * width)",
                                   at: countsPath)
        }
        return mask
    }
}

/// An array index in a coding path built by hand.
struct COCOIndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init(intValue: Int) { self.intValue = intValue }
}
