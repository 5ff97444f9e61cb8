/* expect: status=graded passed=no case=forbidden */
/* says: change the sandbox's system call filter */
/* A constructor installs a seccomp filter of its own, under which the
 * runner's later calls to set the memory limit (prlimit64) and to install
 * its second, stricter filter (seccomp) "succeed" without doing anything;
 * softmax then duplicates a descriptor, which only the second filter
 * refuses.  The answers are right. */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <math.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((constructor)) static void blind_the_runner(void)
{
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_seccomp, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_prlimit64, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {sizeof f / sizeof f[0], f};
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

void softmax(const double *Z, int n, int k, double *P)
{
    int fd = dup(1);
    if (fd >= 0)
        close(fd);
    for (int i = 0; i < n; i++) {
        double mx = Z[i * k], s = 0;
        for (int j = 1; j < k; j++)
            mx = fmax(mx, Z[i * k + j]);
        for (int j = 0; j < k; j++)
            s += P[i * k + j] = exp(Z[i * k + j] - mx);
        for (int j = 0; j < k; j++)
            P[i * k + j] /= s;
    }
}
