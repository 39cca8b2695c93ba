// Unit tests for js/json.js: JSON text the host page's own toJSON methods cannot change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJson } from '../../js/json.js';

test("Prototype.js-style toJSON on Array and String is ignored, then put back as it was", () => {
  const arrayToJson = function () {
    return '[' + this.join(',') + ']';
  };
  const stringToJson = function () {
    return '"' + this + '"';
  };
  Object.defineProperty(Array.prototype, 'toJSON', { configurable: true, writable: true, value: arrayToJson });
  Object.defineProperty(String.prototype, 'toJSON', { configurable: true, writable: true, value: stringToJson });
  try {
    const value = { answers: [{ value: ['late', 'damaged'] }], comment: 'ok' };
    assert.equal(JSON.stringify(value), '{"answers":"[[object Object]]","comment":"ok"}');
    assert.equal(toJson(value), '{"answers":[{"value":["late","damaged"]}],"comment":"ok"}');
    assert.equal(Array.prototype.toJSON, arrayToJson);
    assert.equal(String.prototype.toJSON, stringToJson);
    assert.equal(Object.getOwnPropertyDescriptor(Array.prototype, 'toJSON').enumerable, false);
  } finally {
    delete Array.prototype.toJSON;
    delete String.prototype.toJSON;
  }
});

test('without such methods it is JSON.stringify; Date keeps its own toJSON', () => {
  const v = { a: [1, 'b', true, null], d: new Date(Date.UTC(2026, 10, 26)) };
  assert.equal(toJson(v), JSON.stringify(v));
  assert.ok(!Object.prototype.hasOwnProperty.call(Array.prototype, 'toJSON'));
});
