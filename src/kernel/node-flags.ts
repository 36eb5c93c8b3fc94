/**
 * Node.js flags of the kernel process, given wherever the kernel is started: the kernelspec that
 * `tskeras install` writes and the client that `tskeras run` and the tests use.
 *
 * The kernel's young generation: each checked cell creates a TypeScript type checker, and V8 grows the
 * young generation to its maximum of 16 MiB per semi-space when, as here, much of it survives.
 * bench/latency.js, after 200 cells: 276 MiB resident with V8's default, 253 with 4 MiB semi-spaces,
 * 244 with 2 MiB. The round trips changed less than the spread between runs at 4 MiB, and at 2 MiB a new
 * cell took 1-2 ms longer. The executor is forked without these flags: it keeps the user's data and
 * tensors, where V8's defaults suit.
 */
const SEMI_SPACE_MIB = 4;

export const KERNEL_NODE_FLAGS: readonly string[] = [`--max-semi-space-size=${SEMI_SPACE_MIB}`];

/** Returns the kernel's own flags removed from execArgv, for the executor it forks. */
export function withoutKernelFlags(execArgv: readonly string[]): string[] {
  return execArgv.filter((flag) => !KERNEL_NODE_FLAGS.includes(flag));
}
