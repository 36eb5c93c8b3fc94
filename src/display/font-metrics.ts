/** Advance widths of a font's characters, in ems (multiples of the font size). */
export interface CharacterWidths {
  /** Width of each character of the Basic Multilingual Plane by code point; 0 where the font has no glyph. */
  widths: Float32Array;
  /** Width of the glyph drawn in place of a missing character (glyph 0, .notdef). */
  missing: number;
}

/** Returns the offset of a table of an OpenType/TrueType font file, by its 4-letter tag. */
function tableOffset(font: DataView, tag: string): number {
  const tableCount = font.getUint16(4);
  for (let index = 0; index < tableCount; index++) {
    const record = 12 + index * 16;
    const recordTag = String.fromCharCode(font.getUint8(record), font.getUint8(record + 1), font.getUint8(record + 2), font.getUint8(record + 3));
    if (recordTag === tag) return font.getUint32(record + 8);
  }
  throw new Error(`font has no ${tag} table`);
}

/** Returns the offset of the cmap subtable of format 4 for Unicode's Basic Multilingual Plane. */
function unicodeCmap(font: DataView): number {
  const cmap = tableOffset(font, "cmap");
  const subtableCount = font.getUint16(cmap + 2);
  for (let index = 0; index < subtableCount; index++) {
    const record = cmap + 4 + index * 8;
    const platform = font.getUint16(record);
    const encoding = font.getUint16(record + 2);
    const subtable = cmap + font.getUint32(record + 4);
    // Windows Unicode BMP (3, 1) or any Unicode platform encoding (0, *), in the segment-mapping format 4.
    if ((platform === 3 && encoding === 1) || platform === 0) {
      if (font.getUint16(subtable) === 4) return subtable;
    }
  }
  throw new Error("font has no Unicode cmap of format 4");
}

/**
 * Reads the advance width of every BMP character of a TrueType font file from its cmap, hmtx, hhea
 * and head tables (OpenType specification, version 1.9). Kerning is left out.
 */
export function readCharacterWidths(file: Uint8Array): CharacterWidths {
  const font = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const unitsPerEm = font.getUint16(tableOffset(font, "head") + 18);
  const metricCount = font.getUint16(tableOffset(font, "hhea") + 34);
  const hmtx = tableOffset(font, "hmtx");
  // Glyphs past the last horizontal metric share its advance width.
  const advance = (glyph: number) => font.getUint16(hmtx + 4 * Math.min(glyph, metricCount - 1)) / unitsPerEm;

  // Format 4 maps segments [startCode, endCode] of code points to glyphs through idDelta, or through
  // glyphIdArray where idRangeOffset is not 0.
  const cmap = unicodeCmap(font);
  const segmentCount = font.getUint16(cmap + 6) / 2;
  const endCodes = cmap + 14;
  const startCodes = endCodes + 2 * segmentCount + 2;
  const idDeltas = startCodes + 2 * segmentCount;
  const idRangeOffsets = idDeltas + 2 * segmentCount;

  const widths = new Float32Array(0x10000);
  for (let segment = 0; segment < segmentCount; segment++) {
    const start = font.getUint16(startCodes + 2 * segment);
    const end = font.getUint16(endCodes + 2 * segment);
    const delta = font.getUint16(idDeltas + 2 * segment);
    const rangeOffsetAt = idRangeOffsets + 2 * segment;
    const rangeOffset = font.getUint16(rangeOffsetAt);
    for (let code = start; code <= end && code < 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (code + delta) & 0xffff;
      } else {
        const index = font.getUint16(rangeOffsetAt + rangeOffset + 2 * (code - start));
        glyph = index === 0 ? 0 : (index + delta) & 0xffff;
      }
      if (glyph !== 0) widths[code] = advance(glyph);
    }
  }
  return { widths, missing: advance(0) };
}
