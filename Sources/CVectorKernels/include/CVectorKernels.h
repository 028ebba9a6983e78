#ifndef CVECTORKERNELS_H
#define CVECTORKERNELS_H

/// Float32 distance kernels for LoupeCore's vector indexes, chosen once at run time by CPU
/// features: AVX-512F, then AVX2 + FMA, then a portable path (SSE2 on x86-64, plain C the
/// compiler vectorizes elsewhere). `swift build` compiles for baseline x86-64, so the wider paths
/// are compiled per function with `__attribute__((target(...)))`.
///
/// The environment variable `LOUPE_VECTOR_KERNELS` (`portable`, `avx2`, `avx512`) caps the path
/// chosen at startup, e.g. to measure or test the fallback; a path the CPU lacks is never chosen.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Kernel paths, narrowest first.
enum {
    LVK_PATH_PORTABLE = 0,
    LVK_PATH_AVX2_FMA = 1,
    LVK_PATH_AVX512 = 2,
};

/// Metric codes of the batch kernel: squared L2, negated inner product, one minus inner product.
enum {
    LVK_METRIC_L2 = 0,
    LVK_METRIC_INNER_PRODUCT = 1,
    LVK_METRIC_COSINE = 2,
};

/// The path every dispatched kernel uses (fixed at startup).
int lvk_active_path(void);

/// Whether the CPU (and the compiler) support `path`.
int lvk_path_supported(int path);

/// `Σ a[i]·b[i]` over `count` values, on the active path.
float lvk_dot(const float *a, const float *b, size_t count);

/// `Σ (a[i] − b[i])²` over `count` values, on the active path.
float lvk_squared_l2(const float *a, const float *b, size_t count);

/// `lvk_dot` on an explicit path (for tests); `path` must be supported.
float lvk_dot_on(int path, const float *a, const float *b, size_t count);

/// `lvk_squared_l2` on an explicit path (for tests); `path` must be supported.
float lvk_squared_l2_on(int path, const float *a, const float *b, size_t count);

/// The distances (by `metric`, see the `LVK_METRIC_` codes) from `query` to the `count` vectors
/// at `base + slots[i] * stride` bytes, written to `out[i]`; each vector's cache lines are
/// prefetched while the previous one is compared.
void lvk_distances(int metric, const float *query, const void *base, size_t stride, const int32_t *slots,
                   size_t count, size_t dimension, float *out);

/// Asks the CPU to bring the cache line holding `address` towards the L1 cache (a hint; never faults).
static inline void lvk_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// Prefetches the `bytes` bytes from `address` (every cache line they touch).
static inline void lvk_prefetch_range(const void *address, size_t bytes) {
    const char *p = (const char *)address;
    const char *end = p + bytes;
    for (; p < end; p += 64) __builtin_prefetch(p, 0, 3);
    __builtin_prefetch(end - 1, 0, 3);
}

#ifdef __cplusplus
}
#endif

#endif
