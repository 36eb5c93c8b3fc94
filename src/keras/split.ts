import { shuffleInPlace } from "./random";

/**
 * Splits sample indices into test and training sets, testCount of them for testing. With stratify, each
 * class gives its share, rounded down, and the samples still missing come from the classes with the
 * largest remainders.
 */
export function splitIndices(labels: number[], testCount: number, stratify: boolean, random: () => number) {
  const groups = stratify ? groupByLabel(labels) : [labels.map((_, i) => i)];
  for (const group of groups) shuffleInPlace(group, random);

  const shares = groups.map((group) => (testCount * group.length) / labels.length);
  const counts = shares.map(Math.floor);
  const byRemainder = shares.map((share, i) => ({ i, remainder: share - counts[i] })).sort((a, b) => b.remainder - a.remainder);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < testCount; k++) counts[byRemainder[k].i] += 1;

  const test = groups.flatMap((group, i) => group.slice(0, counts[i]));
  const train = groups.flatMap((group, i) => group.slice(counts[i]));
  // Mix the classes, because fit()'s validationSplit takes the last samples and would see a single class.
  return { train: shuffleInPlace(train, random), test: shuffleInPlace(test, random) };
}

function groupByLabel(labels: number[]): number[][] {
  const groups = new Map<number, number[]>();
  labels.forEach((label, i) => {
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label)?.push(i);
  });
  return [...groups.keys()].sort((a, b) => a - b).map((label) => groups.get(label) as number[]);
}
