/**
 * Conversions between the two ways of counting positions in a cell. The messaging protocol
 * (jupyter_client's docs/messaging.rst) counts cursor_pos, cursor_start and cursor_end in Unicode
 * characters, that is code points, while JavaScript strings, and TypeScript with them, count UTF-16
 * code units. The two differ after each character outside the Basic Multilingual Plane, such as an
 * emoji, which takes two code units.
 */

/** Returns the number of code points in text. A lone surrogate counts as one code point. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let offset = 0; offset < text.length; offset += unitsAt(text, offset)) count++;
  return count;
}

/**
 * Converts a position counted in code points to a UTF-16 offset into text. Raises RangeError for a
 * position that is negative, not an integer, or past the end of text.
 */
export function codePointToUtf16(text: string, position: number): number {
  if (!Number.isInteger(position) || position < 0) throw new RangeError(`position must be a non-negative integer, got ${position}`);
  let offset = 0;
  for (let count = 0; count < position; count++) {
    if (offset >= text.length) throw new RangeError(`position ${position} is past the end of the text (${count} code points)`);
    offset += unitsAt(text, offset);
  }
  return offset;
}

/**
 * Converts a UTF-16 offset into text to a position counted in code points. An offset between the two
 * halves of a surrogate pair counts the whole pair. Offsets past the end count up to the end.
 */
export function utf16ToCodePoint(text: string, offset: number): number {
  let count = 0;
  for (let index = 0; index < Math.min(offset, text.length); index += unitsAt(text, index)) count++;
  return count;
}

/** Returns 2 when a surrogate pair starts at offset, else 1. */
function unitsAt(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  if (!isHighSurrogate || offset + 1 >= text.length) return 1;
  const next = text.charCodeAt(offset + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}
