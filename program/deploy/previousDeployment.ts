/**
 * What the last deployment of this stack reported: its own stack outputs, read through a stack
 * reference to itself before anything is registered. The program uses it to tell an in-place major
 * upgrade from a first deployment and to refuse a downgrade.
 *
 * The engine reads a stack reference from the backend's last checkpoint of that stack; a stack with
 * no deployment yet has no root resource there, and its outputs read as an empty map (pulumi/pulumi
 * pkg/backend/backend.go, backendClient.GetStackOutputs). Reading the stack's own outputs this way is
 * the pattern Pulumi's maintainers give for it (pulumi/pulumi#3722).
 */
import * as pulumi from "@pulumi/pulumi";

/** The stack output that records the PostgreSQL major the database runs (same name on every cloud). */
export const MAJOR_VERSION_OUTPUT = "databaseMajorVersion";

/** The organization name every DIY (file / S3 / GCS / Azure Blob) backend reports. */
export const DIY_ORGANIZATION = "organization";

/**
 * This stack, as a stack reference names it. Pulumi Cloud needs `<organization>/<project>/<stack>` (a
 * bare name would mean the user's default organization). A DIY backend takes the bare stack name in
 * both its layouts and resolves it in the current project; its legacy layout (backends created before
 * projects were stored) refuses a name with `/` (pulumi/pulumi pkg/backend/diy/store.go,
 * legacyReferenceStore.ParseReference: tokens.ParseStackName, `^[A-Za-z0-9_.-]*`).
 */
export function thisStackName(): string {
    const organization = pulumi.getOrganization();
    if (organization === DIY_ORGANIZATION) return pulumi.getStack();
    return `${organization}/${pulumi.getProject()}/${pulumi.getStack()}`;
}

/**
 * The PostgreSQL major of the last deployment, or undefined on the first one (no outputs yet) and
 * for stacks deployed before the output existed. Read with getOutputDetails, which also returns a
 * secret output's value (getOutputValue throws on one, and treats every output as secret when the
 * reference cannot tell which are).
 */
export async function previousMajorVersion(): Promise<number | undefined> {
    const self = new pulumi.StackReference("previous-deployment", { name: thisStackName() });
    const details = await self.getOutputDetails(MAJOR_VERSION_OUTPUT);
    const value: unknown = details.value ?? details.secretValue;
    const major = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
    return Number.isInteger(major) ? major : undefined;
}
