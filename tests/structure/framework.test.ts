/**
 * The framework (provider/framework/) speaks no resource's language: a rule about one kind of
 * object lives in that object's definition (provider/resources/), never in the generic layer. Its
 * provider class only coordinates; the work is in the codec, the lifecycles and the endpoint.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { importsOf, sources } from "./sources";

const REPO = path.join(__dirname, "..", "..");

const framework = sources("provider/framework");
/** `route`, `routes`, `RouteTable`, `routing`: any word about routes. */
const ROUTE_WORD = /rout(e|ing)/i;

describe("the framework", () => {
  it("is the files it is made of", () => {
    expect(framework).toEqual(
      expect.arrayContaining([
        "provider/framework/provider.ts",
        "provider/framework/codec.ts",
        "provider/framework/vocabulary.ts",
        "provider/framework/coalesce.ts",
        "provider/framework/lifecycle/object.ts",
      ]),
    );
  });

  it("has no route word: routes are a resource (provider/resources/magic/routes/), not the framework", () => {
    const said = framework.flatMap((f) =>
      fs
        .readFileSync(path.join(REPO, f), "utf8")
        .split("\n")
        .map((line, i) => ({ at: `${f}:${i + 1}`, line }))
        .filter(({ line }) => ROUTE_WORD.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(said).toEqual([]);
  });

  it("the check itself catches a route word in any form", () => {
    for (const said of ["coalesced 3 route updates", "RouteTable's entries", "updateRoute(", "routing table"])
      expect(ROUTE_WORD.test(said)).toBe(true);
    expect(ROUTE_WORD.test("the output of a read")).toBe(false);
  });

  it("imports nothing of the resources: definitions depend on the framework, never the reverse", () => {
    const bad = framework.flatMap((f) =>
      importsOf(f)
        .filter((t) => t.startsWith("provider/resources/") || t.startsWith("provider/registry"))
        .map((t) => `${f} -> ${t}`),
    );
    expect(bad).toEqual([]);
  });

  it("its provider class coordinates in about 200 lines", () => {
    const lines = fs.readFileSync(path.join(REPO, "provider/framework/provider.ts"), "utf8").split("\n").length;
    expect(lines).toBeLessThanOrEqual(220);
  });
});
