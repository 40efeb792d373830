import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, quotedSections, textSections, toMessages } from '../../adapters/slack/blocks.ts';
import { renderReply } from '../../adapters/slack/render.ts';
import { assignmentBlocks } from '../../adapters/slack/render-cohorts.ts';
import { bar, progressBlocks } from '../../adapters/slack/render-views.ts';
import { decodeButtonValue } from '../../adapters/slack/to-event.ts';
import { wording } from '../../adapters/slack/wording.ts';
import { actions } from '../../src/core/messages.ts';
import { recordPeerAttempt } from '../../src/core/pairing/peer-history.ts';
import type { Reply } from '../../src/core/ports.ts';
import { buildProgress } from '../../src/core/progress.ts';
import { emptyHistory } from '../../src/core/records.ts';
import { peerAttempt } from '../support/peer-attempts.ts';
import { gradeOf } from './harness.ts';

const sectionText = (block: unknown) => (block as { text?: { text: string } }).text?.text ?? '';

describe('escaping', () => {
  it('escapes &, < and > so echoed text cannot ping or link', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> <http://x|y>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;http://x|y&gt;',
    );
  });

  it('keeps a bare channel link, which the core names cohorts with and which pings nobody', () => {
    expect(escapeMrkdwn('In <#C123>, not <#C123|fake> or <!here>')).toBe(
      'In <#C123>, not &lt;#C123|fake&gt; or &lt;!here&gt;',
    );
  });

  it('keeps each escaped piece within the section limit, even when entities lengthen it', () => {
    const sections = textSections('<>'.repeat(2000));
    expect(sections.length).toBeGreaterThan(1);
    for (const block of sections) expect(sectionText(block).length).toBeLessThanOrEqual(3000);
    const joined = sections.map(sectionText).join('').replace(/\s/g, '');
    expect(joined).toBe('&lt;&gt;'.repeat(2000));
  });
});

it('puts at most 50 blocks in a message', () => {
  const blocks = textSections(
    Array.from({ length: 120 }, (_, n) => `line ${n} ${'x'.repeat(2900)}`).join('\n'),
  );
  const messages = toMessages(blocks, 'fallback');
  expect(messages.map((message) => message.blocks.length)).toEqual([50, 50, 20]);
});

describe('renderReply', () => {
  it('renders a final grade: score, STAR as four fields, points, red flags, text, notes and buttons', () => {
    const grade = {
      ...gradeOf(3, 'You said "we fixed it".'),
      star: { situation: 'present', task: 'present', action: 'thin', result: 'missing' } as const,
      redFlags: ['Blames others'],
    };
    const reply: Reply = {
      type: 'feedback',
      private: false,
      actions: actions('sample').map((action) => ({ ...action, questionId: 'q1' })),
      status: 'final',
      text: grade.feedback,
      grade,
      source: { source: 'llm', usage: null },
      notes: ['I removed a date of birth from your answer before saving it.'],
    };
    const [message] = renderReply(reply, { thread: '1.0' });
    const blocks = message!.blocks as { type: string; fields?: { text: string }[] }[];
    expect(blocks.map((block) => block.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'section',
      'context',
      'actions',
    ]);
    expect(blocks[1]!.fields!.map((field) => field.text)).toEqual([
      ':white_check_mark: *Situation*',
      ':white_check_mark: *Task*',
      ':warning: *Action* · thin',
      ':x: *Result* · missing',
    ]);
    expect(sectionText(blocks[3])).toBe(':triangular_flag_on_post: *Red flag:* Blames others');
    const [sample] = (blocks[6] as unknown as { elements: { value: string }[] }).elements;
    expect(decodeButtonValue(sample!.value)).toEqual({ thread: '1.0', questionId: 'q1' });
  });

  it('shows the placeholder as a quiet line', () => {
    const reply: Reply = {
      type: 'feedback',
      private: false,
      actions: [],
      status: 'pending',
      text: 'Grading your answer…',
      grade: null,
      source: null,
      notes: [],
    };
    expect(renderReply(reply)[0]!.blocks).toEqual([
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Grading your answer…' }] },
    ]);
  });
});

describe('progress', () => {
  it('draws a ten-cell bar per competency', () => {
    expect(bar(3.5)).toBe('███████░░░');
    expect(bar(5)).toBe('██████████');
    const blocks = progressBlocks({
      sessions: 2,
      answered: 4,
      average: 3.3,
      byCompetency: [{ competency: 'e-m-levels', name: 'E/M levels', average: 2.5, attempts: 2 }],
      byKind: [],
      weakest: ['E/M levels'],
      next: { packId: 'medical-coding', kind: 'technical' },
      streak: 3,
      practisedToday: true,
      due: 2,
      weekPoints: 40,
      voice: null,
      peer: null,
    });
    const text = JSON.stringify(blocks);
    expect(text).toContain('`█████░░░░░` 2.5  E/M levels (2)');
    expect(text).toContain('/coach start medical-coding technical');
    expect(text).toContain('*Streak*\\n3 days');
    expect(text).not.toContain(':studio_microphone:');
  });

  it('adds the voice line once there are spoken answers', () => {
    const voiceText = 'Voice answers: 4 · pace 182 → 151 words a minute · fillers 5.2 → 1.9 a minute';
    const blocks = progressBlocks({
      sessions: 1,
      answered: 4,
      average: 3,
      byCompetency: [],
      byKind: [],
      weakest: [],
      next: { packId: 'medical-coding' },
      streak: 1,
      practisedToday: true,
      due: 0,
      weekPoints: 10,
      voice: {
        answers: 4,
        wordsPerMinute: { first: 182, latest: 151 },
        fillersPerMinute: { first: 5.2, latest: 1.9 },
        text: voiceText,
      },
      peer: null,
    });
    expect(blocks.map(sectionText)).toContain(`:studio_microphone: ${voiceText}`);
  });

  it('shows peer-scored answers apart from the graded figures, even when there are none graded', () => {
    const history = recordPeerAttempt(
      emptyHistory(),
      peerAttempt('2026-11-23T10:00:00Z', 'q-<b>', 4, { covered: 2, partner: 'U2' }),
      '2026-11-23',
    );
    const blocks = progressBlocks(buildProgress(history, 'mini', '2026-11-23'));
    const text = JSON.stringify(blocks);
    expect(blocks.map(sectionText)).not.toContain(escapeMrkdwn(wording.homeEmpty()));
    expect(text).toContain('*Answered*\\n0');
    expect(text).toContain('*Streak*\\n1 day :white_check_mark:');
    expect(blocks.map(sectionText)).toContain(
      ':handshake: Peer-scored answers: 1 · average 4/5 (scored by your interview partners, not in the graded figures)',
    );
    // The question id is stored data: escaped like any other text.
    expect(text).toContain('4/5 · q-&lt;b&gt; · 2026-11-23');
  });
});

describe('assignments', () => {
  const assignment = {
    id: 'a1',
    packId: 'medical-coding',
    questionIds: ['q1', 'q2', 'q3'],
    due: '2026-12-01',
    assignedBy: 'UTEACH',
    assignedAt: 0,
  };

  it('lists a member’s assignments before anything else in progress, with status and count', () => {
    const blocks = progressBlocks({
      sessions: 0,
      answered: 0,
      average: null,
      byCompetency: [],
      byKind: [],
      weakest: [],
      next: { packId: 'medical-coding' },
      streak: 0,
      practisedToday: false,
      due: 0,
      weekPoints: 0,
      voice: null,
      peer: null,
      assignments: [
        {
          assignment,
          cohort: 'CBETA',
          answered: ['q1'],
          remaining: ['q2', 'q3'],
          status: 'overdue',
          packTitle: 'Coding <Specialist>',
        },
      ],
    });
    expect(blocks.map(sectionText).slice(1, 3)).toEqual([
      '*Your assignments*',
      ':warning: overdue  *Coding &lt;Specialist&gt;* · 1 of 3 · due 2026-12-01 · <#CBETA>',
    ]);
  });

  it('marks the core’s assignment notice and keeps its channel a link', () => {
    const reply: Reply = {
      type: 'notice',
      private: true,
      actions: [],
      code: 'assignment',
      text: 'Assignment for <#CBETA>: 0 of 3 done, due 2026-12-01.',
    };
    expect(sectionText(renderReply(reply)[0]!.blocks[0])).toBe(
      ':clipboard: Assignment for <#CBETA>: 0 of 3 done, due 2026-12-01.',
    );
  });
});

it('shows ten assignments at most, and says how many more there are', () => {
  const row = (id: string) => ({
    assignment: {
      id,
      packId: 'medical-coding',
      questionIds: ['q1'],
      due: '2026-12-01',
      assignedBy: 'UTEACH',
      assignedAt: 0,
    },
    cohort: 'CBETA',
    answered: [],
    remaining: ['q1'],
    status: 'in-progress' as const,
    packTitle: `Pack ${id}`,
  });
  const text = JSON.stringify(assignmentBlocks(Array.from({ length: 12 }, (_, n) => row(`a${n}`))));
  expect(text).toContain('Pack a9');
  expect(text).not.toContain('Pack a10');
  expect(text).toContain('and 2 more');
});

describe('a spoken answer’s transcript', () => {
  const transcript = (
    status: 'pending' | 'final' | 'failed',
    text: string,
    words: string | null = null,
  ): Reply => ({
    type: 'transcript',
    private: false,
    actions: [],
    status,
    text,
    transcript: words,
    delivery: null,
  });
  const shown = (reply: Reply) =>
    renderReply(reply)
      .flatMap((message) => message.blocks)
      .map((block) => sectionText(block) || JSON.stringify(block))
      .join('\n');

  it('is a grey microphone line while it is transcribed', () => {
    const [message] = renderReply(transcript('pending', 'Transcribing your 0:42 answer…'));
    expect(message!.blocks).toEqual([
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: ':studio_microphone: Transcribing your 0:42 answer…' }],
      },
    ]);
  });

  it('shows what was heard with the member’s words quoted line by line, escaped', () => {
    const reply = transcript(
      'final',
      'Heard 0:42 of speech.\nSlow down.',
      'I told <!here> & <@U2>\n\nthen > left',
    );
    expect(shown(reply)).toBe(
      ':studio_microphone: Heard 0:42 of speech.\nSlow down.\n> I told &lt;!here&gt; &amp; &lt;@U2&gt;\n> then &gt; left',
    );
  });

  it('says what went wrong as a warning', () => {
    expect(shown(transcript('failed', 'Could not transcribe that recording.'))).toBe(
      ':warning: Could not transcribe that recording.',
    );
  });

  it('splits a long transcript into quoted sections within Slack’s limit', () => {
    const words = Array.from({ length: 40 }, (_, n) => `line ${n} ${'<'.repeat(300)}`).join('\n');
    const blocks = quotedSections(words);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      const text = sectionText(block);
      expect(text.length).toBeLessThanOrEqual(3000);
      expect(text.split('\n').every((line) => line.startsWith('> '))).toBe(true);
    }
    expect(blocks.map(sectionText).join('\n')).not.toContain('<');
  });
});
