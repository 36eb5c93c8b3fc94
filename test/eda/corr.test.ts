import { vegaLiteMimeType } from "../../src/display/history-chart";
import { vegaLiteBundle } from "../../src/display/bundles";
import { aq, corr, corrHeatmapSpec } from "../../src/eda";
import { pearson } from "../../src/eda/corr";
import { renderWithVega } from "../display/vega-helpers";
import { errorMessage, inLanguage } from "../keras/helpers";
import { smallTable } from "./fixtures";

describe("pearson()", () => {
  it("is 1 and -1 for exact linear relations", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
  });

  it("is NaN for a constant column and for fewer than 2 pairs", () => {
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNaN();
    expect(pearson([1, NaN, 3], [NaN, 2, 4])).toBeNaN();
  });
});

describe("corr()", () => {
  it("correlates pairwise complete rows", () => {
    const matrix = corr(smallTable());
    expect(matrix.columnNames()).toEqual(["column", "height", "weight"]);
    expect(Array.from(matrix.array("column"))).toEqual(["height", "weight"]);
    expect(inLanguage("es", () => corr(smallTable()).columnNames())).toEqual(["columna", "height", "weight"]);

    // Rows 0, 1 and 4 have both values: x = [1, 2, 8], y = [2, 4, 10]. Sxy = 90 - 11 * 16 / 3 = 94 / 3,
    // Sxx = 69 - 121 / 3 = 86 / 3, Syy = 120 - 256 / 3 = 104 / 3, so r = 94 / sqrt(86 * 104).
    const expected = 94 / Math.sqrt(86 * 104);
    const [heightHeight, weightHeight] = Array.from(matrix.array("height")) as number[];
    const [heightWeight, weightWeight] = Array.from(matrix.array("weight")) as number[];
    expect(heightWeight).toBeCloseTo(expected, 12);
    expect(weightHeight).toBeCloseTo(expected, 12);
    expect(heightHeight).toBe(1);
    expect(weightWeight).toBe(1);
  });

  it("takes requested columns, booleans too", () => {
    const matrix = corr(smallTable(), ["member", "height"]);
    expect(matrix.columnNames()).toEqual(["column", "member", "height"]);
    // Rows 0, 1 and 3 have both values: member = [1, 0, 1], height = [1, 2, 4].
    expect((matrix.array("height") as number[])[0]).toBeCloseTo(pearson([1, 0, 1], [1, 2, 4]), 12);
  });

  it("gives NaN for a constant column", () => {
    const matrix = corr(aq.table({ a: [1, 2, 3], b: [7, 7, 7] }));
    expect(Array.from(matrix.array("b"))).toEqual([NaN, NaN]);
  });

  it("rejects a text column", () => {
    expect(errorMessage("en", () => corr(smallTable(), ["height", "city"]))).toBe(
      "corr(): column \"city\" contains 'Lima' at row 0, which is not a number. " +
        "Leave the column out, or turn its values into numbers first, for example with table.derive().",
    );
    expect(errorMessage("es", () => corr(smallTable(), ["height", "city"]))).toContain(
      "corr(): la columna \"city\" contiene 'Lima' en la fila 0, que no es un número.",
    );
  });

  it("rejects a table without number columns", () => {
    expect(errorMessage("en", () => corr(aq.table({ city: ["Lima"] })))).toBe(
      'corr(): none of the columns "city" contains only numbers. Pass the columns to use, and convert text to numbers first.',
    );
  });

  it("rejects an empty table and a missing column", () => {
    expect(errorMessage("en", () => corr(aq.table({ x: [] })))).toContain("corr(): the table has no rows.");
    expect(errorMessage("es", () => corr(smallTable(), ["age"]))).toContain('corr(): la tabla no tiene la columna "age".');
  });

  it("rejects columns that are not a list of names", () => {
    expect(errorMessage("en", () => corr(smallTable(), "height" as never))).toBe(
      "corr(): columns must be an array of column names, such as [\"width\", \"height\"], but got 'height'.",
    );
  });
});

describe("corrHeatmapSpec()", () => {
  const matrix = corr(aq.table({ a: [1, 2, 3, 4], b: [2, 1, 4, 3], c: [5, 5, 5, 5] }));

  it("has one square per pair, with NaN as null", () => {
    const spec = corrHeatmapSpec(matrix);
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    const values = (spec.data as { values: Array<{ row: string; column: string; value: number | null }> }).values;
    expect(values).toHaveLength(9);
    expect(values.find((point) => point.row === "a" && point.column === "a")?.value).toBe(1);
    expect(values.find((point) => point.row === "a" && point.column === "b")?.value).toBeCloseTo(0.6, 12);
    expect(values.find((point) => point.row === "c" && point.column === "a")?.value).toBeNull();
  });

  it("fixes the colour scale to [-1, 1]", () => {
    const layers = corrHeatmapSpec(matrix).layer as Array<{ encoding: { color?: { scale?: { domain?: number[] } } } }>;
    expect(layers[0].encoding.color?.scale?.domain).toEqual([-1, 1]);
  });

  it("sets a title on request", () => {
    expect(corrHeatmapSpec(matrix, { title: "Penguins" }).title).toBe("Penguins");
    expect(corrHeatmapSpec(matrix).title).toBeUndefined();
  });

  it("compiles, parses and renders with vega-lite 5", async () => {
    const [result] = await renderWithVega([corrHeatmapSpec(matrix, { title: "r" })]);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(result.svgLength).toBeGreaterThan(0);
  });

  it("displays as a Vega-Lite 5 bundle", () => {
    expect(Object.keys(vegaLiteBundle(corrHeatmapSpec(matrix))).sort()).toEqual([vegaLiteMimeType, "image/png", "text/plain"].sort());
  });

  it("rejects a table that corr() did not make", () => {
    expect(errorMessage("en", () => corrHeatmapSpec(smallTable()))).toContain("corrHeatmapSpec() expects the table that corr() returns");
    expect(errorMessage("es", () => corrHeatmapSpec([] as never))).toContain("corrHeatmapSpec() espera la tabla que devuelve corr()");
  });
});
