import {
  completeReplyContent,
  errorReplyContent,
  inspectReplyContent,
  isCompleteReplyContent,
  parseCompleteRequest,
  parseInspectRequest,
  parseIsCompleteRequest,
} from "../../src/kernel/protocol/introspection";

describe("parseCompleteRequest()", () => {
  it("converts cursor_pos from code points to a UTF-16 offset", () => {
    const code = "// 😀\nmodelo.";
    expect(parseCompleteRequest({ code, cursor_pos: 12 })).toEqual({ code, cursor: 13 });
  });

  it("reads a missing cursor_pos as the end of the code", () => {
    expect(parseCompleteRequest({ code: "abc" })).toEqual({ code: "abc", cursor: 3 });
  });

  it("accepts position 0 in empty code", () => {
    expect(parseCompleteRequest({ code: "", cursor_pos: 0 })).toEqual({ code: "", cursor: 0 });
  });

  it("rejects code that is not a string, naming the property", () => {
    expect(() => parseCompleteRequest({ code: 42, cursor_pos: 0 })).toThrow(/complete_request content\.code must be a string, got number/);
  });

  it("rejects a cursor_pos past the end", () => {
    expect(() => parseCompleteRequest({ code: "ab😀", cursor_pos: 4 })).toThrow(RangeError);
    expect(() => parseCompleteRequest({ code: "ab😀", cursor_pos: 4 })).toThrow(/which has 3 code points/);
  });

  it("rejects a negative or fractional cursor_pos", () => {
    expect(() => parseCompleteRequest({ code: "ab", cursor_pos: -1 })).toThrow(RangeError);
    expect(() => parseCompleteRequest({ code: "ab", cursor_pos: 1.5 })).toThrow(TypeError);
    expect(() => parseCompleteRequest({ code: "ab", cursor_pos: "1" })).toThrow(/cursor_pos must be an integer, got "1"/);
  });
});

describe("parseInspectRequest()", () => {
  it("defaults detail_level to 0", () => {
    expect(parseInspectRequest({ code: "x", cursor_pos: 1 })).toEqual({ code: "x", cursor: 1, detailLevel: 0 });
  });

  it("rejects a detail_level other than 0 or 1", () => {
    expect(() => parseInspectRequest({ code: "x", cursor_pos: 1, detail_level: 2 })).toThrow(/detail_level must be 0 or 1, got 2/);
  });
});

describe("parseIsCompleteRequest()", () => {
  it("requires code", () => {
    expect(() => parseIsCompleteRequest({})).toThrow(/is_complete_request content\.code must be a string, got undefined/);
  });
});

describe("completeReplyContent()", () => {
  it("gives cursor_start, cursor_end and metadata offsets in code points", () => {
    const code = "é 😀 modelo.co";
    const start = code.indexOf("co", code.indexOf("."));
    const content = completeReplyContent(code, {
      start,
      end: start + 2,
      items: [
        { text: "compile", type: "method", signature: "(options?: CompileOptions): void" },
        { text: "countParams", type: "method" },
      ],
    });
    expect(content).toEqual({
      status: "ok",
      matches: ["compile", "countParams"],
      cursor_start: 11,
      cursor_end: 13,
      metadata: {
        _jupyter_types_experimental: [
          { start: 11, end: 13, text: "compile", type: "method", signature: "(options?: CompileOptions): void" },
          { start: 11, end: 13, text: "countParams", type: "method" },
        ],
      },
    });
  });
});

describe("inspectReplyContent()", () => {
  it("says found false with empty data when nothing is described", () => {
    expect(inspectReplyContent(undefined)).toEqual({ status: "ok", found: false, data: {}, metadata: {} });
  });
});

describe("isCompleteReplyContent()", () => {
  it("has indent only when incomplete", () => {
    expect(isCompleteReplyContent({ status: "incomplete", indent: "  " })).toEqual({ status: "incomplete", indent: "  " });
    expect(isCompleteReplyContent({ status: "invalid" })).toEqual({ status: "invalid" });
  });
});

describe("errorReplyContent()", () => {
  it("names the error and its message", () => {
    expect(errorReplyContent(new RangeError("too far"))).toEqual({
      status: "error",
      ename: "RangeError",
      evalue: "too far",
      traceback: ["RangeError: too far"],
    });
  });
});
