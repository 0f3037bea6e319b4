/**
 * verify-full for LangSmith on GCP without a CA of the stack's own. The server certificate names the
 * Cloud SQL instance's DNS name, not its private IP, and LangSmith takes a URL (no libpq `hostaddr`),
 * so the name must resolve on the cluster's network: a private Cloud DNS zone for that name alone
 * (or an existing zone that covers it) with an A record to the private IP. LangSmith's URL then
 * names the instance's DNS name, and its CA Secret holds the instance's server CAs (as the bootstrap's
 * ConfigMap does). With `require` nothing changes: LangSmith keeps the private IP.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { GcpStackSettings } from "../config/settings";
import { fitName, stackScope, type StackIdentity } from "../config/stackNames";
import { networkProject } from "../../components/gcp/network";
import type { GcpPostgres } from "../../components/gcp/postgres";
import { absoluteDnsName, GcpPostgresPrivateDns } from "../../components/gcp/privateDns";
import type { PostgresConnection } from "../../components/postgres/contract";
import { lookUp, refuse } from "./preflight/common";

/** Cloud DNS zone names: 1-63 lower-case letters, digits and '-', a letter first, no '-' last. */
const MAX_ZONE_NAME = 63;

/** The zone a stack creates: `<project>-<stack>-postgres`, unique per stack in the DNS project. */
export function postgresDnsZoneName(id: StackIdentity): string {
    let scope = stackScope(id);
    if (!/^[a-z]/.test(scope)) scope = `ls-${scope}`;
    return `${fitName(scope, MAX_ZONE_NAME - "-postgres".length, id)}-postgres`;
}

/** The project of the zone: the configured one, else the network's (with a Shared VPC, the host project). */
export function privateDnsProjectOf(
    settings: Pick<GcpStackSettings, "gcp">,
    network: pulumi.Input<string>,
): pulumi.Output<string> {
    const configured = settings.gcp.privateDnsProject;
    return configured === undefined ? pulumi.output(network).apply(networkProject) : pulumi.output(configured);
}

/**
 * The domains a reused zone may have: those that contain every instance name of the region,
 * `<uid>.<project label>.<region>.sql.goog.`, whatever the instance (its uid and project label are
 * known only once it exists, after this check).
 */
function coversRegion(zoneDnsName: string, region: string): boolean {
    const zone = absoluteDnsName(zoneDnsName);
    return zone === "sql.goog." || zone === `${region}.sql.goog.`;
}

/** Before anything is created: a reused zone exists in its project, is private and holds the region's names. */
export async function checkReusedDnsZone(
    settings: GcpStackSettings,
    network: string,
    opts: pulumi.InvokeOptions,
): Promise<void> {
    const zoneName = settings.gcp.privateDnsZone;
    if (zoneName === undefined || settings.postgres.sslMode !== "verify-full") return;
    const project = settings.gcp.privateDnsProject ?? networkProject(network);
    const zone = await lookUp(
        "gcp.privateDnsZone",
        (reason) =>
            `names Cloud DNS zone ${zoneName}, which was not found in project ${project} (${reason}); check it with: gcloud dns managed-zones list --project ${project} (set langsmith:gcp.privateDnsProject if it lives in another project), or remove the key to let the stack create a zone`,
        () => gcp.dns.getManagedZone({ name: zoneName, project }, opts),
    );
    if (zone.visibility !== "private")
        refuse(
            "gcp.privateDnsZone",
            `names zone ${zoneName} (${zone.dnsName}), which is ${zone.visibility}: the instance's private address must not be published; name a private zone bound to ${network}, or remove the key`,
        );
    if (!coversRegion(zone.dnsName, settings.gcp.region))
        refuse(
            "gcp.privateDnsZone",
            `names zone ${zoneName} for ${zone.dnsName}, which does not hold every instance name of the region (<uid>.<project label>.${settings.gcp.region}.sql.goog.); name a zone for ${settings.gcp.region}.sql.goog. (or sql.goog.), or remove the key`,
        );
}

/** What LangSmith connects to, and what its release waits for. */
export interface GcpAppPostgres {
    connection: PostgresConnection;
    /** The private DNS name, with verify-full. */
    dns?: GcpPostgresPrivateDns;
    dependsOn: pulumi.Resource[];
}

/** LangSmith's database connection on GCP: by the instance's DNS name with verify-full, else its private IP. */
export function gcpAppPostgres(
    settings: GcpStackSettings,
    args: {
        postgres: GcpPostgres;
        network: pulumi.Input<string>;
        provider: gcp.Provider;
        labels: Record<string, string>;
    },
): GcpAppPostgres {
    const { postgres } = args;
    if (postgres.sslMode !== "verify-full") return { connection: postgres, dependsOn: [] };
    const reused = settings.gcp.privateDnsZone;
    // The record's name is the certificate's (a reused zone holds it: checked before anything exists).
    const dnsName = postgres.tlsServerName.apply(absoluteDnsName);
    const project = privateDnsProjectOf(settings, args.network);
    const dns = new GcpPostgresPrivateDns(
        "langsmith-db-dns",
        {
            project,
            network: args.network,
            dnsName,
            address: postgres.host,
            existingZoneName: reused,
            zoneName:
                reused === undefined
                    ? postgresDnsZoneName({ project: pulumi.getProject(), stack: pulumi.getStack() })
                    : undefined,
            // The program's own words: stable, so an update never rewrites them.
            description: "Private DNS name of the LangSmith Cloud SQL instance (verify-full)",
            labels: args.labels,
        },
        { providers: { gcp: args.provider } },
    );
    return {
        connection: {
            host: dns.host,
            port: postgres.port,
            database: postgres.database,
            iamUser: postgres.iamUser,
            iamAuthProvider: postgres.iamAuthProvider,
            sslMode: postgres.sslMode,
        },
        dns,
        dependsOn: [dns],
    };
}
