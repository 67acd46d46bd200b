import { instantOf, keepInstants, sameInstant } from "../../shared/times";

/** The live API answers a create in nanoseconds and later reads in the microseconds it stored. */
describe("times at another precision", () => {
  test("a time rounded or cut to microseconds is the same instant; a microsecond apart is not", () => {
    expect(sameInstant("2025-03-13T14:28:47.054317925Z", "2025-03-13T14:28:47.054318Z")).toBe(true);
    expect(sameInstant("2026-12-06T20:57:37.123456789Z", "2026-12-06T20:57:37.123456Z")).toBe(true);
    expect(sameInstant("2026-12-06T20:57:37Z", "2026-12-06T20:57:37.000Z")).toBe(true);
    expect(sameInstant("2026-12-06T21:57:37+01:00", "2026-12-06T20:57:37Z")).toBe(true);
    expect(sameInstant("2026-12-06T20:57:37.123456Z", "2026-12-06T20:57:37.123458Z")).toBe(false);
    expect(sameInstant("not a time", "not a time")).toBe(false);
    expect(instantOf("2026-12-06T20:57:37.5Z")).toBe(BigInt(Date.parse("2026-12-06T20:57:37.500Z")) * 1_000_000n);
  });

  test("state keeps its spelling of the same instant, deep and in arrays paired by id; other changes come through", () => {
    const state = {
      createdOn: "2026-12-06T20:57:37.123456789Z",
      modifiedOn: "2026-12-06T20:57:37.123456789Z",
      pskMetadata: { lastGeneratedOn: "2026-12-06T20:57:38.000000400Z" },
      routes: [
        { id: "a", createdOn: "2026-12-06T20:57:39.111111111Z" },
        { id: "b", createdOn: "2026-12-06T20:57:40.222222222Z" },
      ],
      description: "x",
    };
    const read = {
      createdOn: "2026-12-06T20:57:37.123457Z",
      modifiedOn: "2026-12-06T21:00:00.5Z",
      pskMetadata: { lastGeneratedOn: "2026-12-06T20:57:38Z" },
      routes: [
        { id: "b", createdOn: "2026-12-06T20:57:40.222222Z" },
        { id: "a", createdOn: "2026-12-06T20:57:39.111111Z" },
      ],
      description: "y",
    };
    expect(keepInstants(read, state)).toEqual({
      createdOn: "2026-12-06T20:57:37.123456789Z",
      modifiedOn: "2026-12-06T21:00:00.5Z",
      pskMetadata: { lastGeneratedOn: "2026-12-06T20:57:38.000000400Z" },
      routes: [
        { id: "b", createdOn: "2026-12-06T20:57:40.222222222Z" },
        { id: "a", createdOn: "2026-12-06T20:57:39.111111111Z" },
      ],
      description: "y",
    });
  });
});
