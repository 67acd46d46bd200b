/**
 * The audit's two outputs: a table for people, grouped by finding and by stack, and JSON for
 * programs (the AuditResult itself, its shape documented in the README and versioned by `version`).
 * Neither ever holds a secret value: the audit replaced them with "[secret]" already.
 */
import { COLLECTIONS } from "../codegen/read";
import { type AuditResult, type Claim, type Collection, type FindingKind, SECRET } from "./audit";

const NOUN: Record<Collection, string> = {
  ...(Object.fromEntries(COLLECTIONS.map((c) => [c.key, c.label.replace(/s$/, "")])) as Record<Exclude<Collection, "cniSettings">, string>),
  cniSettings: "CNI settings",
};

const HEADINGS: Record<FindingKind, string> = {
  drifted: "DRIFTED (N): changed outside its stack; `pulumi up --refresh` in that stack puts the stack's values back",
  missing: "MISSING (N): in a stack's state, gone from the account; `pulumi up --refresh` in that stack creates it again",
  claimedTwice:
    "CLAIMED TWICE (N): managed by more than one resource, so each `pulumi up` undoes the other's changes; keep one (`pulumi state delete` the others)",
  unmanaged: "UNMANAGED (N): no stack manages it; `--generate <dir>` writes a program that adopts exactly these",
  inSync: "IN SYNC (N)",
};

const heading = (k: FindingKind, n: number) => HEADINGS[k].replace("(N)", `(${n})`);

/** The result as JSON, in the shape the README documents (stable: fields are only ever added; `version` says which). */
export function renderJson(result: AuditResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export function renderText(result: AuditResult): string {
  const out: string[] = [];
  const read = result.read.reduce((n, c) => n + c.count, 0);
  const stacks = result.stacks.map((s) => s.name);
  out.push(
    `Account ${result.accountId}: ${read} objects read; ${stacks.length} stack export${stacks.length === 1 ? "" : "s"}` +
      (stacks.length ? ` (${stacks.join(", ")})` : "") +
      ` with ${result.stacks.reduce((n, s) => n + s.resources, 0)} resources of this account.`,
    "",
  );
  const of = (k: FindingKind) => result.findings.filter((f) => f.finding === k);

  for (const k of ["drifted", "missing"] as const) {
    const found = of(k);
    if (!found.length) continue;
    out.push(heading(k, found.length));
    for (const stack of stacks) {
      const rows = found.flatMap((f) => f.claims.filter((c) => c.stack === stack).map((c) => ({ f, c })));
      if (!rows.length) continue;
      out.push(`  stack ${stack}`);
      const lines = table(rows.map(({ f, c }) => [NOUN[f.collection], f.label, f.id || "(no id)", resourceOf(c)]));
      rows.forEach(({ f, c }, i) => {
        out.push(`    ${lines[i]}`);
        for (const d of c.differences) out.push(`        ${d.path}: stack ${show(d.state)}, account ${show(d.live)}`);
        for (const note of [...c.notes, ...f.notes]) out.push(`        note: ${note}`);
      });
    }
    out.push("");
  }

  const twice = of("claimedTwice");
  if (twice.length) {
    out.push(heading("claimedTwice", twice.length));
    for (const f of twice) {
      out.push(`  ${NOUN[f.collection]}  ${f.label}  ${f.id}`);
      const lines = table(f.claims.map((c) => [`stack ${c.stack}`, resourceOf(c)]));
      f.claims.forEach((c, i) => {
        out.push(`    ${lines[i]}`);
        for (const d of c.differences) out.push(`        ${d.path}: stack ${show(d.state)}, account ${show(d.live)}`);
        for (const note of c.notes) out.push(`        note: ${note}`);
      });
      for (const note of f.notes) out.push(`    note: ${note}`);
    }
    out.push("");
  }

  const loose = of("unmanaged");
  if (loose.length) {
    out.push(heading("unmanaged", loose.length));
    const lines = table(loose.map((f) => [NOUN[f.collection], f.label, f.id]));
    loose.forEach((f, i) => {
      out.push(`  ${lines[i]}`);
      for (const note of f.notes) out.push(`      note: ${note}`);
    });
    out.push("");
  }

  const inSync = of("inSync");
  const perStack = stacks
    .map((s) => [s, inSync.filter((f) => f.claims[0]?.stack === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`);
  out.push(`${heading("inSync", inSync.length)}${perStack.length ? `: ${perStack.join(", ")}` : ""}`, "");

  if (result.cloudflareOwned.length || result.managedApps) {
    const owned = result.cloudflareOwned.map((o) => `${NOUN[o.collection]} ${o.label} (${o.id})`);
    if (result.managedApps) owned.push(`${result.managedApps} managed app${result.managedApps === 1 ? "" : "s"}`);
    out.push(`Cloudflare-owned, adopted by no stack (not counted as unmanaged): ${owned.join("; ")}.`);
  }
  if (result.notAudited.length) {
    out.push(`Not audited: ${result.notAudited.length} resource${result.notAudited.length === 1 ? "" : "s"}`);
    for (const n of result.notAudited) out.push(`  stack ${n.stack}: ${n.type} ${n.urn.slice(n.urn.lastIndexOf("::") + 2)}: ${n.reason}.`);
  }
  for (const s of result.skipped) out.push(`Not read: ${s.what}: ${s.reason}`);
  const others = result.stacks.reduce((n, s) => n + s.otherAccounts, 0);
  if (others) out.push(`${others} resource${others === 1 ? "" : "s"} in these exports belong to other accounts (not audited).`);
  for (const s of result.stacks) {
    for (const op of s.pendingOperations) out.push(`Stack ${s.name} has a pending operation: ${op.type} ${op.resourceType} ${op.urn}.`);
  }
  if (out[out.length - 1] !== "") out.push("");

  const summary = (["drifted", "missing", "claimedTwice", "unmanaged", "inSync"] as const).map(
    (k) => `${result.summary[k]} ${k === "claimedTwice" ? "claimed twice" : k === "inSync" ? "in sync" : k}`,
  );
  out.push(`Result: ${summary.join(", ")}.`);
  return `${out.join("\n")}\n`;
}

function resourceOf(c: Claim): string {
  return `${c.type} ${c.resource}${c.entry ? `, entry ${c.entry}` : ""}`;
}

/** A value as it reads in a sentence: strings quoted, absent said so. */
function show(v: unknown): string {
  if (v === null || v === undefined) return "(absent)";
  if (v === SECRET) return SECRET;
  return JSON.stringify(v);
}

/** Rows as aligned columns (the last column unpadded). */
function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  "));
}
