import { expect } from '@open-wc/testing';
import { UUID_PATTERN, uuid } from '../../src/core/uuid.js';

describe('uuid', () => {
  it('makes distinct version-4 UUIDs from random bytes', () => {
    const ids = new Set(Array.from({ length: 200 }, () => uuid()));
    expect(ids.size).to.equal(200);
    for (const id of ids) expect(id).to.match(UUID_PATTERN);
  });

  it('sets the version and variant bits whatever the bytes', () => {
    expect(uuid((b) => b.fill(0xff))).to.equal('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuid((b) => b.fill(0))).to.equal('00000000-0000-4000-8000-000000000000');
  });
});
