import { aq, type ColumnTable } from "../../src/eda";

/**
 * Five rows with a missing value in each column, a text and a boolean column:
 *
 *     height  weight  city   member
 *     1       2       Lima   true
 *     2       4       Quito  false
 *     null    6       Lima   true
 *     4       NaN     null   true
 *     8       10      Lima   undefined
 */
export function smallTable(): ColumnTable {
  return aq.table({
    height: [1, 2, null, 4, 8],
    weight: [2, 4, 6, NaN, 10],
    city: ["Lima", "Quito", "Lima", null, "Lima"],
    member: [true, false, true, true, undefined],
  });
}
