import { describe, expect, it } from 'vitest';
import type { FrameDto } from '../generated/FrameDto';
import { frameForm, frameOf, setFrameArgs, withFrame } from './frames';

const frame: FrameDto = {
  portfolio: 1,
  year: 2018,
  amount: '56250000.00',
  sub_frames: [
    { part: 'innovation', amount: '11250000.00' },
    { part: 'improvement', amount: '28125000.50' },
  ],
};

describe('the frame editor', () => {
  it('starts from the recorded frame, amounts as a person types them', () => {
    expect(frameForm(frame)).toEqual({
      amount: '56250000',
      parts: { innovation: '11250000', improvement: '28125000,50', management: '' },
      reason: '',
    });
    expect(frameForm(undefined)).toEqual({ amount: '', parts: { innovation: '', improvement: '', management: '' }, reason: '' });
  });

  it('sends the amounts read the Swedish way and leaves blank sub-frames out', () => {
    const form = { amount: '60 000 000', parts: { innovation: '10 000 000', improvement: '', management: '5000000,50' }, reason: 'Ny budget.' };
    expect(setFrameArgs(1, 2018, form)).toEqual({
      args: {
        portfolio: 1,
        year: 2018,
        amount: '60000000',
        sub_frames: [
          { part: 'innovation', amount: '10000000' },
          { part: 'management', amount: '5000000.50' },
        ],
        reason: 'Ny budget.',
      },
    });
  });

  it('sends an empty reason as it is, for the core to refuse in its words', () => {
    const built = setFrameArgs(1, 2018, { ...frameForm(frame), reason: '' });
    expect('args' in built && built.args.reason).toBe('');
  });

  it('names the amounts it cannot read', () => {
    const form = { amount: '', parts: { innovation: 'tio miljoner', improvement: '-5', management: '' }, reason: 'x' };
    expect(setFrameArgs(1, 2018, form)).toEqual({ problems: ['amount', 'innovation', 'improvement'] });
  });

  it('puts a saved frame in its place in the list', () => {
    const other: FrameDto = { portfolio: 2, year: 2013, amount: '1', sub_frames: [] };
    const saved = { ...frame, amount: '60000000.00' };
    const list = withFrame([other, frame], saved);
    expect(list.map((f) => [f.portfolio, f.year, f.amount])).toEqual([
      [1, 2018, '60000000.00'],
      [2, 2013, '1'],
    ]);
    expect(frameOf(list, 1, 2018)).toBe(saved);
    expect(frameOf(list, 3, 2018)).toBeUndefined();
  });
});
