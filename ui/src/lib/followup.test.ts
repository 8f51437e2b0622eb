import { describe, expect, it } from 'vitest';
import type { ApplicationState } from '../generated/ApplicationState';
import type { FollowUpLineDto } from '../generated/FollowUpLineDto';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import type { RealisationRowDto } from '../generated/RealisationRowDto';
import {
  costAboveGranted,
  deviates,
  explanationReasons,
  explanationText,
  finalReportArgs,
  finalReportForm,
  followUpArgs,
  followUpForm,
  followUpOpen,
  hasFollowUpPart,
  liveFigures,
  liveText,
  overdueFollowUpsText,
  rateAxisMax,
  rateText,
  realisationChartLabel,
  todayIso,
  valuedText,
  type RealisedLineForm,
} from './followup';

// Writes a readable expectation: '_' is the no-break space, '~' the minus sign, as format.ts writes them.
const sv = (text: string) => text.replace(/_/g, '\u00a0').replace(/~/g, '\u2212');

const line = (change: Partial<FollowUpLineDto> = {}): FollowUpLineDto => ({
  line: 0,
  name: 'Kortare handläggningstid per ärende',
  kind: 'internal',
  budget_releasing: false,
  valued: '251250',
  realised: null,
  difference: null,
  rate_percent: null,
  evidence: '',
  budget_reduced: false,
  deviation: '',
  ...change,
});

const saving = line({ line: 1, name: 'Lägre portokostnader', budget_releasing: true, valued: '120000' });
const qualitative = line({ line: 2, name: 'Enklare kontakt med staden', kind: 'citizen', valued: null });

const answer = (change: Partial<RealisedLineForm> = {}): RealisedLineForm => ({
  realised: '',
  evidence: '',
  budgetReduced: false,
  deviation: '',
  ...change,
});

describe('the live figures of a line', () => {
  it('shows the difference and the realised share as the amount is typed', () => {
    expect(liveFigures(line(), '213 562,50')).toEqual({
      kind: 'figures',
      realised: '213562.50',
      difference: '-37687.50',
      rate: '85.0000',
    });
    expect(liveText(liveFigures(line(), '213 562,50'))).toBe(
      sv('Skillnad mot det värderade: ~37_688_kr. Realiserat: 85,0_% av det värderade.'),
    );
    expect(liveText(liveFigures(line(), '276375'))).toBe(
      sv('Skillnad mot det värderade: +25_125_kr. Realiserat: 110,0_% av det värderade.'),
    );
  });

  it('says nothing before anything is typed, and says an unreadable amount at once', () => {
    expect(liveText(liveFigures(line(), '  '))).toBe('');
    expect(liveFigures(line(), '12,345')).toEqual({ kind: 'unreadable' });
    expect(liveText(liveFigures(line(), 'tolv'))).toMatch(/^Beloppet går inte att läsa/);
  });

  it('has no figures on a qualitative line, and no share where nothing was valued', () => {
    expect(liveFigures(qualitative, '1000')).toEqual({ kind: 'none' });
    expect(liveFigures(line({ valued: '0' }), '500')).toMatchObject({ kind: 'figures', difference: '500', rate: null });
    expect(rateText(null)).toBe('Inget värderat');
  });

  it('names what the line asks for beside the input', () => {
    expect(valuedText(line(), 2014)).toBe(sv('Värderat för 2014: 251_250_kr per år.'));
    expect(valuedText(qualitative, 2014)).toBe('Kvalitativ nytta utan belopp: beskriv utfallet i underlaget.');
  });
});

describe('which lines need an explanation', () => {
  it('asks for one from 10 % off the valued amount, either way, decided exactly', () => {
    expect(deviates('100000', '90000.01')).toBe(false);
    expect(deviates('100000', '90000')).toBe(true);
    expect(deviates('100000', '109999.99')).toBe(false);
    expect(deviates('100000', '110000')).toBe(true);
    // Where nothing was valued, any other amount deviates.
    expect(deviates('0', '0')).toBe(false);
    expect(deviates('0', '1')).toBe(true);
  });

  it('names the deviation and an untaken budget saving, and nothing on a line within bounds', () => {
    expect(explanationReasons(line(), answer({ realised: '251250' }))).toEqual([]);
    expect(explanationReasons(line(), answer({ realised: '150000' }))).toEqual(['deviation']);
    expect(explanationReasons(saving, answer({ realised: '120000' }))).toEqual(['budget_kept']);
    expect(explanationReasons(saving, answer({ realised: '120000', budgetReduced: true }))).toEqual([]);
    expect(explanationReasons(saving, answer({ realised: '60000' }))).toEqual(['deviation', 'budget_kept']);
    // No saving, nothing to take out of a budget.
    expect(explanationReasons(line({ budget_releasing: true, valued: '0' }), answer({ realised: '0' }))).toEqual([]);
    // Nothing typed yet, or nothing to compare: nothing asked.
    expect(explanationReasons(saving, answer())).toEqual([]);
    expect(explanationReasons(qualitative, answer({ realised: '5' }))).toEqual([]);
  });

  it('says why in words', () => {
    expect(explanationText(['deviation', 'budget_kept'])).toBe(
      'Behövs här: utfallet avviker 10 % eller mer från det värderade. Behövs här: besparingen har inte tagits ut ur någon budget.',
    );
  });
});

describe('the follow-up form', () => {
  const lines = [line(), saving, qualitative];

  it('starts with a blank answer per line', () => {
    expect(followUpForm(lines)).toEqual({ lines: [answer(), answer(), answer()], summary: '' });
  });

  it('builds the FollowUpInputDto: amounts read the Swedish way, none for a qualitative line', () => {
    const form = {
      lines: [
        answer({ realised: '251 250', evidence: 'Verksamhetsstatistik 2014.' }),
        answer({ realised: '120000,00', evidence: 'Budgetbeslut.', budgetReduced: true }),
        answer({ realised: '999', evidence: 'Enkät: tre av fyra nöjda.', budgetReduced: true, deviation: '' }),
      ],
      summary: 'Som värderat.',
    };
    expect(followUpArgs('app-1', lines, form)).toEqual({
      args: {
        application_id: 'app-1',
        lines: [
          { line: 0, realised: '251250', evidence: 'Verksamhetsstatistik 2014.', budget_reduced: false, deviation: '' },
          { line: 1, realised: '120000.00', evidence: 'Budgetbeslut.', budget_reduced: true, deviation: '' },
          { line: 2, realised: null, evidence: 'Enkät: tre av fyra nöjda.', budget_reduced: false, deviation: '' },
        ],
        summary: 'Som värderat.',
      },
    });
  });

  it('leaves a blank amount for the core to ask for, and stops at amounts it cannot read', () => {
    const blank = followUpArgs('app-1', lines, followUpForm(lines));
    expect('args' in blank && blank.args.lines.map((l) => l.realised)).toEqual([null, null, null]);
    const form = { lines: [answer({ realised: '12.345' }), answer({ realised: '1000' }), answer()], summary: '' };
    expect(followUpArgs('app-1', lines, form)).toEqual({ unreadable: [0] });
  });
});

describe('the slutrapport', () => {
  it('closes today by default and sends the cost as typed, a blank acceptance date as none', () => {
    const form = { ...finalReportForm('2026-05-24'), delivered: 'E-tjänsten.', finalCost: ' 1 234 567,50 ', lessons: 'Tidigt.' };
    expect(finalReportArgs('app-1', form)).toEqual({
      application_id: 'app-1',
      delivered: 'E-tjänsten.',
      final_cost: '1 234 567,50',
      cost_explanation: '',
      lessons: 'Tidigt.',
      owner_accepted_on: null,
      closed_on: '2026-05-24',
    });
    expect(finalReportArgs('app-1', { ...form, ownerAcceptedOn: ' 2026-05-14 ' }).owner_accepted_on).toBe('2026-05-14');
  });

  it('asks for the cost to be explained only above the granted amount', () => {
    expect(costAboveGranted('1 200 000,01', '1200000.00')).toBe(true);
    expect(costAboveGranted('1 200 000', '1200000.00')).toBe(false);
    expect(costAboveGranted('mycket', '1200000.00')).toBe(false);
    expect(costAboveGranted('5 000 000', null)).toBe(false);
  });
});

describe('when the follow-up opens', () => {
  it('is part of a running, closed or followed-up project only', () => {
    const states: ApplicationState[] = ['granted', 'running', 'closed', 'followed_up', 'withdrawn'];
    expect(states.map(hasFollowUpPart)).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('opens on its due day in Stockholm, not before', () => {
    expect(todayIso(new Date('2026-05-23T22:30:00Z'))).toBe('2026-05-24');
    expect(followUpOpen('2026-05-24', '2026-05-23')).toBe(false);
    expect(followUpOpen('2026-05-24', '2026-05-24')).toBe(true);
    expect(followUpOpen(null, '2026-05-24')).toBe(false);
  });
});

describe('the realisation chart', () => {
  const programme = {
    focus_areas: [
      { portfolio: 3, short_name: 'Effektiv förvaltning' },
      { portfolio: 5, short_name: 'Innovation' },
    ],
  } as unknown as ProgrammeDto;
  const row = (portfolio: number, rate: string | null): RealisationRowDto => ({
    portfolio,
    year: null,
    figures: { projects: 1, valued: '100', realised: '93', rate_percent: rate },
  });

  it('reaches past the 100 % line and the largest rate', () => {
    expect(rateAxisMax([55, 99.6])).toBe(125);
    expect(rateAxisMax([])).toBe(125);
    expect(rateAxisMax([140])).toBe(175);
  });

  it('says every portfolio’s rate in the text alternative', () => {
    expect(realisationChartLabel(programme, [row(3, '99.6093'), row(5, null)], '93.1851')).toBe(
      sv(
        'Realiserad andel av den värderade nyttan per portfölj: 3. Effektiv förvaltning 99,6_%; 5. Innovation Inget värderat. Hela programmet: 93,2_%.',
      ),
    );
  });
});

describe('what is overdue', () => {
  it('counts only the follow-ups past their date', () => {
    expect(overdueFollowUpsText([])).toBe('Inga effekthemtagningar är försenade.');
    expect(overdueFollowUpsText([{ overdue: false }])).toBe('Inga effekthemtagningar är försenade.');
    expect(overdueFollowUpsText([{ overdue: true }, { overdue: false }])).toBe('1 effekthemtagning är försenad.');
    expect(overdueFollowUpsText([{ overdue: true }, { overdue: true }, { overdue: true }])).toBe('3 effekthemtagningar är försenade.');
  });
});
