/** The sslmodes the app may use (TLS always; IAM tokens need it). An `as const` object so the package schema lists it as an enum. */
export const SslMode = { Require: "require", VerifyFull: "verify-full" } as const;
export type SslMode = (typeof SslMode)[keyof typeof SslMode];
