/** `config.authType` of the chart. */
export const LangSmithAuthType = { Mixed: "mixed", OAuth: "oauth" } as const;
export type LangSmithAuthType = (typeof LangSmithAuthType)[keyof typeof LangSmithAuthType];
