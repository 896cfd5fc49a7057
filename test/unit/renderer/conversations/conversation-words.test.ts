import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgreementView } from '../../../../src/api/methods/agreements.ts';
import type { ConversationView, MessageView } from '../../../../src/api/methods/conversations.ts';
import {
  agreementsWith,
  agreementWords,
  filterConversations,
  lastLine,
  newestFirst,
  quoteOf,
  replyWords,
  sequenceGaps,
  STATUS_WORDS,
  textCount,
  textProblem,
  unreadTotal,
} from '../../../../renderer/conversations/conversation-words.ts';

const ANA = 'did:key:z6MkAna';
const SHOP = 'did:key:z6MkShop';

function message(id: string, seq: number, over: Partial<MessageView> = {}): MessageView {
  return { id, threadId: 'a'.repeat(26), from: ANA, mine: false, text: `text ${id}`, time: '2026-12-07T10:00:00.000Z', seq, status: 'delivered', attachments: [], ...over };
}

function conversation(peerName: string, over: Partial<ConversationView> = {}): ConversationView {
  return { peer: `did:key:z6Mk${peerName}`, peerName, kind: 'person', unread: 0, ...over };
}

function agreement(id: string, over: Partial<AgreementView> = {}): AgreementView {
  return {
    id,
    role: 'customer',
    purpose: 'Delivery of my orders',
    terms: [],
    with: { peerId: '12D3', did: SHOP, petname: 'Livraria' },
    signers: [],
    status: 'active',
    created: '2026-12-01T00:00:00.000Z',
    grants: [],
    ...over,
  } as AgreementView;
}

test('each delivery state has words of its own', () => {
  assert.deepEqual(
    Object.values(STATUS_WORDS).map((words) => words.label),
    ['Sent', 'Delivered', 'Read'],
  );
});

test('the composer counts against the limit and says what to remove', () => {
  assert.equal(textCount('hello', 10), '5 of 10 characters');
  assert.equal(textCount('hello world!', 10), '12 of 10 characters: remove 2');
  assert.equal(textProblem('  \n ', 10), 'Write something first.');
  assert.equal(textProblem('hello world!', 10), 'A message holds at most 10 characters: remove 2.');
  assert.equal(textProblem('hello', 10), undefined);
  assert.equal(textProblem('x'.repeat(4000)), undefined, 'the contract’s limit by default');
  assert.match(textProblem('x'.repeat(4001)) ?? '', /at most 4000 characters: remove 1\./);
});

test('a quote is the first line with words, shortened', () => {
  assert.equal(quoteOf('\n  Where is my order?\nIt was due Monday.'), 'Where is my order?');
  assert.equal(quoteOf('abcdefghij', 5), 'abcd…');
  assert.equal(quoteOf(''), '');
});

test('a reply says whose message it answers, or that it is gone', () => {
  const thread = [message('m1', 1, { text: 'Is it in stock?' }), message('m2', 1, { mine: true, from: SHOP, text: 'Yes, two left' })];
  assert.equal(replyWords(thread, 'm1', 'Ana'), 'In answer to Ana: “Is it in stock?”');
  assert.equal(replyWords(thread, 'm2', 'Ana'), 'In answer to you: “Yes, two left”');
  assert.equal(replyWords(thread, 'gone', 'Ana'), 'In answer to a message that is no longer here');
});

test('a gap in one sender’s numbering is found; the other sender’s numbers are their own', () => {
  const thread = [message('a1', 1), message('b1', 1, { from: SHOP, mine: true }), message('a2', 2), message('a5', 5), message('b2', 2, { from: SHOP, mine: true })];
  assert.deepEqual([...sequenceGaps(thread)], [['a5', 2]]);
  assert.deepEqual([...sequenceGaps([message('a3', 3)])], [['a3', 2]], 'the first messages are missing too');
  assert.equal(sequenceGaps([message('a2', 2), message('a1', 1)]).size, 0, 'out of order in the list is no gap');
});

test('the agreement a message is tied to is named by its vendor and purpose', () => {
  const agreements = [agreement('g1'), agreement('g2', { status: 'ended', purpose: 'Invoices' })];
  assert.equal(agreementWords(agreements, 'g1'), 'the agreement with Livraria for “Delivery of my orders”');
  assert.equal(agreementWords(agreements, 'g2'), 'the agreement with Livraria for “Invoices” (ended)');
  assert.equal(agreementWords(agreements, 'g9'), 'an agreement that is no longer listed');
  assert.equal(agreementWords(undefined, 'g1'), 'an agreement', 'while the agreements load');
});

test('a new message can be tied to the agreements in force with that peer, newest first', () => {
  const agreements = [
    agreement('old', { created: '2026-11-01T00:00:00.000Z' }),
    agreement('new', { created: '2026-12-05T00:00:00.000Z' }),
    agreement('ended', { status: 'ended' }),
    agreement('other', { with: { peerId: 'x', did: ANA, petname: 'Ana' } }),
  ];
  assert.deepEqual(
    agreementsWith(agreements, SHOP).map((a) => a.id),
    ['new', 'old'],
  );
  assert.deepEqual(agreementsWith(undefined, SHOP), []);
});

test('the list line, unread counts and order', () => {
  const time = '2026-12-07T10:00:00.000Z';
  assert.equal(lastLine(conversation('Ana')), 'No messages yet');
  assert.equal(lastLine(conversation('Ana', { last: { id: 'a'.repeat(26), from: ANA, mine: false, summary: 'Hi', time, status: 'read' } })), 'Hi');
  assert.equal(lastLine(conversation('Ana', { last: { id: 'a'.repeat(26), from: SHOP, mine: true, summary: 'Hello', time, status: 'sent' } })), 'You: Hello');
  assert.equal(unreadTotal([conversation('Ana', { unread: 2 }), conversation('Bea', { unread: 3 }), conversation('Cy')]), 5);
  assert.equal(unreadTotal(undefined), 0);
  const last = (t: string) => ({ id: 'a'.repeat(26), from: ANA, mine: false, summary: 's', time: t, status: 'sent' as const });
  assert.deepEqual(
    newestFirst([conversation('Old', { last: last('2026-12-01T00:00:00.000Z') }), conversation('Empty'), conversation('New', { last: last('2026-12-07T00:00:00.000Z') })]).map((c) => c.peerName),
    ['New', 'Old', 'Empty'],
  );
});

test('the vendor inbox finds a customer by name, DID or the newest message, ignoring case', () => {
  const time = '2026-12-07T10:00:00.000Z';
  const list = [
    conversation('Ana Lima', { last: { id: 'a'.repeat(26), from: ANA, mine: false, summary: 'Where is order 1042?', time, status: 'read' } }),
    conversation('Bea', { peer: 'did:key:z6MkBeaXYZ' }),
  ];
  const names = (search: string) => filterConversations(list, search).map((c) => c.peerName);
  assert.deepEqual(names('  '), ['Ana Lima', 'Bea']);
  assert.deepEqual(names('ana'), ['Ana Lima']);
  assert.deepEqual(names('ORDER 1042'), ['Ana Lima']);
  assert.deepEqual(names('beaxyz'), ['Bea']);
  assert.deepEqual(names('nobody'), []);
});
