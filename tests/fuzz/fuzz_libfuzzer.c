/* The libFuzzer entry points (clang -fsanitize=fuzzer); see fuzz_spec.h. */
#include "fuzz_spec.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return fuzz_spec_init();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_spec_one(data, size);
    return 0;
}
