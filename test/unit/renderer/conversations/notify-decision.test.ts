import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permissionOffer, shouldNotify } from '../../../../renderer/conversations/notify-decision.ts';

const ANA = 'did:key:z6MkAna';
const BEA = 'did:key:z6MkBea';

test('a new message notifies only with permission', () => {
  for (const permission of ['default', 'denied', 'unsupported'] as const) assert.equal(shouldNotify(ANA, { permission, onScreen: undefined, attending: false }), false, permission);
  assert.equal(shouldNotify(ANA, { permission: 'granted', onScreen: undefined, attending: true }), true);
});

test('not for the conversation the person is reading, unless the window is out of view', () => {
  assert.equal(shouldNotify(ANA, { permission: 'granted', onScreen: ANA, attending: true }), false);
  assert.equal(shouldNotify(BEA, { permission: 'granted', onScreen: ANA, attending: true }), true, 'another conversation');
  assert.equal(shouldNotify(ANA, { permission: 'granted', onScreen: ANA, attending: false }), true, 'the window is hidden or in the background');
});

test('the screen offers to ask, says it is blocked, or says nothing', () => {
  assert.equal(permissionOffer('default'), 'ask');
  assert.equal(permissionOffer('denied'), 'blocked');
  assert.equal(permissionOffer('granted'), 'none');
  assert.equal(permissionOffer('unsupported'), 'none');
});
