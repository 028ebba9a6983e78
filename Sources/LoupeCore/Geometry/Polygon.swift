/// A region bounded by one or more closed rings, as in COCO's polygon segmentation
/// (`[[x1, y1, x2, y2, …], …]`, pixel coordinates, several rings for occluded objects).
public struct Polygon: Hashable, Sendable, Codable {
    /// Each ring is a flat list `x1, y1, x2, y2, …` of at least three points.
    public var rings: [[Double]]

    /// A polygon from its rings; validity is checked by `isValid`, not here.
    public init(rings: [[Double]]) {
        self.rings = rings
    }

    /// `true` when there is at least one ring and every ring has an even number of
    /// finite coordinates describing at least three points.
    public var isValid: Bool {
        !rings.isEmpty && rings.allSatisfy { ring in
            ring.count >= 6 && ring.count % 2 == 0 && ring.allSatisfy(\.isFinite)
        }
    }

    /// The smallest box holding every vertex, or `nil` for a polygon without points.
    ///
    /// - Complexity: O(n) in the number of coordinates.
    public var boundingBox: BoundingBox? {
        var minX = Double.infinity, minY = Double.infinity
        var maxX = -Double.infinity, maxY = -Double.infinity
        for ring in rings {
            var index = 0
            while index + 1 < ring.count {
                minX = min(minX, ring[index]); maxX = max(maxX, ring[index])
                minY = min(minY, ring[index + 1]); maxY = max(maxY, ring[index + 1])
                index += 2
            }
        }
        guard minX <= maxX, minY <= maxY else { return nil }
        return BoundingBox(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    /// The sum of the rings' shoelace areas (each ring's absolute area; rings are not
    /// subtracted from each other, matching COCO where rings are separate visible parts).
    ///
    /// This is the geometric area; COCO's `area` field is the rasterized pixel count, which
    /// the evaluation engine computes separately.
    /// - Complexity: O(n) in the number of coordinates.
    public var shoelaceArea: Double {
        var total = 0.0
        for ring in rings {
            let points = ring.count / 2
            guard points >= 3 else { continue }
            var twice = 0.0
            for i in 0..<points {
                let j = (i + 1) % points
                twice += ring[2 * i] * ring[2 * j + 1] - ring[2 * j] * ring[2 * i + 1]
            }
            total += abs(twice) / 2
        }
        return total
    }
}
