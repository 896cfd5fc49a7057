// The top-level VEVENT and VTIMEZONE blocks of an iCalendar file, each with the line it
// starts on, so that ical.js parses one event at a time and a broken event costs only
// itself. Works with or without a VCALENDAR around them (some programs export bare events).
export interface Block {
  readonly kind: 'VEVENT' | 'VTIMEZONE';
  /** 1-based line of its BEGIN. */
  readonly line: number;
  /** Its lines, CRLF-joined, as ical.js wants them. */
  readonly text: string;
}

export function splitBlocks(lines: readonly string[]): { blocks: Block[]; unterminated: number[] } {
  const blocks: Block[] = [];
  const unterminated: number[] = [];
  let current: { kind: Block['kind']; line: number; lines: string[] } | undefined;
  lines.forEach((text, index) => {
    const upper = text.trim().toUpperCase();
    if (current === undefined) {
      if (upper === 'BEGIN:VEVENT' || upper === 'BEGIN:VTIMEZONE') current = { kind: upper === 'BEGIN:VEVENT' ? 'VEVENT' : 'VTIMEZONE', line: index + 1, lines: [text] };
      return;
    }
    if (upper === 'BEGIN:VEVENT' || upper === 'BEGIN:VTIMEZONE' || upper === 'END:VCALENDAR') {
      unterminated.push(current.line); // the block before never ended
      current = upper === 'END:VCALENDAR' ? undefined : { kind: upper === 'BEGIN:VEVENT' ? 'VEVENT' : 'VTIMEZONE', line: index + 1, lines: [text] };
      return;
    }
    current.lines.push(text);
    if (upper === `END:${current.kind}`) {
      blocks.push({ kind: current.kind, line: current.line, text: current.lines.join('\r\n') + '\r\n' });
      current = undefined;
    }
  });
  if (current !== undefined) unterminated.push(current.line);
  return { blocks, unterminated };
}
