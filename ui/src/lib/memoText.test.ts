import { describe, expect, it } from 'vitest';
import { figureColumns, isFigure, memoFact, parseMemoText } from './memoText';

// The opening, one portfolio, the traceability section and the end of a memo, as the core
// writes them (`portfolj memo --year 2014 --text`).
const MEMO = `UTKAST
Dnr KS 2014/123 · 2014-03-01
Beslutsunderlag it-investeringar 2014

# Sammanfattning

Projektkontoret föreslår att utvecklingsrådet tillstyrker 2 ansökningar om sammanlagt 3 750 000 kr inom ramarna för 2014. Förslaget ryms inom varje portföljs ram.

| Portfölj | Ram | Föreslaget | Kvar | Antal |
| 1. Tillgänglighet och service | 5 000 000 kr | 3 750 000 kr | 1 250 000 kr | 2 |
| 5. Innovativ verksamhetsutveckling med hjälp av it | – | 0 kr | – | 0 |

Ramutnyttjande per portfölj
  Portfölj 1: 3 750 000 kr av 5 000 000 kr (75,0 %)
  Portfölj 5: ingen ram

---

# Portfölj 1: Tillgänglighet och service

Ram: 5 000 000 kr
Delram förbättring: 3 000 000 kr
Underlag: Beräknat urval: gruppens medelvärde inom den fastställda ramen.

## Rangordnat förslag

| Nr | Ansökan | Belopp | Poäng (spridning) |
| 1 | E-tjänst för bygglov (Stadsledningskontoret) | 2 500 000 kr | 4,25 (1,25) |
| 2 | Öppna data (Stadsledningskontoret) | 1 250 000 kr | 4,25 (1,25) |

## Ägarberedskap

Godkänd av systemägaren Åsa Ägare 2014-01-20

---

# Spårbarhet

SHA-256 för underlaget:
6053c89e8c0ce76106879b7fbd84f34e2ae6f7bd76d8856b1019f1c3e177da67

Kontrollsumman räknas över alla uppgifter som underlaget bygger på. Samma data ger samma summa: kör "portfolj memo --year 2014 --fingerprint" för att kontrollera att inget har ändrats.

`;

describe('parseMemoText', () => {
  const blocks = parseMemoText(MEMO);

  it('reads the whole memo in reading order', () => {
    expect(blocks.map((b) => b.kind)).toEqual([
      'draft',
      'paragraph',
      'heading',
      'paragraph',
      'table',
      'list',
      'page-break',
      'heading',
      'facts',
      'heading',
      'table',
      'heading',
      'paragraph',
      'page-break',
      'heading',
      'paragraph',
      'paragraph',
    ]);
  });

  it('marks a draft only by its first line, and keeps the header lines together', () => {
    expect(blocks[0]).toEqual({ kind: 'draft' });
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      lines: ['Dnr KS 2014/123 · 2014-03-01', 'Beslutsunderlag it-investeringar 2014'],
    });
    expect(parseMemoText('Dnr (ej tilldelat) · 2026-11-26\nTitel\n')[0]?.kind).toBe('paragraph');
    expect(parseMemoText('# Sammanfattning\n\nUTKAST\n').map((b) => b.kind)).toEqual(['heading', 'paragraph']);
  });

  it('reads headings with their level', () => {
    const headings = blocks.filter((b) => b.kind === 'heading');
    expect(headings).toEqual([
      { kind: 'heading', level: 1, text: 'Sammanfattning' },
      { kind: 'heading', level: 1, text: 'Portfölj 1: Tillgänglighet och service' },
      { kind: 'heading', level: 2, text: 'Rangordnat förslag' },
      { kind: 'heading', level: 2, text: 'Ägarberedskap' },
      { kind: 'heading', level: 1, text: 'Spårbarhet' },
    ]);
  });

  it('reads a table with its first row as the header and the headings it stands under', () => {
    expect(blocks[4]).toEqual({
      kind: 'table',
      context: ['Sammanfattning'],
      header: ['Portfölj', 'Ram', 'Föreslaget', 'Kvar', 'Antal'],
      rows: [
        ['1. Tillgänglighet och service', '5 000 000 kr', '3 750 000 kr', '1 250 000 kr', '2'],
        ['5. Innovativ verksamhetsutveckling med hjälp av it', '–', '0 kr', '–', '0'],
      ],
    });
    const ranked = blocks[10];
    expect(ranked?.kind === 'table' && ranked.context).toEqual(['Portfölj 1: Tillgänglighet och service', 'Rangordnat förslag']);
    expect(ranked?.kind === 'table' && ranked.rows.length).toBe(2);
  });

  it('reads label–value lines as facts, split at the first colon', () => {
    expect(blocks[8]).toEqual({
      kind: 'facts',
      facts: [
        { label: 'Ram', value: '5 000 000 kr' },
        { label: 'Delram förbättring', value: '3 000 000 kr' },
        { label: 'Underlag', value: 'Beräknat urval: gruppens medelvärde inom den fastställda ramen.' },
      ],
    });
  });

  it('reads a caption with indented lines (a bar chart’s figures) as a list', () => {
    expect(blocks[5]).toEqual({
      kind: 'list',
      caption: 'Ramutnyttjande per portfölj',
      items: ['Portfölj 1: 3 750 000 kr av 5 000 000 kr (75,0 %)', 'Portfölj 5: ingen ram'],
    });
  });

  it('keeps sentences with a colon, and a label on its own line, as paragraphs', () => {
    expect(blocks[15]).toEqual({
      kind: 'paragraph',
      lines: ['SHA-256 för underlaget:', '6053c89e8c0ce76106879b7fbd84f34e2ae6f7bd76d8856b1019f1c3e177da67'],
    });
    const last = blocks[16];
    expect(last?.kind).toBe('paragraph');
    expect(parseMemoText('Godkänd av systemägaren Åsa Ägare 2014-01-20')).toEqual([
      { kind: 'paragraph', lines: ['Godkänd av systemägaren Åsa Ägare 2014-01-20'] },
    ]);
  });

  it('ends a table at the first line that is not a row, and reads Windows line ends', () => {
    expect(parseMemoText('| A | B |\r\n| 1 | 2 |\r\nEfter tabellen\r\n')).toEqual([
      { kind: 'table', context: [], header: ['A', 'B'], rows: [['1', '2']] },
      { kind: 'paragraph', lines: ['Efter tabellen'] },
    ]);
  });

  it('reads nothing from an empty text', () => {
    expect(parseMemoText('')).toEqual([]);
    expect(parseMemoText('\n\n')).toEqual([]);
  });
});

describe('memoFact', () => {
  it('takes short labels and leaves sentences alone', () => {
    expect(memoFact('Lägst – högst: 3,50 – 4,75')).toEqual({ label: 'Lägst – högst', value: '3,50 – 4,75' });
    expect(memoFact('Karin Ledamot – Öppna data: samma enhet')).toEqual({
      label: 'Karin Ledamot – Öppna data',
      value: 'samma enhet',
    });
    expect(memoFact('Ingen text utan kolon')).toBeNull();
    expect(memoFact('Etikett:')).toBeNull();
    expect(memoFact('Samma data ger samma summa. Kör så här: portfolj memo')).toBeNull();
    expect(memoFact(`${'x'.repeat(61)}: för lång etikett`)).toBeNull();
  });
});

describe('isFigure', () => {
  it('knows money, shares, counts and scores from words', () => {
    for (const cell of ['3\u00a0870\u00a0000 kr', '3 870 000 kr', '12,3 %', '2', '1,14', '4,25 (1,25)', '−240 103 kr']) {
      expect(isFigure(cell), cell).toBe(true);
    }
    for (const cell of ['–', 'tillstyrks', 'godkänd 2013-11-10', '1. Tillgänglighet', '']) {
      expect(isFigure(cell), cell).toBe(false);
    }
  });
});

describe('figureColumns', () => {
  it('right-aligns the columns of figures, where a dash stands for none', () => {
    const summary = parseMemoText(MEMO)[4];
    expect(summary?.kind === 'table' && figureColumns(summary)).toEqual([false, true, true, true, true]);
    expect(figureColumns({ header: ['A'], rows: [] })).toEqual([false]);
    expect(figureColumns({ header: ['A', 'B'], rows: [['–', 'x'], ['–', '1']] })).toEqual([false, false]);
  });
});
