/** Azure input rules of a private endpoint to another tenant's private link service, and of its DNS A record. */
import { get, num, problems, q, str } from "./common";
import type { ServiceRule } from "./types";

const PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";
const RECORD_SET = "azure-native:privatedns:PrivateRecordSet";
const ZONE = "azure-native:privatedns:PrivateZone";

const PLS_ALIAS = "https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#alias";
const MANAGE_PE = "https://learn.microsoft.com/en-us/azure/private-link/manage-private-endpoint";
const RECORD_SETS = "https://learn.microsoft.com/en-us/rest/api/dns/privatednszones/recordsets/create-or-update";

/** `<name>.<guid>.<region>.azure.privatelinkservice`, or a private link service's resource id. */
const ALIAS =
    /^[a-z0-9][-a-z0-9_.]*\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]+\.azure\.privatelinkservice$/i;
const PLS_ID =
    /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateLinkServices\/[^/]+$/i;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export const AZURE_CLICKHOUSE_RULES: ServiceRule[] = [
    {
        id: "azure.network.private-endpoint.manual-connection",
        resourceType: PRIVATE_ENDPOINT,
        property: "privateLinkServiceConnections, manualPrivateLinkServiceConnections",
        description:
            "A private endpoint has exactly one connection, automatic or manual; a manual request to a private link service names it by its alias (<prefix>.<GUID>.<region>.azure.privatelinkservice) or its resource id, which the service's owner approves.",
        url: PLS_ALIAS,
        check: (inputs) => {
            const auto = get(inputs, "privateLinkServiceConnections");
            const manual = get(inputs, "manualPrivateLinkServiceConnections");
            const autoList = Array.isArray(auto) ? auto : [];
            const manualList = Array.isArray(manual) ? manual : [];
            return problems([
                autoList.length + manualList.length !== 1 &&
                    `${autoList.length + manualList.length} connections; a private endpoint has exactly one`,
                ...manualList.map((c) => {
                    const target = str(c, "privateLinkServiceId") ?? "";
                    return ALIAS.test(target) || PLS_ID.test(target)
                        ? undefined
                        : `manual connection target ${q(target)} is neither a private link service alias nor its resource id`;
                }),
            ]);
        },
    },
    {
        id: "azure.network.private-endpoint.static-ip",
        resourceType: PRIVATE_ENDPOINT,
        property: "ipConfigurations",
        description:
            "A static IP on a private endpoint (ipConfigurations, set at creation) names privateIPAddress with the GroupId and MemberName read from the target's Private Link resource (its RequiredMembers); a consumer holding only a private link service's alias cannot read that resource, so an endpoint to an alias takes Azure's dynamic IP.",
        url: MANAGE_PE,
        check: (inputs) => {
            const configs = get(inputs, "ipConfigurations");
            if (configs === undefined) return undefined;
            const list = Array.isArray(configs) ? configs : [];
            const manual = get(inputs, "manualPrivateLinkServiceConnections");
            const auto = get(inputs, "privateLinkServiceConnections");
            const targets = [...(Array.isArray(manual) ? manual : []), ...(Array.isArray(auto) ? auto : [])].map(
                (c) => str(c, "privateLinkServiceId") ?? "",
            );
            return problems([
                ...targets.map(
                    (t) =>
                        ALIAS.test(t) &&
                        `static ipConfigurations on an endpoint to the alias ${q(t)}: its GroupId and MemberName cannot be read from an alias`,
                ),
                ...list.flatMap((c, i) => {
                    const ip = str(c, "privateIPAddress");
                    return [
                        !(ip && IPV4.test(ip)) && `ipConfigurations[${i}].privateIPAddress is not an IPv4 address`,
                        !str(c, "groupId") && `ipConfigurations[${i}].groupId is missing`,
                        !str(c, "memberName") && `ipConfigurations[${i}].memberName is missing`,
                    ];
                }),
            ]);
        },
    },
    {
        id: "azure.privatedns.record-set.a",
        resourceType: RECORD_SET,
        property: "recordType, relativeRecordSetName, aRecords, ttl",
        description:
            "A private DNS record set of type A holds IPv4 addresses (aRecords) only, is named relative to its zone (@ for the apex), and has a TTL of 0 to 2147483647 seconds; its zone exists.",
        url: RECORD_SETS,
        check: (inputs, _r, all) => {
            const type = str(inputs, "recordType");
            const records = get(inputs, "aRecords");
            const list = Array.isArray(records) ? records : [];
            const ttl = num(inputs, "ttl");
            const zone = str(inputs, "privateZoneName");
            const otherKinds = ["aaaaRecords", "cnameRecord", "mxRecords", "ptrRecords", "srvRecords", "txtRecords"];
            return problems([
                type !== "A" && `recordType ${q(type ?? "")} is not A (the only type this program writes)`,
                list.length === 0 && "an A record set needs at least one aRecords entry",
                ...list.map((a) => {
                    const ip = str(a, "ipv4Address");
                    return ip !== undefined && !IPV4.test(ip)
                        ? `ipv4Address ${q(ip)} is not an IPv4 address`
                        : undefined;
                }),
                ...otherKinds.map((k) => get(inputs, k) !== undefined && `${k} on an A record set`),
                ttl !== undefined && (ttl < 0 || ttl > 2147483647) && `ttl ${ttl} is not 0 to 2147483647`,
                zone !== undefined &&
                    !all.some(
                        (z) =>
                            z.type === ZONE && (z.outputs.name === zone || str(z.inputs, "privateZoneName") === zone),
                    ) &&
                    `no private DNS zone ${q(zone)} in this deployment`,
            ]);
        },
    },
];
