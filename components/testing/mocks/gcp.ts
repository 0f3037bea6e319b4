/** GCP: the resources and look-ups the GCP components make. */
import * as pulumi from "@pulumi/pulumi";
import { autoName, stableGuid, stableHex, type InvokeMock, type MockWorld, type ResourceMock } from "./shared";

/**
 * The network the GKE look-up reports for a cluster: the world's override for all clusters, its
 * per-cluster table (a Shared VPC cluster reports the host project's network), or `<cluster>-vpc`
 * in the cluster's own project.
 */
export function gkeClusterNetwork(
    world: Pick<MockWorld, "gkeNetwork" | "gkeClusterNetworks">,
    project: string,
    clusterName: string,
): string {
    return (
        world.gkeNetwork ??
        world.gkeClusterNetworks?.[`${project}/${clusterName}`] ??
        `projects/${project}/global/networks/${clusterName}-vpc`
    );
}

const NETWORK_PATH = /^projects\/([^/]+)\/global\/networks\/([^/]+)$/;

/** Private Service Access that exists outside the stack (default: one range on the cluster's network). */
export function existingPrivateServiceAccess(
    world: Pick<MockWorld, "gkeNetwork" | "gkeClusterNetworks" | "gcpPrivateServiceAccess">,
    project: string,
    clusterName: string,
): { network: string; ranges: string[] }[] {
    return (
        world.gcpPrivateServiceAccess ?? [
            { network: gkeClusterNetwork(world, project, clusterName), ranges: ["google-managed-services-default"] },
        ]
    );
}

/** Service connection policies that exist outside the stack (default: Memorystore's on the cluster's network and region). */
export function existingServiceConnectionPolicies(
    world: Pick<MockWorld, "gkeNetwork" | "gkeClusterNetworks" | "gcpServiceConnectionPolicies">,
    project: string,
    clusterName: string,
    region: string,
): { network: string; region: string; serviceClass: string; subnetworks: string[] }[] {
    return (
        world.gcpServiceConnectionPolicies ?? [
            {
                network: gkeClusterNetwork(world, project, clusterName),
                region,
                serviceClass: "gcp-memorystore",
                subnetworks: [
                    `projects/${NETWORK_PATH.exec(gkeClusterNetwork(world, project, clusterName))?.[1] ?? project}/regions/${region}/subnetworks/${clusterName}-nodes`,
                ],
            },
        ]
    );
}

/** A stable private IPv4 address in the Private Service Access range (10.x.y.z). */
function privateIp(seed: string): string {
    const hex = stableHex(seed, 6);
    return `10.${[0, 2, 4].map((i) => (parseInt(hex.slice(i, i + 2), 16) % 250) + 3).join(".")}`;
}

/**
 * An instance's DNS name as `gcloud sql instances describe` reports it:
 * `<instance uid>.<project dns label>.<region>.sql.goog.`, with the root's dot. The uid differs per
 * instance (seeded with the stack, as two stacks' instances never share one).
 */
export function cloudSqlDnsName(project: string, region: string, logicalName: string): string {
    const uid = stableHex(`${pulumi.getStack()}/${logicalName}`, 12);
    return `${uid}.${stableHex(`dns-label:${project}`, 13)}.${region}.sql.goog.`;
}

/** Cloud DNS answers for a zone name in a project: `projects/<p>/managedZones/<name>`. */
const zoneId = (project: string, name: string) => `projects/${project}/managedZones/${name}`;

export const GCP_RESOURCE_MOCKS: Record<string, ResourceMock> = {
    "pulumi:providers:gcp": (a) => ({ id: `${a.name}-provider`, state: a.inputs }),
    "gcp:serviceaccount/account:Account": (a) => {
        const project = String(a.inputs.project);
        const email = `${String(a.inputs.accountId)}@${project}.iam.gserviceaccount.com`;
        const name = `projects/${project}/serviceAccounts/${email}`;
        return {
            id: name,
            state: {
                ...a.inputs,
                email,
                name,
                member: `serviceAccount:${email}`,
                uniqueId: BigInt(`0x${stableHex(a.name, 15)}`).toString(),
            },
        };
    },
    "gcp:projects/iAMMember:IAMMember": (a) => ({
        id: `${String(a.inputs.project)}/${String(a.inputs.role)}/${String(a.inputs.member)}`,
        state: { ...a.inputs, etag: `BwY${stableHex(a.name, 9)}=` },
    }),
    "gcp:serviceaccount/iAMMember:IAMMember": (a) => ({
        id: `${String(a.inputs.serviceAccountId)}/${String(a.inputs.role)}/${String(a.inputs.member)}`,
        state: { ...a.inputs, etag: `BwY${stableHex(a.name, 9)}=` },
    }),
    "gcp:storage/bucket:Bucket": (a) => {
        const name = String(a.inputs.name ?? autoName(a.name));
        return {
            id: name,
            state: {
                ...a.inputs,
                name,
                url: `gs://${name}`,
                selfLink: `https://www.googleapis.com/storage/v1/b/${name}`,
                // Cloud Storage reports locations in upper case.
                location: String(a.inputs.location).toUpperCase(),
            },
        };
    },
    "gcp:storage/bucketIAMMember:BucketIAMMember": (a) => ({
        id: `b/${String(a.inputs.bucket)}/${String(a.inputs.role)}/${String(a.inputs.member)}`,
        state: { ...a.inputs, etag: `CAE${stableHex(a.name, 6)}=` },
    }),
    "gcp:compute/globalAddress:GlobalAddress": (a) => {
        const name = autoName(a.name);
        const project = String(a.inputs.project);
        // "If you are using Shared VPC, create the allocated IP range and private connection in the host
        // project." (https://cloud.google.com/vpc/docs/configure-private-services-access, "Shared VPC scenario")
        const network = NETWORK_PATH.exec(String(a.inputs.network ?? ""));
        if (a.inputs.purpose === "VPC_PEERING" && network && network[1] !== project) {
            throw new Error(
                `gcp:compute/globalAddress:GlobalAddress ${a.name}: a VPC_PEERING range for network ${network[0]} must be reserved in the network's project ${network[1]}, not ${project} (Shared VPC: the host project; https://cloud.google.com/vpc/docs/configure-private-services-access, "Shared VPC scenario")`,
            );
        }
        return {
            id: `projects/${project}/global/addresses/${name}`,
            state: {
                ...a.inputs,
                name,
                address: "10.64.0.0",
                selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/global/addresses/${name}`,
            },
        };
    },
    "gcp:compute/address:Address": (a) => {
        const project = String(a.inputs.project);
        const region = String(a.inputs.region);
        const name = String(a.inputs.name ?? autoName(a.name));
        const hex = stableHex(`address:${project}/${region}/${name}`, 4);
        return {
            id: `projects/${project}/regions/${region}/addresses/${name}`,
            state: {
                ...a.inputs,
                name,
                // An internal address is taken from the subnetwork's primary range (GKE node ranges: 10.128.0.0/20 by default).
                address: `10.128.${parseInt(hex.slice(0, 2), 16) % 16}.${(parseInt(hex.slice(2), 16) % 250) + 2}`,
                purpose: a.inputs.addressType === "INTERNAL" ? "GCE_ENDPOINT" : undefined,
                networkTier: "PREMIUM",
                ipVersion: "IPV4",
                selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/regions/${region}/addresses/${name}`,
                creationTimestamp: "2026-01-01T00:00:00.000-08:00",
                users: [],
            },
        };
    },
    "gcp:compute/forwardingRule:ForwardingRule": (a) => {
        const project = String(a.inputs.project);
        const region = String(a.inputs.region);
        const name = String(a.inputs.name ?? autoName(a.name));
        return {
            id: `projects/${project}/regions/${region}/forwardingRules/${name}`,
            state: {
                ...a.inputs,
                name,
                // A producer with an accept list admits the consumer project; the connection then is ACCEPTED.
                pscConnectionId: BigInt(`0x${stableHex(`psc:${project}/${name}`, 15)}`).toString(),
                pscConnectionStatus: "ACCEPTED",
                networkTier: "PREMIUM",
                ipProtocol: "TCP",
                selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/regions/${region}/forwardingRules/${name}`,
                creationTimestamp: "2026-01-01T00:00:00.000-08:00",
            },
        };
    },
    "gcp:servicenetworking/connection:Connection": (a) => ({
        id: `${String(a.inputs.network)}:${String(a.inputs.service)}`,
        state: { ...a.inputs, peering: "servicenetworking-googleapis-com" },
    }),
    "gcp:sql/databaseInstance:DatabaseInstance": (a) => {
        const name = autoName(a.name);
        const project = String(a.inputs.project);
        const region = String(a.inputs.region);
        const ip = privateIp(a.name);
        const dnsName = cloudSqlDnsName(project, region, a.name);
        return {
            id: name,
            state: {
                ...a.inputs,
                name,
                connectionName: `${project}:${region}:${name}`,
                privateIpAddress: ip,
                publicIpAddress: "",
                firstIpAddress: ip,
                ipAddresses: [{ type: "PRIVATE", ipAddress: ip, timeToRetire: "" }],
                selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${project}/instances/${name}`,
                dnsName,
                // With serverCaMode GOOGLE_MANAGED_CAS_CA: the name the server certificate carries, per connection type.
                dnsNames: [{ connectionType: "PRIVATE_SERVICES_ACCESS", dnsScope: "INSTANCE", name: dnsName }],
                serviceAccountEmailAddress: `p${stableHex(a.name, 12)}-abc123@gcp-sa-cloud-sql.iam.gserviceaccount.com`,
                serverCaCerts: [
                    {
                        cert: "-----BEGIN CERTIFICATE-----\nMOCK-CLOUD-SQL-CA\n-----END CERTIFICATE-----\n",
                        commonName: `C=US,O=Google\\, Inc,CN=Google Cloud SQL Server CA`,
                        sha1Fingerprint: stableHex(`ca:${a.name}`, 40),
                    },
                ],
            },
        };
    },
    "gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy": (a) => {
        const project = String(a.inputs.project);
        const location = String(a.inputs.location);
        // The policy belongs to the network's project (Shared VPC: the host project), and its
        // subnetworks are regular subnets in its region (https://cloud.google.com/vpc/docs/about-service-connection-policies).
        const network = NETWORK_PATH.exec(String(a.inputs.network ?? ""));
        if (network && network[1] !== project)
            throw new Error(
                `gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy ${a.name}: network ${network[0]} is in project ${network[1]}, the policy must be created there, not in ${project}`,
            );
        const subnets = ((a.inputs.pscConfig as { subnetworks?: unknown[] } | undefined)?.subnetworks ?? []).map(
            String,
        );
        for (const subnet of subnets) {
            const region = /\/regions\/([^/]+)\//.exec(subnet)?.[1];
            if (region !== undefined && region !== location)
                throw new Error(
                    `gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy ${a.name}: subnetwork ${subnet} is not in the policy's region ${location}`,
                );
        }
        const name = String(a.inputs.name ?? autoName(a.name));
        return {
            id: `projects/${project}/locations/${location}/serviceConnectionPolicies/${name}`,
            state: {
                ...a.inputs,
                name,
                infrastructure: "PSC",
                etag: stableHex(`scp:${a.name}`, 16),
                pscConnections: [],
            },
        };
    },
    "gcp:memorystore/instance:Instance": (a) => {
        const project = String(a.inputs.project);
        const location = String(a.inputs.location);
        const id = String(a.inputs.instanceId);
        const name = `projects/${project}/locations/${location}/instances/${id}`;
        const endpoint = (a.inputs.desiredAutoCreatedEndpoints as { network?: string }[] | undefined)?.[0];
        const psc = (connectionType: string) => {
            const ip = privateIp(`${a.name}:${connectionType}`);
            return {
                pscAutoConnection: {
                    connectionType,
                    ipAddress: ip,
                    port: 6379,
                    network: String(endpoint?.network ?? ""),
                    projectId: project,
                    forwardingRule: `https://www.googleapis.com/compute/v1/projects/${project}/regions/${location}/forwardingRules/sca-auto-fr-${stableHex(`${a.name}:${connectionType}`, 12)}`,
                    pscConnectionId: BigInt(`0x${stableHex(`psc:${a.name}:${connectionType}`, 15)}`).toString(),
                    serviceAttachment: `projects/p${stableHex(a.name, 10)}-tp/regions/${location}/serviceAttachments/gcp-memorystore-auto-${stableHex(a.name, 8)}-psc-sa`,
                },
            };
        };
        const clusterDisabled = a.inputs.mode === "CLUSTER_DISABLED";
        const replicas = Number(a.inputs.replicaCount ?? 0);
        // Cluster Mode Disabled: a reader endpoint (listed first) when there are replicas, and the
        // primary; cluster mode: one discovery endpoint.
        const connections = clusterDisabled
            ? [...(replicas > 0 ? [psc("CONNECTION_TYPE_READER")] : []), psc("CONNECTION_TYPE_PRIMARY")]
            : [psc("CONNECTION_TYPE_DISCOVERY")];
        const chain = (seed: string) => ({
            certificates: [
                `-----BEGIN CERTIFICATE-----\nMOCK-MEMORYSTORE-CA-${seed}-INTERMEDIATE\n-----END CERTIFICATE-----\n`,
                `-----BEGIN CERTIFICATE-----\nMOCK-MEMORYSTORE-CA-${seed}-ROOT\n-----END CERTIFICATE-----\n`,
            ],
        });
        return {
            id: name,
            state: {
                ...a.inputs,
                name,
                uid: stableGuid(`memorystore:${a.name}`),
                state: "ACTIVE",
                engineVersion: a.inputs.engineVersion ?? "VALKEY_7_2",
                nodeType: a.inputs.nodeType ?? "HIGHMEM_MEDIUM",
                endpoints: [{ connections }],
                discoveryEndpoints: [],
                pscAutoConnections: connections.map((c) => ({ ...c.pscAutoConnection, pscConnectionStatus: "ACTIVE" })),
                // Two CAs while Memorystore rotates them: every chain is trusted until the old one retires.
                managedServerCas: [
                    { caCerts: [chain(stableHex(`ca1:${a.name}`, 6)), chain(stableHex(`ca2:${a.name}`, 6))] },
                ],
                serverCaMode: a.inputs.serverCaMode ?? "GOOGLE_MANAGED_PER_INSTANCE_CA",
                persistenceConfig: {
                    ...((a.inputs.persistenceConfig as object | undefined) ?? { mode: "DISABLED" }),
                },
                effectiveMaintenanceVersion: "MEMORYSTORE_20250808_00_00",
                createTime: "2026-01-05T10:11:12.345678Z",
            },
        };
    },
    "gcp:sql/database:Database": (a) => ({
        id: `projects/${String(a.inputs.project)}/instances/${String(a.inputs.instance)}/databases/${String(a.inputs.name)}`,
        state: {
            ...a.inputs,
            charset: "UTF8",
            collation: "en_US.UTF8",
            selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${String(a.inputs.project)}/instances/${String(a.inputs.instance)}/databases/${String(a.inputs.name)}`,
        },
    }),
    "gcp:dns/managedZone:ManagedZone": (a) => {
        const project = String(a.inputs.project);
        const name = String(a.inputs.name ?? autoName(a.name));
        return {
            id: zoneId(project, name),
            state: {
                ...a.inputs,
                name,
                managedZoneId: BigInt(`0x${stableHex(`zone:${project}/${name}`, 15)}`).toString(),
                creationTime: "2026-01-01T00:00:00.000Z",
                // Private zones are served by the VPC's resolver (169.254.169.254), not by public name servers.
                nameServers: ["ns-gcp-private.googledomains.com."],
                forceDestroy: a.inputs.forceDestroy ?? false,
            },
        };
    },
    "gcp:dns/recordSet:RecordSet": (a) => ({
        id: `${zoneId(String(a.inputs.project), String(a.inputs.managedZone))}/rrsets/${String(a.inputs.name)}/${String(a.inputs.type)}`,
        state: { ...a.inputs },
    }),
    "gcp:sql/user:User": (a) => ({
        id: `${String(a.inputs.name)}//${String(a.inputs.instance)}`,
        state: { ...a.inputs, sqlServerUserDetails: [] },
    }),
};

export const GCP_INVOKE_MOCKS: Record<string, InvokeMock> = {
    "gcp:dns/getManagedZone:getManagedZone": (inputs, w) => {
        const project = String(inputs.project);
        const name = String(inputs.name);
        const zone = w.gcpDnsZones?.find((z) => z.project === project && z.name === name);
        if (!zone)
            throw new Error(
                `Error when reading or editing DNS Managed Zone ${JSON.stringify(name)}: googleapi: Error 404: The 'parameters.managedZone' resource named '${name}' does not exist., notFound`,
            );
        return {
            id: zoneId(project, name),
            name,
            project,
            dnsName: zone.dnsName,
            visibility: zone.visibility,
            description: "",
            managedZoneId: BigInt(`0x${stableHex(`zone:${project}/${name}`, 15)}`).toString(),
            nameServers:
                zone.visibility === "private"
                    ? ["ns-gcp-private.googledomains.com."]
                    : ["ns-cloud-a1.googledomains.com."],
        };
    },
    "gcp:container/getCluster:getCluster": (inputs, w) => {
        const name = String(inputs.name);
        const project = String(inputs.project);
        const location = String(inputs.location);
        if (w.clusterMissing)
            throw new Error(
                `Error retrieving cluster ${name}: googleapi: Error 404: Not found: projects/${project}/locations/${location}/clusters/${name}.`,
            );
        return {
            id: `projects/${project}/locations/${location}/clusters/${name}`,
            name,
            project,
            location,
            endpoint: `34.${[0, 2, 4].map((i) => parseInt(stableHex(`endpoint:${name}`, 6).slice(i, i + 2), 16)).join(".")}`,
            masterAuths: [
                {
                    clusterCaCertificate: Buffer.from(
                        `-----BEGIN CERTIFICATE-----\nMOCK-GKE-CA-${name}\n-----END CERTIFICATE-----\n`,
                    ).toString("base64"),
                    clientCertificate: "",
                    clientKey: "",
                    clientCertificateConfigs: [],
                },
            ],
            network: gkeClusterNetwork(w, project, name),
            // networkConfig.subnetwork, a relative path in the network's project (a Shared VPC's
            // subnets belong to the host project: https://cloud.google.com/vpc/docs/shared-vpc).
            subnetwork: `projects/${NETWORK_PATH.exec(gkeClusterNetwork(w, project, name))?.[1] ?? project}/regions/${location.replace(/-[a-z]$/, "")}/subnetworks/${name}-nodes`,
            workloadIdentityConfigs:
                w.gkeWorkloadIdentity === false ? [] : [{ workloadPool: `${project}.svc.id.goog` }],
            selfLink: `https://container.googleapis.com/v1/projects/${project}/locations/${location}/clusters/${name}`,
            masterVersion: "1.33.4-gke.1000",
        };
    },
};
