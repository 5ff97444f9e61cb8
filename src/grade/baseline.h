/* baseline — the reference's best time on this machine, remembered across
 * gradings, to tell a busy machine from a slow solution.
 *
 * The timing input of a challenge is fixed (its own seed), and so is the
 * reference binary: the time the reference needs for it on a given
 * machine is a fact that only noise can make larger.  The best seen so far
 * is kept in the XDG cache (mldrill/timing-baselines), one line per key,
 * with the times of the last gradings ("key best recent..."); when a
 * grading's reference runs well above it, something else was using the
 * core (another process, or another tenant of a virtual machine) and the
 * ratio is less trustworthy.
 *
 * Only the reference's own timing runner measures these times (rounds.h).
 * Still, a best far below the recent times (under half their median), or
 * under half of the time a grading measures now, is not believed: CPU
 * time does not halve because a machine is quiet.  Such a time is never
 * recorded as a best, and a best recorded before is passed over. */
#ifndef MLDRILL_BASELINE_H
#define MLDRILL_BASELINE_H

/* The key of a timing point: the reference binary (its cache path names
 * its content hash), the timing input's seed and its index, and this
 * machine (host name and CPU model).  Caller frees. */
char *baseline_key(const char *ref_so, unsigned long long seed, int index);

/* Returns the best time recorded under key before this call (0 when there
 * is none or the cache cannot be used, or when it is far below seconds),
 * and records seconds: among the recent times, and as the best when it is
 * better and not far below the recent times.  Safe against other
 * processes updating the file at once. */
double baseline_update(const char *key, double seconds);

/* Looks the key up without recording: the best it vouches for, 0 when
 * absent. */
double baseline_get(const char *key);

/* The same, for a grading that measured now: 0 as well when the best is
 * far below now. */
double baseline_vouched(const char *key, double now);

#endif
