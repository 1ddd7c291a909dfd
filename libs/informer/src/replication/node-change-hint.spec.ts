import { parseNodeChangeHint } from './node-change-hint';

describe('parseNodeChangeHint', () => {
  it('reads a change hint and a removal hint', () => {
    expect([parseNodeChangeHint('{"cluster":"a","seq":7}'), parseNodeChangeHint('{"cluster":"a","seq":-1,"removed":true}')]).toEqual([
      { cluster: 'a', seq: 7, removed: false },
      { cluster: 'a', seq: -1, removed: true },
    ]);
  });

  it.each(['not json', 'null', '{"cluster":1,"seq":2}', '{"cluster":"a"}', '{"cluster":"a","seq":"3"}'])('ignores %s', (payload) => {
    expect(parseNodeChangeHint(payload)).toBeNull();
  });
});
