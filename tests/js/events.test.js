// Unit tests for js/events.js: order, off, and listeners that throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmitter } from '../../js/events.js';

test('listeners run in order, off removes one or all, clear removes everything', (t) => {
  t.mock.method(console, 'warn', () => {});
  const e = createEmitter();
  const seen = [];
  const a = (d) => seen.push('a' + d);
  const b = (d) => seen.push('b' + d);
  e.on('x', a);
  e.on('x', () => {
    throw new Error('host bug');
  });
  e.on('x', b);
  e.emit('x', 1);
  assert.deepEqual(seen, ['a1', 'b1']);
  assert.equal(console.warn.mock.callCount(), 1);
  e.off('x', a);
  e.emit('x', 2);
  assert.deepEqual(seen, ['a1', 'b1', 'b2']);
  e.off('x');
  e.emit('x', 3);
  e.on('y', a);
  e.clear();
  e.emit('y', 4);
  assert.deepEqual(seen, ['a1', 'b1', 'b2']);
});
