/* baseline — see baseline.h. */
#define _GNU_SOURCE

#include "grade/baseline.h"

#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "util/util.h"

#define BASELINE_KEEP 4000    /* lines kept: old challenges age out */
#define BASELINE_RECENT 8     /* the last gradings' times kept per key */
#define BASELINE_QUORUM 3     /* recent times needed to judge a best */
#define BASELINE_FAR 0.5      /* a time below this share of the recent
                                 median is far below them */

static char *cpu_model(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    char *model = NULL;
    while (f && !model && fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0) {
            char *v = strchr(line, ':');
            model = xstrdup(v ? v + 1 : "");
        }
    if (f)
        fclose(f);
    return model ? model : xstrdup("?");
}

char *baseline_key(const char *ref_so, unsigned long long seed, int index)
{
    struct utsname u;
    if (uname(&u) != 0)
        strcpy(u.nodename, "?");
    char *cpu = cpu_model();
    const char *base = strrchr(ref_so, '/');
    unsigned long long machine = hash_str(hash_str(HASH_SEED, u.nodename), cpu);
    char *key = xasprintf("%016llx-%s-%016llx-%d", machine, base ? base + 1 : ref_so, seed, index);
    free(cpu);
    return key;
}

static char *baseline_path(void)
{
    md_err err;
    char *dir = xdg_cache_dir(&err);
    if (!dir || mkdir_p(dir, &err) != 0) {
        free(dir);
        return NULL;
    }
    char *p = path_join(dir, "timing-baselines");
    free(dir);
    return p;
}

/* One key's line: its best, and the recent times newest first. */
typedef struct record {
    double best;
    double recent[BASELINE_RECENT];
    int nrecent;
} record;

/* The record on key's line of text (zeroed when absent). */
static record lookup(const char *text, const char *key)
{
    record r = {0};
    size_t kl = strlen(key);
    for (const char *p = text; p && *p;) {
        if (strncmp(p, key, kl) == 0 && p[kl] == ' ') {
            char *end;
            r.best = strtod(p + kl + 1, &end);
            while (r.nrecent < BASELINE_RECENT && *end == ' ') {
                const char *at = end;
                double v = strtod(at, &end);
                if (end == at)
                    break;
                r.recent[r.nrecent++] = v;
            }
            if (!(r.best > 0))
                r.best = 0;
            return r;
        }
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    return r;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of the recent times, 0 with fewer than BASELINE_QUORUM. */
static double recent_median(const record *r)
{
    if (r->nrecent < BASELINE_QUORUM)
        return 0;
    double v[BASELINE_RECENT];
    memcpy(v, r->recent, sizeof(double) * (size_t)r->nrecent);
    qsort(v, (size_t)r->nrecent, sizeof v[0], cmp_double);
    return r->nrecent % 2 ? v[r->nrecent / 2]
                          : (v[r->nrecent / 2 - 1] + v[r->nrecent / 2]) / 2;
}

/* Whether t is far below the recent times, or, with too few of them to
 * judge (a line an older mldrill wrote), below the time the grading
 * measured now (0: none): not a best to trust.  CPU time does not halve
 * because a machine is quiet. */
static bool far_below(const record *r, double t, double now)
{
    double med = recent_median(r);
    if (med > 0)
        return t < BASELINE_FAR * med;
    return now > 0 && t < BASELINE_FAR * now;
}

/* The best the record vouches for: its best, unless far below, then the
 * lowest recent time that is not (0 when none is). */
static double effective_best(const record *r, double now)
{
    if (!far_below(r, r->best, now))
        return r->best;
    double best = 0;
    for (int i = 0; i < r->nrecent; i++)
        if (!far_below(r, r->recent[i], now) && (best == 0 || r->recent[i] < best))
            best = r->recent[i];
    return best;
}

/* The record after a grading's time t: t first among the recent times, and
 * the new best unless t is far below them. */
static record updated(record r, double t)
{
    record n = r;
    n.recent[0] = t;
    n.nrecent = r.nrecent < BASELINE_RECENT ? r.nrecent + 1 : BASELINE_RECENT;
    memcpy(n.recent + 1, r.recent, sizeof(double) * (size_t)(n.nrecent - 1));
    n.best = effective_best(&n, 0);
    if (!far_below(&r, t, 0) && (n.best <= 0 || t < n.best))
        n.best = t;
    return n;
}

/* Writes the file anew: key's record first, every other line after it,
 * up to the limit. */
static void rewrite(const char *path, const char *text, const char *key, const record *r)
{
    strbuf out = {0};
    sb_printf(&out, "%s %.9g", key, r->best);
    for (int i = 0; i < r->nrecent; i++)
        sb_printf(&out, " %.9g", r->recent[i]);
    sb_addn(&out, "\n", 1);
    size_t kl = strlen(key);
    int kept = 1;
    for (const char *p = text; p && *p && kept < BASELINE_KEEP;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len && !(strncmp(p, key, kl) == 0 && p[kl] == ' ')) {
            sb_addn(&out, p, len);
            sb_addn(&out, "\n", 1);
            kept++;
        }
        p = nl ? nl + 1 : NULL;
    }
    file_write_atomic(path, out.buf, out.len, NULL);
    sb_free(&out);
}

static double access_file(const char *key, double seconds, double now, int record_it)
{
    char *path = baseline_path();
    if (!path)
        return 0;
    /* the lock is on a file of its own: the data file is replaced whole */
    char *lockp = xasprintf("%s.lock", path);
    int lk = open(lockp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    free(lockp);
    if (lk >= 0)
        flock(lk, record_it ? LOCK_EX : LOCK_SH);
    char *text = file_read(path, NULL, NULL);
    record r = lookup(text, key);
    double best = effective_best(&r, now);
    if (record_it && seconds > 0 && isfinite(seconds)) {
        record n = updated(r, seconds);
        rewrite(path, text, key, &n);
    }
    free(text);
    if (lk >= 0)
        close(lk);
    free(path);
    return best;
}

double baseline_update(const char *key, double seconds)
{
    return access_file(key, seconds, seconds, 1);
}

double baseline_get(const char *key)
{
    return access_file(key, 0, 0, 0);
}

double baseline_vouched(const char *key, double now)
{
    return access_file(key, 0, now, 0);
}
