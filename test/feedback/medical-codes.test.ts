import { describe, expect, it } from 'vitest';
import { extractCodes, maskCodes } from '../../src/feedback/medical-codes.ts';

const codes = (text: string) => extractCodes(text).map((c) => c.code);

describe('extractCodes', () => {
  it('reads ICD-10-CM codes with and without decimals, in any letter case', () => {
    expect(codes('Code R07.9, then E11.40 and S52.521A; I10 for hypertension; r07.89 too.')).toEqual([
      'ICD:R07.9',
      'ICD:E11.40',
      'ICD:S52.521A',
      'ICD:I10',
      'ICD:R07.89',
    ]);
  });

  it('keeps R07.9 and R07.89 distinct', () => {
    expect(codes('R07.9')).toEqual(['ICD:R07.9']);
    expect(codes('R07.89')).toEqual(['ICD:R07.89']);
    expect(codes('R07.89')).not.toContain('ICD:R07.9');
  });

  it('reads CPT codes: five digits, or four digits and F/T/U', () => {
    expect(codes('99213 and 99215, 2022F, 0042T and 0001U.')).toEqual([
      'CPT:99213',
      'CPT:99215',
      'CPT:2022F',
      'CPT:0042T',
      'CPT:0001U',
    ]);
  });

  it('reads HCPCS Level II codes', () => {
    expect(codes('J1100 for dexamethasone and G0438 for the annual wellness visit.')).toEqual([
      'HCPCS:J1100',
      'HCPCS:G0438',
    ]);
  });

  it('reads modifiers written as -25, modifier 25, 25 modifier, and after a code', () => {
    expect(codes('Append -25 to the visit.')).toEqual(['MOD:25']);
    expect(codes('Use modifier 25 here.')).toEqual(['MOD:25']);
    expect(codes('A 25 modifier is needed.')).toEqual(['MOD:25']);
    expect(codes('Bill 99213-25 with 20610.')).toEqual(['CPT:99213', 'MOD:25', 'CPT:20610']);
    expect(codes('modifier -59 and modifier LT')).toEqual(['MOD:59', 'MOD:LT']);
  });

  it('does not read words, code-set names or ranges as codes', () => {
    expect(codes('I use ICD-10-CM, CPT and HCPCS every day, and a modifier to show it.')).toEqual([]);
    expect(codes('Ages 12-15 and 3 of 4 charts, 2023 was busy.')).toEqual([]);
  });
});

describe('maskCodes', () => {
  it('keeps offsets: each code becomes as many x as it has characters', () => {
    const text = 'I code R07.9 and 99213-25.';
    const masked = maskCodes(text, extractCodes(text));
    expect(masked).toHaveLength(text.length);
    expect(masked).toBe('I code xxxxx and xxxxx-xx.');
  });
});
