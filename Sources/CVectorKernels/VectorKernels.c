// Float32 distance kernels with run-time dispatch; see include/CVectorKernels.h.
//
// Every path sums with independent accumulators (32 lanes) and finishes odd lengths with a scalar
// loop; paths differ from each other only in rounding (FMA, summation order).

#include "CVectorKernels.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define LVK_X86 1
#include <immintrin.h>
#else
#define LVK_X86 0
#endif

typedef float (*lvk_kernel)(const float *, const float *, size_t);

// MARK: portable path

#if LVK_X86
static float hsum128(__m128 v) {
    __m128 shuffled = _mm_shuffle_ps(v, v, _MM_SHUFFLE(2, 3, 0, 1));
    __m128 sums = _mm_add_ps(v, shuffled);
    shuffled = _mm_movehl_ps(shuffled, sums);
    sums = _mm_add_ss(sums, shuffled);
    return _mm_cvtss_f32(sums);
}

static float dot_portable(const float *a, const float *b, size_t n) {
    __m128 s0 = _mm_setzero_ps(), s1 = _mm_setzero_ps(), s2 = _mm_setzero_ps(), s3 = _mm_setzero_ps();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
        s1 = _mm_add_ps(s1, _mm_mul_ps(_mm_loadu_ps(a + i + 4), _mm_loadu_ps(b + i + 4)));
        s2 = _mm_add_ps(s2, _mm_mul_ps(_mm_loadu_ps(a + i + 8), _mm_loadu_ps(b + i + 8)));
        s3 = _mm_add_ps(s3, _mm_mul_ps(_mm_loadu_ps(a + i + 12), _mm_loadu_ps(b + i + 12)));
    }
    for (; i + 4 <= n; i += 4) s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
    float total = hsum128(_mm_add_ps(_mm_add_ps(s0, s1), _mm_add_ps(s2, s3)));
    for (; i < n; i++) total += a[i] * b[i];
    return total;
}

static float l2_portable(const float *a, const float *b, size_t n) {
    __m128 s0 = _mm_setzero_ps(), s1 = _mm_setzero_ps(), s2 = _mm_setzero_ps(), s3 = _mm_setzero_ps();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128 d0 = _mm_sub_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i));
        __m128 d1 = _mm_sub_ps(_mm_loadu_ps(a + i + 4), _mm_loadu_ps(b + i + 4));
        __m128 d2 = _mm_sub_ps(_mm_loadu_ps(a + i + 8), _mm_loadu_ps(b + i + 8));
        __m128 d3 = _mm_sub_ps(_mm_loadu_ps(a + i + 12), _mm_loadu_ps(b + i + 12));
        s0 = _mm_add_ps(s0, _mm_mul_ps(d0, d0));
        s1 = _mm_add_ps(s1, _mm_mul_ps(d1, d1));
        s2 = _mm_add_ps(s2, _mm_mul_ps(d2, d2));
        s3 = _mm_add_ps(s3, _mm_mul_ps(d3, d3));
    }
    for (; i + 4 <= n; i += 4) {
        __m128 d = _mm_sub_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i));
        s0 = _mm_add_ps(s0, _mm_mul_ps(d, d));
    }
    float total = hsum128(_mm_add_ps(_mm_add_ps(s0, s1), _mm_add_ps(s2, s3)));
    for (; i < n; i++) {
        float d = a[i] - b[i];
        total += d * d;
    }
    return total;
}
#else
static float dot_portable(const float *a, const float *b, size_t n) {
    float s[16] = {0};
    size_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (size_t j = 0; j < 16; j++) s[j] += a[i + j] * b[i + j];
    float total = 0;
    for (size_t j = 0; j < 16; j++) total += s[j];
    for (; i < n; i++) total += a[i] * b[i];
    return total;
}

static float l2_portable(const float *a, const float *b, size_t n) {
    float s[16] = {0};
    size_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (size_t j = 0; j < 16; j++) {
            float d = a[i + j] - b[i + j];
            s[j] += d * d;
        }
    float total = 0;
    for (size_t j = 0; j < 16; j++) total += s[j];
    for (; i < n; i++) {
        float d = a[i] - b[i];
        total += d * d;
    }
    return total;
}
#endif

// MARK: AVX2 + FMA and AVX-512 paths

#if LVK_X86
__attribute__((target("avx2,fma"))) static float hsum256(__m256 v) {
    __m128 sums = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    sums = _mm_add_ps(sums, _mm_movehl_ps(sums, sums));
    sums = _mm_add_ss(sums, _mm_movehdup_ps(sums));
    return _mm_cvtss_f32(sums);
}

__attribute__((target("avx2,fma"))) static float dot_avx2(const float *a, const float *b, size_t n) {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps(), s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
        s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), s2);
        s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), s3);
    }
    for (; i + 8 <= n; i += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    float total = hsum256(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
    for (; i < n; i++) total += a[i] * b[i];
    return total;
}

__attribute__((target("avx2,fma"))) static float l2_avx2(const float *a, const float *b, size_t n) {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps(), s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
        __m256 d2 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16));
        __m256 d3 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24));
        s0 = _mm256_fmadd_ps(d0, d0, s0);
        s1 = _mm256_fmadd_ps(d1, d1, s1);
        s2 = _mm256_fmadd_ps(d2, d2, s2);
        s3 = _mm256_fmadd_ps(d3, d3, s3);
    }
    for (; i + 8 <= n; i += 8) {
        __m256 d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        s0 = _mm256_fmadd_ps(d, d, s0);
    }
    float total = hsum256(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
    for (; i < n; i++) {
        float d = a[i] - b[i];
        total += d * d;
    }
    return total;
}

__attribute__((target("avx512f"))) static float dot_avx512(const float *a, const float *b, size_t n) {
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), s0);
        s1 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16), s1);
    }
    if (i < n) {
        // The last 1…31 values through masked loads (lanes past the end read as zero).
        size_t rest = n - i;
        __mmask16 first = rest >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << rest) - 1);
        __mmask16 second = rest > 16 ? (__mmask16)((1u << (rest - 16)) - 1) : 0;
        s0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(first, a + i), _mm512_maskz_loadu_ps(first, b + i), s0);
        s1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(second, a + i + 16), _mm512_maskz_loadu_ps(second, b + i + 16), s1);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

__attribute__((target("avx512f"))) static float l2_avx512(const float *a, const float *b, size_t n) {
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m512 d0 = _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
        __m512 d1 = _mm512_sub_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16));
        s0 = _mm512_fmadd_ps(d0, d0, s0);
        s1 = _mm512_fmadd_ps(d1, d1, s1);
    }
    if (i < n) {
        size_t rest = n - i;
        __mmask16 first = rest >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << rest) - 1);
        __mmask16 second = rest > 16 ? (__mmask16)((1u << (rest - 16)) - 1) : 0;
        __m512 d0 = _mm512_sub_ps(_mm512_maskz_loadu_ps(first, a + i), _mm512_maskz_loadu_ps(first, b + i));
        __m512 d1 = _mm512_sub_ps(_mm512_maskz_loadu_ps(second, a + i + 16), _mm512_maskz_loadu_ps(second, b + i + 16));
        s0 = _mm512_fmadd_ps(d0, d0, s0);
        s1 = _mm512_fmadd_ps(d1, d1, s1);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}
#endif

// MARK: dispatch

static lvk_kernel active_dot = dot_portable;
static lvk_kernel active_l2 = l2_portable;
static int active_path = LVK_PATH_PORTABLE;

int lvk_path_supported(int path) {
    switch (path) {
    case LVK_PATH_PORTABLE: return 1;
#if LVK_X86
    case LVK_PATH_AVX2_FMA:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case LVK_PATH_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f");
#endif
    default: return 0;
    }
}

static lvk_kernel dot_kernel(int path) {
#if LVK_X86
    if (path == LVK_PATH_AVX512) return dot_avx512;
    if (path == LVK_PATH_AVX2_FMA) return dot_avx2;
#endif
    (void)path;
    return dot_portable;
}

static lvk_kernel l2_kernel(int path) {
#if LVK_X86
    if (path == LVK_PATH_AVX512) return l2_avx512;
    if (path == LVK_PATH_AVX2_FMA) return l2_avx2;
#endif
    (void)path;
    return l2_portable;
}

/// Chooses the widest supported path at or below the `LOUPE_VECTOR_KERNELS` cap, before `main`.
__attribute__((constructor)) static void lvk_choose(void) {
    int cap = LVK_PATH_AVX512;
    const char *setting = getenv("LOUPE_VECTOR_KERNELS");
    if (setting && strcmp(setting, "portable") == 0) cap = LVK_PATH_PORTABLE;
    if (setting && strcmp(setting, "avx2") == 0) cap = LVK_PATH_AVX2_FMA;
    int path = cap;
    while (path > LVK_PATH_PORTABLE && !lvk_path_supported(path)) path--;
    active_path = path;
    active_dot = dot_kernel(path);
    active_l2 = l2_kernel(path);
}

int lvk_active_path(void) { return active_path; }

float lvk_dot(const float *a, const float *b, size_t count) { return active_dot(a, b, count); }

float lvk_squared_l2(const float *a, const float *b, size_t count) { return active_l2(a, b, count); }

float lvk_dot_on(int path, const float *a, const float *b, size_t count) { return dot_kernel(path)(a, b, count); }

float lvk_squared_l2_on(int path, const float *a, const float *b, size_t count) {
    return l2_kernel(path)(a, b, count);
}

void lvk_distances(int metric, const float *query, const void *base, size_t stride, const int32_t *slots,
                   size_t count, size_t dimension, float *out) {
    const char *bytes = (const char *)base;
    const size_t vectorBytes = dimension * sizeof(float);
    lvk_kernel kernel = metric == LVK_METRIC_L2 ? active_l2 : active_dot;
    if (count > 0) lvk_prefetch_range(bytes + (size_t)slots[0] * stride, vectorBytes);
    for (size_t i = 0; i < count; i++) {
        if (i + 1 < count) lvk_prefetch_range(bytes + (size_t)slots[i + 1] * stride, vectorBytes);
        float value = kernel(query, (const float *)(bytes + (size_t)slots[i] * stride), dimension);
        out[i] = metric == LVK_METRIC_L2 ? value : (metric == LVK_METRIC_INNER_PRODUCT ? -value : 1 - value);
    }
}
