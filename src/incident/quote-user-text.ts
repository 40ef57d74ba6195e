// Text from a user's file echoed in a message: bounded, and on one line. A key or value can hold
// a million characters, a newline or an ANSI escape; printed raw, it could flood the terminal or
// forge a line of output (`0 errors`). Control characters are shown as escapes, as JSON would.

/** Characters of user text kept in a message. */
export const maxQuotedChars = 200;

/** `text` with control characters escaped, cut at `max` characters with an ellipsis. */
export function quoteUserText(text: string, max = maxQuotedChars): string {
  const chars = Array.from(text.length > max * 4 ? text.slice(0, max * 4) : text);
  const cut = chars.length > max;
  return escapeControl((cut ? chars.slice(0, max) : chars).join('')) + (cut ? '…' : '');
}

/** C0 and C1 control characters (newlines, tabs, ESC) and the line/paragraph separators escaped. */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}
