import { DefinedProvider } from "../../provider/framework/provider";
import { definition as bucketOwnership } from "../../provider/resources/magic/pcap-bucket-ownership";
import { failures } from "./check-helpers";

const ownership = new DefinedProvider(bucketOwnership);

const BUCKET = "s3://pcaps-bucket?region=us-east-1";

const bucket = { __token: "magic:PcapBucketOwnership", destinationConf: BUCKET };

describe("PcapBucketOwnership check and diff", () => {
  it.each([
    [{ destinationConf: undefined }, "destinationConf", "destinationConf is required (PcapBucketOwnership needs a string)."],
    [
      { destinationConf: "s3://" },
      "destinationConf",
      'destinationConf must be the bucket\'s full URI: s3://<bucket>[/<directory>]?region=<region> for AWS or gs://<bucket>[/<directory>] for Google Cloud (got "s3://").',
    ],
    [
      { destinationConf: "r2://bucket" },
      "destinationConf",
      'destinationConf must be the bucket\'s full URI: s3://<bucket>[/<directory>]?region=<region> for AWS or gs://<bucket>[/<directory>] for Google Cloud (got "r2://bucket").',
    ],
    [{ ownershipChallenge: "" }, "ownershipChallenge", "ownershipChallenge must be at least 1 characters long."],
    [{ bucket: "x" }, "bucket", "bucket is not a property of PcapBucketOwnership; check its spelling."],
  ])("rejects %j on %s", async (override, property, text) => {
    const hit = (await failures(ownership, { ...bucket, ...override })).find((f) => f.property === property);
    expect(hit?.reason).toBe(text);
  });

  it("accepts a bucket with or without a challenge", async () => {
    expect(await failures(ownership, bucket)).toEqual([]);
    expect(
      await failures(ownership, {
        ...bucket,
        destinationConf: "gs://pcaps-bucket/dir",
        ownershipChallenge: "ownership-challenge-1234.txt",
      }),
    ).toEqual([]);
  });

  it("never diffs on status, filename or timestamps; a new challenge updates, a new bucket replaces", async () => {
    const olds = {
      ...bucket,
      filename: "ownership-challenge-1.txt",
      status: "success",
      submitted: "t",
      validated: "t",
      __inputPaths: ["destinationConf"],
    };
    expect((await ownership.diff("id", olds, bucket)).changes).toBe(false);
    // The challenge validates the same registration: a change is an update, not a replacement.
    expect(await ownership.diff("id", olds, { ...bucket, ownershipChallenge: "c" })).toMatchObject({ changes: true, replaces: [] });
    expect((await ownership.diff("id", olds, { ...bucket, destinationConf: "gs://other" })).replaces).toEqual(["destinationConf"]);
  });
});
