#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UMAP {
    /// The starting layout, scaled and noised as umap-learn does, then each coordinate mapped
    /// onto `[0, 10]`.
    func initialLayout(_ set: FuzzySimplicialSet, data: RowMajorMatrix?, generator: inout SplitMix64) -> RowMajorMatrix {
        let n = set.count
        var method = initialization
        if method == .spectral && set.componentCount > 1 { method = data == nil ? .random : .principalComponents }
        var values: [Float]
        switch method {
        case .random:
            values = (0..<(n * dimensions)).map { _ in Float(generator.nextUnitInterval() * 20 - 10) }
        case .spectral, .principalComponents:
            let start: [Double]
            if method == .spectral {
                start = SpectralLayout(set: set, dimensions: dimensions, seed: SplitMix64.mix(seed)).coordinates
            } else {
                let pca = PrincipalComponents(fitting: data!, componentCount: dimensions)
                var projected = pca.transform(data!).values.map(Double.init)
                if pca.components.rows < dimensions {
                    // Fewer input columns than output dimensions: pad with zeros.
                    let c = pca.components.rows
                    projected = (0..<(n * dimensions)).map { $0 % dimensions < c ? projected[($0 / dimensions) * c + $0 % dimensions] : 0 }
                }
                start = projected
            }
            let largest = start.reduce(0) { max($0, abs($1)) }
            let expansion = largest > 0 ? 10 / largest : 1
            values = start.map { value in Float(value * expansion + 1e-4 * Self.normal(&generator)) }
        }
        for column in 0..<dimensions {
            var low = Float.infinity
            var high = -Float.infinity
            for i in 0..<n {
                low = min(low, values[i * dimensions + column])
                high = max(high, values[i * dimensions + column])
            }
            for i in 0..<n {
                values[i * dimensions + column] = high > low ? 10 * (values[i * dimensions + column] - low) / (high - low) : 0
            }
        }
        return RowMajorMatrix(rows: n, columns: dimensions, values: values)
    }

    /// A standard normal draw by the Box–Muller transform on two uniforms of `generator`.
    static func normal(_ generator: inout SplitMix64) -> Double {
        let u = 1 - generator.nextUnitInterval()
        let v = generator.nextUnitInterval()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
