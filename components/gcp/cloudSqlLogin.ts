/**
 * The one IAM grant a workload's Google service account needs on GCP: permission to log in to one
 * Cloud SQL instance with IAM database authentication.
 *
 * The workload (LangSmith, for one) connects straight to the instance's private IP and sends a Google access token as the
 * password; it runs no Cloud SQL Auth Proxy and no language connector. Direct IAM login needs
 * `cloudsql.instances.login`, which the predefined role `roles/cloudsql.instanceUser` carries;
 * `roles/cloudsql.client` (`cloudsql.instances.connect`) is only for the Auth Proxy and the connectors
 * (https://cloud.google.com/sql/docs/postgres/iam-logins, "Before you begin";
 * https://cloud.google.com/sql/docs/postgres/iam-roles).
 *
 * Cloud SQL grants are set on the project (there is no instance-level IAM policy), so the binding
 * carries an IAM Condition on the instance's resource name and type, which Cloud SQL evaluates per
 * instance (https://cloud.google.com/sql/docs/postgres/iam-conditions, "Allow users to connect to
 * specific instances").
 */

/** The predefined role with `cloudsql.instances.login` (and `cloudsql.instances.get`), nothing else of Cloud SQL. */
export const CLOUD_SQL_LOGIN_ROLE = "roles/cloudsql.instanceUser";

/** The resource type Cloud SQL instances have in IAM Conditions. */
export const CLOUD_SQL_INSTANCE_RESOURCE_TYPE = "sqladmin.googleapis.com/Instance";

/** An IAM Condition as `gcp.projects.IAMMember` takes it. */
export interface IamCondition {
    title: string;
    description: string;
    expression: string;
}

/** `resource.name == 'projects/<p>/instances/<i>' && resource.type == 'sqladmin.googleapis.com/Instance'`: one instance, nothing else. */
export function cloudSqlInstanceCondition(project: string, instance: string): IamCondition {
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project))
        throw new Error(`not a GCP project id: ${JSON.stringify(project)}`);
    // Cloud SQL instance ids: lower-case letters, digits and hyphens, starting with a letter.
    if (!/^[a-z][a-z0-9-]*$/.test(instance))
        throw new Error(`not a Cloud SQL instance id: ${JSON.stringify(instance)}`);
    return {
        title: "cloudsql-login-one-instance",
        description: `IAM database login to Cloud SQL instance ${instance} only`,
        expression: `resource.name == 'projects/${project}/instances/${instance}' && resource.type == '${CLOUD_SQL_INSTANCE_RESOURCE_TYPE}'`,
    };
}

/** The IAM principal of a Cloud SQL IAM service-account user: `<id>@<project>.iam` → `serviceAccount:<id>@<project>.iam.gserviceaccount.com`. */
export function iamUserPrincipal(iamUserName: string): string {
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam$/.test(iamUserName)) {
        throw new Error(`not a Cloud SQL service account user (<id>@<project>.iam): ${JSON.stringify(iamUserName)}`);
    }
    return `serviceAccount:${iamUserName}.gserviceaccount.com`;
}
