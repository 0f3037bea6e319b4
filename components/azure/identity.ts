import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountSubject, type WorkloadIdentityBinding } from "../identity/contract";
import { federatedCredentialName, MAX_FEDERATED_CREDENTIAL_NAME, MAX_FEDERATED_CREDENTIALS, USE_LABEL } from "./names";

export { USE_LABEL };

/** The audience AKS Workload Identity tokens carry. */
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
/** Service account annotation the Workload Identity webhook reads. */
export const CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";

/** One federated identity credential: its resource name and exact subject. */
export interface FederatedCredentialSpec {
    name: string;
    subject: string;
}

/**
 * One credential per service account, exact subjects, at most 20 (Azure's limit per identity).
 * Credential names: 3-120 characters, letters, digits, '-' and '_'.
 */
export function federatedCredentialSpecs(
    namespace: string,
    serviceAccountNames: readonly string[],
): FederatedCredentialSpec[] {
    if (serviceAccountNames.length === 0)
        throw new Error("federated credentials: no service accounts; the identity would trust nobody");
    if (new Set(serviceAccountNames).size !== serviceAccountNames.length)
        throw new Error("federated credentials: duplicate service account names");
    if (serviceAccountNames.length > MAX_FEDERATED_CREDENTIALS) {
        throw new Error(
            `federated credentials: ${serviceAccountNames.length} service accounts, but Azure allows ${MAX_FEDERATED_CREDENTIALS} federated identity credentials per managed identity; pass fewer serviceAccountNames`,
        );
    }
    return serviceAccountNames.map((sa) => {
        const name = federatedCredentialName(namespace, sa);
        // Cutting the name would make two credentials collide: refuse instead (config checks this first).
        if (name.length > MAX_FEDERATED_CREDENTIAL_NAME)
            throw new Error(
                `federated credentials: ${name} is longer than Azure's ${MAX_FEDERATED_CREDENTIAL_NAME} characters; use a shorter namespace`,
            );
        return { name, subject: serviceAccountSubject(namespace, sa) };
    });
}

/** Arguments of {@link AzureWorkloadIdentity}. */
export interface AzureWorkloadIdentityArgs {
    /** Existing resource group of the identity. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** Name of the managed identity; it is also its Postgres role name. */
    identityName: string;
    /** Namespace of the service accounts. */
    namespace: string;
    /** Exactly the service accounts whose pods may use the identity. */
    serviceAccountNames: string[];
    /** The AKS cluster's OIDC issuer URL. */
    oidcIssuerUrl: pulumi.Input<string>;
    /** Tags for the identity. */
    tags?: Record<string, string>;
}

/**
 * A user-assigned managed identity that exactly the LangSmith service accounts can use through AKS
 * Workload Identity: one federated credential per service account, the client-id annotation, and
 * the `azure.workload.identity/use` pod label.
 */
export class AzureWorkloadIdentity extends pulumi.ComponentResource implements WorkloadIdentityBinding {
    /** The user-assigned managed identity (escape hatch). */
    public readonly identity: managedidentity.UserAssignedIdentity;
    /** One per service account, created one after another (Azure refuses concurrent writes on one identity). */
    public readonly federatedCredentials: managedidentity.FederatedIdentityCredential[];
    /** Name of the managed identity (also its Postgres role name). */
    public readonly name: pulumi.Output<string>;
    /** Client id (the service account annotation). */
    public readonly clientId: pulumi.Output<string>;
    /** Object (principal) id of the identity. */
    public readonly principalId: pulumi.Output<string>;
    /** Tenant of the identity. */
    public readonly tenantId: pulumi.Output<string>;
    /** Annotations for the service accounts (`azure.workload.identity/client-id`). */
    public readonly serviceAccountAnnotations: pulumi.Output<Record<string, string>>;
    /** Pod labels the binding needs (`azure.workload.identity/use: "true"`). */
    public readonly podLabels: Record<string, string> = { [USE_LABEL]: "true" };

    constructor(name: string, args: AzureWorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("langsmith-iam:index:AzureWorkloadIdentity", name, {}, opts);
        const specs = federatedCredentialSpecs(args.namespace, args.serviceAccountNames);

        this.identity = new managedidentity.UserAssignedIdentity(
            `${name}-identity`,
            {
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                resourceName: args.identityName,
                tags: args.tags,
            },
            { parent: this },
        );
        this.federatedCredentials = [];
        let previous: pulumi.Resource = this.identity;
        for (const spec of specs) {
            const credential: managedidentity.FederatedIdentityCredential =
                new managedidentity.FederatedIdentityCredential(
                    `${name}-${spec.name}`,
                    {
                        resourceGroupName: args.resourceGroupName,
                        resourceName: this.identity.name,
                        federatedIdentityCredentialResourceName: spec.name,
                        issuer: args.oidcIssuerUrl,
                        subject: spec.subject,
                        audiences: [AZURE_TOKEN_EXCHANGE_AUDIENCE],
                    },
                    { parent: this, dependsOn: [previous] },
                );
            this.federatedCredentials.push(credential);
            previous = credential;
        }

        this.name = this.identity.name;
        this.clientId = this.identity.clientId;
        this.principalId = this.identity.principalId;
        this.tenantId = this.identity.tenantId;
        this.serviceAccountAnnotations = this.identity.clientId.apply((clientId): Record<string, string> => ({
            [CLIENT_ID_ANNOTATION]: clientId,
        }));
        this.registerOutputs({
            clientId: this.clientId,
            principalId: this.principalId,
            serviceAccountAnnotations: this.serviceAccountAnnotations,
        });
    }
}
