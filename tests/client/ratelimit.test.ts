import { parseList, parseRatelimit, parseRatelimitPolicy } from "../../provider/client";

describe("Ratelimit header parsing", () => {
  it("reads Cloudflare's documented examples", () => {
    expect(parseRatelimit('"default";r=50;t=30')).toEqual([{ name: "default", remaining: 50, resetSeconds: 30 }]);
    expect(parseRatelimitPolicy('"burst";q=100;w=60')).toEqual([{ name: "burst", quota: 100, windowSeconds: 60 }]);
  });

  it("reads several items, in one field or in repeated fields", () => {
    const one = parseRatelimit('"default";r=1150;t=280, "burst";r=4;t=1');
    expect(one).toEqual([
      { name: "default", remaining: 1150, resetSeconds: 280 },
      { name: "burst", remaining: 4, resetSeconds: 1 },
    ]);
    expect(parseRatelimit(['"default";r=1150;t=280', '"burst";r=4;t=1'])).toEqual(one);
    expect(parseRatelimitPolicy('"default";q=1200;w=300,"burst";q=200;w=1')).toEqual([
      { name: "default", quota: 1200, windowSeconds: 300 },
      { name: "burst", quota: 200, windowSeconds: 1 },
    ]);
  });

  it("accepts tokens as names, whitespace, parameter order and case, unknown parameters", () => {
    expect(parseRatelimit(' default ; T = 30 ; r=7 ;x="y";flag ')).toEqual([{ name: "default", remaining: 7, resetSeconds: 30 }]);
    expect(parseList('default;t=30;r=7;flag;s="a b"')).toEqual([{ name: "default", params: { t: 30, r: 7, flag: true, s: "a b" } }]);
  });

  it("keeps commas, semicolons and escaped quotes inside quoted strings", () => {
    expect(parseList('"a,b;c";r=1;t=2, "say \\"hi\\"";r=3;t=4')).toEqual([
      { name: "a,b;c", params: { r: 1, t: 2 } },
      { name: 'say "hi"', params: { r: 3, t: 4 } },
    ]);
  });

  it("skips items without r and t (or q), with negative or non-numeric values, and never throws on garbage", () => {
    expect(parseRatelimit('"default";r=50')).toEqual([]);
    expect(parseRatelimit('"default";t=50')).toEqual([]);
    expect(parseRatelimit('"default";r=-1;t=5, "ok";r=2;t=5')).toEqual([{ name: "ok", remaining: 2, resetSeconds: 5 }]);
    expect(parseRatelimit('"default";r="50";t=30')).toEqual([]);
    expect(parseRatelimitPolicy('"default";q=0;w=300, "x";w=5')).toEqual([]);
    expect(parseRatelimitPolicy('"default";q=1200')).toEqual([{ name: "default", quota: 1200, windowSeconds: undefined }]);
    for (const junk of ["", ";;;", ",,,", '"unterminated;r=1;t=2', "r=5", "=;=,", "\u0000", '"";r=1;t=1', "(x);r=1;t=1"]) {
      expect(() => parseRatelimit(junk)).not.toThrow();
      expect(parseRatelimit(junk)).toEqual([]);
    }
    expect(parseRatelimit(undefined)).toEqual([]);
    expect(parseRatelimit('"default";r=1.9;t=0.5')).toEqual([{ name: "default", remaining: 1, resetSeconds: 0.5 }]);
  });
});
