import { describe, expect, it } from 'vitest';
import type { IdentifierKind, Redaction } from '../../src/privacy/index.ts';
import { describeRedaction, redactIdentifiers } from '../../src/privacy/index.ts';
import { DETECTORS } from '../../src/privacy/patterns.ts';

interface RemovedCase {
  input: string;
  output: string;
  found: Redaction['found'];
  /** Strings that must not survive anywhere in the output. */
  removed: string[];
}

const removed: Record<string, RemovedCase> = {
  'DOB with slash date and a name': {
    input: 'John Smith, DOB 03/14/1962, came in for a diabetic follow-up.',
    output: '[NAME], DOB [DOB], came in for a diabetic follow-up.',
    found: { NAME: 1, DOB: 1 },
    removed: ['John Smith', '03/14/1962'],
  },
  'DOB with colon and short year': {
    input: 'DOB: 3/4/62 on the face sheet.',
    output: 'DOB: [DOB] on the face sheet.',
    found: { DOB: 1 },
    removed: ['3/4/62'],
  },
  'date of birth in ISO form': {
    input: 'The date of birth 1962-03-14 did not match the claim.',
    output: 'The date of birth [DOB] did not match the claim.',
    found: { DOB: 1 },
    removed: ['1962-03-14'],
  },
  'born on a month-name date': {
    input: 'She was born on March 14, 1962 and had I10.',
    output: 'She was born on [DOB] and had I10.',
    found: { DOB: 1 },
    removed: ['March 14, 1962'],
  },
  'birthdate in day-month-year form': {
    input: 'birthdate 14 Mar 1962',
    output: 'birthdate [DOB]',
    found: { DOB: 1 },
    removed: ['14 Mar 1962'],
  },
  'D.O.B. with a patient name': {
    input: 'Mary Jones, D.O.B. 01/02/1980, needed a query.',
    output: '[NAME], D.O.B. [DOB], needed a query.',
    found: { NAME: 1, DOB: 1 },
    removed: ['Mary Jones', '01/02/1980'],
  },
  'name beside "born"': {
    input: 'Jane Doe born 1/2/1980 was coded with Z79.4.',
    output: '[NAME] born [DOB] was coded with Z79.4.',
    found: { NAME: 1, DOB: 1 },
    removed: ['Jane Doe', '1/2/1980'],
  },
  'bare full date beside a name': {
    input: 'Jane Doe 1/2/1980 had E11.40 coded.',
    output: '[NAME] [DOB] had E11.40 coded.',
    found: { NAME: 1, DOB: 1 },
    removed: ['Jane Doe', '1/2/1980'],
  },
  'patient name beside an MRN in parentheses': {
    input: 'patient Mary Jones (MRN 448812) had E11.40 and I10.',
    output: 'patient [NAME] (MRN [MRN]) had E11.40 and I10.',
    found: { NAME: 1, MRN: 1 },
    removed: ['Mary Jones', '448812'],
  },
  'titled name with possessive and MRN': {
    input: "Mr. Smith's MRN is A1234567.",
    output: "[NAME]'s MRN is [MRN].",
    found: { NAME: 1, MRN: 1 },
    removed: ['Smith', 'A1234567'],
  },
  'medical record number and chart #': {
    input: 'medical record number 00123456, chart # 77881',
    output: 'medical record number [MRN], chart # [MRN]',
    found: { MRN: 2 },
    removed: ['00123456', '77881'],
  },
  'account number': {
    input: 'account #: AC-99812 was billed twice',
    output: 'account #: [MRN] was billed twice',
    found: { MRN: 1 },
    removed: ['AC-99812'],
  },
  'SSN in all three shapes': {
    input: 'SSN 123-45-6789, also 987 65 4321, social security number 234567890.',
    output: 'SSN [SSN], also [SSN], social security number [SSN].',
    found: { SSN: 3 },
    removed: ['123-45-6789', '987 65 4321', '234567890'],
  },
  'formatted phones': {
    input: 'Reach her at (555) 123-4567, 555-123-4567, 555.123.4567 or +1 555 123 4567.',
    output: 'Reach her at [PHONE], [PHONE], [PHONE] or [PHONE].',
    found: { PHONE: 4 },
    removed: ['123-4567', '555.123.4567', '555 123 4567'],
  },
  'bare 10 digits with a phone cue': {
    input: 'call her at 5551234567 or fax 5559876543',
    output: 'call her at [PHONE] or fax [PHONE]',
    found: { PHONE: 2 },
    removed: ['5551234567', '5559876543'],
  },
  'cell number with 7 digits': {
    input: 'cell: 555-0199',
    output: 'cell: [PHONE]',
    found: { PHONE: 1 },
    removed: ['555-0199'],
  },
  email: {
    input: 'Email the report to jane.doe+audit@example-health.org.',
    output: 'Email the report to [EMAIL].',
    found: { EMAIL: 1 },
    removed: ['jane.doe', 'example-health.org'],
  },
  'street address with city, state and ZIP': {
    input: 'She lives at 123 Main St, Springfield, IL 62704 and comes in monthly.',
    output: 'She lives at [ADDRESS] and comes in monthly.',
    found: { ADDRESS: 1 },
    removed: ['123 Main St', 'Springfield', '62704'],
  },
  'street address with unit and state name': {
    input: 'Mail goes to 4501 N. Oak Avenue Apt 4B, Austin, Texas 78701.',
    output: 'Mail goes to [ADDRESS].',
    found: { ADDRESS: 1 },
    removed: ['4501', 'Oak Avenue', '78701'],
  },
  'short street address alone': {
    input: 'He gave 77 Elm Dr as his address.',
    output: 'He gave [ADDRESS] as his address.',
    found: { ADDRESS: 1 },
    removed: ['77 Elm Dr'],
  },
  'PO box': {
    input: 'PO Box 1234, Austin, TX 78701',
    output: '[ADDRESS]',
    found: { ADDRESS: 1 },
    removed: ['1234', '78701'],
  },
  'ZIP with a cue': {
    input: 'zip code 90210 was on the claim.',
    output: 'zip code [ADDRESS] was on the claim.',
    found: { ADDRESS: 1 },
    removed: ['90210'],
  },
  'member, subscriber, Medicare and MBI numbers': {
    input: 'Member ID: XYZ123456789, subscriber # 88812345, Medicare number 1EG4-TE5-MK73, MBI 1EG4TE5MK73.',
    output: 'Member ID: [MEMBER_ID], subscriber # [MEMBER_ID], Medicare number [MEMBER_ID], MBI [MEMBER_ID].',
    found: { MEMBER_ID: 4 },
    removed: ['XYZ123456789', '88812345', '1EG4-TE5-MK73', '1EG4TE5MK73'],
  },
  'policy number': {
    input: 'the policy number is POL-2231-77',
    output: 'the policy number is [MEMBER_ID]',
    found: { MEMBER_ID: 1 },
    removed: ['POL-2231-77'],
  },
  'patient name cue, last-first in capitals': {
    input: 'Patient name: SMITH, JOHN. Coded as R07.9.',
    output: 'Patient name: [NAME]. Coded as R07.9.',
    found: { NAME: 1 },
    removed: ['SMITH', 'JOHN'],
  },
  'pt: cue with a three-word name': {
    input: 'Pt: Mary Ann Jones has type 2 diabetes, E11.9.',
    output: 'Pt: [NAME] has type 2 diabetes, E11.9.',
    found: { NAME: 1 },
    removed: ['Mary Ann Jones'],
  },
  'name after the identifier': {
    input: 'MRN 448812 belongs to John Q. Smith, not the chart I had.',
    output: 'MRN [MRN] belongs to [NAME], not the chart I had.',
    found: { MRN: 1, NAME: 1 },
    removed: ['448812', 'John Q. Smith'],
  },
  'two names beside one DOB': {
    input: 'John Smith and Mary Jones, DOB 1/1/1990, shared a chart.',
    output: '[NAME] and [NAME], DOB [DOB], shared a chart.',
    found: { NAME: 2, DOB: 1 },
    removed: ['John Smith', 'Mary Jones', '1/1/1990'],
  },
  'name beside a phone, sentence starter kept': {
    input: 'Then Mary Jones 555-123-4567 called about 99213.',
    output: 'Then [NAME] [PHONE] called about 99213.',
    found: { NAME: 1, PHONE: 1 },
    removed: ['Mary Jones', '555-123-4567'],
  },
  'several identifiers in one answer, codes kept': {
    input:
      'I audited the chart for John Smith, DOB 03/14/1962, MRN 448812, SSN 123-45-6789, phone (555) 123-4567, ' +
      'email john.smith@example.com, at 123 Main St, Springfield, IL 62704, member ID XYZ123456789. ' +
      'It was billed 99214-25 with 36415 and J1100 for E11.40 and Z79.4.',
    output:
      'I audited the chart for [NAME], DOB [DOB], MRN [MRN], SSN [SSN], phone [PHONE], ' +
      'email [EMAIL], at [ADDRESS], member ID [MEMBER_ID]. ' +
      'It was billed 99214-25 with 36415 and J1100 for E11.40 and Z79.4.',
    found: { NAME: 1, DOB: 1, MRN: 1, SSN: 1, PHONE: 1, EMAIL: 1, ADDRESS: 1, MEMBER_ID: 1 },
    removed: ['John Smith', '03/14/1962', '448812', '123-45-6789', '123-4567', 'john.smith', '62704', 'XYZ'],
  },
  'NPI kept, cued phone removed in the same sentence': {
    input: 'The NPI 1234567893 is right but call 5551234567 to confirm.',
    output: 'The NPI 1234567893 is right but call [PHONE] to confirm.',
    found: { PHONE: 1 },
    removed: ['5551234567'],
  },
};

const kept: Record<string, string> = {
  'ICD-10-CM codes': 'I coded E11.40, R07.9, S52.521A, Z79.4 and I10 for the visit.',
  'CPT codes in a list': 'I billed 99213 and 99214 with 36415 drawn the same day.',
  'CPT category II and III and PLA codes': 'Report 0001U, 1234F and 0042T when documented.',
  'HCPCS Level II codes': 'J1100, G0438 and A4253 are HCPCS Level II.',
  'modifiers in every spelling': 'Use modifier -25 on 99213, 99213-25, modifier 59, XS, 25 and RT/LT.',
  'NPI as bare 10 digits': 'The NPI 1234567893 goes in box 24J of the CMS-1500.',
  'five-digit CPT is not a ZIP': 'The ZIP-less claim had 99213, 99214 and 36415 on it.',
  'revenue codes': 'Revenue code 0450 for the ED and 0300 for lab.',
  'dollar amounts and percentages': 'We recovered $18,500 and $1,234.56, a 40% drop in denials.',
  'years and counts': 'In 2023 I coded 50 charts a day, 250 a week, across 12 providers.',
  'version numbers': 'We moved to Epic 2024.1.3 and Node 20.12.23 last spring.',
  'date of service alone': 'The patient was seen on 03/14/2024 for R07.9.',
  'physician name alone': 'I told Dr. Patel the op note did not support 27447.',
  'physician full name beside an identifier': 'I told Dr. Anita Patel about it; the MRN field was blank.',
  'credentialed coder name': 'Anita Patel, CPC, reviewed 40 charts.',
  'capitalised terms without identifiers': 'Blue Cross Blue Shield and Medicare Advantage both deny 99215.',
  'credential-like state abbreviations before codes':
    'Head, CT 70450 and Patel, MD 99213 were separate claims.',
  'counts after Medicare number': 'The Medicare number of units was 1000 for J1100.',
  'sentences with cue words but no identifier':
    'Check the DOB and MRN fields, then call the payer about 99214.',
  'lowercase "patient name" field': 'The patient name field in the EHR was blank.',
  'ICD chapter and guideline references': 'Section I.C.4.a of the Official Guidelines covers E11.',
};

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('redactIdentifiers removes identifiers', () => {
  it.each(Object.entries(removed))('%s', (_name, c) => {
    const result = redactIdentifiers(c.input);
    expect(result.text).toBe(c.output);
    expect(result.found).toEqual(c.found);
    expect(result.count).toBe(Object.values(c.found).reduce((a, n) => a + n, 0));
    for (const [kind, n] of Object.entries(c.found)) {
      expect(occurrences(result.text, `[${kind}]`)).toBe(n);
    }
    for (const original of c.removed) expect(result.text).not.toContain(original);
  });
});

describe('redactIdentifiers keeps codes and ordinary text', () => {
  it.each(Object.entries(kept))('%s', (_name, input) => {
    const result = redactIdentifiers(input);
    expect(result.text).toBe(input);
    expect(result.found).toEqual({});
    expect(result.count).toBe(0);
  });
});

describe('redactIdentifiers properties', () => {
  const inputs = [...Object.values(removed).map((c) => c.input), ...Object.values(kept)];

  it.each(inputs)('is idempotent: %s', (input) => {
    const once = redactIdentifiers(input);
    const twice = redactIdentifiers(once.text);
    expect(twice.text).toBe(once.text);
    expect(twice.count).toBe(0);
  });

  it('returns an empty result for empty text', () => {
    expect(redactIdentifiers('')).toEqual({ text: '', found: {}, count: 0 });
  });

  it('gives the same answer on repeated calls (no regex state leaks between calls)', () => {
    const input = removed['several identifiers in one answer, codes kept']!.input;
    const first = redactIdentifiers(input);
    for (let i = 0; i < 3; i++) expect(redactIdentifiers(input)).toEqual(first);
  });

  it('every detector is global with exactly two capture groups (kept cue, identifier)', () => {
    for (const { pattern } of DETECTORS) {
      expect(pattern.global).toBe(true);
      const groups = new RegExp(`${pattern.source}|`).exec('')!.length - 1;
      expect(groups).toBe(2);
    }
  });
});

describe('describeRedaction', () => {
  const cases: Array<[string, Partial<Record<IdentifierKind, number>>, string | null]> = [
    ['nothing removed', {}, null],
    ['zero counts only', { PHONE: 0 }, null],
    ['one kind, singular', { PHONE: 1 }, 'I removed a phone number from your answer before saving it.'],
    ['one kind, plural', { PHONE: 2 }, 'I removed 2 phone numbers from your answer before saving it.'],
    [
      'two kinds',
      { MRN: 1, DOB: 1 },
      'I removed a date of birth and an MRN from your answer before saving it.',
    ],
    [
      'list of three with a plural',
      { EMAIL: 1, DOB: 2, NAME: 1 },
      'I removed a name, 2 dates of birth and an email address from your answer before saving it.',
    ],
    [
      'every kind',
      { DOB: 1, MRN: 2, SSN: 1, PHONE: 1, EMAIL: 2, ADDRESS: 3, MEMBER_ID: 1, NAME: 2 },
      'I removed 2 names, a date of birth, 2 MRNs, a Social Security number, a phone number, ' +
        '2 email addresses, 3 addresses and an insurance member ID from your answer before saving it.',
    ],
  ];

  it.each(cases)('%s', (_name, found, expected) => {
    expect(describeRedaction(found)).toBe(expected);
  });

  it('says "before grading it" where the answer is only graded, never stored', () => {
    expect(describeRedaction({ MRN: 1, DOB: 1 }, 'grading')).toBe(
      'I removed a date of birth and an MRN from your answer before grading it.',
    );
    expect(describeRedaction({ PHONE: 1 }, 'saving')).toBe(
      'I removed a phone number from your answer before saving it.',
    );
    expect(describeRedaction({}, 'grading')).toBeNull();
  });

  it('describes what redactIdentifiers found', () => {
    const { found } = redactIdentifiers('John Smith, DOB 03/14/1962, MRN 448812');
    expect(describeRedaction(found)).toBe(
      'I removed a name, a date of birth and an MRN from your answer before saving it.',
    );
  });
});
