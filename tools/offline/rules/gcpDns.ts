/** Google Cloud input rules of Cloud DNS: the private zone of a Cloud SQL instance's name and its A record. */
import { gcpLabelsRule } from "./gcpLabels";
import { get, num, problems, q, str } from "./common";
import type { ServiceRule } from "./types";

const ZONE = "gcp:dns/managedZone:ManagedZone";
const RECORD = "gcp:dns/recordSet:RecordSet";

const ZONES_API = "https://cloud.google.com/dns/docs/reference/rest/v1/managedZones";
const RECORDS_API = "https://cloud.google.com/dns/docs/reference/rest/v1/resourceRecordSets";
const PRIVATE_ZONE = "https://cloud.google.com/dns/docs/zones#create-private-zone";
const RECORD_TYPES = "https://cloud.google.com/dns/docs/records-overview";

/** An absolute DNS name: labels of 1-63 letters, digits and '-' (no '-' at either end), 253 characters, a final dot. */
function absoluteNameProblem(name: string): string | undefined {
    if (!name.endsWith(".")) return `${q(name)} does not end with a dot (Cloud DNS names are absolute)`;
    const bare = name.slice(0, -1);
    if (bare.length > 253) return `${q(name)} is longer than 253 characters`;
    const bad = bare.split(".").find((l) => !/^[a-z0-9_]([-a-z0-9_]{0,61}[a-z0-9])?$/i.test(l));
    return bad === undefined ? undefined : `${q(name)} has the label ${q(bad)}, not 1-63 letters, digits and '-'`;
}

const NETWORK =
    /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/global\/networks\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const GCP_DNS_RULES: ServiceRule[] = [
    {
        id: "gcp.dns.zone.name",
        resourceType: ZONE,
        property: "name",
        description:
            "Zone names: 1-63 characters, lower-case letters, digits or dashes, beginning with a letter and ending with a letter or digit (unique in the project).",
        url: ZONES_API,
        check: (inputs) => {
            const name = str(inputs, "name");
            if (name === undefined) return undefined;
            return /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)
                ? undefined
                : `${q(name)} is not 1-63 lower-case letters, digits or dashes, starting with a letter and ending with a letter or digit`;
        },
    },
    {
        id: "gcp.dns.zone.dns-name",
        resourceType: ZONE,
        property: "dnsName",
        description: 'The zone\'s DNS name is absolute, for instance "example.com." (a final dot).',
        url: ZONES_API,
        check: (inputs) => {
            const name = str(inputs, "dnsName");
            return name === undefined ? "dnsName is required" : absoluteNameProblem(name);
        },
    },
    {
        id: "gcp.dns.zone.private-visibility",
        resourceType: ZONE,
        property: "privateVisibilityConfig.networks",
        description:
            "A private zone is visible only from the VPC networks it is bound to: visibility private with at least one network (projects/<p>/global/networks/<n> or its URL).",
        url: PRIVATE_ZONE,
        check: (inputs) => {
            const visibility = str(inputs, "visibility") ?? "public";
            const networks = get(inputs, "privateVisibilityConfig.networks");
            if (visibility === "public")
                return networks === undefined
                    ? undefined
                    : "networks bind a private zone; this zone is public (set visibility to private)";
            if (visibility !== "private") return `visibility ${q(visibility)} is neither private nor public`;
            if (!Array.isArray(networks) || networks.length === 0)
                return "a private zone needs at least one network in privateVisibilityConfig.networks";
            return problems(
                networks.map((n, i) => {
                    const url = str(n, "networkUrl");
                    return (
                        (url === undefined || !NETWORK.test(url)) &&
                        `network #${i}: ${q(url ?? "")} is not a network path or URL`
                    );
                }),
            );
        },
    },
    {
        id: "gcp.dns.zone.description",
        resourceType: ZONE,
        property: "description",
        description: "The description is a string of at most 1024 characters.",
        url: ZONES_API,
        check: (inputs) => {
            const text = str(inputs, "description");
            return text !== undefined && text.length > 1024 ? `${text.length} characters, more than 1024` : undefined;
        },
    },
    gcpLabelsRule({
        id: "gcp.dns.zone.labels",
        resourceType: ZONE,
        property: "labels",
        description: "Zone labels follow Google Cloud's label rules.",
    }),
    {
        id: "gcp.dns.record.name-in-zone",
        resourceType: RECORD,
        property: "name",
        description:
            "A record set's name is absolute and is the zone's DNS name or a name under it (the zone the stack creates is checked; a reused one is checked at deploy).",
        url: RECORDS_API,
        check: (inputs, _resource, all) => {
            const name = str(inputs, "name");
            if (name === undefined) return "name is required";
            const absolute = absoluteNameProblem(name);
            if (absolute) return absolute;
            const zone = all.find(
                (r) =>
                    r.type === ZONE &&
                    str(r.outputs, "name") === str(inputs, "managedZone") &&
                    str(r.inputs, "project") === str(inputs, "project"),
            );
            const zoneDns = zone && str(zone.inputs, "dnsName");
            if (zoneDns === undefined) return undefined;
            return name.toLowerCase() === zoneDns.toLowerCase() ||
                name.toLowerCase().endsWith(`.${zoneDns.toLowerCase()}`)
                ? undefined
                : `${q(name)} is outside zone ${q(str(inputs, "managedZone") ?? "")} (${q(zoneDns)})`;
        },
    },
    {
        id: "gcp.dns.record.a-data",
        resourceType: RECORD,
        property: "rrdatas",
        description: "An A record holds one or more IPv4 addresses in dotted-decimal form.",
        url: RECORD_TYPES,
        check: (inputs) => {
            if (str(inputs, "type") !== "A") return undefined;
            const data = get(inputs, "rrdatas");
            if (!Array.isArray(data) || data.length === 0) return "an A record needs at least one address";
            const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
            const ipv4 = new RegExp(`^${octet}(\\.${octet}){3}$`);
            return problems(data.map((d) => !ipv4.test(String(d)) && `${q(String(d))} is not an IPv4 address`));
        },
    },
    {
        id: "gcp.dns.record.ttl",
        resourceType: RECORD,
        property: "ttl",
        description: "The TTL is a whole number of seconds, 0 or more.",
        url: RECORDS_API,
        check: (inputs) => {
            const ttl = num(inputs, "ttl");
            return ttl !== undefined && (!Number.isInteger(ttl) || ttl < 0) ? `${ttl} is not whole seconds` : undefined;
        },
    },
];
