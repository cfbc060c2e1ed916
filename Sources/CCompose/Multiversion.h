#ifndef BOOKPLATE_CCOMPOSE_MULTIVERSION_H
#define BOOKPLATE_CCOMPOSE_MULTIVERSION_H

/// Marks a function to be compiled twice on x86-64 Linux, for AVX2 and for the baseline, with the version picked
/// when the program loads (`target_clones`); elsewhere it is compiled once.
#if defined(__x86_64__) && defined(__linux__)
#define BP_MULTIVERSION __attribute__((target_clones("avx2", "default")))
#else
#define BP_MULTIVERSION
#endif

#endif
