import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../src/privacy/index.ts';

// The gaps named in issue 12, each stored or quoted back as typed before the fix.
const removed: Array<[string, string, string]> = [
  ['name and DD-Mon-YYYY birth date', 'Patient Ann Lee, DOB 14-Mar-1962', 'Patient [NAME], DOB [DOB]'],
  ['D.O.B. with a DD-Mon-YYYY date', 'D.O.B. 14-Mar-1962', 'D.O.B. [DOB]'],
  [
    'street with a trailing direction, city, state and ZIP',
    '1600 Pennsylvania Ave NW, Washington, DC 20500',
    '[ADDRESS]',
  ],
  ['street and town with no state', 'She lives at 42 Elm Street, Springfield.', 'She lives at [ADDRESS].'],
  ['name with an apostrophe and a hyphen', "Sarah O'Connor-Smith, SSN 123-45-6789", '[NAME], SSN [SSN]'],
  [
    'lower-case name after "Patient name:"',
    'Patient name: li wei, mrn 00123456',
    'Patient name: [NAME], mrn [MRN]',
  ],
  ['international phone number', 'Her UK number is +44 20 7946 0958.', 'Her UK number is [PHONE].'],
  ['NANP phone with an extension', 'Call +1 (555) 123-4567 ext. 204 today.', 'Call [PHONE] today.'],
  ['ZIP+4', 'PO Box 12, Austin, TX 78701-2231', '[ADDRESS]'],
  ['lower-case name after "Pt"', 'pt li wei (dob 7/4/48) had N18.30', 'pt [NAME] (dob [DOB]) had N18.30'],
  ['name typed in capitals', 'JOSE GARCIA, MRN 448812, had 99213', '[NAME], MRN [MRN], had 99213'],
  ['lower-case name with no cue right before its identifier', 'john smith dob 3/14/62', '[NAME] dob [DOB]'],
  ['possessive after a cued name', "Pt Ann Lee's DOB is 3/14/62", "Pt [NAME]'s DOB is [DOB]"],
  ['name with particles', 'Patient Emily Van der Berg, MRN 00987654', 'Patient [NAME], MRN [MRN]'],
  [
    'one capitalised word after "Patient" with an identifier',
    'Patient Smith, MRN 448812',
    'Patient [NAME], MRN [MRN]',
  ],
  ['a birth date in parentheses', 'Her DOB (06/30/1979) was wrong', 'Her DOB ([DOB]) was wrong'],
  [
    'a birth date a few words after its cue',
    'The DOB on the claim was Feb. 29, 1960.',
    'The DOB on the claim was [DOB].',
  ],
  [
    'a lower-case name after "belongs to"',
    'DOB 7/4/48 belongs to robert mcallister.',
    'DOB [DOB] belongs to [NAME].',
  ],
];

describe('issue 12 examples are redacted', () => {
  it.each(removed)('%s', (_name, input, output) => {
    expect(redactIdentifiers(input).text).toBe(output);
  });
});

describe('a removed name goes again wherever it is mentioned later', () => {
  it('in capitals, with a title, and alone', () => {
    const result = redactIdentifiers(
      'Patient Ann Lee, DOB 3/14/62, was admitted with E11.65. Later ANN LEE called, Ms. Lee paid, and Ann signed.',
    );
    expect(result.text).toBe(
      'Patient [NAME], DOB [DOB], was admitted with E11.65. Later [NAME] called, [NAME] paid, and [NAME] signed.',
    );
    expect(result.found).toEqual({ NAME: 4, DOB: 1 });
  });

  it('a lower-case name in any case', () => {
    expect(redactIdentifiers('patient name: li wei, MRN 00123456. LI WEI asked about 99213.').text).toBe(
      'patient name: [NAME], MRN [MRN]. [NAME] asked about 99213.',
    );
  });

  it('not a clinician who shares the surname, nor the ordinary word a name is spelt like', () => {
    expect(
      redactIdentifiers('Patient Hope Will, MRN 1234567, was seen by Dr. Will; we will hope for the best.')
        .text,
    ).toBe('Patient [NAME], MRN [MRN], was seen by Dr. Will; we will hope for the best.');
  });
});

describe('what must survive does', () => {
  const kept = [
    'Dr. Patel documented E11.65 and Z79.4, so I billed 99214-25 with 36415.',
    'The note by Maria Lopez, MD, supported 99215, J1885 x 2 and G0438.',
    'DOS 03/14/2024 and date of service 2024-03-14 both showed S72.001A and O09.529.',
    'ICD-10-CM is updated by CMS and NCHS effective October 1; the AMA updates CPT January 1.',
    'NPI 1234567893 billed 0001U, A4253 and modifier XS, LT/RT, 59 and -25.',
    'PT Initial Evaluation 97161 was billed with 97110.',
    'Patient presented with chest pain, R07.9, and left before the troponin.',
    'The patient name field and the DOB field were both blank on the 837P.',
  ];
  it.each(kept)('%s', (input) => {
    expect(redactIdentifiers(input).text).toBe(input);
  });

  it('a date of service beside a patient name is kept; the name is not', () => {
    expect(redactIdentifiers('Patient Ann Lee was seen on 03/14/2024 for R07.9.').text).toBe(
      'Patient [NAME] was seen on 03/14/2024 for R07.9.',
    );
  });

  it('one lower-case word after "patient" is not taken for a name', () => {
    expect(redactIdentifiers('patient anxious, MRN 448812').text).toBe('patient anxious, MRN [MRN]');
  });

  it('a clinician beside a patient keeps the name; the patient does not', () => {
    expect(redactIdentifiers('Dr. Okafor documented S72.001A for Pt Ann Lee, DOB 3/14/62.').text).toBe(
      'Dr. Okafor documented S72.001A for Pt [NAME], DOB [DOB].',
    );
  });
});
