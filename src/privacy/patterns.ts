import type { IdentifierKind } from './redact.ts';

/**
 * One identifier detector. Every pattern is global and has exactly two capture groups:
 * group 1 is context kept verbatim (a cue such as "DOB: "), group 2 is the identifier itself.
 * Keeping the cue means the user can still see what kind of thing was there.
 */
export interface Detector {
  readonly kind: IdentifierKind;
  readonly pattern: RegExp;
}

const raw = String.raw;

// Cue-to-value glue: "MRN 4488", "MRN: 4488", "MRN#4488", "MRN is 4488", "MRN - 4488".
// No "of": "Medicare number of 1000 units" is a count, not an ID.
const SEP = raw`(?:\s*[:#=(]\s*|-|\s+-\s+|\s+|(?<=#))(?:(?:is|was|as)\s+)?`;

// Record and member numbers always carry a digit and are at least 4 long, so "MRN is" or
// "chart # 12" do not read as identifiers.
const ID_VALUE = raw`(?=[A-Za-z0-9-]{4})(?=[A-Za-z-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])`;

const MONTH = raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const ORD = raw`(?:st|nd|rd|th)?`;

/** Full dates (with a year), in the formats people type. Used with the `i` flag. */
export const FULL_DATE = [
  raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`,
  raw`\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})`,
  raw`${MONTH}\.?\s+\d{1,2}${ORD},?\s+\d{4}`,
  raw`\d{1,2}${ORD}\s+(?:of\s+)?${MONTH}\.?,?\s+\d{4}`,
  raw`\d{1,2}-${MONTH}-(?:\d{4}|\d{2})`,
].join('|');

// With a birth cue even a partial date ("DOB 3/14", "born March 14") is the patient's.
const CUED_DATE = raw`(?:${FULL_DATE}|\d{8}|\d{1,2}[-/]\d{1,2}|${MONTH}\.?\s+\d{1,2}${ORD})`;
const DATE_START = raw`(?<![\w/.-])`;
const DATE_END = raw`(?![\w/]|[-.]\d)`;

/** A bare full date, checked for a nearby patient name before it is treated as a birth date. */
export const BARE_DATE = new RegExp(raw`${DATE_START}(?:${FULL_DATE})${DATE_END}`, 'gi');

const DOB_CUE = raw`\b(?:(?:DOB|D\.O\.B\.?)(?:\s+of)?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?)`;
const SSN_CUE = raw`\b(?:SSN|SS#|SS\s*No\.?|social\s+security(?:\s+(?:number|num\.?|no\.?|#))?)`;
const MRN_CUE = raw`\b(?:MRN|MR\s*#|medical\s+record(?:\s+(?:number|num\.?|no\.?|#)|(?=\s*[:#]))|med\s+rec(?:\s+(?:number|no\.?|#)|(?=\s*[:#]))|chart\s*(?:number|num\.?|no\.?|#)|account\s*(?:number|num\.?|no\.?|#)|acct\.?\s*(?:number|no\.?|#)?)`;
const MEMBER_CUE = raw`\b(?:(?:member|subscriber|policy(?:holder)?|insurance|insured|beneficiary|medicaid|medicare)\s*(?:id(?:entifier)?|#|number|num\.?|no\.?)|medicare\s+beneficiary\s+identifier|MBI|HICN|(?<!\b(?:NPI|provider|tax|TIN|EIN|taxonomy|claim|payer|group|employee|vendor|user|login)\s+)ID(?:\s*(?:number|num\.?|no\.?|#))?)`;
const PHONE_CUE = raw`\b(?:(?:tele)?phone|ph|tel|cell(?:\s*phone)?|mobile|fax|call(?:\s+(?:me|him|her|them|back|the\s+patient|the\s+pt|patient|pt))?)(?:\s*(?:number|num\.?|no\.?|#))?`;
const ZIP_CUE = raw`\b(?:zip(?:\s*code)?|postal\s+code)`;

const SSN_VALUE = raw`(?:\d{3}-\d{2}-\d{4}|\d{3}\s\d{2}\s\d{4}|\d{9})(?![\w-])`;
// "ext. 204", "x318": an extension belongs to the number and would point to the same person.
const EXTENSION = raw`(?:,?\s*(?:ext\.?|extension|x)\s*\d{1,6}(?!\w))?`;
// Outside the NANP: a country code and 8 to 15 digits in groups ("+44 20 7946 0958").
const INTERNATIONAL_PHONE = raw`\+(?!1[\s.(-]*\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}(?!\d))(?=(?:[\s.()-]{0,2}\d){8,15}(?![\s.-]?\d))\d{1,3}(?:[\s.-]?(?:\(\d{1,4}\)|\d{1,5})){1,6}(?![\w-]|\.\d)`;
const PHONE_VALUE = raw`(?:(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?\d{3}[\s.-]?\d{4}|\d{3}[\s.-]?\d{3}[\s.-]?\d{4}|\d{3}[\s.-]\d{4})(?![\w-]|\.\d)${EXTENSION}|${INTERNATIONAL_PHONE})`;
const ZIP = raw`\d{5}(?:-\d{4})?(?![\w-])`;

const STREET_SUFFIX = raw`(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Trl|Plaza|Loop|Pike|Alley)`;
const STREET_WORD = raw`(?:[A-Z][A-Za-z'-]*|\d+(?:st|nd|rd|th))`;
const DIRECTION = raw`(?:[NSEW]\.?|North|South|East|West|NE|NW|SE|SW)`;
const UNIT = raw`(?:\.?,?\s+(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*#?\s*[A-Za-z0-9-]+)`;
const CITY = raw`[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2}`;
const STATE_NAMES = raw`(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New\s+Hampshire|New\s+Jersey|New\s+Mexico|New\s+York|North\s+Carolina|North\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\s+Island|South\s+Carolina|South\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West\s+Virginia|Wisconsin|Wyoming)`;
// Abbreviations that double as clinical credentials or words ("Patel, MD 99213", "Lee, PA",
// "CT 70450") are left out of the street-less form below unless the ZIP is ZIP+4.
const STATE_SAFE = raw`(?:AL|AK|AZ|AR|CA|CO|DE|FL|GA|HI|ID|IL|IA|KS|KY|LA|MI|MN|MO|MT|NE|NV|NH|NJ|NM|NY|NC|OH|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)`;
const STATE_AMBIGUOUS = raw`(?:CT|DC|IN|MA|MD|ME|MS|ND|OK|OR|PA|PR)`;
const STATE = raw`(?:${STATE_SAFE}|${STATE_AMBIGUOUS}|${STATE_NAMES})(?![A-Za-z])`;
// "42 Elm Street, Springfield" names the town even with no state; the lookahead keeps the town to
// a clause of its own so "77 Elm Dr, Then she" stays a street.
const CITY_ONLY = raw`,\s+${CITY}(?=\s*(?:[,;)]|\.(?:\s|$)|$))`;
const ADDRESS_TAIL = raw`(?:\.?,?\s+${CITY},?\s+${STATE}(?:,?\s+${ZIP})?|\.?,?\s+(?:${STATE}\s+)?${ZIP}|${CITY_ONLY})?`;
const STREET_DIRECTION_AFTER = raw`(?:\s+(?:NE|NW|SE|SW|N|S|E|W)\.?(?![A-Za-z]))?`;

// Two-plus letter words for the cue-introduced name forms ("Patient name: SMITH, JOHN").
const NAME_STOP = raw`(?:DOB|D\.O\.B|MRN|SSN|MBI|Date|Born|Age|Sex|Phone|Email|Address|Member|Medicare|Medicaid|Policy|Subscriber|Chart|Account|Male|Female|He|She|They|Was|Is|And|The|Who|With|Has|Had)(?![A-Za-z])`;
const CAP_WORD = raw`(?!${NAME_STOP})[A-Z][A-Za-z'-]*[A-Za-z]`;
// A closing quote may follow a name ("'Name: Harold Finch'"); an apostrophe inside one may not.
const NAME_TAIL = raw`(?![A-Za-z-]|'[A-Za-z])`;
const NAME_ONE_TO_THREE = raw`${CAP_WORD}(?:,\s*${CAP_WORD}(?:\s+[A-Z]\.?)?|(?:\s+(?:[A-Z]\.?\s+)?${CAP_WORD}){0,3})${NAME_TAIL}`;
const NAME_TWO_TO_THREE = raw`${CAP_WORD}(?:,\s*${CAP_WORD}|(?:\s+(?:[A-Z]\.?\s+)?${CAP_WORD}){1,2})${NAME_TAIL}`;
const NAME_LABEL_CUE = raw`(?:\b(?:[Pp]atient|[Pp]t|PATIENT|PT|[Mm]ember|[Ss]ubscriber|[Ii]nsured)(?:'s)?\s+(?:[Nn]ame|NAME)(?:\s*[:=-]\s*|\s+(?:is|was)\s+|\s+)|(?<![A-Za-z]\s?)(?:[Nn]ame|NAME)\s*:\s*)`;
// "Member:" is left out: it is as often followed by a plan ("Member: Blue Cross") as by a person.
const PATIENT_COLON_CUE = raw`\b(?:[Pp]atient|[Pp]t|PATIENT|PT|Subscriber|SUBSCRIBER|Insured|INSURED|Guarantor|GUARANTOR|Policyholder|POLICYHOLDER)\.?\s*:\s*`;

// A cue is never read inside a placeholder: "[DOB] but the card said 2/28/1960" has no DOB cue left.
const cued = (cue: string, value: string, flags = 'gi'): RegExp =>
  new RegExp(raw`((?<!\[)${cue}${SEP})(${value})`, flags);
const bare = (value: string, flags = 'g'): RegExp => new RegExp(raw`()(${value})`, flags);

/**
 * Applied in this order. Cued detectors run first so a cue decides the kind ("MRN 123-45-6789"
 * is an MRN), emails go before anything numeric, SSNs before phones, and names last because
 * they are only removed beside an identifier that is already a placeholder.
 */
export const DETECTORS: readonly Detector[] = [
  {
    kind: 'EMAIL',
    pattern: bare(raw`(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])`),
  },
  { kind: 'SSN', pattern: cued(SSN_CUE, SSN_VALUE) },
  { kind: 'MRN', pattern: cued(MRN_CUE, ID_VALUE) },
  { kind: 'MEMBER_ID', pattern: cued(MEMBER_CUE, ID_VALUE) },
  { kind: 'DOB', pattern: cued(DOB_CUE, raw`${CUED_DATE}${DATE_END}`) },
  // "The DOB on the claim was Feb. 29, 1960": a full date a few words after the cue, unless a date
  // of service or another event is named in between.
  {
    kind: 'DOB',
    pattern: new RegExp(
      raw`((?<!\[)${DOB_CUE}(?:(?!\b(?:DOS|service|admi\w*|discharg\w*|seen|visit\w*|surgery|since|from|until|through|effective)\b)[^.;\n\d[]){1,40}?\b(?:is|was|as|reads|read|said|says|shows|showed|of)\s+)(${FULL_DATE})${DATE_END}`,
      'gi',
    ),
  },
  { kind: 'PHONE', pattern: cued(raw`${PHONE_CUE}(?:\s+(?:at|on))?,?`, PHONE_VALUE) },
  { kind: 'ADDRESS', pattern: cued(ZIP_CUE, ZIP) },
  { kind: 'SSN', pattern: bare(raw`(?<![\w.$-])(?:\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4})(?![\w-]|\.\d)`) },
  {
    kind: 'PHONE',
    pattern: bare(
      raw`(?<![\w.+$-])(?:\+1[\s.-]?|1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-]|\.\d)${EXTENSION}`,
    ),
  },
  { kind: 'PHONE', pattern: bare(raw`(?<![\w+])${INTERNATIONAL_PHONE}`) },
  {
    kind: 'ADDRESS',
    pattern: bare(
      raw`(?<![\w.$,/-])\d{1,6}[A-Za-z]?\s+(?:${DIRECTION}\s+)?(?:${STREET_WORD}\s+){1,3}${STREET_SUFFIX}(?![A-Za-z])\.?${STREET_DIRECTION_AFTER}${UNIT}?${ADDRESS_TAIL}`,
    ),
  },
  {
    kind: 'ADDRESS',
    pattern: bare(raw`\b(?:[Pp]\.?\s?[Oo]\.?\s*[Bb]ox|Post\s+Office\s+Box)\s+\d+${ADDRESS_TAIL}`),
  },
  {
    kind: 'ADDRESS',
    pattern: bare(
      raw`(?<![\w-])${CITY},\s*(?:(?:${STATE_SAFE}|${STATE_NAMES})(?![A-Za-z])\s+${ZIP}|${STATE_AMBIGUOUS}\s+\d{5}-\d{4}(?![\w-]))`,
    ),
  },
  { kind: 'NAME', pattern: new RegExp(raw`(${NAME_LABEL_CUE})(${NAME_ONE_TO_THREE})`, 'g') },
  { kind: 'NAME', pattern: new RegExp(raw`(${PATIENT_COLON_CUE})(${NAME_TWO_TO_THREE})`, 'g') },
];

/** Placeholders other than [NAME]: a name is only removed when it stands beside one of these. */
export const ANCHOR_AFTER = /\[(?:DOB|MRN|SSN|PHONE|EMAIL|ADDRESS|MEMBER_ID)\]/;
export const ANCHOR_BEFORE = /\[(?:DOB|MRN|SSN|PHONE|EMAIL|ADDRESS|MEMBER_ID)\]((?:[^[]|\[NAME\])*)$/;

// "O'Connor-Smith", "MacDonald", "Al-Sayed", "FERNANDEZ": hyphen and apostrophe parts, inner capitals,
// and names typed in capitals. Particles join a name ("Emily Van der Berg").
const NAME_WORD = raw`(?:(?:[A-Z]')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:['-][A-Z][a-z]+(?:[A-Z][a-z]+)?)*|[A-Z]{2,}(?:['-][A-Z]{2,})*(?![a-z]))`;
const NAME_PARTICLE = raw`(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|ibn|al|el|dos|das)`;
/**
 * A run of capitalised words that could be a person's name ("Mary Jones", "John Q. Smith",
 * "Mrs. O'Brien"). Runs are trimmed of stop words afterwards ("Patient Mary Jones").
 * A trailing "'s" is allowed so "Mr. Smith's MRN" still reads as a name. No capture groups.
 */
export const NAME_RUN = new RegExp(
  raw`(?:\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+${NAME_WORD}(?:\s+(?:[A-Z]\.?\s+)?${NAME_WORD}){0,2}|\b${NAME_WORD}(?:(?:\s+${NAME_PARTICLE}){1,2}\s+${NAME_WORD}|\s+(?:[A-Z]\.?\s+)?${NAME_WORD})+)(?![A-Za-z-]|'(?!s\b)[A-Za-z])`,
  'g',
);
export const TITLE_START = /^(?:Mr|Mrs|Ms|Miss|Mx)\b/;
export const NAME_PLACEHOLDER = /\[NAME\]/g;

// A clinician's name is not patient data: "Dr. Anita Patel", "Anita Patel, MD".
export const CLINICIAN_BEFORE = /\b(?:Dr|Doctor|Prof|Professor|Nurse|NP|PA|RN)\.?\s+$/;
export const CLINICIAN_AFTER = /^,?\s*(?:MD|DO|RN|NP|PA-C|PA|DDS|DPM|PhD|CPC|CCS|CRC|RHIA|RHIT)\b/;

/**
 * Capitalised words that are not names: sentence starters, document and payer words, months.
 * Lower-case for lookup.
 */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set(
  (
    'the this that these those then than there their they he she we you it his her him our my your its ' +
    'a an and or but if when while after before during since on in at for from to with without by of per ' +
    'as so also however yesterday today tomorrow once next last first second also again please thanks ' +
    'later earlier afterwards meanwhile finally because although instead still even only both either ' +
    'dr doctor nurse prof professor mr mrs ms miss mx patient patients pt name date birth dob born mrn ' +
    'ssn mbi medical record records number chart account member subscriber policy insurance insured ' +
    'medicare medicaid advantage social security phone cell mobile fax tel email address street avenue road ' +
    'zip id hospital clinic center centre health healthcare general memorial regional university county ' +
    'community emergency department room unit icu er ed office surgery surgical radiology cardiology ' +
    'oncology pediatrics orthopedics coding coder coders guidelines guideline official chapter section ' +
    'table index manual tabular alphabetic cpt icd hcpcs cms ama ahima aapc oig hipaa blue cross shield ' +
    'united aetna cigna humana anthem kaiser tricare face sheet note notes report history physical ' +
    'discharge summary admission progress operative plan assessment chief complaint exam review claim ' +
    'claims denial denials audit billing type male female diabetes mellitus hypertension ' +
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);
