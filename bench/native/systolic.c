// Reference kernel for `npm run bench`: a plain register-level output-stationary systolic array in C.
//
// R x C PEs, each with three int32 registers: a (ifmap word, moves right), b (filter word, moves down) and acc
// (stays). Every cycle all registers latch at once: PE(i, j).a takes PE(i, j-1).a (column 0 takes row i's left-edge
// stream, A[m0+i][t-i]), PE(i, j).b takes PE(i-1, j).b (row 0 takes column j's top-edge stream, B[t-j][n0+j]),
// then every PE does acc += a*b. The a and b registers are double-buffered (current / next) like the flip-flops
// they model. A fold runs K + R + C - 2 cycles, after which acc holds C[m0+i][n0+j].
//
// Usage: systolic M N K R C REPEATS
// Runs the M x N x K GEMM once and checks it against a naive matmul, then times REPEATS more runs and prints one
// JSON line: the mean rate over all timed runs and the rate of the fastest run. PE-updates = R * C * (K + R + C - 2) per fold: every PE of the array, every cycle of the fold's span.
// Operands are int8 values in int32 registers; K <= 131072 keeps every sum inside int32.
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  int rows, cols;
  int32_t *a, *b, *acc;     // current registers, rows x cols, row-major
  int32_t *an, *bn;         // next registers
  int32_t *left, *top;      // this cycle's edge inputs: left[i] enters row i, top[j] enters column j
} Array;

static void *xalloc(size_t words) {
  void *p = aligned_alloc(64, ((words * sizeof(int32_t) + 63) / 64) * 64);
  if (!p) {
    fprintf(stderr, "systolic: out of memory\n");
    exit(1);
  }
  memset(p, 0, words * sizeof(int32_t));
  return p;
}

static void array_init(Array *s, int rows, int cols) {
  size_t n = (size_t)rows * cols;
  s->rows = rows;
  s->cols = cols;
  s->a = xalloc(n);
  s->b = xalloc(n);
  s->acc = xalloc(n);
  s->an = xalloc(n);
  s->bn = xalloc(n);
  s->left = xalloc(rows);
  s->top = xalloc(cols);
}

static void array_reset(Array *s) {
  size_t bytes = (size_t)s->rows * s->cols * sizeof(int32_t);
  memset(s->a, 0, bytes);
  memset(s->b, 0, bytes);
  memset(s->acc, 0, bytes);
}

// One clock edge: every a and b register takes its neighbour's value (or the edge input), then every PE MACs.
static void array_step(Array *s) {
  const int rows = s->rows, cols = s->cols;
  for (int i = 0; i < rows; i++) {
    const int32_t *restrict a = s->a + (size_t)i * cols;
    const int32_t *restrict bup = i == 0 ? s->top : s->b + (size_t)(i - 1) * cols;
    int32_t *restrict an = s->an + (size_t)i * cols;
    int32_t *restrict bn = s->bn + (size_t)i * cols;
    int32_t *restrict acc = s->acc + (size_t)i * cols;
    an[0] = s->left[i];
    for (int j = 1; j < cols; j++) an[j] = a[j - 1];
    for (int j = 0; j < cols; j++) {
      bn[j] = bup[j];
      acc[j] += an[j] * bn[j];
    }
  }
  int32_t *t = s->a;
  s->a = s->an;
  s->an = t;
  t = s->b;
  s->b = s->bn;
  s->bn = t;
}

// One fold: outputs C[m0 .. m0+r) x [n0 .. n0+c), skewed edge streams, K + R + C - 2 cycles. Returns the cycles.
static long run_fold(Array *s, const int32_t *A, const int32_t *B, int32_t *Cout, int n, int k, int m0, int n0,
                     int r, int c) {
  const int rows = s->rows, cols = s->cols;
  const long cycles = (long)k + rows + cols - 2;
  array_reset(s);
  for (long t = 0; t < cycles; t++) {
    for (int i = 0; i < rows; i++) {
      long kk = t - i;
      s->left[i] = i < r && kk >= 0 && kk < k ? A[(size_t)(m0 + i) * k + kk] : 0;
    }
    for (int j = 0; j < cols; j++) {
      long kk = t - j;
      s->top[j] = j < c && kk >= 0 && kk < k ? B[(size_t)kk * n + n0 + j] : 0;
    }
    array_step(s);
  }
  for (int i = 0; i < r; i++)
    memcpy(Cout + (size_t)(m0 + i) * n + n0, s->acc + (size_t)i * cols, (size_t)c * sizeof(int32_t));
  return cycles;
}

// The whole GEMM, fold by fold (column folds outer, row folds inner). Returns the cycles simulated.
static long run_gemm(Array *s, const int32_t *A, const int32_t *B, int32_t *Cout, int m, int n, int k) {
  long cycles = 0;
  for (int n0 = 0; n0 < n; n0 += s->cols)
    for (int m0 = 0; m0 < m; m0 += s->rows) {
      int r = m - m0 < s->rows ? m - m0 : s->rows;
      int c = n - n0 < s->cols ? n - n0 : s->cols;
      cycles += run_fold(s, A, B, Cout, n, k, m0, n0, r, c);
    }
  return cycles;
}

static int check(const int32_t *A, const int32_t *B, const int32_t *Cout, int m, int n, int k) {
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      int32_t ref = 0;
      for (int kk = 0; kk < k; kk++) ref += A[(size_t)i * k + kk] * B[(size_t)kk * n + j];
      if (ref != Cout[(size_t)i * n + j]) {
        fprintf(stderr, "systolic: C[%d][%d] = %d, reference matmul gives %d\n", i, j, Cout[(size_t)i * n + j], ref);
        return 0;
      }
    }
  return 1;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: systolic M N K R C REPEATS\n");
    return 2;
  }
  int v[6];
  for (int i = 0; i < 6; i++) {
    v[i] = atoi(argv[i + 1]);
    if (v[i] < 1) {
      fprintf(stderr, "systolic: argument %d ('%s') must be a positive integer\n", i + 1, argv[i + 1]);
      return 2;
    }
  }
  const int m = v[0], n = v[1], k = v[2], rows = v[3], cols = v[4], repeats = v[5];
  if (k > 131072) {
    fprintf(stderr, "systolic: K = %d may overflow int32 sums of int8 products; use K <= 131072\n", k);
    return 2;
  }
  int32_t *A = xalloc((size_t)m * k), *B = xalloc((size_t)k * n), *Cout = xalloc((size_t)m * n);
  uint32_t seed = 12345;
  for (size_t i = 0; i < (size_t)m * k; i++) A[i] = (int32_t)((seed = seed * 1664525u + 1013904223u) >> 24) - 128;
  for (size_t i = 0; i < (size_t)k * n; i++) B[i] = (int32_t)((seed = seed * 1664525u + 1013904223u) >> 24) - 128;
  Array s;
  array_init(&s, rows, cols);

  run_gemm(&s, A, B, Cout, m, n, k);
  if (!check(A, B, Cout, m, n, k)) return 1;

  long cycles = 0;
  int64_t checksum = 0;
  double best = 1e300;
  const double t0 = now();
  for (int rep = 0; rep < repeats; rep++) {
    const double r0 = now();
    cycles = run_gemm(&s, A, B, Cout, m, n, k);
    const double dt = now() - r0;
    if (dt < best) best = dt;
    checksum += Cout[rep % ((size_t)m * n)];
  }
  const double seconds = now() - t0;
  const double updates = (double)rows * cols * (double)cycles; // per run
  printf("{\"m\":%d,\"n\":%d,\"k\":%d,\"rows\":%d,\"cols\":%d,\"repeats\":%d,\"cyclesPerRun\":%ld,"
         "\"peUpdatesPerRun\":%.0f,\"seconds\":%.6f,\"peUpdatesPerSec\":%.6e,\"bestPeUpdatesPerSec\":%.6e,"
         "\"verified\":true,\"checksum\":%lld}\n",
         m, n, k, rows, cols, repeats, cycles, updates, seconds, updates * repeats / seconds, updates / best,
         (long long)checksum);
  return 0;
}
