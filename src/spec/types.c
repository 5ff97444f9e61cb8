/* types — see types.h. */

#include "spec/types.h"

#include <string.h>

static const char *const crit_names[CRIT_COUNT] = {
    "correctness", "stability", "vectorization", "convergence", "organization",
};

const char *criterion_name(criterion c)
{
    return c < CRIT_COUNT ? crit_names[c] : "?";
}

int criterion_from_name(const char *s)
{
    for (int i = 0; i < CRIT_COUNT; i++)
        if (strcmp(s, crit_names[i]) == 0)
            return i;
    return -1;
}

const char *vtype_name(vtype t)
{
    static const char *const n[] = {"void", "int", "double", "string", "handle"};
    return t <= VT_HANDLE ? n[t] : "?";
}

static const char *const cmp_names[CMP_KIND_COUNT] = {
    "allclose", "equal", "nearest", "permutation", "set", "at_least",
    "gradcheck", "partition", "finite", "untouched",
};

const char *cmp_name(cmp_kind k) { return k < CMP_KIND_COUNT ? cmp_names[k] : "?"; }

const char *difficulty_name(difficulty d)
{
    static const char *const n[] = {"easy", "medium", "hard"};
    return d <= DIFF_HARD ? n[d] : "?";
}
