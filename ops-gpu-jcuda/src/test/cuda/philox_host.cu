// Runs random.cu's generator on the host and prints, per draw: the bits, uniformFloat, uniformDouble
// and normal (the doubles in %a hex, exact). PhiloxSourceTest compares them with Philox.java.
// Usage: philox_host SEED COUNTER N   (SEED and COUNTER as unsigned decimal)
#include "random.cu"
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: philox_host SEED COUNTER N\n");
        return 2;
    }
    unsigned long long seed = strtoull(argv[1], 0, 10);
    unsigned long long counter = strtoull(argv[2], 0, 10);
    long long n = atoll(argv[3]);
    for (long long i = 0; i < n; ++i) {
        unsigned long long c = counter + (unsigned long long) i;
        printf("%llu %a %a %a\n", philox_bits(seed, c), philox_uniform_float(seed, c), philox_uniform_double(seed, c),
               philox_normal(seed, c));
    }
    return 0;
}
