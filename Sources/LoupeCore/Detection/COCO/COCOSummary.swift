#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The summary numbers of a COCO evaluation (pycocotools' `COCOeval.stats`), labelled.
///
/// Boxes and masks give 12 entries: AP (IoU .50:.95, area all, 100 detections), AP50, AP75, APs,
/// APm, APl (at the largest limit), AR1, AR10, AR100 (at each limit), ARs, ARm, ARl.
/// Keypoints give 10, all at 20 detections: AP, AP50, AP75, APm, APl, AR, AR50, AR75, ARm, ARl.
/// As in pycocotools, AP and the keypoint entries use the literal limits 100 and 20, the others
/// `maxDetections[0]`, `[1]`, `[2]` (the last limit when there are fewer than three).
public struct COCOSummary: Hashable, Sendable {
    /// One summary number and what it averages.
    public struct Entry: Hashable, Sendable {
        /// Average precision or average recall.
        public enum Metric: Hashable, Sendable {
            /// The mean of `precision` over recall levels, thresholds and categories.
            case averagePrecision
            /// The mean of `recall` over thresholds and categories.
            case averageRecall
        }

        /// A short name: `"AP"`, `"AP50"`, `"APs"`, `"AR100"`, …
        public var label: String
        /// Precision or recall.
        public var metric: Metric
        /// The one IoU threshold averaged, or `nil` for all of them.
        public var iouThreshold: Double?
        /// The label of the area range.
        public var areaLabel: String
        /// The per-image detection limit.
        public var maxDetections: Int
        /// The mean, or `nil` where pycocotools prints -1 (no ground truth counted).
        public var value: Double?
    }

    /// The entries, in pycocotools' `stats` order.
    public var entries: [Entry]
    /// The `0.50:0.95` label of entries that average every IoU threshold (first and last
    /// thresholds, two decimals).
    public var iouRangeLabel: String

    /// Summarizes `accumulation` as pycocotools' `summarize()` does.
    /// - Complexity: O(T · R · K) per entry.
    public init(accumulation: COCOAccumulation) {
        let parameters = accumulation.parameters
        let limits = parameters.maxDetections
        func limit(_ index: Int) -> Int { limits[Swift.min(index, limits.count - 1)] }
        typealias Spec = (String, Entry.Metric, Double?, String, Int)
        let specs: [Spec]
        switch parameters.iouType {
        case .bbox, .segm:
            specs = [
                ("AP", .averagePrecision, nil, "all", 100),
                ("AP50", .averagePrecision, 0.5, "all", limit(2)),
                ("AP75", .averagePrecision, 0.75, "all", limit(2)),
                ("APs", .averagePrecision, nil, "small", limit(2)),
                ("APm", .averagePrecision, nil, "medium", limit(2)),
                ("APl", .averagePrecision, nil, "large", limit(2)),
                ("AR\(limit(0))", .averageRecall, nil, "all", limit(0)),
                ("AR\(limit(1))", .averageRecall, nil, "all", limit(1)),
                ("AR\(limit(2))", .averageRecall, nil, "all", limit(2)),
                ("ARs", .averageRecall, nil, "small", limit(2)),
                ("ARm", .averageRecall, nil, "medium", limit(2)),
                ("ARl", .averageRecall, nil, "large", limit(2)),
            ]
        case .keypoints:
            specs = [
                ("AP", .averagePrecision, nil, "all", 20),
                ("AP50", .averagePrecision, 0.5, "all", 20),
                ("AP75", .averagePrecision, 0.75, "all", 20),
                ("APm", .averagePrecision, nil, "medium", 20),
                ("APl", .averagePrecision, nil, "large", 20),
                ("AR", .averageRecall, nil, "all", 20),
                ("AR50", .averageRecall, 0.5, "all", 20),
                ("AR75", .averageRecall, 0.75, "all", 20),
                ("ARm", .averageRecall, nil, "medium", 20),
                ("ARl", .averageRecall, nil, "large", 20),
            ]
        }
        entries = specs.map { label, metric, threshold, area, limit in
            let value = metric == .averagePrecision
                ? accumulation.averagePrecision(iouThreshold: threshold, areaLabel: area, maxDetections: limit)
                : accumulation.averageRecall(iouThreshold: threshold, areaLabel: area, maxDetections: limit)
            return Entry(label: label, metric: metric, iouThreshold: threshold, areaLabel: area,
                         maxDetections: limit, value: value)
        }
        if let first = parameters.iouThresholds.first, let last = parameters.iouThresholds.last {
            iouRangeLabel = "\(Self.fixed(first, digits: 2)):\(Self.fixed(last, digits: 2))"
        } else {
            iouRangeLabel = ""
        }
    }

    /// The value of the entry labelled `label`, `nil` when absent or unknown.
    public subscript(label: String) -> Double? {
        entries.first { $0.label == label }?.value
    }

    /// pycocotools' `stats` array: the entries' values with -1 where they are absent.
    public var pycocotoolsStats: [Double] { entries.map { $0.value ?? -1 } }

    /// The lines pycocotools' `summarize()` prints, e.g.
    /// ` Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.505`,
    /// numbers rounded as Python's `format` rounds them (the exact binary value, ties to even).
    public var text: String {
        entries.map(line).joined(separator: "\n")
    }

    private func line(_ entry: Entry) -> String {
        let title = entry.metric == .averagePrecision ? "Average Precision" : "Average Recall"
        let kind = entry.metric == .averagePrecision ? "(AP)" : "(AR)"
        let iou = entry.iouThreshold.map { Self.fixed($0, digits: 2) } ?? iouRangeLabel
        let value = Self.fixed(entry.value ?? -1, digits: 3)
        return " \(Self.padRight(title, 18)) \(kind) @[ IoU=\(Self.padRight(iou, 9)) | area=\(Self.padLeft(entry.areaLabel, 6))"
            + " | maxDets=\(Self.padLeft(String(entry.maxDetections), 3)) ] = \(value)"
    }

    private static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `"%.{digits}f"` through the C library, which like Python rounds the exact binary value.
    static func fixed(_ value: Double, digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 64, "%.\(digits)f", arguments) }
        }
        guard written > 0, written < 64 else { return String(value) }
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension COCOAccumulation {
    /// pycocotools' `summarize()`: the labelled summary numbers (see `COCOSummary`).
    /// - Complexity: O(T · R · K) per entry.
    public func summarize() -> COCOSummary {
        COCOSummary(accumulation: self)
    }
}
