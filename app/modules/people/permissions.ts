import type { UserRole } from "~/modules/lifecycle/stages";

/** Which account roles hold each permission. Project roles (decider...) are checked by the lifecycle core. */
const PERMISSIONS = {
  "project:read": ["admin", "member", "viewer"],
  "project:write": ["admin", "member"],
  "gate:request": ["admin", "member"],
  "gate:decide": ["admin", "member"],
  "gate:override": ["admin"],
  "playbook:edit": ["admin"],
  "token:manage": ["admin"],
  "user:manage": ["admin"],
  "audit:verify": ["admin"],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: UserRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly UserRole[]).includes(role);
}
