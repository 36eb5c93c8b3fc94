import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { readCharacterWidths } from "../../src/display/font-metrics";

function fontFile(name: string): string {
  return join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf", name);
}

/** Returns the width of the ink of text at 100 px, as resvg draws it with the given DejaVu file. */
function inkWidth(text: string, file: string): number {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="200">' +
    `<text x="10" y="150" font-family="DejaVu Sans" font-size="100">${text}</text></svg>`;
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [file], defaultFontFamily: "DejaVu Sans" } });
  const box = resvg.getBBox();
  if (box === undefined) throw new Error("resvg drew nothing");
  return box.width;
}

describe("readCharacterWidths()", () => {
  it("agrees with the text that resvg draws", () => {
    for (const name of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]) {
      const { widths } = readCharacterWidths(readFileSync(fontFile(name)));
      for (const text of ["versicolor", "Matriz de confusión", "WWW 0.25"]) {
        const measured = [...text].reduce((sum, character) => sum + widths[character.codePointAt(0)!], 0) * 100;
        // Ink leaves out the side bearings of the first and last glyph, a few pixels at 100 px.
        expect({ name, text, ratio: Math.abs(inkWidth(text, fontFile(name)) / measured - 1) < 0.05 }).toEqual({ name, text, ratio: true });
      }
    }
  });

  it("gives wide letters more room than narrow ones", () => {
    const { widths } = readCharacterWidths(readFileSync(fontFile("DejaVuSans.ttf")));
    expect(widths["m".charCodeAt(0)]).toBeGreaterThan(widths["i".charCodeAt(0)]);
    expect(widths["ó".charCodeAt(0)]).toBe(widths["o".charCodeAt(0)]);
  });

  it("gives 0 for characters without a glyph", () => {
    const { widths, missing } = readCharacterWidths(readFileSync(fontFile("DejaVuSans.ttf")));
    expect(widths[0x5b57]).toBe(0);
    expect(missing).toBeGreaterThan(0);
  });

  it("rejects a file that is not a font", () => {
    expect(() => readCharacterWidths(new Uint8Array(64))).toThrow("font has no head table");
  });
});
