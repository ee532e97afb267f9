// What an API token may read and write now, in words for the tokens page (issue 23): a token acts with
// its maker's current rights, so demoting, deactivating or taking a person off a project
// narrows or ends it at once. Pure; tested in token-scope.test.ts.
import type { UserRole } from "~/modules/lifecycle/stages";

export type TokenScopeInput = {
  revoked: boolean;
  /** "read" reads only; "write" (the default) reads and records values. */
  access?: "read" | "write";
  maker: { name: string; role: UserRole; deactivated: boolean };
  /** The project a project token is for, and whether its maker may write values there now. */
  project: { key: string; writable: boolean } | null;
  /** For an organisation-wide token of a member: how many projects they may write values to now. */
  writableProjects: number;
};

export function effectiveScope(t: TokenScopeInput): string {
  if (t.revoked) return "Nothing: revoked.";
  if (t.maker.deactivated) return `Nothing: ${t.maker.name} is deactivated.`;
  // Everyone who may sign in reads every project; a project token reads its own.
  if (t.access === "read") return t.project ? `Reads ${t.project.key}.` : "Reads every project.";
  if (t.maker.role === "viewer") return `Reads only: ${t.maker.name} is a viewer now.`;
  if (t.project) {
    if (t.maker.role === "admin" || t.project.writable) return `Reads and records values of ${t.project.key}.`;
    return `Reads only: ${t.maker.name} no longer writes to ${t.project.key} (an owner's or contributor's right).`;
  }
  if (t.maker.role === "admin") return "Reads every project; records values of every project.";
  const n = t.writableProjects;
  if (n === 0) return `Reads every project; records nothing now: ${t.maker.name} owns or contributes to no project.`;
  return `Reads every project; records values of the ${n === 1 ? "project" : `${n} projects`} ${t.maker.name} owns or contributes to.`;
}
