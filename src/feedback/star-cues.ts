/**
 * The words and phrases that signal each STAR part. Regexes run on the lower-cased sentence
 * (codes masked as x); word sets are compared with lemmas and lower-cased words.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

// ---------------------------------------------------------------- situation

/** Time or place markers: "last year", "at my last job", "when I was", "in 2022". */
export const TIME_CUES =
  /\b(?:(?:last|previous|prior|past|that) (?:year|month|week|quarter|spring|summer|fall|autumn|winter|job|role|position|employer)|in (?:19|20)\d\d|(?:when|while) (?:i|we) (?:was|were|worked|started|joined|first|had)|at my (?:last|previous|prior|old|first|current|former) (?:job|role|position|employer|clinic|practice|hospital|company)|in my (?:last|previous|prior|first|current|former) (?:[\w-]+ )?(?:job|role|position)|(?:first|last|past) (?:few |\w+ )?(?:days|weeks|months|years)|during (?:my|a|an|the|our)|one (?:day|time|week|month|morning|afternoon|evening|shift|year)|ago|back in|earlier this|my first (?:year|month|week|job|day)|a few (?:months|weeks|years|days) into)\b/;

/** A place: "at a cardiology practice", "for a billing company". */
export const PLACE_CUES =
  /\b(?:at|in|for|with|on) (?:a|an|the|my|our|one of our) (?:[\w-]+ ){0,3}(?:hospital|clinic|practice|group|company|department|office|firm|startup|agency|team|center|centre|facility|store|school|organization|organisation|network|system|insurer|payer|vendor|unit|warehouse|restaurant|bank|university|project|floor|shift)s?\b/;

/** A role: "as a team lead", "as coding supervisor". */
export const ROLE_CUES =
  /\bas (?:an? |the |our |my )?(?:[\w-]+ ){0,3}(?:coder|specialist|auditor|biller|analyst|lead|manager|supervisor|coordinator|trainer|generalist|designer|engineer|associate|assistant|nurse|developer|representative|intern|director|consultant|officer|clerk|technician|administrator|educator|planner|member)\b/;

/** Context without a time or place: "we had", "there was". */
export const CONTEXT_CUES =
  /\b(?:(?:we|i) had|there (?:was|were)|i (?:was|worked) (?:a|an|the|as|at|on|in|for)|we were|our (?:team|clinic|practice|department|office|hospital)|once)\b/;

export const SETTING_WORDS = words(`
  hospital clinic practice department team company office facility employer job role unit shift
  organization organisation group center centre billing payer insurer client backlog project audit
  account vendor cardiology orthopedics orthopedic radiology oncology pediatrics pediatric dermatology
  surgery emergency hospitalist physician provider
`);

// ---------------------------------------------------------------- task

/** A goal or a responsibility: "I needed to", "my job was", "I was asked to", "as the lead coder". */
export const TASK_CUES =
  /\b(?:(?:i|we) (?:needed|had|have|was supposed|were supposed|wanted|was asked|were asked|was expected|was tasked|was assigned|got asked|was hired|volunteered|offered) to|my (?:job|role|task|responsibility|goal|duty|assignment|aim|priority|focus|part)|(?:i|we) (?:was|were) (?:responsible|in charge|accountable|tasked|assigned|asked)|(?:the|our) (?:goal|aim|task|objective|priority|challenge) was|it was (?:up to me|my job|my responsibility)|(?:was|is|were) (?:mine|on me|my (?:call|job|responsibility|problem|slip|error|mistake|fault))\b|mine to (?:own|fix|handle|sort|solve|resolve|lead|make|raise|decide)|(?:it|that) (?:was|fell) (?:on|to) me|it fell to me|responsible for|in charge of|(?:i|we) (?:had|needed) to|to make sure|took (?:on|ownership)|as (?:a|an|the) (?:\w+ )?(?:coder|specialist|auditor|biller|analyst|lead|manager|supervisor|coordinator|trainer))\b/;

/**
 * Ownership said in plain words ("it was mine to fix", "saying no was on me", "I owned it") states the
 * task clearly even with nothing specific beside it: what it is is the act the sentence leads into.
 */
export const OWNERSHIP =
  /\b(?:(?:was|were|fell) (?:mine|on me|up to me|to me|my (?:call|job|responsibility|problem|slip|error|mistake|fault|task|goal|role|decision))|mine to \w+|my (?:\w+ )?to own|my (?:job|task|goal|role|responsibility|aim|priority) was|(?:i|we) owned (?:it|that|the|up)|took ownership)\b/;

/** Words a task names itself with; they are not what the task is about. */
export const TASK_WORDS = words('job role task responsibility goal duty assignment aim priority part');

// ---------------------------------------------------------------- action

/** "My first step was…": an action without "I" as the subject. */
export const STEP_CUES = /\bmy (?:first|next|second|third|last|final) (?:step|move|action|call)\b/;

export const STATIVE_VERBS = words(`
  be have think feel know like believe guess hope seem want need love enjoy remember understand mean
  wish prefer tend
`);
/** "I saw", "I noticed": finding something out sets the scene; it is not yet something you did. */
export const PERCEPTION_VERBS = words('see notice realise realize find discover hear spot');
/** "I needed to", "I wanted to": a goal, not an action. */
export const TASK_VERBS = words('need have want try plan aim mean hope');
/** "I was asked to", "I was assigned": a task given to you. */
export const TASK_PASSIVES = words('ask task assign expect charge suppose hire bring require');

export const PAST_AUXES = words('was were had did');
/** Verbs whose past form is the same as the present. */
export const INVARIANT_PAST = words('set put cut let read shut spread quit hit cost split');

// ---------------------------------------------------------------- result

/** Words that announce an outcome. */
export const RESULT_PHRASES =
  /\b(?:as a result|in the end|ultimately|eventually|the (?:result|outcome) was|since then|afterwards?|after that|ended up|led to|resulted in|by the end|which meant|(?:went|gone) (?:down|up)|came (?:down|up|back)|(?:has|have) come (?:down|up|back)|got approved|(?:we|they|she|he) agreed)\b/;

/** An outcome that lasted: "we never had it again", "no more denials". */
export const NEVER_AGAIN =
  /(?:\bnever|n't) (?:had|happened|saw|came up|come up|recurred|repeated)\b.*\bagain\b|\b(?:no (?:more|longer|further)|not (?:once|again)|zero)\b/;

/** An outcome with nothing concrete in it. */
export const VAGUE_RESULT =
  /\b(?:worked (?:out|for)|went (?:well|fine|ok|okay|smoothly)|(?:was|were|is) (?:fine|good|great|ok|okay|better|happy|resolved|successful|fixed|solved|done|sorted)|got (?:better|fixed|resolved|sorted|comfortable|confident|faster|quicker|used to|the hang of|up to speed)|it worked|all good|turned out (?:fine|well|ok)|problem solved)\b/;

export const CHANGE_LEMMAS = words(`
  reduce improve drop increase decrease cut lower raise rise fall fell save grow shrink eliminate
  prevent recover boost halve shorten decline stop change double
`);

/** Someone else's changed behaviour told after your action is an outcome: "He updated his note." */
export const OTHERS = words('he she they it the customer client physician doctor manager supervisor team');

export const CONSEQUENCE_LEMMAS = words(`
  approve pay pass refund learn adopt accept praise promote overturn reprocess avoid become thank
  recognize recognise reimburse repay return clear close agree
`);

/** Nouns that name something measured: with a number after the action, a concrete result. */
export const METRIC_WORDS = words(`
  rate accuracy score percent denial denials backlog day days hour hours week weeks dollar dollars
  claim claims error errors audit turnaround revenue
`);

/** Words that say nothing specific: "I fixed the issue", "things improved". */
export const VAGUE_WORDS = words(`
  thing things stuff issue problem situation everything something anything matter lot way work time
  everyone people bit look while
`);
