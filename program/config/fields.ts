/** Field rules shared by the config schemas (Kubernetes names, PostgreSQL names, versions, hosts). */
import { z } from "zod";

// ---- reusable field rules ---------------------------------------------------------------

/** A DNS-1123 label: what Kubernetes accepts for namespaces and most object names. */
export const dnsLabel = z
    .string()
    .max(63, { error: "is longer than 63 characters; use a shorter name" })
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
        error: (iss) =>
            `${JSON.stringify(iss.input)} is not a valid Kubernetes name; use lower-case letters, digits and '-', starting and ending with a letter or digit`,
    });

/**
 * A PostgreSQL role or object name. Quoting makes `@ . -` and upper case safe; quotes, semicolons,
 * backslashes, white space and control characters are refused here so they never reach SQL.
 */
export const pgName = z
    .string()
    .min(1, { error: "is empty; set a name" })
    .max(63, { error: "is longer than PostgreSQL's 63-byte identifier limit; use a shorter name" })
    .regex(/^[A-Za-z0-9_@.+-]+$/, {
        error: (iss) =>
            `${JSON.stringify(iss.input)} contains a character that is not allowed in a database name here (only letters, digits and _ @ . + -); quotes, semicolons and spaces are refused so they never reach SQL; choose a name without them`,
    });

export const semver = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, {
    error: (iss) => `${JSON.stringify(iss.input)} is not a chart version like 0.16.11; set an exact version`,
});

export const hostname = z
    .string()
    .max(253)
    .regex(/^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/, {
        error: (iss) =>
            `${JSON.stringify(iss.input)} is not a DNS host name like langsmith.example.com; set the bare host name (no scheme or path)`,
    });

export const secretKeyRef = z.strictObject({
    /** Name of an existing Kubernetes Secret in the LangSmith namespace. */
    secretName: dnsLabel,
    /** Key inside that Secret. */
    secretKey: z
        .string()
        .regex(/^[-._a-zA-Z0-9]+$/, { error: "is not a valid Secret key; use letters, digits, '-', '_' or '.'" }),
});
