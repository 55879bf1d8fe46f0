import { expect } from '@open-wc/testing';
import { nextTask } from '../../src/internal/next-task.js';

describe('nextTask', () => {
  it('resolves in a later task, after every pending microtask', async () => {
    const order: string[] = [];
    const later = nextTask().then(() => order.push('task'));
    queueMicrotask(() => order.push('microtask'));
    await Promise.resolve();
    await Promise.resolve();
    expect(order).to.deep.equal(['microtask']);
    await later;
    expect(order).to.deep.equal(['microtask', 'task']);
  });
});
