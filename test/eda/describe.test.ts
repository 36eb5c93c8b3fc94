import { aq, describe as describeTable, info, TableInfo, valueCounts } from "../../src/eda";
import { quantile } from "../../src/eda/describe";
import { formatValue } from "../../src/display/formatters";
import { errorMessage, inLanguage } from "../keras/helpers";
import { smallTable } from "./fixtures";

/** Returns the column of a describe() table as an object from statistic to value. */
function statisticsOf(summary: ReturnType<typeof describeTable>, column: string): Record<string, unknown> {
  const names = Array.from(summary.array("statistic")) as string[];
  const values = Array.from(summary.array(column));
  return Object.fromEntries(names.map((name, i) => [name, values[i]]));
}

describe("quantile()", () => {
  it("interpolates linearly between the nearest values", () => {
    // Positions q * (n - 1) in [1, 2, 4, 8]: 0.75, 1.5 and 2.25.
    expect(quantile([1, 2, 4, 8], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 4, 8], 0.5)).toBe(3);
    expect(quantile([1, 2, 4, 8], 0.75)).toBe(5);
  });

  it("returns the value of a single element", () => {
    expect(quantile([7], 0.25)).toBe(7);
  });
});

describe("describe()", () => {
  const summary = describeTable(smallTable());

  it("lists the statistics of text and number columns", () => {
    expect(summary.columnNames()).toEqual(["statistic", "height", "weight", "city", "member"]);
    expect(inLanguage("es", () => describeTable(smallTable()).columnNames()[0])).toBe("estadístico");
    expect(Array.from(summary.array("statistic"))).toEqual(["count", "unique", "top", "freq", "mean", "std", "min", "25%", "50%", "75%", "max"]);
  });

  it("summarises a number column with a missing null", () => {
    const height = statisticsOf(summary, "height");
    // Present values 1, 2, 4, 8: mean 15 / 4, squared deviations 7.5625 + 3.0625 + 0.0625 + 18.0625 = 28.75.
    expect(height.count).toBe(4);
    expect(height.mean).toBe(3.75);
    expect(height.std).toBeCloseTo(Math.sqrt(28.75 / 3), 12);
    expect([height.min, height["25%"], height["50%"], height["75%"], height.max]).toEqual([1, 1.75, 3, 5, 8]);
    expect([height.unique, height.top, height.freq]).toEqual([null, null, null]);
  });

  it("leaves NaN out as missing", () => {
    const weight = statisticsOf(summary, "weight");
    // Present values 2, 4, 6, 10: mean 22 / 4, squared deviations 12.25 + 2.25 + 0.25 + 20.25 = 35.
    expect(weight.count).toBe(4);
    expect(weight.mean).toBe(5.5);
    expect(weight.std).toBeCloseTo(Math.sqrt(35 / 3), 12);
    expect([weight.min, weight["25%"], weight["50%"], weight["75%"], weight.max]).toEqual([2, 3.5, 5, 7, 10]);
  });

  it("counts text values", () => {
    const city = statisticsOf(summary, "city");
    expect([city.count, city.unique, city.top, city.freq]).toEqual([4, 2, "Lima", 3]);
    expect(city.mean).toBeNull();
  });

  it("counts booleans as categories", () => {
    const member = statisticsOf(summary, "member");
    expect([member.count, member.unique, member.top, member.freq]).toEqual([4, 2, true, 3]);
  });

  it("lists only number statistics for number columns", () => {
    const numbers = describeTable(smallTable(), ["weight"]);
    expect(Array.from(numbers.array("statistic"))).toEqual(["count", "mean", "std", "min", "25%", "50%", "75%", "max"]);
  });

  it("takes the first value seen on a tie for top", () => {
    const tie = describeTable(aq.table({ letter: ["b", "a", "a", "b"] }));
    expect(statisticsOf(tie, "letter").top).toBe("b");
  });

  it("gives NaN for the std of one value", () => {
    expect(statisticsOf(describeTable(aq.table({ x: [5] })), "x").std).toBeNaN();
  });

  it("renames a clashing label column", () => {
    expect(describeTable(aq.table({ statistic: [1, 2] })).columnNames()).toEqual(["_statistic", "statistic"]);
  });

  it("rejects an empty table", () => {
    expect(errorMessage("en", () => describeTable(aq.table({ x: [] })))).toBe(
      "describe(): the table has no rows. Check the file it was read from, or the filter that removed every row.",
    );
    expect(errorMessage("es", () => describeTable(aq.table({ x: [] })))).toBe(
      "describe(): la tabla no tiene filas. Revisa el archivo del que se leyó, o el filtro que eliminó todas las filas.",
    );
    expect(errorMessage("en", () => describeTable(aq.table({})))).toContain("describe(): the table has no columns.");
  });

  it("rejects a missing column, suggesting the closest", () => {
    expect(errorMessage("en", () => describeTable(smallTable(), ["wieght"]))).toBe(
      'describe(): the table has no column "wieght". Did you mean "weight"? Its columns are: "height", "weight", "city", "member".',
    );
    expect(errorMessage("es", () => describeTable(smallTable(), ["wieght"]))).toBe(
      'describe(): la tabla no tiene la columna "wieght". ¿Quisiste decir "weight"? Sus columnas son: "height", "weight", "city", "member".',
    );
  });

  it("rejects a value that is not a table", () => {
    expect(errorMessage("en", () => describeTable([1, 2] as never))).toBe(
      'describe() expects an arquero table, such as readCSV("data.csv") or aq.table({ x: [1, 2] }) returns, but got [ 1, 2 ].',
    );
    expect(errorMessage("es", () => describeTable("data.csv" as never))).toContain("describe() espera una tabla de arquero");
  });
});

describe("info()", () => {
  const report = info(smallTable());

  it("counts rows and missing values per column", () => {
    expect(report).toBeInstanceOf(TableInfo);
    expect(report.rows).toBe(5);
    expect(report.columns).toEqual([
      { name: "height", type: "number", count: 4, missing: 1 },
      { name: "weight", type: "number", count: 4, missing: 1 },
      { name: "city", type: "string", count: 4, missing: 1 },
      { name: "member", type: "boolean", count: 4, missing: 1 },
    ]);
  });

  it("names mixed types as a union", () => {
    expect(info(aq.table({ id: [1, "b", null] })).columns[0]).toEqual({ name: "id", type: "number | string", count: 2, missing: 1 });
  });

  it("accepts a table without rows", () => {
    expect(info(aq.table({ x: [] }))).toEqual(new TableInfo(0, [{ name: "x", type: "null", count: 0, missing: 0 }]));
  });

  it("displays as a table captioned with the described table's size", () => {
    const bundle = formatValue(report);
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    const lines = String(bundle["text/plain"]).split("\n");
    expect(lines[0].trim().split(/\s+/)).toEqual(["column", "type", "non-missing", "missing"]);
    expect(lines[1].trim().split(/\s+/)).toEqual(["0", "height", "number", "4", "1"]);
    // The caption names the table described, not the four rows of columns shown.
    expect(lines[lines.length - 1]).toBe("Columns of a table of 5 rows × 4 columns");
  });

  it("rejects a value that is not a table", () => {
    expect(errorMessage("en", () => info({ x: [1] } as never))).toContain("info() expects an arquero table");
  });
});

describe("valueCounts()", () => {
  it("counts values, most frequent first", () => {
    const counts = valueCounts(smallTable(), "city");
    expect(counts.columnNames()).toEqual(["city", "count"]);
    expect(counts.objects()).toEqual([
      { city: "Lima", count: 3 },
      { city: "Quito", count: 1 },
    ]);
  });

  it("counts missing values on request", () => {
    expect(valueCounts(smallTable(), "city", { dropMissing: false }).objects()).toEqual([
      { city: "Lima", count: 3 },
      { city: "Quito", count: 1 },
      { city: null, count: 1 },
    ]);
  });

  it("reports proportions on request", () => {
    expect(valueCounts(smallTable(), "city", { normalize: true }).objects()).toEqual([
      { city: "Lima", proportion: 0.75 },
      { city: "Quito", proportion: 0.25 },
    ]);
  });

  it("counts equal dates together", () => {
    const days = aq.table({ day: [new Date("2024-01-01"), new Date("2024-01-02"), new Date("2024-01-01")] });
    const counts = valueCounts(days, "day").objects() as Array<{ day: Date; count: number }>;
    expect(counts.map((row) => [row.day.toISOString().slice(0, 10), row.count])).toEqual([
      ["2024-01-01", 2],
      ["2024-01-02", 1],
    ]);
  });

  it("counts within a filtered table", () => {
    const filtered = smallTable().filter((row: { height: number | null }) => row.height !== null && row.height > 1);
    expect(valueCounts(filtered, "city").objects()).toEqual([
      { city: "Quito", count: 1 },
      { city: "Lima", count: 1 },
    ]);
  });

  it("rejects a missing column", () => {
    expect(errorMessage("en", () => valueCounts(smallTable(), "country"))).toBe(
      'valueCounts(): the table has no column "country". Its columns are: "height", "weight", "city", "member".',
    );
    expect(errorMessage("es", () => valueCounts(smallTable(), "country"))).toContain('valueCounts(): la tabla no tiene la columna "country".');
  });

  it("rejects an unknown option", () => {
    expect(errorMessage("en", () => valueCounts(smallTable(), "city", { sort: false } as never))).toBe(
      'valueCounts() does not accept the option "sort". Accepted options: normalize, dropMissing (drop_missing).',
    );
  });

  it("rejects an empty table", () => {
    expect(errorMessage("en", () => valueCounts(aq.table({ city: [] }), "city"))).toContain("valueCounts(): the table has no rows.");
  });
});
