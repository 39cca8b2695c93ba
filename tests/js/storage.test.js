// Unit tests for js/storage.js: localStorage round trip, memory fallback, never throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStorage } from '../../js/storage.js';

/** A Map-backed Storage look-alike; `fail` makes chosen methods throw. */
function fake_storage(fail = {}) {
  const map = new Map();
  return {
    map,
    getItem(k) {
      if (fail.get) throw new Error('get blocked');
      return map.has(k) ? map.get(k) : null;
    },
    setItem(k, v) {
      if (fail.set) throw new Error('QuotaExceededError');
      map.set(k, String(v));
    },
    removeItem(k) {
      if (fail.remove) throw new Error('remove blocked');
      map.delete(k);
    },
  };
}

/** Runs fn with globalThis.localStorage replaced by value (or a throwing getter). */
function with_local_storage(value, fn, throwing = false) {
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    get() {
      if (throwing) throw new Error('SecurityError');
      return value;
    },
  });
  try {
    fn();
  } finally {
    if (desc) Object.defineProperty(globalThis, 'localStorage', desc);
    else delete globalThis.localStorage;
  }
}

test('round trip of JSON values in localStorage under a prefixed key', () => {
  const ls = fake_storage();
  with_local_storage(ls, () => {
    const s = createStorage('seen');
    assert.equal(s.persistent, true);
    assert.equal(s.get('a'), undefined);
    assert.equal(s.set('a', { n: 1, l: [true, 'x'] }), true);
    assert.deepEqual(s.get('a'), { n: 1, l: [true, 'x'] });
    assert.equal(ls.map.get('pepite:seen:a'), '{"n":1,"l":[true,"x"]}');
    s.remove('a');
    assert.equal(s.get('a'), undefined);
    assert.equal(ls.map.size, 0);
  });
});

test('namespaces do not collide', () => {
  with_local_storage(fake_storage(), () => {
    const a = createStorage('a');
    const b = createStorage('b');
    a.set('k', 1);
    b.set('k', 2);
    assert.equal(a.get('k'), 1);
    assert.equal(b.get('k'), 2);
  });
});

test('a throwing localStorage getter falls back to memory and reports once', () => {
  with_local_storage(
    null,
    () => {
      const errors = [];
      const s = createStorage('mem1', (e) => errors.push(e));
      assert.equal(s.persistent, false);
      assert.equal(s.set('k', [1, 2]), false);
      assert.deepEqual(s.get('k'), [1, 2]);
      s.remove('k');
      assert.equal(s.get('k'), undefined);
      assert.equal(errors.length, 1);
    },
    true,
  );
});

test('quota errors on write keep the newest value in memory', () => {
  const ls = fake_storage();
  with_local_storage(ls, () => {
    const errors = [];
    const s = createStorage('quota', (e) => errors.push(e));
    s.set('k', 'old');
    ls.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    assert.equal(s.set('k', 'new'), false);
    assert.equal(s.get('k'), 'new');
    assert.equal(errors.length, 1);
  });
});

test('every method survives a storage whose methods all throw', () => {
  const ls = fake_storage();
  with_local_storage(ls, () => {
    const s = createStorage('broken', () => {
      throw new Error('listener failure is swallowed');
    });
    ls.getItem = ls.setItem = ls.removeItem = () => {
      throw new Error('gone');
    };
    assert.doesNotThrow(() => s.set('k', 1));
    assert.equal(s.get('k'), 1);
    assert.doesNotThrow(() => s.remove('k'));
    assert.equal(s.get('k'), undefined);
  });
});

test('corrupt JSON and unserialisable values read as undefined / are refused', () => {
  const ls = fake_storage();
  with_local_storage(ls, () => {
    const s = createStorage('bad');
    ls.map.set('pepite:bad:k', '{not json');
    assert.equal(s.get('k'), undefined);
    const cyclic = {};
    cyclic.self = cyclic;
    assert.equal(s.set('c', cyclic), false);
    assert.equal(s.set('u', undefined), false);
    assert.equal(s.get('c'), undefined);
  });
});

test('works in Node without any localStorage', () => {
  with_local_storage(undefined, () => {
    const s = createStorage('none');
    assert.equal(s.persistent, false);
    s.set('k', 'v');
    assert.equal(s.get('k'), 'v');
  });
});
