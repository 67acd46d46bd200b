/** Pulumi's package metaschema (pulumi/pulumi pkg/codegen/schema/pulumi.json), copied here so tests validate offline. */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";

const METASCHEMA = path.join(__dirname, "pulumi-package-metaschema.json");

/** The metaschema compiled: a schema in, whether it is valid and why not. */
export function metaschemaValidator(): (schema: unknown) => { valid: boolean; errors: string[] } {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(METASCHEMA, "utf8")) as object);
  return (schema) => {
    const valid = validate(schema);
    return { valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`) };
  };
}
