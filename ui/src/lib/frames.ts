/**
 * Ramar in the UI: a portfolio's frame for one year as the editor's form (amounts as a person
 * types them back) and the form as `frame.set` takes it. Whether the sub-frames fit the frame,
 * and that a reason is given, is the core's to say; here only amounts that cannot be read are
 * caught, at their fields, before anything is sent.
 */

import type { FrameDto } from '../generated/FrameDto';
import type { PortfolioPart } from '../generated/PortfolioPart';
import type { SetFrameDto } from '../generated/SetFrameDto';
import { formatMoneyInput, parseMoneyInput } from './format';

/** The programme's three portfolio parts, in the order the overview shows them. */
export const PORTFOLIO_PARTS: readonly PortfolioPart[] = ['innovation', 'improvement', 'management'];

export interface FrameForm {
  amount: string;
  /** One sub-frame per part; blank for a part without its own sub-frame. */
  parts: Record<PortfolioPart, string>;
  reason: string;
}

/** The editor's starting values: the recorded frame, or blanks for a year without one. */
export function frameForm(frame: FrameDto | undefined): FrameForm {
  const part = (p: PortfolioPart) => {
    const sub = frame?.sub_frames.find((s) => s.part === p);
    return sub ? formatMoneyInput(sub.amount) : '';
  };
  return {
    amount: frame ? formatMoneyInput(frame.amount) : '',
    parts: { innovation: part('innovation'), improvement: part('improvement'), management: part('management') },
    reason: '',
  };
}

/** A field of the form whose amount cannot be read: `amount` or a part. */
export type FrameProblem = 'amount' | PortfolioPart;

function amountOf(text: string): string | null {
  const parsed = parseMoneyInput(text);
  return parsed === null || parsed.startsWith('-') ? null : parsed;
}

/** The form as `frame.set` takes it (blank sub-frames left out), or the fields that cannot be read. */
export function setFrameArgs(
  portfolio: number,
  year: number,
  form: FrameForm,
): { args: SetFrameDto } | { problems: FrameProblem[] } {
  const problems: FrameProblem[] = [];
  const amount = amountOf(form.amount);
  if (amount === null) problems.push('amount');
  const subFrames: SetFrameDto['sub_frames'] = [];
  for (const part of PORTFOLIO_PARTS) {
    const text = form.parts[part];
    if (text.trim() === '') continue;
    const value = amountOf(text);
    if (value === null) problems.push(part);
    else subFrames.push({ part, amount: value });
  }
  if (problems.length > 0 || amount === null) return { problems };
  return { args: { portfolio, year, amount, sub_frames: subFrames, reason: form.reason } };
}

/** One frame of a list, or undefined. */
export function frameOf(frames: readonly FrameDto[], portfolio: number, year: number): FrameDto | undefined {
  return frames.find((f) => f.portfolio === portfolio && f.year === year);
}

/** The list with one frame put in (replaced, or added), by portfolio then year. */
export function withFrame(frames: readonly FrameDto[], frame: FrameDto): FrameDto[] {
  return [...frames.filter((f) => !(f.portfolio === frame.portfolio && f.year === frame.year)), frame].sort(
    (a, b) => a.portfolio - b.portfolio || a.year - b.year,
  );
}
