/* The libFuzzer entry point of the runner-message reader (fuzz_wire.h). */
#include "fuzz_wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_wire_one(data, size);
    return 0;
}
