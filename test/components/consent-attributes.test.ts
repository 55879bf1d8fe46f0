import { expect } from '@open-wc/testing';
import { ConsentAttributes } from '../../src/components/consent/consent-attributes.js';
import { CONFIG_ATTRIBUTES } from '../../src/core/config.js';

describe('the attribute table', () => {
  it('names every attribute the config reads, once, and no other (lang is the global attribute)', () => {
    const attributes = Object.values(ConsentAttributes.properties)
      .map((declaration) => declaration.attribute)
      .filter((attribute): attribute is string => typeof attribute === 'string');
    expect([...attributes].sort()).to.deep.equal(CONFIG_ATTRIBUTES.filter((attribute) => attribute !== 'lang').sort());
  });
});
