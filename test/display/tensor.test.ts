import { formatFloats, keptIndices, tensorBundle, tensorHtml, tensorText, type TensorPreview } from "../../src/display/tensor";

/** Builds a preview as the Keras side does: only the kept rows and columns of a rows x columns matrix. */
function matrixPreview(rows: number, columns: number, value: (r: number, c: number) => number): TensorPreview {
  const values = keptIndices(rows).map((r) => keptIndices(columns).map((c) => value(r, c)));
  return { dtype: "float32", shape: [rows, columns], disposed: false, values };
}

describe("keptIndices()", () => {
  it("keeps a short axis whole", () => {
    expect(keptIndices(6)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("keeps the first and last three of a long axis", () => {
    expect(keptIndices(200)).toEqual([0, 1, 2, 197, 198, 199]);
  });
});

describe("formatFloats()", () => {
  it("shares up to four decimals", () => {
    expect(formatFloats([0.5, 0.25, 1])).toEqual(["0.50", "0.25", "1.00"]);
    expect(formatFloats([0.123456, 2])).toEqual(["0.1235", "2.0000"]);
  });

  it("prints whole floats with a trailing point, as NumPy", () => {
    expect(formatFloats([1, 0, 0])).toEqual(["1.", "0.", "0."]);
  });

  it("switches to exponent notation for tiny or huge values", () => {
    expect(formatFloats([1e-5, 1])).toEqual(["1.0000e-5", "1.0000e+0"]);
    expect(formatFloats([3e9])).toEqual(["3.0000e+9"]);
  });

  it("names NaN and infinities", () => {
    expect(formatFloats([NaN, Infinity, -Infinity, 0.5])).toEqual(["nan", "inf", "-inf", "0.5"]);
  });
});

describe("tensorText()", () => {
  it("shows shape, dtype and ellipses for a 200x50 tensor", () => {
    const text = tensorText(matrixPreview(200, 50, (r, c) => r * 50 + c), "en");
    const lines = text.split("\n");
    expect(lines[0]).toBe("Tensor float32 shape=[200, 50]");
    expect(lines).toHaveLength(1 + 7);
    expect(lines[1]).toBe("[[   0.,    1.,    2., ...,   47.,   48.,   49.],");
    expect(lines[4]).toBe(" ...,");
    expect(lines[7]).toBe(" [9950., 9951., 9952., ..., 9997., 9998., 9999.]]");
  });

  it("shows a small matrix whole with aligned columns", () => {
    const preview: TensorPreview = { dtype: "float32", shape: [2, 2], disposed: false, values: [[1.5, -2], [10, 0.25]] };
    expect(tensorText(preview, "en")).toBe("Tensor float32 shape=[2, 2]\n[[ 1.50, -2.00],\n [10.00,  0.25]]");
  });

  it("separates blocks of a 3-D tensor with a blank line", () => {
    const preview: TensorPreview = { dtype: "int32", shape: [2, 1, 2], disposed: false, values: [[[1, 2]], [[3, 4]]] };
    expect(tensorText(preview, "en")).toBe("Tensor int32 shape=[2, 1, 2]\n[[[1, 2]],\n\n [[3, 4]]]");
  });

  it("prints a scalar alone", () => {
    const preview: TensorPreview = { dtype: "float32", shape: [], disposed: false, values: 0.5 };
    expect(tensorText(preview, "en")).toBe("Tensor float32 shape=[]\n0.5");
  });

  it("prints empty tensors as brackets", () => {
    const preview: TensorPreview = { dtype: "float32", shape: [0], disposed: false, values: [] };
    expect(tensorText(preview, "en")).toBe("Tensor float32 shape=[0]\n[]");
  });

  it("quotes strings and spells booleans", () => {
    const strings: TensorPreview = { dtype: "string", shape: [2], disposed: false, values: ["a", "b c"] };
    expect(tensorText(strings, "en")).toBe('Tensor string shape=[2]\n["a", "b c"]');
    const flags: TensorPreview = { dtype: "bool", shape: [2], disposed: false, values: [1, 0] };
    expect(tensorText(flags, "en")).toBe("Tensor bool shape=[2]\n[ true, false]");
  });

  it("marks a disposed tensor in both languages", () => {
    const disposed: TensorPreview = { dtype: "float32", shape: [30, 3], disposed: true };
    expect(tensorText(disposed, "en")).toBe("Tensor float32 shape=[30, 3] (disposed: its values were freed by dispose())");
    expect(tensorText(disposed, "es")).toContain("Tensor float32 shape=[30, 3] (liberado");
  });
});

describe("tensorHtml()", () => {
  it("draws a 2-D table with indices and ellipses", () => {
    const html = tensorHtml(matrixPreview(200, 50, (r, c) => r + c), "en") as string;
    expect(html).toContain("Tensor float32 shape=[200, 50]");
    expect(html).toContain("<th>49</th>");
    expect(html).toContain("<th>199</th>");
    expect(html).toContain("<th>…</th>");
    expect(html).toContain("<th>⋮</th>");
    // 6 kept rows, the ellipsis row, and the header row.
    expect(html.match(/<tr>/g)).toHaveLength(8);
    // 6 kept columns and the ellipsis column in every body row.
    const firstRow = html.split("\n").find((line) => line.startsWith("<tr><th>0</th>")) as string;
    expect(firstRow.match(/<td>/g)).toHaveLength(7);
  });

  it("draws a 1-D tensor as one row", () => {
    const preview: TensorPreview = { dtype: "int32", shape: [3], disposed: false, values: [1, 2, 3] };
    const html = tensorHtml(preview, "en") as string;
    expect(html.match(/<tr>/g)).toHaveLength(2);
    expect(html).toContain("<td>1</td><td>2</td><td>3</td>");
  });

  it("gives no table for other ranks or disposed tensors", () => {
    expect(tensorHtml({ dtype: "float32", shape: [], disposed: false, values: 1 }, "en")).toBeUndefined();
    expect(tensorHtml({ dtype: "int32", shape: [1, 1, 1], disposed: false, values: [[[1]]] }, "en")).toBeUndefined();
    expect(tensorHtml({ dtype: "float32", shape: [2], disposed: true }, "en")).toBeUndefined();
  });

  it("escapes string elements", () => {
    const preview: TensorPreview = { dtype: "string", shape: [1], disposed: false, values: ["<x>"] };
    expect(tensorHtml(preview, "en")).toContain("<td>&quot;&lt;x&gt;&quot;</td>");
  });
});

describe("tensorBundle()", () => {
  it("has text only for a disposed tensor", () => {
    expect(Object.keys(tensorBundle({ dtype: "float32", shape: [2], disposed: true }, "en"))).toEqual(["text/plain"]);
  });
});
