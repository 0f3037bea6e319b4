/**
 * Names the program derives from config (service accounts from the release name, Azure federated
 * credentials from namespace + service account, the Cloud SQL IAM user from the service account
 * id and project), checked against each system's limit when config is read, so the error names the
 * key that made the name too long instead of failing later on a cut, colliding name.
 */
import { federatedCredentialName, MAX_FEDERATED_CREDENTIAL_NAME } from "../../components/azure/names";
import {
    MAX_KUBERNETES_NAME,
    overlongServiceAccountNames,
    postgresServiceAccounts,
    type WorkloadOptions,
} from "../../components/langsmith/workloads";
import { agentGatewayEnabled } from "./chartSwitches";

/** PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1); Cloud SQL IAM users are roles. */
export const MAX_POSTGRES_IDENTIFIER_BYTES = 63;

/** A derived name that breaks a limit: the config key (without `langsmith:`) and the fix. */
export interface DerivedNameProblem {
    path: string;
    problem: string;
}

/** What the check reads from the parsed config. */
export interface DerivedNameInput {
    cloud: string;
    chart: { releaseName: string; deployments: boolean; insights: boolean; polly: boolean; fleet?: boolean };
    kubernetes: { namespace: string };
    gcp?: { project: string; serviceAccountId: string };
    helmValues?: Record<string, unknown>;
}

/** `fullnameOverride` from helmValues, when set to a name. */
export function fullnameOverrideOf(helmValues: Record<string, unknown> | undefined): string | undefined {
    const override = helmValues?.fullnameOverride;
    return typeof override === "string" && override !== "" ? override : undefined;
}

/** Every derived name over its limit, one problem per key (none: an empty list). */
export function derivedNameProblems(input: DerivedNameInput): DerivedNameProblem[] {
    const out: DerivedNameProblem[] = [];
    const fullnameOverride = fullnameOverrideOf(input.helmValues);
    const workloads: WorkloadOptions = {
        ...input.chart,
        agentGateway: agentGatewayEnabled(input.helmValues),
        fullnameOverride,
    };
    const overlong = overlongServiceAccountNames(workloads);
    if (overlong.length > 0) {
        const longest = overlong.reduce((a, b) => (b.length > a.length ? b : a));
        const source = fullnameOverride ? "helmValues.fullnameOverride" : "chart.releaseName";
        out.push({
            path: source,
            problem: `makes the service account name ${longest} ${longest.length} characters long, above Kubernetes' ${MAX_KUBERNETES_NAME}; choose a name at least ${longest.length - MAX_KUBERNETES_NAME} characters shorter (the chart names accounts <fullname>-<component>, and fullname is the release name when it contains "langsmith", else <release>-langsmith)`,
        });
    }
    // The federated credentials are named after the service accounts: only once those fit.
    if (input.cloud === "azure" && overlong.length === 0) {
        const name = postgresServiceAccounts(workloads)
            .map((sa) => federatedCredentialName(input.kubernetes.namespace, sa.name))
            .find((n) => n.length > MAX_FEDERATED_CREDENTIAL_NAME);
        if (name !== undefined) {
            out.push({
                path: "kubernetes.namespace",
                problem: `makes the federated identity credential name ${name} ${name.length} characters long, above Azure's ${MAX_FEDERATED_CREDENTIAL_NAME}; use a namespace at least ${name.length - MAX_FEDERATED_CREDENTIAL_NAME} characters shorter (or a shorter langsmith:chart.releaseName)`,
            });
        }
    }
    if (input.cloud === "gcp" && input.gcp) {
        const user = `${input.gcp.serviceAccountId}@${input.gcp.project}.iam`;
        const bytes = Buffer.byteLength(user);
        if (bytes > MAX_POSTGRES_IDENTIFIER_BYTES) {
            out.push({
                path: "gcp.serviceAccountId",
                problem: `makes the Cloud SQL IAM user ${user} ${bytes} bytes long, above PostgreSQL's ${MAX_POSTGRES_IDENTIFIER_BYTES}-byte role names; use a service account id of at most ${input.gcp.serviceAccountId.length - (bytes - MAX_POSTGRES_IDENTIFIER_BYTES)} characters`,
            });
        }
    }
    return out;
}

/** The bootstrap Job's own service account: its own namespace, trusted by exactly this account. */
export const BOOTSTRAP_SERVICE_ACCOUNT_NAME = "langsmith-db-bootstrap";

/** Where the bootstrap Job runs and as whom (one place, so every cloud's trust names the same subject). */
export function bootstrapServiceAccountOf(settings: { kubernetes: { bootstrapNamespace: string } }): {
    namespace: string;
    name: string;
} {
    return { namespace: settings.kubernetes.bootstrapNamespace, name: BOOTSTRAP_SERVICE_ACCOUNT_NAME };
}
