/* spec_whole — the loader's checks of the whole challenge, once every part
 * is read: something is compared, a correctness case exists, the weights
 * go to criteria something measures, and what passing requires
 * (spec_parse.h). */

#include <stdlib.h>

#include "spec/spec_parse.h"

/* Default weights of the criteria, in criterion order. */
static const double default_weights[CRIT_COUNT] = {40, 20, 20, 10, 10};

/* Some check, of the challenge or of a case, says what is compared. */
static int something_compared(ld *L)
{
    const challenge *c = L->c;
    int n = c->nchecks;
    for (int i = 0; i < c->ncases; i++)
        n += c->cases[i].nchecks;
    return n == 0 ? FAIL(L, "", "no \"checks\": say which outputs are compared") : 0;
}

/* Which criteria something measures: cases of theirs, or their sections. */
static void criteria_measured(const challenge *c, bool applies[CRIT_COUNT])
{
    for (int k = 0; k < CRIT_COUNT; k++)
        applies[k] = false;
    for (int i = 0; i < c->ncases; i++)
        applies[c->cases[i].crit] = true;
    applies[CRIT_VECTORIZATION] = c->timing.enabled;
    applies[CRIT_CONVERGENCE] = c->conv.enabled;
    applies[CRIT_ORGANIZATION] = true;
}

/* "weights": {criterion: 0 to 100}, over the defaults. */
static int parse_weights(ld *L, const cJSON *j, const char *path)
{
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"correctness\": 40, ...}");
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_key(path, it->string);
        int k = criterion_from_name(it->string);
        int rc = 0;
        if (k < 0)
            rc = FAIL(L, ip, "unknown criterion (expected correctness, stability, "
                             "vectorization, convergence, organization)");
        else if (!cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble > 100)
            rc = FAIL(L, ip, "expected a weight from 0 to 100");
        else
            L->c->weights[k] = it->valuedouble;
        free(ip);
        if (rc)
            return -1;
    }
    return 0;
}

/* A weight on a criterion nothing measures is a mistake in the spec. */
static int weights_measured(ld *L, const bool applies[CRIT_COUNT])
{
    for (int k = 0; k < CRIT_COUNT; k++)
        if (L->c->weights[k] > 0 && !applies[k])
            return FAIL(L, "weights", "\"%s\" has a weight but nothing measures it "
                                      "(no %s)",
                        criterion_name((criterion)k),
                        k == CRIT_STABILITY      ? "stability case"
                        : k == CRIT_VECTORIZATION ? "\"timing\" section"
                        : k == CRIT_CONVERGENCE   ? "\"convergence\" section"
                                                  : "case");
    return 0;
}

int sp_whole(ld *L, const cJSON *root)
{
    challenge *c = L->c;
    if (something_compared(L))
        return -1;
    bool applies[CRIT_COUNT];
    criteria_measured(c, applies);
    if (!applies[CRIT_CORRECTNESS])
        return FAIL(L, "cases", "no correctness case (every challenge needs at "
                                "least one)");
    for (int k = 0; k < CRIT_COUNT; k++)
        c->weights[k] = applies[k] ? default_weights[k] : 0;
    const cJSON *w = jr_item(root, "weights");
    if ((w && parse_weights(L, w, "weights")) || weights_measured(L, applies))
        return -1;
    /* failing these means not passing, unless "pass" said otherwise */
    if (!jr_item(root, "pass") || !jr_item(jr_item(root, "pass"), "require"))
        c->pass_require = (1u << CRIT_CORRECTNESS) |
                          (c->weights[CRIT_STABILITY] > 0 ? 1u << CRIT_STABILITY : 0);
    return 0;
}
