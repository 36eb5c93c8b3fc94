/**
 * Environment variables that every kernel starts with. `tskeras install` writes them into the
 * kernelspec, and the notebook runner's client sets them when it starts a kernel.
 *
 * They limit glibc's malloc to two arenas and fix its mmap threshold at 128 KiB. By default each
 * thread that allocates may get an arena of its own, up to eight per core, and V8's compiler and
 * garbage collector threads keep freed memory in theirs. The default threshold also rises once a large
 * block is freed, so later large blocks stay in the heap. With these settings the kernel and executor
 * took 341 MiB resident together instead of 368, right after 200 cells of bench/latency.js.
 *
 * These are glibc's older names for the tunables glibc.malloc.arena_max and glibc.malloc.mmap_threshold.
 * Debian's glibc 2.36 cuts a GLIBC_TUNABLES value of two tunables in place as it reads it, so the
 * executor, which inherits the kernel's environment, would get only the first. Other C libraries
 * ignore these variables.
 */
export const KERNEL_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: "2",
  MALLOC_MMAP_THRESHOLD_: "131072",
};
