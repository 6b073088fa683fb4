import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys at every level and prints numbers as the RFC’s own example does', () => {
    // RFC 8785 §3.2.2, the numbers example (its first as JavaScript holds it), and key order
    // by UTF-16 code units.
    const value = {
      numbers: [333333333.3333333, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      b: { z: 1, a: [true, null] },
      '\u20ac': 'euro',
      '\r': 'cr',
    };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"cr","b":{"a":[true,null],"z":1},"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"€":"euro"}',
    );
  });

  it('leaves out undefined fields, and refuses a value with no JSON form', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
  });
});
