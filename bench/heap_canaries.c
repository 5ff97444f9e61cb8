/* bench/heap_canaries.c — what the canaries around the solution's own
 * blocks (src/runner/redzone.c) cost the allocator, measured in CPU time
 * outside any runner: runner/alloc.c and runner/redzone.c linked into
 * this program, every call taken for the solution's.  Built and run by
 * bench/heap-canaries.sh; prints one line per mode (without, with).
 *
 *   heap_canaries 0|1 [N]   1: canaries on (redzone_start) */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "runner/runner.h"

/* What runner.c and fault.c provide to alloc.c and redzone.c. */
runner_state R;
volatile long long runner_heap_live;
volatile size_t runner_alloc_failed;

void runner_send(uint32_t type, uint32_t code, int64_t a, int64_t b, const char *text)
{
    fprintf(stderr, "fault %u %u %lld %lld %s\n", type, code, (long long)a, (long long)b,
            text ? text : "");
    exit(1);
}

static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* alloc_forever.c's node: 248 bytes. */
struct node {
    struct node *next;
    double row[30];
};

/* Kept out of line: the calls come from this program's code, which
 * R.sol_lo/sol_hi take for the solution's. */
__attribute__((noinline)) static void *get(size_t n) { return malloc(n); }
__attribute__((noinline)) static void put(void *p) { free(p); }

int main(int argc, char **argv)
{
    int on = argc > 1 && atoi(argv[1]);
    long n = argc > 2 ? atol(argv[2]) : 1000000;
    R.sol_lo = 0;
    R.sol_hi = UINTPTR_MAX;
    if (on)
        redzone_start();
    double t0 = cpu();
    struct node *head = NULL;
    for (long i = 0; i < n; i++) {
        struct node *x = get(sizeof *x);
        x->next = head;
        x->row[0] = (double)i;
        head = x;
    }
    double t1 = cpu();
    redzone_check_all("return");
    double t2 = cpu();
    while (head) {
        struct node *next = head->next;
        put(head);
        head = next;
    }
    double t3 = cpu();
    for (long i = 0; i < 4 * n; i++) {
        char *p = get(8 + (size_t)(i & 63));
        p[0] = 1;
        put(p);
    }
    double t4 = cpu();
    printf("%-8s %ld fresh 248-byte blocks: %4.0f ns each; a check of all of them: "
           "%5.1f ms; their frees: %3.0f ns each; malloc/free pairs: %3.0f ns each\n",
           on ? "with" : "without", n, (t1 - t0) / (double)n * 1e9, (t2 - t1) * 1e3,
           (t3 - t2) / (double)n * 1e9, (t4 - t3) / (double)(4 * n) * 1e9);
    return 0;
}
