import { crc32, encodePng } from "../../src/display/png";
import { pixelAt, pngSignature, readPng } from "./png-reader";

describe("crc32()", () => {
  it("gives the standard check value", () => {
    expect(crc32(Buffer.from("123456789", "latin1"))).toBe(0xcbf43926);
  });

  it("is 0 for no bytes", () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe("encodePng()", () => {
  it("writes the signature and the chunks in order", () => {
    const png = encodePng(Uint8Array.from([0, 128, 255, 64]), 2, 2, 1);
    expect(Array.from(png.subarray(0, 8))).toEqual(pngSignature);
    expect(readPng(png).chunks).toEqual(["IHDR", "IDAT", "IEND"]);
  });

  it("records size and colour type in IHDR", () => {
    const cases = [
      { channels: 1, colorType: 0 },
      { channels: 2, colorType: 4 },
      { channels: 3, colorType: 2 },
      { channels: 4, colorType: 6 },
    ] as const;
    for (const { channels, colorType } of cases) {
      const decoded = readPng(encodePng(new Uint8Array(5 * 3 * channels), 5, 3, channels));
      expect(decoded.width).toBe(5);
      expect(decoded.height).toBe(3);
      expect(decoded.colorType).toBe(colorType);
    }
  });

  it("keeps every pixel value", () => {
    const width = 7;
    const height = 4;
    const pixels = Uint8Array.from({ length: width * height * 3 }, (_, index) => (index * 37) % 256);
    const decoded = readPng(encodePng(pixels, width, height, 3));
    expect(Array.from(decoded.pixels)).toEqual(Array.from(pixels));
    expect(pixelAt(decoded, 1, 0)).toEqual([(3 * 37) % 256, (4 * 37) % 256, (5 * 37) % 256]);
  });

  it("rejects a size that does not match the bytes", () => {
    expect(() => encodePng(new Uint8Array(5), 2, 2, 1)).toThrow(RangeError);
    expect(() => encodePng(new Uint8Array(0), 0, 0, 1)).toThrow(RangeError);
  });
});
