/**
 * The decision memo's plain text (`memo.preview`'s `text`, the same text `portfolj memo --text`
 * prints) read back into blocks, so the Beslutsunderlag page can show it with real headings,
 * tables and lists instead of a wall of characters. The text is the core's `Document::to_text`:
 *
 * - "UTKAST" as the very first line of a draft;
 * - "# " a section heading, "## " a subsection heading;
 * - "| a | b |" table rows, the first row of each table its header;
 * - "label: value" lines, a group of facts;
 * - a caption followed by lines indented two spaces (a bar chart's figures);
 * - "---" where the PDF starts a new page;
 * - anything else text, one paragraph per group of lines between blank lines.
 *
 * The format is plain text, so a line an applicant wrote could look like one of these; the
 * reading below keeps such lines legible, and the PDF itself is unaffected.
 */

export interface MemoFact {
  label: string;
  value: string;
}

export type MemoBlock =
  | { kind: 'draft' }
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'facts'; facts: MemoFact[] }
  | { kind: 'list'; caption: string; items: string[] }
  /** `context`: the headings the table stands under, outermost first, e.g. to caption it. */
  | { kind: 'table'; context: string[]; header: string[]; rows: string[][] }
  | { kind: 'page-break' };

const HEADING = /^(#{1,6}) (.+)$/;
const FACT = /^([^:]+?): (.+)$/;
/** A label longer than this, or one with a sentence's end in it, is a sentence with a colon. */
const MAX_LABEL = 60;

/** "| a | b |" → ["a", "b"]; null for a line that is not a table row. */
function tableCells(line: string): string[] | null {
  if (line.length < 4 || !line.startsWith('| ') || !line.endsWith(' |')) return null;
  return line.slice(2, -2).split(' | ');
}

/** "Ram: 12 000 000 kr" → { label: "Ram", value: "12 000 000 kr" }; null for other text. */
export function memoFact(line: string): MemoFact | null {
  const match = FACT.exec(line);
  if (!match) return null;
  const label = match[1] ?? '';
  if (label.trim() !== label || label.length > MAX_LABEL || /[.!?]\s/.test(label)) return null;
  return { label, value: match[2] ?? '' };
}

/** One group of text lines (between blank lines, headings and tables) as its block. */
function textBlock(lines: string[]): MemoBlock {
  const [first = '', ...rest] = lines;
  if (rest.length > 0 && !first.startsWith(' ') && rest.every((l) => l.startsWith('  '))) {
    return { kind: 'list', caption: first, items: rest.map((l) => l.trim()) };
  }
  const facts = lines.map(memoFact);
  if (facts.every((f): f is MemoFact => f !== null)) return { kind: 'facts', facts };
  return { kind: 'paragraph', lines };
}

/** Reads the memo's text into blocks, in reading order. */
export function parseMemoText(text: string): MemoBlock[] {
  const blocks: MemoBlock[] = [];
  const lines = text.split(/\r?\n/);
  // The headings in force: [section] or [section, subsection].
  const context: string[] = [];
  let group: string[] = [];
  let table: Extract<MemoBlock, { kind: 'table' }> | null = null;

  const flush = () => {
    if (table) blocks.push(table);
    else if (group.length > 0) blocks.push(textBlock(group));
    table = null;
    group = [];
  };

  lines.forEach((line, index) => {
    if (line.trim() === '') {
      flush();
      return;
    }
    if (index === 0 && line === 'UTKAST') {
      blocks.push({ kind: 'draft' });
      return;
    }
    if (line === '---') {
      flush();
      blocks.push({ kind: 'page-break' });
      return;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = heading[1]?.length ?? 1;
      const text = heading[2] ?? '';
      context.splice(level - 1, context.length, text);
      blocks.push({ kind: 'heading', level, text });
      return;
    }
    const cells = tableCells(line);
    if (cells) {
      if (table) {
        table.rows.push(cells);
      } else {
        flush();
        table = { kind: 'table', context: context.filter(Boolean), header: cells, rows: [] };
      }
      return;
    }
    if (table) flush();
    group.push(line);
  });
  flush();
  return blocks;
}

const NUMERIC = /^[−-]?\d{1,3}(?:[\u00a0 ]\d{3})*(?:,\d+)?(?:[\u00a0 ](?:kr|%))?(?: \([−-]?\d+(?:,\d+)?\))?$/;

/**
 * Whether a table cell is a figure ("3 870 000 kr", "12,3 %", "1,14", "3,02 (2,10)"); "–"
 * and words are not.
 */
export function isFigure(cell: string): boolean {
  return NUMERIC.test(cell.trim());
}

/**
 * For each column of a table, whether it holds figures (each cell a figure or "–", at least
 * one a figure), to be right-aligned as figures are in every other table.
 */
export function figureColumns(table: { header: readonly string[]; rows: readonly (readonly string[])[] }): boolean[] {
  return table.header.map((_, n) => {
    const cells = table.rows.map((row) => (row[n] ?? '').trim());
    return cells.some(isFigure) && cells.every((c) => c === '–' || isFigure(c));
  });
}
