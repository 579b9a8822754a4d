import { describe, expect, it } from 'vitest';
import { goQueryEncode, goQueryEscape, withPathAndQuery } from './go-query.js';

describe("Go's url query encoding", () => {
  it.each([
    ['abc-_.~', 'abc-_.~'],
    ['a b', 'a+b'],
    ["!*'()", '%21%2A%27%28%29'],
    ['ä/&=+', '%C3%A4%2F%26%3D%2B'],
  ])('QueryEscape(%j) = %j', (s, want) => {
    expect(goQueryEscape(s)).toBe(want);
  });

  it('sorts keys as url.Values.Encode does and appends to the path', () => {
    expect(goQueryEncode({ corpsecret: 's', corpid: 'c' })).toBe('corpid=c&corpsecret=s');
    expect(withPathAndQuery('https://u:p@qyapi.example/cgi-bin/?x=1', 'gettoken', 'a=b')).toBe(
      'https://u:p@qyapi.example/cgi-bin/gettoken?a=b',
    );
  });
});
