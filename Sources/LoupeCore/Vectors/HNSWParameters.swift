/// The parameters of an ``HNSWIndex`` (Malkov & Yashunin 2018, section 4; names as in hnswlib).
///
/// - `m`: links per node on the upper layers; the bottom layer keeps `2·m`. Larger `m` raises
///   recall at a given `ef` and costs memory (`8·m + 4` bytes per vector at level 0) and build time.
///   12–48 is the useful range; 16 is a good default for 64–256 dimensions.
/// - `efConstruction`: the candidate list size while inserting. Larger builds a better graph,
///   more slowly (build time grows roughly linearly). 100–200 is typical.
/// - `efSearch`: the default candidate list size at query time (raised to `k` when smaller); the
///   main recall/speed knob, adjustable after building through ``HNSWIndex/efSearch``.
/// - `seed`: seeds the level of each inserted node; a build on one thread is deterministic for a
///   seed and an insertion order.
/// - `buildThreads`: threads inserting a batch of ``HNSWIndex/add(ids:vectors:)`` (with per-node
///   locks); `1` for a deterministic graph.
///
/// `docs/vector-index.md` has the measured recall and speed for these settings.
public struct HNSWParameters: Hashable, Sendable {
    /// Links per node on upper layers (`2·m` on the bottom layer).
    public var m: Int
    /// Candidate list size while inserting.
    public var efConstruction: Int
    /// Default candidate list size while searching.
    public var efSearch: Int
    /// Seed of the level generator.
    public var seed: UInt64
    /// Threads inserting a batch.
    public var buildThreads: Int

    /// Parameters; the defaults are hnswlib's `M = 16` with `efConstruction = 100`, `ef = 64`.
    /// - Precondition: `m >= 2`, `efConstruction >= 1`, `efSearch >= 1`, `buildThreads >= 1`.
    public init(m: Int = 16, efConstruction: Int = 100, efSearch: Int = 64, seed: UInt64 = 100, buildThreads: Int = 2) {
        precondition(m >= 2 && m <= 1024 && efConstruction >= 1 && efSearch >= 1 && buildThreads >= 1,
                     "HNSWParameters: m \(m), efConstruction \(efConstruction), efSearch \(efSearch), buildThreads \(buildThreads)")
        self.m = m
        self.efConstruction = efConstruction
        self.efSearch = efSearch
        self.seed = seed
        self.buildThreads = buildThreads
    }
}
