/**
 * The sslmodes the app may use (TLS always; IAM tokens need it). In a module of its own so that the
 * package's public types do not reach the stack configuration schema. An `as const` object so the
 * package schema lists it as an enum.
 */
export const SslMode = { Require: "require", VerifyFull: "verify-full" } as const;
export type SslMode = (typeof SslMode)[keyof typeof SslMode];
