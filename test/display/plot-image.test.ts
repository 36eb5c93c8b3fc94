import { inspect } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { formatValue } from "../../src/display/formatters";
import "../../src/keras/index";
import { image } from "../../src/plot/image";
import { selectBackend } from "../../src/runtime/backend";
import { errorMessage, inLanguage } from "../keras/helpers";
import { pixelAt, readPng } from "./png-reader";

beforeAll(async () => {
  await selectBackend(tf, "cpu");
});

describe("plot.image()", () => {
  it("draws a 2-D tensor as grayscale", () => {
    const pixels = tf.tensor2d([
      [0, 0.5],
      [1, 0.25],
    ]);
    const picture = image(pixels, { zoom: 1 });
    const png = readPng(picture.png);
    expect([png.width, png.height, png.colorType]).toEqual([2, 2, 0]);
    expect(Array.from(png.pixels)).toEqual([0, 128, 255, 64]);
    expect(picture.text).toBe("Image of 2 x 2 pixels, grayscale");
  });

  it("draws one, three and four channels", () => {
    const cases = [
      { channels: 1, colorType: 0 },
      { channels: 3, colorType: 2 },
      { channels: 4, colorType: 6 },
    ];
    for (const { channels, colorType } of cases) {
      const png = readPng(image(tf.fill([3, 5, channels], 200), { zoom: 1 }).png);
      expect({ channels, size: [png.width, png.height], colorType: png.colorType }).toEqual({ channels, size: [5, 3], colorType });
      expect(pixelAt(png, 4, 2)).toEqual(Array.from({ length: channels }, () => 200));
    }
  });

  it("keeps row 0 at the top and channels in RGB order", () => {
    const pixels = [
      [
        [255, 0, 0],
        [0, 255, 0],
      ],
      [
        [0, 0, 255],
        [255, 255, 255],
      ],
    ];
    const png = readPng(image(pixels, { zoom: 1 }).png);
    expect(pixelAt(png, 0, 0)).toEqual([255, 0, 0]);
    expect(pixelAt(png, 1, 0)).toEqual([0, 255, 0]);
    expect(pixelAt(png, 0, 1)).toEqual([0, 0, 255]);
  });

  it("chooses the value range from the values", () => {
    const read = (values: number[][], options = {}) => Array.from(readPng(image(values, { zoom: 1, ...options }).png).pixels);
    expect(read([[0, 1]])).toEqual([0, 255]);
    expect(read([[0, 255]])).toEqual([0, 255]);
    expect(read([[0, 2]])).toEqual([0, 2]);
    expect(read([[-1, 1]])).toEqual([0, 255]);
    expect(read([[0, 50, 100]], { valueRange: [0, 50] })).toEqual([0, 255, 255]);
    expect(read([[NaN, 1]])).toEqual([0, 255]);
    expect(read([[0, 1.000005]])).toEqual([0, 255]);
  });

  it("enlarges small images by whole pixels", () => {
    const png = readPng(image(tf.zeros([28, 28])).png);
    expect([png.width, png.height]).toEqual([196, 196]);
    const zoomed = readPng(image([[0, 1]], { zoom: 3 }).png);
    expect([zoomed.width, zoomed.height]).toEqual([6, 3]);
    expect(Array.from(zoomed.pixels)).toEqual([0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255]);
    expect(readPng(image(tf.zeros([300, 400])).png).width).toBe(400);
  });

  it("shows itself as PNG and text", () => {
    const picture = image(tf.ones([4, 4]));
    const bundle = formatValue(picture);
    expect(Object.keys(bundle)).toEqual(["image/png", "text/plain"]);
    expect(Buffer.from(String(bundle["image/png"]), "base64")).toEqual(Buffer.from(picture.png));
    expect(inspect(picture)).toBe("Image of 4 x 4 pixels, grayscale");
    expect(inLanguage("es", () => image(tf.ones([2, 3, 3])).text)).toBe("Imagen de 3 x 2 píxeles, RGB");
  });

  it("leaves the display of a plain tensor as numbers", () => {
    const bundle = formatValue(tf.ones([4, 4]));
    expect(bundle["image/png"]).toBeUndefined();
    expect(String(bundle["text/plain"])).toMatch(/^Tensor float32 shape=\[4, 4\]/);
  });

  it("rejects shapes that are not images", () => {
    expect(errorMessage("en", () => image(tf.zeros([2, 28, 28, 1])))).toBe(
      "plot.image(): the image has shape [2, 28, 28, 1], but an image needs shape [height, width] or [height, width, channels] " +
        "with 1, 3 or 4 channels. For one image of a batch of shape [n, height, width, channels], pass images.gather(0).",
    );
    expect(errorMessage("es", () => image(tf.zeros([4, 4, 2])))).toMatch(/^plot\.image\(\): la imagen tiene forma \[4, 4, 2\], pero una imagen necesita forma/);
    expect(errorMessage("en", () => image(tf.zeros([5])))).toMatch(/^plot\.image\(\): the image has shape \[5\]/);
    expect(errorMessage("en", () => image(tf.zeros([0, 3])))).toBe("plot.image(): image is empty, so there is nothing to draw. Pass at least one value.");
  });

  it("rejects an invalid value range", () => {
    expect(errorMessage("en", () => image([[1]], { valueRange: [1, 0] }))).toBe(
      "plot.image(): valueRange must be two numbers [min, max] with min < max, such as [0, 255], but got [ 1, 0 ].",
    );
  });
});
