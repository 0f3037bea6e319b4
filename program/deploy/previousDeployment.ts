/**
 * What the last deployment of this stack reported: its own stack outputs, read through a stack
 * reference to itself before anything is registered. The program uses it to tell an in-place major
 * upgrade from a first deployment and to refuse a downgrade.
 */
import * as pulumi from "@pulumi/pulumi";

/** The stack output that records the PostgreSQL major the database runs (same name on every cloud). */
export const MAJOR_VERSION_OUTPUT = "databaseMajorVersion";

/** `<organization>/<project>/<stack>`: this stack, as a stack reference names it. */
export function thisStackName(): string {
    return `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
}

/**
 * The PostgreSQL major of the last deployment, or undefined on the first one (no outputs yet) and
 * for stacks deployed before the output existed.
 */
export async function previousMajorVersion(): Promise<number | undefined> {
    const self = new pulumi.StackReference("previous-deployment", { name: thisStackName() });
    const value: unknown = await self.getOutputValue(MAJOR_VERSION_OUTPUT);
    const major = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
    return Number.isInteger(major) ? major : undefined;
}
