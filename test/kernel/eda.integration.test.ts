import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ExecuteResult, KernelClient } from "../../src/notebook/client";
import { ofType, resultText, startKernel, stopKernel } from "./fixture";

// Exploratory analysis in cells, with type checking on: aq and the analysis functions are globals
// with their types, and tables display as tables.

let client: KernelClient;
let folder: string;

beforeAll(async () => {
  ({ client, folder } = await startKernel("eda", (dir) => {
    writeFileSync(join(dir, "flowers.csv"), "width,height,kind\n1,2,rose\n2,4,daisy\n,7,rose\n");
  }));
}, 120_000);

afterAll(() => stopKernel({ client, folder }));

function resultData(result: ExecuteResult): Record<string, unknown> {
  return (ofType(result, "execute_result")[0]?.content.data ?? {}) as Record<string, unknown>;
}

describe("exploratory analysis in cells", () => {
  it("reads a CSV file and describes it", async () => {
    const result = await client.execute('const flowers = readCSV("flowers.csv");\ndescribe(flowers)');
    expect(result.reply.status).toBe("ok");
    const data = resultData(result);
    expect(Object.keys(data).sort()).toEqual(["text/html", "text/plain"]);
    const lines = String(data["text/plain"]).split("\n");
    expect(lines[0].trim().split(/\s+/)).toEqual(["statistic", "width", "height", "kind"]);
    expect(lines.find((line) => line.includes("mean"))?.trim().split(/\s+/)).toEqual(["4", "mean", "1.5", "4.33333", "null"]);
    expect(data["text/html"]).toContain("<p>11 rows × 4 columns</p>");
  });

  it("carries a table's type to later cells", async () => {
    expect(resultText(await client.execute("flowers.numRows() + 1"))).toBe("4");
    const wrong = await client.execute("const rows: string = flowers.numRows();");
    expect(wrong.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect(String(wrong.reply.evalue)).toContain("TS2322");
  });

  it("types aq and the analysis functions", async () => {
    const ok = await client.execute("const small: aq.ColumnTable = aq.table({ x: [1, 2, 3] });\ninfo(small).rows");
    expect(ok.reply.status).toBe("ok");
    expect(resultText(ok)).toBe("3");

    const wrong = await client.execute('describe("flowers.csv")');
    expect(wrong.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
  });

  it("displays an arquero table", async () => {
    const data = resultData(await client.execute('aq.table({ name: ["<b>Ana</b>"], age: [31] })'));
    expect(String(data["text/plain"]).split("\n")[1].trim().split(/\s+/)).toEqual(["string", "number"]);
    expect(data["text/html"]).toContain("&lt;b&gt;Ana&lt;/b&gt;");
  });

  it("imports aq and describe from tskeras", async () => {
    const result = await client.execute('import { aq as arquero, describe as summarize } from "tskeras";\nsummarize(arquero.table({ x: [1, 2] })).numRows()');
    expect(result.reply.status).toBe("ok");
    expect(resultText(result)).toBe("8");
  });

  it("reports a text column in toTensor() in the cell", async () => {
    const result = await client.execute('toTensor(flowers, ["kind"])');
    expect(result.reply).toMatchObject({ status: "error", ename: "ValueError" });
    expect(String(result.reply.evalue)).toBe(
      "toTensor(): column \"kind\" contains 'rose' at row 0, which is not a number. " +
        "Leave the column out, or turn its values into numbers first, for example with table.derive().",
    );
  });

  it("completes members of aq", async () => {
    const code = "aq.fromC";
    const result = await client.complete(code, code.length);
    expect(result.reply.matches).toEqual(expect.arrayContaining(["fromCSV"]));
  });
});
