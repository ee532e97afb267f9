// The audit trail's filter categories: shared by the page (client) and the query (server).
export const AUDIT_CATEGORIES = {
  gate: ["gate_review"],
  project: ["project"],
  roles: ["project_role"],
  artifacts: ["artifact"],
  learning: ["retrospective", "action_item"],
} as const;
export type AuditCategory = keyof typeof AUDIT_CATEGORIES;
export const AUDIT_CATEGORY_KEYS = Object.keys(AUDIT_CATEGORIES) as [AuditCategory, ...AuditCategory[]];
