/* challenge — loads a challenge from its spec file: parses it (spec.h),
 * then resolves every case and the timing input (at each scale) against
 * the functions and generators (cases.h), and checks every name of every
 * expression they evaluate only when they run (names.h), so the rest of
 * mldrill can trust a loaded challenge.  It sits above them, which is why
 * none calls another. */
#ifndef MLDRILL_CHALLENGE_H
#define MLDRILL_CHALLENGE_H

#include "spec/spec.h"

/* Loads and validates the spec at path.  Returns NULL with err set to
 * "file:line:col: json.path: what was expected".  Free with spec_free. */
challenge *challenge_load(const char *path, md_err *err);

#endif
