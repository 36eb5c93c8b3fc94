import { codePointLength, codePointToUtf16, utf16ToCodePoint } from "../../src/kernel/protocol/codepoints";

// "é" is one UTF-16 unit; "😀" (U+1F600) is two, a surrogate pair, but one code point.
const ACCENTED = "const é = 1;";
const EMOJI = "// 😀\nmodelo.";

describe("codePointLength()", () => {
  it("counts a surrogate pair once", () => {
    expect(EMOJI.length).toBe(13);
    expect(codePointLength(EMOJI)).toBe(12);
  });

  it("counts accented letters like ASCII", () => {
    expect(codePointLength(ACCENTED)).toBe(ACCENTED.length);
  });

  it("counts a lone surrogate as one code point", () => {
    expect(codePointLength("a\ud83d")).toBe(2);
    expect(codePointLength("\ude00b")).toBe(2);
  });

  it("is 0 for empty text", () => {
    expect(codePointLength("")).toBe(0);
  });
});

describe("codePointToUtf16()", () => {
  it("maps positions after an emoji one unit further", () => {
    expect(codePointToUtf16(EMOJI, 3)).toBe(3);
    expect(codePointToUtf16(EMOJI, 4)).toBe(5);
    expect(codePointToUtf16(EMOJI, 12)).toBe(13);
  });

  it("keeps positions in text without surrogates", () => {
    for (let position = 0; position <= ACCENTED.length; position++) expect(codePointToUtf16(ACCENTED, position)).toBe(position);
  });

  it("rejects a position past the end", () => {
    expect(() => codePointToUtf16(EMOJI, 13)).toThrow(RangeError);
  });

  it("rejects a negative or fractional position", () => {
    expect(() => codePointToUtf16(EMOJI, -1)).toThrow(RangeError);
    expect(() => codePointToUtf16(EMOJI, 1.5)).toThrow(RangeError);
  });
});

describe("utf16ToCodePoint()", () => {
  it("inverts codePointToUtf16()", () => {
    const text = "a😀é😀\nb";
    for (let position = 0; position <= codePointLength(text); position++) {
      expect(utf16ToCodePoint(text, codePointToUtf16(text, position))).toBe(position);
    }
  });

  it("counts the whole pair for an offset inside it", () => {
    expect(utf16ToCodePoint(EMOJI, 4)).toBe(4);
  });

  it("stops at the end of the text", () => {
    expect(utf16ToCodePoint("ab", 10)).toBe(2);
  });
});
