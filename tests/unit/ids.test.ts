import { afterEach, describe, expect, it, vi } from 'vitest';
import { sortableId, sortableIdMaker } from '../../src/ids.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('sortable ids', () => {
  it('are URL-safe, 23 characters, and never repeat', () => {
    const ids = Array.from({ length: 5000 }, () => sortableId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{14}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sort by the moment they were made, so an index takes them in order', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'));
    const first = sortableId();
    vi.setSystemTime(new Date('2026-11-28T10:00:00.001Z'));
    const second = sortableId();
    vi.setSystemTime(new Date('2031-01-01T00:00:00.000Z'));
    const later = sortableId();
    expect([later, second, first].sort()).toEqual([first, second, later]);
  });

  it('come from one draw for a whole import, all distinct', () => {
    const next = sortableIdMaker(1000);
    const ids = Array.from({ length: 1000 }, () => next());
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids.map((id) => id.slice(0, 9))).size).toBe(1);
  });
});
