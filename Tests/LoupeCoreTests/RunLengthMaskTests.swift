import LoupeCore
import Testing

@Suite("COCO run-length masks")
struct RunLengthMaskTests {
    /// A seeded generator so that property tests are repeatable.
    typealias SeededGenerator = SplitMix64

    @Test("compressed strings that pycocotools wrote decode to the counts it encoded")
    func knownStrings() throws {
        // pycocotools: mask.encode(np.asfortranarray(m)) for a 4×3 mask with column-major runs [1, 2, 3, 6].
        let mask = RunLengthMask(height: 4, width: 3, counts: [1, 2, 3, 6])
        #expect(mask.compressed == "1234")
        #expect(try RunLengthMask(height: 4, width: 3, compressed: "1234") == mask)
        // Counts after the second are stored as differences to the count two places earlier;
        // pycocotools writes [0, 5, 40, 5] as "05X10" (40 needs two 5-bit groups, 5 - 5 = 0).
        let delta = RunLengthMask(height: 10, width: 5, counts: [0, 5, 40, 5])
        #expect(delta.compressed == "05X10")
        #expect(try RunLengthMask(height: 10, width: 5, compressed: "05X10") == delta)
    }

    @Test("encode then decode is the identity on random run lists", arguments: 0..<20)
    func roundTrip(seed: UInt64) throws {
        var generator = SeededGenerator(state: seed)
        var counts: [UInt32] = []
        for _ in 0..<Int.random(in: 0...60, using: &generator) {
            counts.append(UInt32.random(in: 0...(Bool.random(using: &generator) ? 40 : 5_000_000), using: &generator))
        }
        let mask = RunLengthMask(height: 7, width: 11, counts: counts)
        #expect(try RunLengthMask(height: 7, width: 11, compressed: mask.compressed) == mask)
    }

    @Test("malformed strings are refused with the byte offset")
    func malformed() {
        #expect(throws: RunLengthMask.DecodingError.self) { try RunLengthMask(height: 1, width: 1, compressed: "1 2") }
        // '`' (96) has the continuation bit set but the string ends.
        #expect(throws: RunLengthMask.DecodingError.self) { try RunLengthMask(height: 1, width: 1, compressed: "`") }
        do {
            _ = try RunLengthMask(height: 1, width: 1, compressed: "1~")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 1)
        }
    }

    @Test("area is the foreground pixel count and the box follows pycocotools' toBbox")
    func areaAndBox() {
        // 4×3 mask, column-major runs: 1 bg, 2 fg (rows 1–2 of column 0), 3 bg, 6 fg (row 1 of column 1 … end).
        let mask = RunLengthMask(height: 4, width: 3, counts: [1, 2, 3, 6])
        #expect(mask.area == 8)
        #expect(mask.isWellFormed)
        // The second run crosses from column 1 into column 2, so the box spans the full height.
        #expect(mask.boundingBox == BoundingBox(x: 0, y: 0, width: 3, height: 4))
        // pycocotools: toBbox of '525' is [1, 1, 1, 2].
        let single = RunLengthMask(height: 4, width: 3, counts: [5, 2, 5])
        #expect(single.boundingBox == BoundingBox(x: 1, y: 1, width: 1, height: 2))
        #expect(RunLengthMask(height: 4, width: 3, counts: [12]).boundingBox == BoundingBox(x: 0, y: 0, width: 0, height: 0))
    }
}
