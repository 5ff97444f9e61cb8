/* mldrill-refbench — the C half of bench/references/run.
 *
 * For one challenge it instantiates the spec's `timing` input at its
 * largest scale with a fixed seed, and
 *   --dump DIR   writes every input array to DIR/<name>.npy, the outputs
 *                of one ordinary run of the reference to DIR/ref/<name>.npy,
 *                and the scalars, results and string arrays to
 *                DIR/case.json, so NumPy can load exactly the same data;
 *   (always)     times the reference's call sequence in timing rounds
 *                (rounds.h) in which both sides are the reference (OpenBLAS
 *                on one thread, CPU time of the rounds), and prints one JSON
 *                line on stdout:
 *                {"id", "seconds", "q1", "q3", "samples", "vars": {...}}
 *                where seconds is the median CPU time of one call sequence.
 *
 * Usage: mldrill-refbench [--seed N] [--budget S] [--dump DIR] [--no-time] ID
 * Exit codes: 0 done, 2 bad usage or unknown challenge, 3 failure. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec/cases.h"
#include "spec/catalog.h"
#include "run/compile.h"
#include "run/exec.h"
#include "run/layout.h"
#include "run/rounds.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "grade/timing.h"

enum { EXIT_OK = 0, EXIT_USAGE = 2, EXIT_FAILURE_ = 3 };

typedef struct opts {
    const char *id;
    const char *dump;        /* directory for the data, or NULL */
    uint64_t seed;
    double budget;           /* seconds of timing rounds */
    bool time;
} opts;

/* --- .npy files ------------------------------------------------------------ */

/* Writes a numeric array as NumPy's .npy (format 1.0, little-endian). */
static int write_npy(const char *path, const value *v, md_err *err)
{
    const char *descr = v->type == VT_INT ? "<i4" : "<f8";
    strbuf h = {0};
    sb_printf(&h, "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
    for (int i = 0; i < v->ndim; i++)
        sb_printf(&h, "%lld,%s", v->dims[i], i + 1 < v->ndim ? " " : "");
    sb_add(&h, "), }");
    /* magic (6) + version (2) + length (2) + header, padded to 64 with '\n' last */
    while ((10 + h.len + 1) % 64 != 0)
        sb_addc(&h, ' ');
    sb_addc(&h, '\n');
    FILE *f = fopen(path, "wb");
    if (!f) {
        sb_free(&h);
        return md_fail(err, "%s: %s", path, strerror(errno));
    }
    unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                             (unsigned char)(h.len & 0xff), (unsigned char)(h.len >> 8)};
    size_t esz = vtype_size(v->type);
    bool ok = fwrite(pre, 1, sizeof pre, f) == sizeof pre &&
              fwrite(h.buf, 1, h.len, f) == h.len &&
              (v->count == 0 ||
               fwrite(v->data, esz, (size_t)v->count, f) == (size_t)v->count);
    ok = (fclose(f) == 0) && ok;
    sb_free(&h);
    return ok ? 0 : md_fail(err, "%s: write failed", path);
}

/* Writes an array value: numbers to DIR/NAME.npy, strings into json. */
static int dump_array(const char *dir, const value *v, cJSON *strings, md_err *err)
{
    if (v->type == VT_STRING) {
        cJSON *a = cJSON_AddArrayToObject(strings, v->name);
        char **s = v->data;
        for (long long i = 0; i < v->count; i++)
            cJSON_AddItemToArray(a, s[i] ? cJSON_CreateString(s[i]) : cJSON_CreateNull());
        return 0;
    }
    if (v->type != VT_INT && v->type != VT_DOUBLE)
        return 0;
    char *name = xasprintf("%s.npy", v->name);
    char *path = path_join(dir, name);
    int rc = write_npy(path, v, err);
    free(name);
    free(path);
    return rc;
}

/* --- the reference's outputs ----------------------------------------------- */

/* One ordinary run of the reference on the case: its outputs go to
 * DIR/ref/, its results into `results`. */
static int dump_reference(const char *dir, case_inst *ci, const char *so,
                          const char *runner, cJSON *results, cJSON *strings,
                          md_err *err)
{
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)ci->ch->memory_mb << 20;
    layout *l = layout_build(&ci, 1, &lo, err);
    if (!l)
        return -1;
    exec_job job = {0};
    job.so = so;
    exec_opts eo = {0};
    eo.runner = runner;
    eo.parallel = 1;
    int rc = exec_run(l, &job, 1, &eo, err);
    if (rc == 0 && (job.error || job.runs[0].status != XS_OK)) {
        rc = md_fail(err, "the reference failed on the timing input: %s",
                     job.error ? job.error
                     : job.runs[0].message ? job.runs[0].message : "?");
    }
    char *rdir = path_join(dir, "ref");
    if (rc == 0)
        rc = mkdir_p(rdir, err);
    for (int i = 0; rc == 0 && i < job.runs[0].nvals; i++) {
        const value *v = &job.runs[0].vals[i];
        if (!v->present)
            continue;
        if (v->array)
            rc = dump_array(rdir, v, strings, err);
        else if (v->type != VT_HANDLE)
            cJSON_AddNumberToObject(results, v->name, v->num);
    }
    free(rdir);
    exec_job_clear(&job);
    layout_free(l);
    return rc;
}

static int dump_case(const char *dir, case_inst *ci, const char *so, const char *runner,
                     md_err *err)
{
    if (mkdir_p(dir, err) != 0)
        return -1;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "id", ci->ch->id);
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)ci->seed);
    cJSON_AddStringToObject(root, "seed", seed);     /* a double would round it */
    cJSON *vars = cJSON_AddObjectToObject(root, "vars");
    cJSON *strings = cJSON_AddObjectToObject(root, "strings");
    cJSON *results = cJSON_AddObjectToObject(root, "results");
    cJSON *rstrings = cJSON_AddObjectToObject(root, "ref_strings");
    int rc = 0;
    for (int i = 0; rc == 0 && i < ci->nvals; i++) {
        const value *v = &ci->vals[i];
        if (v->role == ROLE_VAR)
            cJSON_AddNumberToObject(vars, v->name, v->num);
        else if ((v->role == ROLE_INPUT || v->role == ROLE_INOUT) && v->array)
            rc = dump_array(dir, v, strings, err);
    }
    if (rc == 0)
        rc = dump_reference(dir, ci, so, runner, results, rstrings, err);
    if (rc == 0) {
        char *text = cJSON_Print(root);
        char *path = path_join(dir, "case.json");
        rc = file_write_atomic(path, text, strlen(text), err);
        free(path);
        free(text);
    }
    cJSON_Delete(root);
    return rc;
}

/* --- timing ------------------------------------------------------------------ */

/* Times the reference against itself; every sample of both sides is one
 * measurement of the reference. */
static int time_reference(case_inst *ci, const char *so, const char *runner,
                          double budget, uint64_t seed, cJSON *out, md_err *err)
{
    double share = 1.0;
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)ci->ch->memory_mb << 20;
    lo.timing = true;
    lo.timing_budget_s = budget;
    lo.min_round_s = 0.004;
    lo.timing_seed = seed ^ 0x5eedULL;
    lo.timing_share = &share;
    layout *l = layout_build(&ci, 1, &lo, err);
    if (!l)
        return -1;
    rounds_job job = {0};
    job.so = so;
    job.ref_so = so;
    exec_opts eo = {0};
    eo.runner = runner;
    int rc = rounds_run(l, &job, &eo, err);
    if (rc == 0 && (job.status != XS_OK || !job.samples || job.samples[0].nsamples == 0))
        rc = md_fail(err, "timing the reference failed: %s",
                     job.message ? job.message : "no samples");
    if (rc == 0) {
        const rounds_samples *t = &job.samples[0];
        int n = t->nsamples;
        double *s = xmalloc(sizeof(double) * (size_t)(2 * n));
        for (int i = 0; i < n; i++) {
            s[i] = t->ref_s[i];
            s[n + i] = t->user_s[i];
        }
        double med = timing_median(s, 2 * n);    /* sorts s */
        cJSON_AddNumberToObject(out, "seconds", med);
        cJSON_AddNumberToObject(out, "q1", s[(2 * n) / 4]);
        cJSON_AddNumberToObject(out, "q3", s[(3 * 2 * n) / 4]);
        cJSON_AddNumberToObject(out, "samples", 2 * n);
        cJSON_AddNumberToObject(out, "reps", t->reps);
        free(s);
    }
    rounds_job_clear(&job);
    layout_free(l);
    return rc;
}

/* --- main -------------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f, "usage: mldrill-refbench [--seed N] [--budget SECONDS] [--dump DIR] "
               "[--no-time] CHALLENGE\n"
               "Times a challenge's reference on its largest timing input and prints "
               "one JSON line;\n--dump also writes the inputs and the reference's "
               "outputs as .npy files.\n");
}

static int parse(int argc, char **argv, opts *o)
{
    o->seed = 1;
    o->budget = 1.0;
    o->time = true;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--seed") == 0 && i + 1 < argc)
            o->seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(a, "--budget") == 0 && i + 1 < argc)
            o->budget = strtod(argv[++i], NULL);
        else if (strcmp(a, "--dump") == 0 && i + 1 < argc)
            o->dump = argv[++i];
        else if (strcmp(a, "--no-time") == 0)
            o->time = false;
        else if (a[0] != '-' && !o->id)
            o->id = a;
        else
            return -1;
    }
    return o->id && o->budget > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    opts o = {0};
    if (parse(argc, argv, &o) != 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    md_err err = {{0}};
    int rc = EXIT_FAILURE_;
    catalog *cat = catalog_open(NULL, 0);
    char *path = catalog_find(cat, o.id, &err);
    challenge *c = path ? challenge_load(path, &err) : NULL;
    char *runner = exec_find_runner("mldrill-runner");
    compile_result ref = {0};
    case_inst ci = {0};
    bool have_case = false;
    if (!c) {
        rc = EXIT_USAGE;
        goto out;
    }
    if (!c->timing.enabled) {
        md_fail(&err, "%s has no timing section", c->id);
        rc = EXIT_USAGE;
        goto out;
    }
    if (!runner) {
        md_fail(&err, "mldrill-runner not found (build the project first)");
        goto out;
    }
    compile_opts co = {0};
    if (compile_file(c, c->reference, &co, &ref, &err) != 0)
        goto out;
    if (!ref.ok) {
        md_fail(&err, "the reference does not compile:\n%s", ref.output);
        goto out;
    }
    const timing_spec *ts = &c->timing;
    double scale = ts->nscales > 0 ? ts->scales[ts->nscales - 1] : 1;
    if (case_instantiate(c, &ts->base, o.seed, ts->grow, scale, &ci, &err) != 0)
        goto out;
    have_case = true;
    if (o.dump && dump_case(o.dump, &ci, ref.so_path, runner, &err) != 0)
        goto out;
    cJSON *line = cJSON_CreateObject();
    cJSON_AddStringToObject(line, "id", c->id);
    cJSON *vars = cJSON_AddObjectToObject(line, "vars");
    for (int i = 0; i < ci.nvals; i++)
        if (ci.vals[i].role == ROLE_VAR)
            cJSON_AddNumberToObject(vars, ci.vals[i].name, ci.vals[i].num);
    if (o.time && time_reference(&ci, ref.so_path, runner, o.budget, o.seed, line, &err) != 0) {
        cJSON_Delete(line);
        goto out;
    }
    char *text = cJSON_PrintUnformatted(line);
    printf("%s\n", text);
    free(text);
    cJSON_Delete(line);
    rc = EXIT_OK;
out:
    if (rc != EXIT_OK)
        fprintf(stderr, "mldrill-refbench: %s\n", err.msg);
    if (have_case)
        case_inst_free(&ci);
    compile_result_clear(&ref);
    free(runner);
    free(path);
    spec_free(c);
    catalog_free(cat);
    return rc;
}
