import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract, type MethodName } from '../../../src/api/contract.ts';
import { PATH_FIELDS, PathGrants, ungrantedPath } from '../../../electron/path-grants.ts';

test('every contract input field that is a file path is gated', () => {
  for (const [method, spec] of Object.entries(contract) as [MethodName, (typeof contract)[MethodName]][]) {
    const shape = (spec.input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    const pathFields = Object.keys(shape).filter((key) => /path/i.test(key));
    if (pathFields.length === 0) continue;
    assert.deepEqual(pathFields, [PATH_FIELDS[method]?.field], `${method} takes ${pathFields.join(', ')}: add it to PATH_FIELDS`);
  }
});

test('grants: read for dropped files, write for saved ones, and they expire', () => {
  let now = 1_000;
  const grants = new PathGrants(() => now);
  grants.grant('/a', 'read');
  grants.grant('/b', 'write');
  assert.equal(grants.allows('/a', 'read'), true);
  assert.equal(grants.allows('/a', 'write'), false);
  assert.equal(grants.allows('/b', 'write'), true);
  assert.equal(grants.allows('/b', 'read'), true);
  grants.grant('/b', 'read'); // dropping a file you just saved keeps the write grant
  assert.equal(grants.allows('/b', 'write'), true);
  assert.equal(grants.allows('/c', 'read'), false);
  now += 31 * 60 * 1000;
  assert.equal(grants.allows('/a', 'read'), false);
});

test('grants are bounded: the oldest go first', () => {
  const grants = new PathGrants();
  for (let i = 0; i < 300; i++) grants.grant(`/file-${i}`, 'read');
  assert.equal(grants.allows('/file-0', 'read'), false);
  assert.equal(grants.allows('/file-299', 'read'), true);
});

test('ungrantedPath names the path only for gated fields holding strings', () => {
  const grants = new PathGrants();
  assert.equal(ungrantedPath('data.list', { path: '/x' }, grants), undefined);
  assert.equal(ungrantedPath('doc.add', { path: 42 }, grants), undefined, 'left to the schema');
  assert.equal(ungrantedPath('doc.add', null, grants), undefined);
  assert.equal(ungrantedPath('doc.add', { path: '/x' }, grants), '/x');
  assert.equal(ungrantedPath('doc.get', { id: 'abcdefgh', outPath: '/y' }, grants), '/y');
});
