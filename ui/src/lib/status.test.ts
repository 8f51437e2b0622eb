import { describe, expect, it } from 'vitest';
import type { StatusReportDto } from '../generated/StatusReportDto';
import {
  commentHint,
  commentReasons,
  emptyMilestone,
  intervalText,
  latestReport,
  lightText,
  needsCorrectionReason,
  overdueReportsText,
  parseGraceDays,
  scheduleText,
  statusReportArgs,
  statusReportForm,
} from './status';

const report = (change: Partial<StatusReportDto> = {}): StatusReportDto => ({
  id: 'r1',
  application_id: 'a1',
  period_label: '2017 kvartal 4',
  period_start: '2017-10-01',
  period_end: '2017-12-31',
  time: { code: 'red', text_sv: 'röd: kräver beslut' },
  cost: { code: 'yellow', text_sv: 'gul: avvikelse som hanteras' },
  scope: { code: 'green', text_sv: 'grön: enligt plan' },
  spent_to_date: '1970000.00',
  forecast: '3467200.00',
  milestones: [{ name: 'Pilot i drift', due_on: '2017-10-01', done: false }],
  risks: 'Leverantörens resurser under sommaren.',
  comment: 'Upphandlingen är överprövad.',
  correction_reason: '',
  author_name: 'Mikael Nilsson',
  written_at: '2017-10-31T09:00:00Z',
  ...change,
});

describe('a new status report', () => {
  it('is on today’s period, asks the lights afresh and carries the milestones and risks over', () => {
    const form = statusReportForm('2026-05-24', report());
    expect(form.period).toBe('2026-05-24');
    expect(form.lights).toEqual({ time: '', cost: '', scope: '' });
    expect([form.spent, form.forecast, form.comment, form.correctionReason]).toEqual(['', '', '', '']);
    expect(form.milestones.map(({ name, dueOn, done }) => ({ name, dueOn, done }))).toEqual([
      { name: 'Pilot i drift', dueOn: '2017-10-01', done: false },
    ]);
    expect(form.risks).toBe('Leverantörens resurser under sommaren.');
  });

  it('starts empty before the first report', () => {
    const form = statusReportForm('2026-05-24');
    expect(form.milestones).toEqual([]);
    expect(form.risks).toBe('');
  });

  it('gives every milestone row its own key', () => {
    const keys = [emptyMilestone(), emptyMilestone(), ...statusReportForm('2026-05-24', report()).milestones].map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the form as status.submit takes it', () => {
  it('sends amounts and dates as typed, the lights by code, and leaves blank milestone rows out', () => {
    const form = statusReportForm(' 2026-05-24 ', report());
    form.lights = { time: 'red', cost: 'green', scope: 'yellow' };
    form.spent = ' 2 100 000 ';
    form.forecast = '3 500 000,50';
    form.milestones[0]!.done = true;
    form.milestones.push(emptyMilestone(), { ...emptyMilestone(), name: ' Utbildning ', dueOn: '2026-09-01' });
    form.comment = 'Styrgruppen beslutar om ny tidplan.';
    expect(statusReportArgs('a1', form)).toEqual({
      application_id: 'a1',
      period: '2026-05-24',
      time: 'red',
      cost: 'green',
      scope: 'yellow',
      spent_to_date: '2 100 000',
      forecast: '3 500 000,50',
      milestones: [
        { name: 'Pilot i drift', due_on: '2017-10-01', done: true },
        { name: 'Utbildning', due_on: '2026-09-01', done: false },
      ],
      risks: 'Leverantörens resurser under sommaren.',
      comment: 'Styrgruppen beslutar om ny tidplan.',
      correction_reason: '',
    });
  });

  it('sends a light not chosen as empty, for the core to ask for', () => {
    expect(statusReportArgs('a1', statusReportForm('2026-05-24')).time).toBe('');
  });

  it('keeps a half-filled milestone for the core to judge', () => {
    const form = statusReportForm('2026-05-24');
    form.milestones.push({ ...emptyMilestone(), dueOn: '2026-06-01' });
    expect(statusReportArgs('a1', form).milestones).toEqual([{ name: '', due_on: '2026-06-01', done: false }]);
  });
});

describe('when a report needs more', () => {
  it('asks for a correction reason only when spent is typed lower than in the latest report', () => {
    const latest = report({ spent_to_date: '1970000.00' });
    expect(needsCorrectionReason('1 969 999,99', latest)).toBe(true);
    expect(needsCorrectionReason('1 970 000', latest)).toBe(false);
    expect(needsCorrectionReason('2 100 000', latest)).toBe(false);
    expect(needsCorrectionReason('', latest)).toBe(false);
    expect(needsCorrectionReason('mycket', latest)).toBe(false);
    expect(needsCorrectionReason('100', null)).toBe(false);
  });

  it('wants a comment for a red light, not for a forecast above the granted amount', () => {
    const form = statusReportForm('2026-05-24');
    expect(commentReasons(form)).toEqual([]);
    form.lights.cost = 'red';
    expect(commentReasons(form)).toEqual(['red']);
    form.lights.cost = 'yellow';
    form.forecast = '9 999 999';
    expect(commentReasons(form)).toEqual([]);
  });

  it('says why in the comment’s hint', () => {
    expect(commentHint([])).toMatch(/^Vad har hänt under perioden\?/);
    expect(commentHint(['red'])).toBe('Behövs här: en signal är röd. Vad har hänt och vad behöver beslutas?');
  });

  it('compares with the newest report, the last in the list', () => {
    expect(latestReport([])).toBeNull();
    expect(latestReport([report({ id: 'old' }), report({ id: 'new' })])?.id).toBe('new');
  });
});

describe('the words', () => {
  it('names each light by colour and meaning, and an unknown one in the core’s words', () => {
    expect(lightText({ code: 'red', text_sv: 'röd: kräver beslut' })).toBe('röd: kräver beslut');
    expect(lightText({ code: 'green', text_sv: '' })).toBe('grön: enligt plan');
    expect(lightText({ code: 'blue', text_sv: 'blå: okänd' })).toBe('blå: okänd');
  });

  it('says the schedule in words', () => {
    expect(intervalText(1)).toBe('Varje månad');
    expect(intervalText(6)).toBe('Varje halvår');
    expect(intervalText(2)).toBe('Var 2:e månad');
    expect(scheduleText({ months: 3, grace_days: 15 })).toBe('Varje kvartal, senast 15 dagar efter periodens slut.');
  });

  it('reads the grace days as a whole number, leaving the range to the core', () => {
    expect(parseGraceDays(' 15 ')).toBe(15);
    expect(parseGraceDays('0')).toBe(0);
    expect(parseGraceDays('99')).toBe(99);
    expect(parseGraceDays('')).toBeNull();
    expect(parseGraceDays('1,5')).toBeNull();
    expect(parseGraceDays('-1')).toBeNull();
  });

  it('counts the overdue reports and the projects they belong to', () => {
    expect(overdueReportsText([])).toBe('Inga statusrapporter är försenade.');
    expect(overdueReportsText([{ application_id: 'a' }])).toBe('Försenade: 1 statusrapport i 1 projekt.');
    const many = [...Array(88).keys()].map((i) => ({ application_id: i < 52 ? 'a' : 'b' }));
    expect(overdueReportsText(many)).toBe('Försenade: 88 statusrapporter i 2 projekt.');
  });
});
