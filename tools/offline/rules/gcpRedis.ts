/**
 * Google Cloud input rules of managed Redis: the Memorystore for Valkey instance, the service
 * connection policy its Private Service Connect endpoints need, and the IAM Condition that narrows
 * its connect grant to the instance.
 */
import { gcpLabelsRule } from "./gcpLabels";
import { get, isRecord, nameOf, num, problems, q, str, describeName } from "./common";
import type { ServiceRule } from "./types";

const INSTANCE = "gcp:memorystore/instance:Instance";
const POLICY = "gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy";
const PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";

const INSTANCES_API = "https://cloud.google.com/memorystore/docs/valkey/reference/rest/v1/projects.locations.instances";
const CLUSTER_MODES = "https://cloud.google.com/memorystore/docs/valkey/cluster-mode-enabled-and-disabled";
const VALKEY_NETWORKING = "https://cloud.google.com/memorystore/docs/valkey/networking";
const POLICIES = "https://cloud.google.com/vpc/docs/about-service-connection-policies";
const CONDITIONS = "https://cloud.google.com/iam/docs/conditions-overview";

const NETWORK_PATH = /^projects\/[^/]+\/global\/networks\/[^/]+$/;
const SUBNETWORK_PATH = /^projects\/[^/]+\/regions\/([^/]+)\/subnetworks\/[^/]+$/;

/** Enumerations of the instance resource (its REST reference). */
const ENUMS: Record<string, readonly string[]> = {
    mode: ["CLUSTER", "CLUSTER_DISABLED"],
    authorizationMode: ["AUTH_DISABLED", "IAM_AUTH"],
    transitEncryptionMode: ["TRANSIT_ENCRYPTION_DISABLED", "SERVER_AUTHENTICATION"],
    nodeType: [
        "SHARED_CORE_NANO",
        "CUSTOM_PICO",
        "CUSTOM_MICRO",
        "CUSTOM_MINI",
        "HIGHMEM_MEDIUM",
        "HIGHCPU_MEDIUM",
        "HIGHMEM_XLARGE",
        "STANDARD_SMALL",
        "STANDARD_LARGE",
        "HIGHMEM_2XLARGE",
    ],
    "persistenceConfig.mode": ["DISABLED", "RDB", "AOF"],
    "persistenceConfig.rdbConfig.rdbSnapshotPeriod": ["ONE_HOUR", "SIX_HOURS", "TWELVE_HOURS", "TWENTY_FOUR_HOURS"],
    "zoneDistributionConfig.mode": ["MULTI_ZONE", "SINGLE_ZONE"],
};

/** `"604800s"` → 604800; undefined when not a google.protobuf.Duration in seconds. */
function durationSeconds(v: string | undefined): number | undefined {
    const m = v?.match(/^(\d+(\.\d{1,9})?)s$/);
    return m ? Number(m[1]) : undefined;
}

const instanceRules: ServiceRule[] = [
    {
        id: "gcp.memorystore.instance.id",
        resourceType: INSTANCE,
        property: "instanceId",
        description:
            "Instance id: 4-63 lower-case letters, digits and hyphens, beginning with a letter or digit, not ending with a hyphen.",
        url: `${INSTANCES_API}/create`,
        check: (_i, r) => {
            const n = nameOf(r, "instanceId");
            if (!n) return "instanceId is required";
            return problems([
                (n.value.length < 4 || n.value.length > 63) &&
                    `${describeName(n)} is ${n.value.length} characters, not 4 to 63`,
                !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(n.value) &&
                    `${describeName(n)} must be lower-case letters, digits and hyphens, a letter or digit first and last`,
            ]);
        },
    },
    {
        id: "gcp.memorystore.instance.enums",
        resourceType: INSTANCE,
        property: "mode, authorizationMode, transitEncryptionMode, nodeType, persistenceConfig, zoneDistributionConfig",
        description:
            "Enumerated fields take one of their documented values (mode CLUSTER or CLUSTER_DISABLED, authorizationMode AUTH_DISABLED or IAM_AUTH, transitEncryptionMode TRANSIT_ENCRYPTION_DISABLED or SERVER_AUTHENTICATION, the node types, persistence modes and RDB periods, MULTI_ZONE or SINGLE_ZONE).",
        url: INSTANCES_API,
        check: (inputs) =>
            problems(
                Object.entries(ENUMS).map(([path, values]) => {
                    const v = str(inputs, path);
                    return (
                        v !== undefined && !values.includes(v) && `${path} ${q(v)} is not one of ${values.join(", ")}`
                    );
                }),
            ),
    },
    {
        id: "gcp.memorystore.instance.cluster-disabled",
        resourceType: INSTANCE,
        property: "mode, shardCount, replicaCount",
        description:
            "shardCount is required; a Cluster Mode Disabled instance runs on a single shard with at most two read replicas.",
        url: CLUSTER_MODES,
        check: (inputs) => {
            const shards = num(inputs, "shardCount");
            const replicas = num(inputs, "replicaCount") ?? 0;
            if (shards === undefined) return "shardCount is required";
            if (str(inputs, "mode") !== "CLUSTER_DISABLED") return undefined;
            return problems([
                shards !== 1 && `shardCount ${shards}: a Cluster Mode Disabled instance has one shard`,
                (replicas < 0 || replicas > 2) && `replicaCount ${replicas} is outside 0-2`,
            ]);
        },
    },
    {
        id: "gcp.memorystore.instance.backups",
        resourceType: INSTANCE,
        property: "automatedBackupConfig",
        description:
            'Automated backups: a fixed-frequency schedule whose start time is a whole hour 0-23 (required), kept 1 to 365 days as a duration in seconds ("604800s").',
        url: INSTANCES_API,
        check: (inputs) => {
            const config = get(inputs, "automatedBackupConfig");
            if (!isRecord(config)) return undefined;
            const hours = num(config, "fixedFrequencySchedule.startTime.hours");
            const retention = str(config, "retention");
            const seconds = durationSeconds(retention);
            return problems([
                (hours === undefined || !Number.isInteger(hours) || hours < 0 || hours > 23) &&
                    `fixedFrequencySchedule.startTime.hours ${hours} is not a whole hour 0-23`,
                retention !== undefined &&
                    seconds === undefined &&
                    `retention ${q(retention)} is not a duration like "604800s"`,
                seconds !== undefined &&
                    (seconds < 86400 || seconds > 365 * 86400) &&
                    `retention ${q(retention ?? "")} is outside 1 to 365 days`,
            ]);
        },
    },
    {
        id: "gcp.memorystore.instance.endpoints",
        resourceType: INSTANCE,
        property: "desiredAutoCreatedEndpoints",
        description:
            "Auto-created endpoints name a network as projects/<project>/global/networks/<network> and a project; the network must be the one the gcp-memorystore service connection policy of the region names.",
        url: VALKEY_NETWORKING,
        check: (inputs, _r, all) => {
            const endpoints = get(inputs, "desiredAutoCreatedEndpoints");
            if (!Array.isArray(endpoints) || endpoints.length === 0)
                return "desiredAutoCreatedEndpoints is empty (no private endpoint)";
            const location = str(inputs, "location");
            const policies = all.filter(
                (p) =>
                    p.type === POLICY &&
                    str(p.inputs, "serviceClass") === "gcp-memorystore" &&
                    str(p.inputs, "location") === location,
            );
            return problems(
                endpoints.flatMap((e) => {
                    const network = str(e, "network");
                    return [
                        (network === undefined || !NETWORK_PATH.test(network)) &&
                            `network ${q(network ?? "")} is not projects/<project>/global/networks/<network>`,
                        !str(e, "projectId") && "projectId is required",
                        policies.length > 0 &&
                            !policies.some((p) => str(p.inputs, "network") === network) &&
                            `network ${q(network ?? "")} is not the network of the stack's gcp-memorystore service connection policy in ${location}`,
                    ];
                }),
            );
        },
    },
    gcpLabelsRule({
        id: "gcp.memorystore.instance.labels",
        resourceType: INSTANCE,
        property: "labels",
        description: "Labels follow the label rules (lower case, [a-z0-9_-], 63 characters, keys start with a letter).",
    }),
];

const policyRules: ServiceRule[] = [
    {
        id: "gcp.networkconnectivity.service-connection-policy.psc",
        resourceType: POLICY,
        property: "name, serviceClass, network, pscConfig.subnetworks",
        description:
            "A policy has a name (a resource id: lower-case letters, digits, hyphens, 1-63, a letter first), a service class, a network path, and regular subnetworks in its own region.",
        url: POLICIES,
        check: (inputs, r) => {
            const n = nameOf(r, "name");
            const location = str(inputs, "location");
            const network = str(inputs, "network");
            const subnets = get(inputs, "pscConfig.subnetworks");
            const list = Array.isArray(subnets) ? subnets.map(String) : [];
            return problems([
                n &&
                    !/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(n.value) &&
                    `${describeName(n)} is not a resource id of 1-63 characters`,
                !str(inputs, "serviceClass") && "serviceClass is required",
                (network === undefined || !NETWORK_PATH.test(network)) &&
                    `network ${q(network ?? "")} is not projects/<project>/global/networks/<network>`,
                list.length === 0 && "pscConfig.subnetworks is empty",
                ...list.map((s) => {
                    const region = SUBNETWORK_PATH.exec(s)?.[1];
                    if (region === undefined)
                        return `subnetwork ${q(s)} is not projects/<p>/regions/<r>/subnetworks/<s>`;
                    return (
                        region !== location && `subnetwork ${q(s)} is in ${region}, not the policy's region ${location}`
                    );
                }),
            ]);
        },
    },
    gcpLabelsRule({
        id: "gcp.networkconnectivity.service-connection-policy.labels",
        resourceType: POLICY,
        property: "labels",
        description: "Labels follow the label rules (lower case, [a-z0-9_-], 63 characters, keys start with a letter).",
    }),
];

const conditionRules: ServiceRule[] = [
    {
        id: "gcp.iam.project-member.condition",
        resourceType: PROJECT_MEMBER,
        property: "condition",
        description:
            "An IAM Condition has a title and an expression, and an expression has at most 12 logical operators.",
        url: CONDITIONS,
        check: (inputs) => {
            const condition = get(inputs, "condition");
            if (!isRecord(condition)) return undefined;
            const expression = str(condition, "expression") ?? "";
            const operators = (expression.match(/&&|\|\|/g) ?? []).length;
            return problems([
                !str(condition, "title") && "condition.title is required",
                !/\S/.test(expression) && "condition.expression is required",
                operators > 12 && `condition.expression has ${operators} logical operators, more than 12`,
            ]);
        },
    },
];

export const GCP_REDIS_RULES: ServiceRule[] = [...instanceRules, ...policyRules, ...conditionRules];
