/**
 * Writes identifiers.json and survivors.json beside this file. The sets are checked in; this script
 * only documents how they were built and lets them be rebuilt after a template is fixed:
 * `node --import tsx test/privacy/sets/generate-sets.ts && npx biome format --write test/privacy/sets`. Every name, number and address is made up;
 * 555 numbers, example.* domains and 000-style SSN groups never reach a real person.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Item {
  id: string;
  text: string;
  remove: string[];
  keep: string[];
}

// Strides that share no factor with the list lengths walk every combination without a random seed.
const pick = <T>(list: readonly T[], i: number, stride = 1): T => list[(i * stride) % list.length]!;

const names = [
  'Ann Lee',
  'John Smith',
  "Sarah O'Connor-Smith",
  'li wei',
  'JOSE GARCIA',
  'Mary-Kate Dunn',
  "D'Andre Wallace",
  'Priya Raman',
  'Nguyen Thi Lan',
  'robert mcallister',
  "Patrick O'Neil",
  'Emily Van der Berg',
  'Carlos De La Cruz',
  'Aisha Bello',
  'Tomasz Kowalski',
  'Grace Ho',
  'MARIA-LUISA FERNANDEZ',
  'Kevin MacDonald',
  'Hannah Schultz',
  'Omar Haddad',
  'Beatriz Souza',
  'Wendell Pierce-Hart',
  'yuki tanaka',
  'Fatima Al-Sayed',
  'Lars Eriksen',
  'Dana Whitfield',
  "Siobhan O'Brien",
  'Marcus J. Reed',
] as const;

const birthDates = [
  '03/14/1962',
  '3/14/62',
  '1962-03-14',
  '14-Mar-1962',
  'March 14, 1962',
  '14 March 1962',
  '07/04/1948',
  '7/4/48',
  '1985-11-02',
  '02-Nov-1985',
  'November 2, 1985',
  '2 November 1985',
  'Sept. 9, 1971',
  '09-09-1971',
  '12.30.1990',
  'Jan 5th, 2001',
  '5th of January 2001',
  '1/5/2001',
  '19550621',
  '21 Jun 1955',
] as const;

const dobCues = [
  'DOB',
  'DOB:',
  'D.O.B.',
  'dob',
  'date of birth',
  'Date of Birth:',
  'born on',
  'birthdate',
] as const;

const nameCues = [
  'Patient',
  'Pt',
  'Pt.',
  'patient name:',
  'Patient Name:',
  'pt',
  'the patient,',
  'PATIENT:',
] as const;

const diagnoses = [
  ['E11.65', 'type 2 diabetes with hyperglycemia'],
  ['R07.9', 'chest pain, unspecified'],
  ['I10', 'essential hypertension'],
  ['Z79.4', 'long-term use of insulin'],
  ['J44.1', 'COPD with acute exacerbation'],
  ['N18.30', 'chronic kidney disease, stage 3 unspecified'],
  ['S72.001A', 'a right femoral neck fracture, initial encounter'],
  ['O09.529', 'supervision of an elderly multigravida'],
  ['F32.A', 'depression, unspecified'],
  ['M54.50', 'low back pain'],
  ['E78.5', 'hyperlipidemia'],
  ['I48.91', 'atrial fibrillation'],
] as const;

const procedures = ['99213', '99214', '99215', '99204', '36415', '93000', '80053', '71046', '20610', '99396'];

const mrns = [
  ['MRN: ', '00123456'],
  ['MRN ', '448812'],
  ['MRN#', '7781203'],
  ['MRN # ', 'A1234567'],
  ['medical record number ', '00987654'],
  ['acct # ', '55512098'],
  ['account number ', 'AC-99812'],
  ['Acct: ', '3300214'],
  ['chart # ', '77881'],
  ['member ID ', 'XJH123456789'],
  ['Member ID: ', 'ZGP882019443'],
  ['subscriber ID ', 'W22819374'],
  ['policy no. ', 'POL-2231-77'],
  ['Policy #', '8812-0045-19'],
  ['MBI ', '1EG4TE5MK73'],
  ['Medicaid ID ', 'NY44810273'],
  ['insurance ID ', 'BCX9901827'],
  ['subscriber # ', '88812345'],
] as const;

const ssns = [
  ['SSN ', '123-45-6789'],
  ['SSN: ', '987654321'],
  ['social ', '234-56-7890'],
  ['Social Security number ', '345 67 8901'],
  ['SS# ', '456-78-9012'],
  ['ssn ', '567890123'],
  ['social security # ', '678-90-1234'],
] as const;

const phones = [
  '(555) 123-4567',
  '555-123-4567',
  '555.123.4567',
  '+1 (555) 123-4567',
  '+1 555 123 4567',
  '1-555-987-6543',
  '+44 20 7946 0958',
  '+44 7700 900123',
  '+61 2 9876 5432',
  '+33 1 42 68 53 00',
  '+49 30 901820',
  '+91 98765 43210',
  '+52 55 1234 5678',
  '(555) 987-6543 ext. 204',
  '555-246-8100 x318',
  '555.777.0142 ext 12',
] as const;

const phoneCues = [
  'call her at',
  'phone',
  'cell:',
  'the callback number',
  'reach him on',
  'Tel.',
  'mobile',
  'fax',
];

const emails = [
  'ann.lee62@example.com',
  'jsmith@example.org',
  'sarah.oconnor-smith@mail.example.net',
  'liwei1990@example.cn',
  'dwallace+portal@example-health.org',
  'p.raman@example.co.uk',
  'GRACE.HO@EXAMPLE.COM',
  'kevin_macdonald@example.ca',
] as const;

const streets = [
  ['1600 Pennsylvania Ave NW', 'Washington', 'DC', '20500'],
  ['42 Elm Street', 'Springfield', 'IL', '62704'],
  ['123 Main St, Apt 4B', 'Austin', 'TX', '78701-2231'],
  ['77 Lakeview Drive, Unit 12', 'Madison', 'WI', '53703'],
  ['9 Old Mill Road', 'Burlington', 'VT', '05401'],
  ['4501 N. Oak Avenue, Suite 210', 'Phoenix', 'AZ', '85012'],
  ['18 W 3rd St #5', 'Duluth', 'MN', '55802'],
  ['250 Harbor Blvd, Ste 300', 'Long Beach', 'CA', '90802-4419'],
  ['3 Cedar Ct', 'Boise', 'ID', '83702'],
  ['1020 SE Division St Apt 7', 'Portland', 'Oregon', '97202'],
  ['66 Maple Lane', 'Dover', 'Delaware', '19901'],
  ['815 Magnolia Way', 'Savannah', 'GA', '31401'],
] as const;

const clinicians = ['Dr. Patel', 'Dr. Nguyen', 'Dr. Okafor', 'Dr. Ruiz', 'Dr. Kim', 'Dr. Weiss'] as const;

function identifierItems(): Item[] {
  const items: Item[] = [];
  const add = (kind: string, text: string, remove: string[], keep: string[]): void => {
    items.push({ id: `${kind}-${String(items.length + 1).padStart(3, '0')}`, text, remove, keep });
  };

  // Names after a patient cue with a date of birth: every cue, every written form of the date.
  const dobTemplates = [
    (c: string, n: string, d: string, cue: string, code: string, what: string) =>
      `${c} ${n}, ${cue} ${d}, was seen for ${what} and I coded ${code}.`,
    (c: string, n: string, d: string, cue: string, code: string) =>
      `On the face sheet: ${c} ${n} (${cue} ${d}). The final code was ${code}.`,
    (c: string, n: string, d: string, cue: string, code: string, what: string) =>
      `I queried the provider because ${c} ${n}, ${cue} ${d}, had ${what} documented but ${code} was not supported.`,
    (c: string, n: string, d: string, cue: string, code: string) =>
      `${c} ${n} ${cue} ${d} came back with a denial on ${code}, so I checked the note.`,
  ];
  for (let i = 0; i < 64; i++) {
    const name = pick(names, i, 3);
    const date = pick(birthDates, i, 7);
    const cue = pick(dobCues, i, 3);
    const nameCue = pick(nameCues, i, 5);
    const [code, what] = pick(diagnoses, i, 5);
    const template = pick(dobTemplates, i);
    add('name-dob', template(nameCue, name, date, cue, code, what), [name, date], [code]);
  }

  // A name with no patient cue, only the identifier beside it.
  for (let i = 0; i < 24; i++) {
    const name = pick(names, i + 5, 5);
    const [cue, id] = pick(mrns, i, 5);
    const cpt = pick(procedures, i, 3);
    const text =
      i % 2 === 0
        ? `${name}, ${cue}${id}, was billed ${cpt} twice, so I opened a corrected claim.`
        : `The denial for ${cpt} was on ${name} (${cue.trim()} ${id}); the payer wanted the op note.`;
    add('name-id', text, [name, id], [cpt]);
  }

  // Names mentioned again later in the same answer, once the first mention sits beside an identifier.
  for (let i = 0; i < 16; i++) {
    const name = pick(names, i, 7);
    const [cue, id] = pick(mrns, i, 7);
    const [code] = pick(diagnoses, i, 7);
    const surname = name.split(' ').at(-1)!;
    const title = i % 2 === 0 ? 'Ms.' : 'Mr.';
    const text = `Patient ${name}, ${cue}${id}, was admitted with ${code}. Later ${title} ${surname} was readmitted, and ${name} asked for an itemised bill.`;
    add('name-repeat', text, [name, `${title} ${surname}`, id], [code]);
  }

  // Bare birth dates after a cue.
  for (let i = 0; i < 30; i++) {
    const date = pick(birthDates, i, 3);
    const cue = pick(dobCues, i, 5);
    const cpt = pick(procedures, i, 7);
    const text =
      i % 3 === 0
        ? `The claim for ${cpt} was rejected because the ${cue} ${date} did not match the eligibility file.`
        : i % 3 === 1
          ? `${cue.charAt(0).toUpperCase()}${cue.slice(1)} ${date} on the registration did not match the payer, so ${cpt} denied.`
          : `I matched the chart by ${cue} ${date} before coding ${cpt}.`;
    add('dob', text, [date], [cpt]);
  }

  for (let i = 0; i < 36; i++) {
    const [cue, id] = pick(mrns, i, 5);
    const [code] = pick(diagnoses, i, 5);
    const text =
      i % 2 === 0
        ? `The ${cue}${id} was on the wrong encounter, so ${code} landed on another chart.`
        : `I flagged ${cue}${id} because the scanned consent belonged to someone else; ${code} stayed.`;
    add('record-id', text, [id], [code]);
  }

  for (let i = 0; i < 28; i++) {
    const [cue, ssn] = pick(ssns, i, 3);
    const name = pick(names, i, 11);
    const cpt = pick(procedures, i, 3);
    const text =
      i % 2 === 0
        ? `${name}, ${cue}${ssn}, had ${cpt} billed under the wrong guarantor.`
        : `Registration typed the ${cue}${ssn} into the member field, and ${cpt} denied.`;
    add('ssn', text, i % 2 === 0 ? [name, ssn] : [ssn], [cpt]);
  }

  for (let i = 0; i < 48; i++) {
    const phone = pick(phones, i, 3);
    const cue = pick(phoneCues, i, 5);
    const cpt = pick(procedures, i, 7);
    const text =
      i % 3 === 0
        ? `For the ${cpt} denial the face sheet listed ${cue} ${phone}.`
        : i % 3 === 1
          ? `The patient left ${phone} as a contact number, which I removed from the ${cpt} appeal letter.`
          : `${cue.charAt(0).toUpperCase()}${cue.slice(1)} ${phone} was in the HPI, not a reason to change ${cpt}.`;
    add('phone', text, [phone], [cpt]);
  }

  for (let i = 0; i < 16; i++) {
    const email = pick(emails, i, 3);
    const code = pick(procedures, i, 3);
    const text =
      i % 2 === 0
        ? `The portal message from ${email} asked why ${code} was billed.`
        : `Email: ${email} was pasted into the note next to ${code}.`;
    add('email', text, [email], [code]);
  }

  for (let i = 0; i < 36; i++) {
    const [street, city, state, zip] = pick(streets, i, 5);
    const [code] = pick(diagnoses, i, 7);
    const address = `${street}, ${city}, ${state} ${zip}`;
    const text =
      i % 3 === 0
        ? `The statement went to ${address}, which was the old address, and the ${code} claim bounced.`
        : i % 3 === 1
          ? `She lives at ${address} and the home health referral listed ${code}.`
          : `Address on file: ${address}. Diagnosis ${code}.`;
    add('address', text, [street, city, zip], [code]);
  }

  // Street lines with only a city, and with nothing after the street.
  for (let i = 0; i < 12; i++) {
    const [street, city] = pick(streets, i, 5);
    const cpt = pick(procedures, i, 3);
    const text =
      i % 2 === 0
        ? `The ambulance picked him up at ${street}, ${city}, and ${cpt} was billed for the clinic visit.`
        : `Home visit at ${street}; I coded ${cpt}.`;
    add('street', text, i % 2 === 0 ? [street, city] : [street], [cpt]);
  }

  // The identifier first, the name after it; titles; lower-case notes typed with no punctuation.
  const laterNameTemplates = [
    (n: string, d: string, code: string) =>
      `DOB ${d} belongs to ${n}, not the chart I was coding for ${code}.`,
    (n: string, d: string, code: string) => `pt ${n.toLowerCase()} dob ${d} seen for ${code} follow up`,
    (n: string, d: string, code: string) => `Mrs. ${n} (born ${d}) was billed ${code} by another practice.`,
    (n: string, d: string, code: string) =>
      `I pulled the record for ${n} with D.O.B. ${d} and found ${code} twice.`,
  ];
  for (let i = 0; i < 24; i++) {
    const name = pick(names, i + 3, 11);
    const date = pick(birthDates, i + 1, 3);
    const code = pick(procedures, i, 7);
    const template = pick(laterNameTemplates, i);
    const text = template(name, date, code);
    const typed = i % 4 === 1 ? name.toLowerCase() : name;
    add('name-dob-more', text, [typed, date], [code]);
  }

  const moreIds = [
    ['MRN-', '00123456'],
    ['MR# ', '00765432'],
    ['Med Rec #', '4410092'],
    ['Account No. ', '123456'],
    ['member # ', '123456789'],
    ['Medicare ID ', '1EG4-TE5-MK73'],
    ['HICN ', '123456789A'],
    ['insurance number ', 'HUM884412'],
  ] as const;
  for (let i = 0; i < 16; i++) {
    const [cue, id] = pick(moreIds, i);
    const [code] = pick(diagnoses, i, 5);
    add(
      'record-id-more',
      `Registration keyed ${cue}${id} on the ${code} encounter, which belonged to her sister.`,
      [id],
      [code],
    );
  }

  const morePhones = [
    '(555)123-4567',
    '+1-555-123-4567',
    '1 (555) 987-6543',
    '+353 1 234 5678',
    '555 123 4567',
    '+81 3-1234-5678',
  ] as const;
  for (let i = 0; i < 12; i++) {
    const phone = pick(morePhones, i);
    const cpt = pick(procedures, i, 3);
    add(
      'phone-more',
      `Her daughter's number, ${phone}, was in the note for ${cpt}; I left it out of my query.`,
      [phone],
      [cpt],
    );
  }

  const moreAddresses = [
    ['12 Birch Rd. Apt. 3C', 'Albany', 'NY', '12203'],
    ['400 E Pine St, Suite 1200', 'Seattle', 'Washington', '98122'],
    ['7 Harbor View Terrace', 'Portland', 'ME', '04101-3322'],
    ['5300 Kercheval Ave', 'Detroit', 'MI', '48213'],
  ] as const;
  for (let i = 0; i < 8; i++) {
    const [street, city, state, zip] = pick(moreAddresses, i);
    const code = pick(procedures, i, 3);
    add(
      'address-more',
      `The guarantor address, ${street} ${city} ${state} ${zip}, was typed without commas on the ${code} claim.`,
      [street, city, zip],
      [code],
    );
  }

  for (let i = 0; i < 6; i++) {
    const email = pick(emails, i);
    add('email-more', `Reply to <${email}> about the 99213 denial.`, [email], ['99213']);
  }

  // Everything at once, the way a pasted face sheet reads.
  for (let i = 0; i < 12; i++) {
    const name = pick(names, i, 5);
    const date = pick(birthDates, i, 3);
    const phone = pick(phones, i, 5);
    const email = pick(emails, i, 3);
    const [cue, id] = pick(mrns, i, 7);
    const [code] = pick(diagnoses, i, 3);
    const clinician = pick(clinicians, i);
    const text = `${clinician} documented ${code} for Pt ${name}, DOB ${date}, ${cue}${id}, phone ${phone}, email ${email}.`;
    add('face-sheet', text, [name, date, id, phone, email], [clinician, code]);
  }
  return items;
}

const icd = [
  'R07.9',
  'E11.65',
  'S72.001A',
  'Z79.4',
  'O09.529',
  'E11.9',
  'I10',
  'J18.9',
  'N39.0',
  'I21.4',
  'K21.9',
  'F41.1',
  'M17.11',
  'Z00.00',
  'Z23',
  'E66.01',
  'Z68.41',
  'I50.22',
  'J45.909',
  'C50.911',
  'T40.2X1A',
  'W19.XXXA',
  'Y92.009',
  'S06.0X0A',
  'O24.410',
  'Z3A.32',
  'R10.31',
  'G43.909',
  'E03.9',
  'D64.9',
] as const;
const cpt = [
  '99213',
  '99215',
  '36415',
  '0001U',
  '99214',
  '99203',
  '99284',
  '99285',
  '93000',
  '80053',
  '85025',
  '71046',
  '29881',
  '27447',
  '43239',
  '45380',
  '20610',
  '96372',
  '90471',
  '99497',
  '1126F',
  '59400',
  '11042',
] as const;
const hcpcs = [
  'J1885',
  'G0438',
  'A4253',
  'J1100',
  'G0439',
  'J3301',
  'E0114',
  'L3908',
  'Q4131',
  'G2211',
  'J0696',
  'A0427',
] as const;
const npis = ['1234567893', '1588667638', '1497758544', '1972548295', '1003000126', '1265432108'] as const;
const serviceDates = [
  ['DOS ', '03/14/2024'],
  ['date of service ', '2024-03-14'],
  ['seen on ', '11/02/2023'],
  ['admitted ', 'January 9, 2024'],
  ['discharged on ', '14 Feb 2024'],
  ['DOS: ', '5/6/24'],
  ['the encounter on ', '2023-12-01'],
  ['surgery date ', '08-Aug-2024'],
] as const;
const documenters = [
  'Dr. Patel',
  'Dr. Anita Patel',
  'Maria Lopez, MD',
  'James Carter, DO',
  'Lena Hoffman, NP',
  'Chris Boyd, PA-C',
  'Dr. Okafor',
  'Dr. Susan Kim',
  'Tom Reyes, MD',
  'Nurse Practitioner Ellis',
] as const;

function survivorItems(): Item[] {
  const items: Item[] = [];
  const add = (kind: string, text: string, keep: string[]): void => {
    items.push({ id: `${kind}-${String(items.length + 1).padStart(3, '0')}`, text, remove: [], keep });
  };

  const icdTemplates = [
    (a: string, b: string) => `I coded ${a} and ${b} from the discharge summary.`,
    (a: string, b: string) => `The provider's answer to my query changed ${a} to ${b}.`,
    (a: string, b: string) => `I checked ${a} and ${b} in the Tabular List before final coding.`,
    (a: string, b: string) => `The denial said ${a} did not support medical necessity, so I added ${b}.`,
    (a: string, b: string) => `Both ${a} and ${b} were documented in the assessment, page 3 of 7.`,
  ];
  for (let i = 0; i < 60; i++) {
    const a = pick(icd, i);
    const b = pick(icd, i + 7, 7);
    add('icd', pick(icdTemplates, i)(a, b), a === b ? [a] : [a, b]);
  }

  const cptTemplates = [
    (a: string, h: string) => `We billed ${a} with ${h} and the payer paid 80% of the allowed amount.`,
    (a: string, h: string) => `I appealed the ${a} denial; ${h} was bundled under the NCCI edits.`,
    (a: string, h: string) => `The charge for ${a} was $245.00 and ${h} added $38.50.`,
    (a: string, h: string) => `Code ${a}, then ${h} x 2 units, per the MAR on page 12.`,
    (a: string, h: string) => `${a} and ${h} were on the same claim line set, 2 of 4 lines.`,
  ];
  for (let i = 0; i < 60; i++) {
    const a = pick(cpt, i);
    const h = pick(hcpcs, i, 5);
    add('cpt-hcpcs', pick(cptTemplates, i)(a, h), [a, h]);
  }

  const modifierTexts: Array<[string, string[]]> = [
    [
      'Append modifier -25 to 99213 when the E/M is significant and separately identifiable.',
      ['-25', '99213'],
    ],
    ['We billed 99214-25 with 20610 on the same day.', ['99214-25', '20610']],
    ['Modifier 59 on 97140 was denied; XS would have been more specific.', ['59', '97140', 'XS']],
    ['Use LT/RT on 73630 for each foot.', ['LT/RT', '73630']],
    ['The 25 on the E/M was not supported, so I removed it from 99215.', ['25 on the E/M', '99215']],
    ['Bilateral 69210-50 pays at 150%.', ['69210-50', '150%']],
    ['Modifier 76 on 93000 means the same physician repeated it.', ['76', '93000']],
    ['XU was appended to 36415 by mistake.', ['XU', '36415']],
    ['We added GT and 95 for the telehealth visit, 99213-95.', ['GT', '95', '99213-95']],
    [
      'Modifier 26 goes on 71046 for the professional component; TC for the technical.',
      ['26', '71046', 'TC'],
    ],
    ['Use RT on 27447 and LT on the staged knee next month.', ['RT', '27447', 'LT']],
    ['Modifier 24 on 99213 during the 90-day global of 27130.', ['24', '99213', '27130', '90-day']],
    ['Q0 applies to investigational items in a clinical trial; -Q1 for routine costs.', ['Q0', '-Q1']],
    ['F1 and FA were on the wrong fingers for 26055.', ['F1', 'FA', '26055']],
    ['We dropped modifier 57 because 99223 was not the decision for surgery.', ['57', '99223']],
  ];
  for (const [text, keep] of modifierTexts) add('modifier', text, keep);

  const npiTemplates = [
    (n: string) => `The rendering NPI ${n} belonged to the PA, not the supervising physician.`,
    (n: string) => `NPI: ${n} went in box 24J of the CMS-1500.`,
    (n: string) => `I checked NPPES and the NPI # ${n} was active.`,
    (n: string) => `The referring provider's NPI was ${n} on the claim.`,
  ];
  for (let i = 0; i < 24; i++) {
    const n = pick(npis, i);
    const cptCode = pick(cpt, i, 5);
    add('npi', `${pick(npiTemplates, i)(n)} It was for ${cptCode}.`, [n, cptCode]);
  }

  const dosTemplates = [
    (c: string, d: string, code: string) => `The ${code} claim showed ${c}${d}, which matched the op note.`,
    (c: string, d: string, code: string) => `I billed ${code} with ${c}${d} after the late charge came in.`,
    (c: string, d: string, code: string) =>
      `${c.charAt(0).toUpperCase()}${c.slice(1)}${d}: ${code} was the only code.`,
  ];
  for (let i = 0; i < 36; i++) {
    const [c, d] = pick(serviceDates, i);
    const code = pick(cpt, i, 7);
    add('dos', pick(dosTemplates, i)(c, d, code), [d, code]);
  }

  const documentationTemplates = [
    (who: string, code: string) => `${who} documented ${code} in the assessment, so I coded it.`,
    (who: string, code: string) => `The note by ${who} did not support ${code}.`,
    (who: string, code: string) => `I queried ${who} about ${code} and got an addendum the next day.`,
    (who: string, code: string) => `Per ${who}, the time was 42 minutes, enough for ${code}.`,
    (who: string, code: string) => `${who} signed the op report for ${code} on page 2.`,
  ];
  for (let i = 0; i < 40; i++) {
    const who = pick(documenters, i, 3);
    const code = i % 2 === 0 ? pick(icd, i, 3) : pick(cpt, i, 3);
    add('clinician', pick(documentationTemplates, i)(who, code), [who, code]);
  }

  const clinicianMore: Array<[string, string[]]> = [
    [
      "Per Dr. O'Brien-Hale's note, the laceration was 2.6 cm, so 12002.",
      ["Dr. O'Brien-Hale", '2.6 cm', '12002'],
    ],
    ['The attending, Dr. Rivera, added an addendum for J18.9.', ['Dr. Rivera', 'J18.9']],
    [
      'Dr. Anna Lee and Dr. Lee Chen both signed the 27447 op note.',
      ['Dr. Anna Lee', 'Dr. Lee Chen', '27447'],
    ],
    ['Maria Lopez, MD documented 99285 and R07.9 at 02:14.', ['Maria Lopez, MD', '99285', 'R07.9', '02:14']],
    ['NDC 0002-8215-01 goes with J1815 on the claim line.', ['0002-8215-01', 'J1815']],
    ['Taxonomy 207Q00000X is family medicine.', ['207Q00000X']],
    ['POS 11 and TOB 0131 told me the setting.', ['POS 11', 'TOB 0131']],
    [
      'The span 01/01/2024-03/31/2024 covered 12 visits of 97110.',
      ['01/01/2024-03/31/2024', '12 visits', '97110'],
    ],
    ['CPT 99213 99214 99215 were the three levels we audited.', ['99213 99214 99215']],
    ['E11.65, E11.9 and E11.40 cannot be reported together for one patient.', ['E11.65', 'E11.9', 'E11.40']],
    ['The payer recouped $1,250 across 1,000 claims.', ['$1,250', '1,000']],
    ['Version 5010 of the 837 replaced 4010.', ['5010', '837', '4010']],
    ['Nurse Kim charted 200 mg of J2250? No, J2250 is midazolam per 1 mg.', ['Nurse Kim', 'J2250', '1 mg']],
    ['We coded 99214 on 3/14 and 99213 on 4/2 for the same problem.', ['99214', '3/14', '99213', '4/2']],
    [
      'Z79.4 and E11.65 with modifier 25 on 99214: the 2023 audit passed at 98%.',
      ['Z79.4', 'E11.65', '25', '99214', '98%'],
    ],
    ['Box 24J holds the rendering NPI 1003000126.', ['Box 24J', '1003000126']],
  ];
  for (const [text, keep] of clinicianMore) add('survivor-more', text, keep);

  const factTexts: Array<[string, string[]]> = [
    [
      'ICD-10-CM is updated every year, effective October 1, by CMS and NCHS.',
      ['effective October 1', 'CMS', 'NCHS'],
    ],
    ['The AMA owns CPT, and new CPT codes are effective January 1.', ['AMA', 'January 1']],
    ['WHO publishes ICD-10; NCHS maintains the US clinical modification.', ['WHO', 'NCHS', 'ICD-10']],
    [
      'HCPCS Level II is maintained by CMS and updated quarterly, on January 1, April 1, July 1 and October 1.',
      ['CMS', 'January 1', 'April 1', 'July 1', 'October 1'],
    ],
    ['The FY 2025 ICD-10-CM code set was updated October 1, 2024.', ['FY 2025', 'October 1, 2024']],
    [
      'CPT 2024 was released by the AMA in September 2023 and took effect January 1, 2024.',
      ['CPT 2024', 'September 2023', 'January 1, 2024'],
    ],
    ['PLA codes like 0001U are released quarterly by the AMA.', ['0001U', 'AMA']],
    ['The 2023 E/M changes moved 99221-99223 to MDM or time.', ['2023', '99221-99223']],
    ['Our 2022 audit found 99215 overused, an OIG focus area.', ['2022', '99215', 'OIG']],
    ['Category III codes sunset after 5 years unless the AMA extends them.', ['5 years', 'AMA']],
    ['Medicare pays 80% after the 2024 Part B deductible of $240.', ['80%', '2024', '$240']],
    [
      'The NCCI edits are updated quarterly by CMS, effective January 1 and every three months after.',
      ['NCCI', 'CMS', 'January 1'],
    ],
    ['Chapter 19 covers injuries, S00-T88, and 7th characters A, D and S.', ['Chapter 19', 'S00-T88']],
    ['Section I.C.4.a of the Official Guidelines covers diabetes, E08-E13.', ['I.C.4.a', 'E08-E13']],
    ['ICD-10-PCS code 0SR9019 was used for the inpatient hip replacement.', ['0SR9019']],
    ['The claim was CMS-1500 version 02/12 with 6 lines.', ['CMS-1500', '02/12']],
    ['The UB-04 used revenue code 0450 and bill type 131.', ['UB-04', '0450', '131']],
    ['MS-DRG 470 pays about $14,000 in our market.', ['MS-DRG 470', '$14,000']],
    ['We improved the clean-claim rate from 88% to 96.5% in 6 months.', ['88%', '96.5%']],
    ['I coded 120 charts per day at 95% accuracy.', ['120', '95%']],
    ['Insulin 10 units, ketorolac 30 mg IV: J1885 x 2.', ['10 units', '30 mg', 'J1885 x 2']],
    ['The infusion ran 1 hour 45 minutes, so 96365 and 96366.', ['1 hour 45 minutes', '96365', '96366']],
    ['Blood glucose strips, A4253, 1 unit is 50 strips.', ['A4253', '50 strips']],
    ['Write-off of $1,234.56 on 99285 after the appeal.', ['$1,234.56', '99285']],
    ['The audit sampled 30 claims and found 4 errors, a 13.3% error rate.', ['30 claims', '13.3%']],
    ['See page 45 of the CPT Professional, paragraph 3.', ['page 45', 'paragraph 3']],
    ['Z3A.32 gives 32 weeks of gestation with O24.410.', ['Z3A.32', '32 weeks', 'O24.410']],
    ['The BMI of 41.2 supports Z68.41 with E66.01.', ['41.2', 'Z68.41', 'E66.01']],
    ['HbA1c 9.2% and glucose 310 mg/dL point to E11.65.', ['9.2%', '310 mg/dL', 'E11.65']],
    ['BP 182/104 and HR 112 on arrival; I10 only.', ['182/104', 'HR 112', 'I10']],
    ['Epic 2024.1.3 and 3M 360 Encompass were our tools.', ['2024.1.3', '3M 360']],
    [
      'Blue Cross Blue Shield and Medicare Advantage both denied 99215.',
      ['Blue Cross Blue Shield', 'Medicare Advantage', '99215'],
    ],
    ['UnitedHealthcare wanted the modifier on 99214.', ['UnitedHealthcare', '99214']],
    ['The AHIMA and AAPC both accept CEUs for ICD-10-CM training.', ['AHIMA', 'AAPC', 'ICD-10-CM']],
    ['Box 21 holds up to 12 diagnosis codes, A through L.', ['Box 21', '12 diagnosis codes']],
    [
      'The timely filing limit is 365 days for Medicare and 90 days for some commercial plans.',
      ['365 days', '90 days'],
    ],
    [
      'G0438 is the initial AWV and G0439 the subsequent one, once every 12 months.',
      ['G0438', 'G0439', '12 months'],
    ],
    ['Report 99497 for the first 30 minutes of advance care planning.', ['99497', '30 minutes']],
    ['The 2 midnight rule decided inpatient versus observation, G0378 per hour.', ['2 midnight', 'G0378']],
    ['E/M level 4, 99214, needs moderate MDM or 30-39 minutes in 2021.', ['99214', '30-39 minutes', '2021']],
    ['A 15% reduction applies to NP services billed under their own NPI.', ['15%', 'NPI']],
    ['Lab 80053 and 85025 drawn 03/14/2024 with 36415.', ['80053', '85025', '03/14/2024', '36415']],
    ['The 99213 was rebilled on 2024-04-02 after the edit cleared.', ['99213', '2024-04-02']],
    ['Suite 200 of the clinic handled 2,400 visits in Q3 2023.', ['2,400', 'Q3 2023']],
    ['The policy effective 10/01/2024 changed coverage for 0001U.', ['10/01/2024', '0001U']],
    ['ICD-10-CM 2025 added 252 new codes effective October 1.', ['252', 'effective October 1']],
    ['We had 1,500 claims at $125 each, about $187,500 total.', ['1,500', '$125', '$187,500']],
    ['The 7th character A is for active treatment, D for subsequent care.', ['7th character A']],
    ['Query response time dropped from 5 days to 2 days.', ['5 days', '2 days']],
    [
      'Per the CMS manual, chapter 12, section 30.6.18 covers split/shared visits.',
      ['chapter 12', 'section 30.6.18'],
    ],
  ];
  for (const [text, keep] of factTexts) add('fact', text, keep);
  return items;
}

const here = dirname(fileURLToPath(import.meta.url));
const write = (file: string, items: Item[]): void =>
  writeFileSync(join(here, file), `${JSON.stringify(items, null, 2)}\n`);
write('identifiers.json', identifierItems());
write('survivors.json', survivorItems());
