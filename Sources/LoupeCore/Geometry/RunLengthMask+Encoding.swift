extension RunLengthMask {
    /// Encodes a dense mask stored column by column (Fortran order, pixel `(row y, column x)` at
    /// `x * height + y`); any nonzero byte is foreground.
    ///
    /// Matches `rleEncode` in pycocotools' `maskApi.c` (`mask.encode`) for masks whose foreground
    /// bytes all have one value (0/1, 0/255, …). pycocotools starts a new run at every change of
    /// byte value, so a mask mixing nonzero values (1 next to 2) encodes there as two runs that
    /// decode to foreground then background; here both are foreground.
    /// A mask that starts with foreground gets a zero-length first run; an empty image (`0` pixels)
    /// encodes as `[0]`, as in pycocotools.
    /// - Precondition: `mask.count == height * width`, both `>= 0`.
    /// - Complexity: O(height · width).
    public init(columnMajorMask mask: UnsafeBufferPointer<UInt8>, height: Int, width: Int) {
        precondition(height >= 0 && width >= 0 && mask.count == height * width,
                     "a column-major mask needs height * width bytes")
        var counts: [UInt32] = []
        var foreground = false
        var run: UInt32 = 0
        for byte in mask {
            if (byte != 0) != foreground {
                counts.append(run)
                run = 0
                foreground.toggle()
            }
            run += 1
        }
        counts.append(run)
        self.init(height: height, width: width, counts: counts)
    }

    /// Encodes a dense column-major mask (see `init(columnMajorMask:height:width:)` with a buffer).
    /// - Complexity: O(height · width).
    public init(columnMajorMask mask: [UInt8], height: Int, width: Int) {
        self = mask.withUnsafeBufferPointer { Self(columnMajorMask: $0, height: height, width: width) }
    }

    /// Encodes a dense mask stored row by row (C order, pixel `(y, x)` at `y * width + x`, as an image
    /// buffer is laid out); any nonzero byte is foreground. The runs are still column-major, so the
    /// result equals `init(columnMajorMask:)` of the transposed buffer.
    /// - Precondition: `mask.count == height * width`, both `>= 0`.
    /// - Complexity: O(height · width), with strided reads.
    public init(rowMajorMask mask: [UInt8], height: Int, width: Int) {
        precondition(height >= 0 && width >= 0 && mask.count == height * width,
                     "a row-major mask needs height * width bytes")
        var counts: [UInt32] = []
        var foreground = false
        var run: UInt32 = 0
        mask.withUnsafeBufferPointer { pixels in
            for x in 0..<width {
                var index = x
                for _ in 0..<height {
                    if (pixels[index] != 0) != foreground {
                        counts.append(run)
                        run = 0
                        foreground.toggle()
                    }
                    run += 1
                    index += width
                }
            }
        }
        counts.append(run)
        self.init(height: height, width: width, counts: counts)
    }

    /// The dense mask, column by column (pixel `(y, x)` at `x * height + y`), `1` for foreground
    /// and `0` for background: pycocotools' `rleDecode` (`mask.decode`).
    ///
    /// Always `height * width` bytes. For malformed runs pycocotools raises (runs past the end) or
    /// leaves memory unset (runs short of the end); here runs past the end are cut off and pixels
    /// after the last run are background.
    /// - Complexity: O(height · width + number of runs).
    public func decodedColumnMajor() -> [UInt8] {
        let pixels = max(0, height) * max(0, width)
        var mask = [UInt8](repeating: 0, count: pixels)
        mask.withUnsafeMutableBufferPointer { output in
            forEachForegroundRun(pixels: pixels) { start, end in
                output.baseAddress!.advanced(by: start).update(repeating: 1, count: end - start)
            }
        }
        return mask
    }

    /// The dense mask, row by row (pixel `(y, x)` at `y * width + x`), `1` for foreground; the
    /// transpose of `decodedColumnMajor()`, with the same handling of malformed runs.
    /// - Complexity: O(height · width + number of runs).
    public func decodedRowMajor() -> [UInt8] {
        let pixels = max(0, height) * max(0, width)
        var mask = [UInt8](repeating: 0, count: pixels)
        let height = height, width = width
        mask.withUnsafeMutableBufferPointer { output in
            forEachForegroundRun(pixels: pixels) { start, end in
                var x = start / height, y = start % height
                for _ in start..<end {
                    output[y * width + x] = 1
                    y += 1
                    if y == height { y = 0; x += 1 }
                }
            }
        }
        return mask
    }

    /// Calls `body(start, end)` for each non-empty foreground run, clipped to `0..<pixels`.
    private func forEachForegroundRun(pixels: Int, _ body: (Int, Int) -> Void) {
        var position = 0
        counts.withUnsafeBufferPointer { runs in
            for index in runs.indices {
                guard position < pixels else { return }
                let end = min(pixels, position + Int(runs[index]))
                if index % 2 == 1, end > position { body(position, end) }
                position = end
            }
        }
    }
}
