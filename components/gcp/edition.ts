/** Cloud SQL edition: `ENTERPRISE` runs `db-custom-*` tiers, `ENTERPRISE_PLUS` the `db-perf-optimized-N-*` ones. */
export const CloudSqlEdition = { Enterprise: "ENTERPRISE", EnterprisePlus: "ENTERPRISE_PLUS" } as const;
export type CloudSqlEdition = (typeof CloudSqlEdition)[keyof typeof CloudSqlEdition];
