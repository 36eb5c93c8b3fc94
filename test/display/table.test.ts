import { columnType, formatCell, tableBundle, tableHtml, tableText, typeName, type TableView } from "../../src/display/table";

/** Builds a view of rows x columns cells whose values come from value(row, column). */
function gridView(rows: number, columns: number, value: (row: number, column: number) => unknown = (r, c) => r * 100 + c): TableView {
  return {
    columns: Array.from({ length: columns }, (_, c) => `c${c}`),
    types: Array.from({ length: columns }, () => "number"),
    rowCount: rows,
    cell: value,
  };
}

const people: TableView = {
  columns: ["name", "age"],
  types: ["string", "number"],
  rowCount: 3,
  cell: (row, column) => [["Ana", 31], ["Luis", null], ["Eva", 4.5]][row][column],
};

describe("typeName()", () => {
  it("names the types a column can hold", () => {
    expect([1, NaN, 2n, true, "a", new Date(0), [1], { a: 1 }].map(typeName)).toEqual([
      "number",
      "number",
      "bigint",
      "boolean",
      "string",
      "Date",
      "array",
      "object",
    ]);
  });

  it("returns undefined for null and undefined", () => {
    expect(typeName(null)).toBeUndefined();
    expect(typeName(undefined)).toBeUndefined();
  });
});

describe("columnType()", () => {
  it("joins several types as a union", () => {
    expect(columnType(["a", 1, null, "b"])).toBe("number | string");
  });

  it("leaves missing values out", () => {
    expect(columnType([1, null, undefined, 2])).toBe("number");
  });

  it("is null for a column of missing values", () => {
    expect(columnType([null, undefined])).toBe("null");
  });
});

describe("formatCell()", () => {
  it("rounds numbers to 6 significant digits", () => {
    expect(formatCell(1 / 3)).toEqual({ text: "0.333333", kind: "number" });
    expect(formatCell(4201.754385964912).text).toBe("4201.75");
    expect(formatCell(3750)).toEqual({ text: "3750", kind: "number" });
  });

  it("marks missing values", () => {
    expect(formatCell(null)).toEqual({ text: "null", kind: "missing" });
    expect(formatCell(undefined)).toEqual({ text: "undefined", kind: "missing" });
    expect(formatCell(NaN)).toEqual({ text: "NaN", kind: "missing" });
  });

  it("shows a date at midnight UTC as its day", () => {
    expect(formatCell(new Date("2012-01-01")).text).toBe("2012-01-01");
    expect(formatCell(new Date("2012-01-01T10:30:00Z")).text).toBe("2012-01-01T10:30:00.000Z");
  });

  it("keeps line breaks visible and cuts long text", () => {
    expect(formatCell("a\nb").text).toBe("a\\nb");
    const long = formatCell("x".repeat(80)).text;
    expect(long).toHaveLength(50);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("tableText()", () => {
  it("shows names, types, rows and the size", () => {
    expect(tableText(people, "en")).toBe(
      [
        "   name       age",
        "   string  number",
        "0  Ana         31",
        "1  Luis      null",
        "2  Eva        4.5",
        "3 rows × 2 columns",
      ].join("\n"),
    );
  });

  it("shows the first and last 5 rows past 20, with a mark", () => {
    const lines = tableText(gridView(30, 2), "en").split("\n");
    // Names, types, 5 rows, the mark, 5 rows, the caption.
    expect(lines).toHaveLength(2 + 5 + 1 + 5 + 1);
    expect(lines[2].trim().split(/\s+/)).toEqual(["0", "0", "1"]);
    expect(lines[7].trim().split(/\s+/)).toEqual(["...", "...", "..."]);
    expect(lines[8].trim().split(/\s+/)).toEqual(["25", "2500", "2501"]);
    expect(lines[12].trim().split(/\s+/)).toEqual(["29", "2900", "2901"]);
    expect(lines[13]).toBe("30 rows × 2 columns");
  });

  it("shows all 20 rows of a table of 20", () => {
    expect(tableText(gridView(20, 1), "en").split("\n")).toHaveLength(2 + 20 + 1);
  });

  it("shows the first and last 10 columns past 20, with a mark", () => {
    const header = tableText(gridView(2, 25), "en").split("\n")[0].trim().split(/\s+/);
    expect(header).toEqual([...Array.from({ length: 10 }, (_, c) => `c${c}`), ...Array.from({ length: 10 }, (_, c) => `c${c + 15}`)]);
    const firstRow = tableText(gridView(2, 25), "en").split("\n")[2].trim().split(/\s+/);
    expect(firstRow[11]).toBe("...");
    expect(firstRow[12]).toBe("15");
  });

  it("leaves out the type row when no types are given", () => {
    const view = { ...people, types: undefined };
    expect(tableText(view, "en").split("\n")[1]).toBe("0  Ana     31");
  });

  it("writes the size in Spanish", () => {
    expect(tableText(gridView(1, 1), "es").split("\n").pop()).toBe("1 fila × 1 columna");
    expect(tableText(people, "es").split("\n").pop()).toBe("3 filas × 2 columnas");
  });

  it("shows only the size without columns", () => {
    expect(tableText({ columns: [], rowCount: 0, cell: () => undefined }, "en")).toBe("0 rows × 0 columns");
  });

  it("uses a given caption", () => {
    expect(tableText({ ...people, caption: "Map(3)" }, "en").split("\n").pop()).toBe("Map(3)");
  });
});

describe("tableHtml()", () => {
  it("escapes names and values", () => {
    const view: TableView = {
      columns: ["<script>alert(1)</script>"],
      types: ["string"],
      rowCount: 1,
      cell: () => '<img src=x onerror="alert(2)">',
    };
    const html = tableHtml(view, "en");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
  });

  it("marks cut rows and columns", () => {
    const html = tableHtml(gridView(30, 25), "en");
    expect(html).toContain("<tr><th>⋮</th>");
    expect(html).toContain("<th>…</th>");
    expect(html.match(/<tr><th>\d+<\/th>/g)).toHaveLength(10);
    expect(html).toContain("<th>29</th>");
    expect(html).not.toContain("<th>10</th>");
    expect(html).toContain("<p>30 rows × 25 columns</p>");
  });

  it("shows the column types and dims missing values", () => {
    const html = tableHtml(people, "en");
    expect(html).toMatch(/<th style="text-align: left; font-weight: normal; font-style: italic">string<\/th>/);
    expect(html).toContain('<td style="text-align: right; opacity: 0.6"><em>null</em></td>');
  });
});

describe("tableBundle()", () => {
  it("has text/html and text/plain", () => {
    const bundle = tableBundle(people, "en");
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    expect(bundle["text/plain"]).toBe(tableText(people, "en"));
  });
});
