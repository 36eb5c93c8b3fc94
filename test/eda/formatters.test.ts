import { inspect } from "node:util";
import { formatValue } from "../../src/display/formatters";
import { aq } from "../../src/eda";
import { isTable } from "../../src/eda/arquero";
import { isRecordArray, recordsView, tableView } from "../../src/eda/formatters";
import { smallTable } from "./fixtures";

describe("aq", () => {
  it("is the arquero module", () => {
    expect(typeof aq.table).toBe("function");
    expect(Object.keys(aq)).toEqual(expect.arrayContaining(["table", "fromCSV", "op", "desc"]));
    expect("from" in aq).toBe(true);
  });

  it("shows the module when inspected", () => {
    expect(inspect(aq)).toContain("table: [Function: table]");
  });

  it("cannot be changed", () => {
    expect(() => {
      (aq as unknown as Record<string, unknown>).table = null;
    }).toThrow(TypeError);
  });
});

describe("isTable()", () => {
  it("recognises arquero tables only", () => {
    expect(isTable(smallTable())).toBe(true);
    expect(isTable(smallTable().filter((row: { height: number }) => row.height > 1))).toBe(true);
    expect(isTable([{ a: 1 }])).toBe(false);
    expect(isTable(null)).toBe(false);
  });
});

describe("arquero table display", () => {
  it("has an HTML table and a text table with column types", () => {
    const bundle = formatValue(smallTable());
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    const lines = String(bundle["text/plain"]).split("\n");
    expect(lines[0].trim().split(/\s+/)).toEqual(["height", "weight", "city", "member"]);
    expect(lines[1].trim().split(/\s+/)).toEqual(["number", "number", "string", "boolean"]);
    expect(lines[lines.length - 1]).toBe("5 rows × 4 columns");
    expect(bundle["text/html"]).toContain("<p>5 rows × 4 columns</p>");
  });

  it("shows the first and last rows of a long table, with marks", () => {
    const table = aq.table({ n: Array.from({ length: 100 }, (_, i) => i) });
    const bundle = formatValue(table);
    const lines = String(bundle["text/plain"]).split("\n");
    expect(lines.map((line) => line.trim().split(/\s+/)[0])).toEqual(["n", "number", "0", "1", "2", "3", "4", "...", "95", "96", "97", "98", "99", "100"]);
    expect(bundle["text/html"]).toContain("<tr><th>⋮</th><td>⋮</td></tr>");
  });

  it("shows a filtered and ordered table in its order", () => {
    const table = aq.table({ n: [5, 3, 9, 1] }).filter((row: { n: number }) => row.n > 1).orderby("n");
    const view = tableView(table);
    expect(view.rowCount).toBe(3);
    expect([0, 1, 2].map((row) => view.cell(row, 0))).toEqual([3, 5, 9]);
  });

  it("escapes script-like text in HTML", () => {
    const table = aq.table({ "<script>x</script>": ["<script>alert('hi')</script>"] });
    const html = String(formatValue(table)["text/html"]);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;");
  });
});

describe("records display", () => {
  const records = [
    { name: "Ana", age: 31 },
    { name: "Luis", city: "Quito" },
  ];

  it("recognises arrays of plain objects", () => {
    expect(isRecordArray(records)).toBe(true);
    expect(isRecordArray([Object.create(null)])).toBe(false);
    expect(isRecordArray([])).toBe(false);
    expect(isRecordArray([{ a: 1 }, [1]])).toBe(false);
    expect(isRecordArray([new Date(0)])).toBe(false);
    expect(isRecordArray([[1, 2]])).toBe(false);
  });

  it("takes the columns of every record", () => {
    const view = recordsView(records);
    expect(view.columns).toEqual(["name", "age", "city"]);
    expect(view.types).toEqual(["string", "number", "string"]);
    expect(view.cell(1, 1)).toBeUndefined();
  });

  it("displays as a table", () => {
    const bundle = formatValue(records);
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    expect(String(bundle["text/plain"]).split("\n").pop()).toBe("2 rows × 3 columns");
    expect(bundle["text/html"]).toContain("<th>1</th><td style=\"text-align: left\">Luis</td>");
  });

  it("escapes keys and values in HTML", () => {
    const html = String(formatValue([{ "<b>key</b>": "<script>alert(1)</script>" }])["text/html"]);
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;b&gt;key&lt;/b&gt;");
  });

  it("shows the first and last rows of a long array, with marks", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ i }));
    const text = String(formatValue(many)["text/plain"]);
    expect(text).toMatch(/\n4 +4\n\.\.\. +\.\.\.\n995 +995\n/);
    expect(text.split("\n").pop()).toBe("1000 rows × 1 column");
  });

  it("leaves other arrays to the text form", () => {
    expect(formatValue([1, 2, 3])).toEqual({ "text/plain": "[ 1, 2, 3 ]" });
  });
});
