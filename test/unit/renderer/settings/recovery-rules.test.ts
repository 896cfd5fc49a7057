import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeProblem, setupProblems, setupSentence } from '../../../../renderer/settings/recovery-rules.ts';

test('a recovery setup takes 2 to 10 friends and a threshold from 2 to their number, in words', () => {
  assert.deepEqual(setupProblems(3, '2'), {});
  assert.deepEqual(setupProblems(2, '2'), {});
  assert.deepEqual(setupProblems(10, ' 10 '), {});
  assert.match(setupProblems(0, '2').friends ?? '', /at least 2 friends/);
  assert.match(setupProblems(1, '2').friends ?? '', /one more/);
  assert.match(setupProblems(11, '3').friends ?? '', /at most 10 friends; you chose 11/);
  assert.match(setupProblems(3, '').threshold ?? '', /how many friends/);
  assert.match(setupProblems(3, 'two').threshold ?? '', /whole number/);
  assert.match(setupProblems(3, '2.5').threshold ?? '', /whole number/);
  assert.match(setupProblems(3, '1').threshold ?? '', /At least 2/);
  assert.match(setupProblems(3, '4').threshold ?? '', /At most 3: you chose 3 friends/);
  // With too few friends, only the friends are wrong: the threshold cannot be judged yet.
  assert.deepEqual(Object.keys(setupProblems(1, '3')), ['friends']);
});

test('what a setup means, and what a pasted code lacks', () => {
  assert.equal(setupSentence(2, 3), 'Any 2 of your 3 friends together can help you get your key back; one alone learns nothing about it.');
  assert.match(setupSentence(3, 5), /2 together learn nothing/);
  assert.match(codeProblem('') ?? '', /Paste the code/);
  assert.match(codeProblem('kithi1abc') ?? '', /starts with kithr1/);
  assert.match(codeProblem('kithr1ab cd') ?? '', /spaces/);
  assert.equal(codeProblem('  kithr1eyJ2IjoxfQ  '), undefined);
});
