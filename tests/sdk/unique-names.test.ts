import { claimUniqueName } from "../../sdk/unique-names";

/**
 * The unique-field claims the generated classes make (their definitions' `unique` fields): outside a
 * Pulumi run the claims are kept per process, so each test uses a type of its own.
 */
describe("claimUniqueName", () => {
  it("refuses a second resource giving the same value of any unique field, and says which", () => {
    claimUniqueName("test:Circuit", "a", { name: "one", circuitId: "c-1" }, ["name", "circuitId"]);
    expect(() => claimUniqueName("test:Circuit", "b", { name: "two", circuitId: "c-1" }, ["name", "circuitId"])).toThrow(
      'Circuit "b": Circuit "a" of this program already has circuitId "c-1"; Cloudflare keeps Circuit circuitId values unique per account, so give each resource its own circuitId.',
    );
    expect(() => claimUniqueName("test:Circuit", "c", { name: "one" }, ["name", "circuitId"])).toThrow(
      'Circuit "c": Circuit "a" of this program is already named "one"; Cloudflare keeps Circuit names unique per account, so give each resource its own name.',
    );
  });

  it("compares only plain values in one account, and lets a resource claim its own value again", () => {
    const fields = ["name"];
    claimUniqueName("test:Pipe", "a", { name: "p" }, fields);
    claimUniqueName("test:Pipe", "a", { name: "p" }, fields);
    claimUniqueName("test:Pipe", "b", { name: "p", accountId: "0123456789abcdef0123456789abcdef" }, fields);
    claimUniqueName("test:Pipe", "c", { name: { promise: true } }, fields);
    claimUniqueName("test:Pipe", "d", { name: "p", accountId: { output: true } }, fields);
    claimUniqueName("test:Other", "e", { name: "p" }, fields);
    claimUniqueName("test:Pipe", "f", { name: "p" }, []);
  });
});
