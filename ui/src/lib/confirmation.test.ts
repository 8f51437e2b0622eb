import { describe, expect, it } from 'vitest';
import { Confirmation } from './confirmation.svelte';

describe('Confirmation', () => {
  it('names the row button and the step’s yes by one prefix', () => {
    const confirmation = new Confirmation('scenario-delete');
    expect(confirmation.buttonId('a1')).toBe('scenario-delete-a1');
    expect(confirmation.yesId('a1')).toBe('scenario-delete-confirm-a1');
  });

  it('opens one row’s step at a time and closes it', async () => {
    const confirmation = new Confirmation('scenario-adopt');
    expect(confirmation.open).toBeNull();
    await confirmation.ask('a1');
    expect(confirmation.open).toBe('a1');
    await confirmation.ask('b2');
    expect(confirmation.open).toBe('b2');
    await confirmation.cancel('b2');
    expect(confirmation.open).toBeNull();
    await confirmation.ask('a1');
    confirmation.close();
    expect(confirmation.open).toBeNull();
  });
});
