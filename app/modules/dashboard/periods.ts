// The dashboard's period choices (shared by the page and the query; README decision 15).
export const DASHBOARD_PERIODS = { "3m": 3, "6m": 6, "12m": 12, "24m": 24 } as const;
export type DashboardPeriod = keyof typeof DASHBOARD_PERIODS;
