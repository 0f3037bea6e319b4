/** GCP: resources and look-ups the GCP path calls. */
import { autoName, stableHex, type InvokeMock, type ResourceMock } from "./shared";

/** A stable private IPv4 address in the Private Service Access range (10.x.y.z). */
function privateIp(seed: string): string {
    const hex = stableHex(seed, 6);
    return `10.${[0, 2, 4].map((i) => (parseInt(hex.slice(i, i + 2), 16) % 250) + 3).join(".")}`;
}

export const GCP_RESOURCE_MOCKS: Record<string, ResourceMock> = {
    "pulumi:providers:gcp": (a) => ({ id: `${a.name}-provider`, state: a.inputs }),
    "gcp:serviceaccount/account:Account": (a) => {
        const project = String(a.inputs.project);
        const email = `${String(a.inputs.accountId)}@${project}.iam.gserviceaccount.com`;
        const name = `projects/${project}/serviceAccounts/${email}`;
        return { id: name, state: { ...a.inputs, email, name, member: `serviceAccount:${email}`, uniqueId: BigInt(`0x${stableHex(a.name, 15)}`).toString() } };
    },
    "gcp:projects/iAMMember:IAMMember": (a) => ({
        id: `${String(a.inputs.project)}/${String(a.inputs.role)}/${String(a.inputs.member)}`,
        state: { ...a.inputs, etag: `BwY${stableHex(a.name, 9)}=` },
    }),
    "gcp:serviceaccount/iAMMember:IAMMember": (a) => ({
        id: `${String(a.inputs.serviceAccountId)}/${String(a.inputs.role)}/${String(a.inputs.member)}`,
        state: { ...a.inputs, etag: `BwY${stableHex(a.name, 9)}=` },
    }),
    "gcp:compute/globalAddress:GlobalAddress": (a) => {
        const name = autoName(a.name);
        const project = String(a.inputs.project);
        return {
            id: `projects/${project}/global/addresses/${name}`,
            state: { ...a.inputs, name, address: "10.64.0.0", selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/global/addresses/${name}` },
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
                dnsName: `${stableHex(a.name, 12)}.${region}.sql.goog.`,
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
    "gcp:sql/database:Database": (a) => ({
        id: `projects/${String(a.inputs.project)}/instances/${String(a.inputs.instance)}/databases/${String(a.inputs.name)}`,
        state: {
            ...a.inputs,
            charset: "UTF8",
            collation: "en_US.UTF8",
            selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${String(a.inputs.project)}/instances/${String(a.inputs.instance)}/databases/${String(a.inputs.name)}`,
        },
    }),
    "gcp:sql/user:User": (a) => ({
        id: `${String(a.inputs.name)}//${String(a.inputs.instance)}`,
        state: { ...a.inputs, sqlServerUserDetails: [] },
    }),
};

export const GCP_INVOKE_MOCKS: Record<string, InvokeMock> = {
    "gcp:container/getCluster:getCluster": (inputs, w) => {
        const name = String(inputs.name);
        const project = String(inputs.project);
        const location = String(inputs.location);
        return {
            id: `projects/${project}/locations/${location}/clusters/${name}`,
            name,
            project,
            location,
            endpoint: `34.${[0, 2, 4].map((i) => parseInt(stableHex(`endpoint:${name}`, 6).slice(i, i + 2), 16)).join(".")}`,
            masterAuths: [
                {
                    clusterCaCertificate: Buffer.from(`-----BEGIN CERTIFICATE-----\nMOCK-GKE-CA-${name}\n-----END CERTIFICATE-----\n`).toString("base64"),
                    clientCertificate: "",
                    clientKey: "",
                    clientCertificateConfigs: [],
                },
            ],
            network: w.gkeNetwork ?? `projects/${project}/global/networks/${name}-vpc`,
            subnetwork: `projects/${project}/regions/${location.replace(/-[a-z]$/, "")}/subnetworks/${name}-nodes`,
            workloadIdentityConfigs: w.gkeWorkloadIdentity === false ? [] : [{ workloadPool: `${project}.svc.id.goog` }],
            selfLink: `https://container.googleapis.com/v1/projects/${project}/locations/${location}/clusters/${name}`,
            masterVersion: "1.33.4-gke.1000",
        };
    },
};
