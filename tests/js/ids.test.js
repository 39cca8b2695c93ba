// Unit tests for js/ids.js: response ids are RFC 4122 v4 UUIDs, also without randomUUID.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newResponseId, newSenderKey } from '../../js/ids.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('randomUUID path', () => {
  const ids = new Set(Array.from({ length: 100 }, newResponseId));
  assert.equal(ids.size, 100);
  for (const id of ids) assert.match(id, UUID);
});

test('getRandomValues fallback', (t) => {
  const original = globalThis.crypto.randomUUID;
  t.after(() => {
    globalThis.crypto.randomUUID = original;
  });
  globalThis.crypto.randomUUID = () => {
    throw new Error('insecure context');
  };
  const ids = new Set(Array.from({ length: 100 }, newResponseId));
  assert.equal(ids.size, 100);
  for (const id of ids) assert.match(id, UUID);
});

test('sender keys: 64 hex digits from getRandomValues, a new one each time (issue 17)', () => {
  const keys = new Set(Array.from({ length: 100 }, newSenderKey));
  assert.equal(keys.size, 100);
  for (const key of keys) assert.match(/** @type {string} */ (key), /^[0-9a-f]{64}$/);
});

test('no sender key without getRandomValues (never Math.random for a secret)', (t) => {
  const original = globalThis.crypto.getRandomValues;
  t.after(() => {
    globalThis.crypto.getRandomValues = original;
  });
  // @ts-ignore: a browser without it
  globalThis.crypto.getRandomValues = undefined;
  assert.equal(newSenderKey(), undefined);
});
