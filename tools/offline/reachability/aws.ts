/**
 * Reachability of the RDS instance from pods, decided from what the preview registers and the mocked
 * cluster's nodes: can a pod on each node open TCP to the database port? A connection is admitted
 * when one ingress rule of one of the instance's security groups matches the protocol, the port and
 * the source: a referenced security group the pod's network interface carries, or a CIDR block or
 * prefix-list entry holding the pod's address
 * (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
 * With the VPC CNI a pod sends from a secondary address of its node's interface, behind the node's
 * security groups (https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html).
 * Assumed, not modelled: the nodes' egress rules allow the traffic (the default allows all), the
 * network ACLs allow it (the default allows all), and nodes and database share the VPC.
 */
import type { AwsMockNode } from "../../../components/testing/mocks/shared";
import type { SynthResource, SynthResult } from "../synthesize";

/** The verdict for one node. */
export interface AwsPodReachability {
    node: string;
    podIp: string;
    reachable: boolean;
    /** The rule that admits the pod, or why none does. */
    reason: string;
}

/** An ingress rule reduced to what matching needs. */
interface IngressRule {
    name: string;
    protocol: string;
    fromPort: number;
    toPort: number;
    sourceGroup?: string;
    cidrs: string[];
}

/** `a.b.c.d` → a number, or undefined. */
function ipv4(address: string): number | undefined {
    const parts = address.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Whether the IPv4 block holds the address. */
export function cidrContains(cidr: string, address: string): boolean {
    const [base, bits] = cidr.split("/");
    const net = ipv4(base);
    const ip = ipv4(address);
    const prefix = Number(bits);
    if (net === undefined || ip === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
    const size = 2 ** (32 - prefix);
    return Math.floor(ip / size) === Math.floor(net / size);
}

function str(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** The ingress rules that apply to the given security groups: separate rule resources and inline `ingress` blocks. */
function ingressRules(result: SynthResult, groupIds: string[]): IngressRule[] {
    const prefixLists = new Map(
        result.resources.filter((r) => r.type === "aws:ec2/managedPrefixList:ManagedPrefixList").map((r) => [r.id, r]),
    );
    const entriesOf = (listId: string | undefined): string[] => {
        const list = listId ? prefixLists.get(listId) : undefined;
        return ((list?.inputs.entries as { cidr?: string }[] | undefined) ?? [])
            .map((e) => e.cidr ?? "")
            .filter(Boolean);
    };
    const rules: IngressRule[] = [];
    for (const r of result.resources.filter(
        (x) => x.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    )) {
        if (!groupIds.includes(String(r.inputs.securityGroupId))) continue;
        rules.push({
            name: r.name,
            protocol: String(r.inputs.ipProtocol),
            fromPort: Number(r.inputs.fromPort ?? -1),
            toPort: Number(r.inputs.toPort ?? -1),
            sourceGroup: str(r.inputs.referencedSecurityGroupId),
            cidrs: [str(r.inputs.cidrIpv4), ...entriesOf(str(r.inputs.prefixListId))].filter(
                (c): c is string => c !== undefined,
            ),
        });
    }
    for (const sg of result.resources.filter(
        (x: SynthResource) => x.type === "aws:ec2/securityGroup:SecurityGroup" && groupIds.includes(x.id),
    )) {
        for (const [i, block] of ((sg.inputs.ingress as Record<string, unknown>[] | undefined) ?? []).entries()) {
            const groups = (block.securityGroups as string[] | undefined) ?? [];
            const cidrs = [
                ...((block.cidrBlocks as string[] | undefined) ?? []),
                ...((block.prefixListIds as string[] | undefined) ?? []).flatMap((id) => entriesOf(id)),
            ];
            const base = {
                name: `${sg.name}.ingress[${i}]`,
                protocol: String(block.protocol),
                fromPort: Number(block.fromPort),
                toPort: Number(block.toPort),
            };
            rules.push({ ...base, cidrs });
            for (const g of groups) rules.push({ ...base, sourceGroup: g, cidrs: [] });
        }
    }
    return rules;
}

function admitsPort(rule: IngressRule, port: number): boolean {
    if (rule.protocol === "-1" || rule.protocol === "all") return true;
    if (rule.protocol !== "tcp" && rule.protocol !== "6") return false;
    return rule.fromPort <= port && port <= rule.toPort;
}

/** For each node, whether a pod on it can reach the (single) RDS instance the preview registers. */
export function awsDatabaseReachability(result: SynthResult, nodes: AwsMockNode[]): AwsPodReachability[] {
    const instances = result.resources.filter((r) => r.type === "aws:rds/instance:Instance");
    if (instances.length !== 1) throw new Error(`reachability: expected one RDS instance, found ${instances.length}`);
    const db = instances[0];
    const port = Number(db.outputs.port ?? db.inputs.port ?? 5432);
    const groupIds = ((db.inputs.vpcSecurityGroupIds as string[] | undefined) ?? []).map(String);
    return reachability(result, nodes, groupIds, port);
}

/** For each node, whether a pod on it can reach the (single) ElastiCache replication group the preview registers. */
export function awsRedisReachability(result: SynthResult, nodes: AwsMockNode[]): AwsPodReachability[] {
    const groups = result.resources.filter((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup");
    if (groups.length !== 1) throw new Error(`reachability: expected one replication group, found ${groups.length}`);
    const cache = groups[0];
    const port = Number(cache.inputs.port ?? 6379);
    const groupIds = ((cache.inputs.securityGroupIds as string[] | undefined) ?? []).map(String);
    return reachability(result, nodes, groupIds, port);
}

function reachability(
    result: SynthResult,
    nodes: AwsMockNode[],
    groupIds: string[],
    port: number,
): AwsPodReachability[] {
    const rules = ingressRules(result, groupIds).filter((rule) => admitsPort(rule, port));
    return nodes.map((node) => {
        for (const rule of rules) {
            if (rule.sourceGroup && node.securityGroupIds.includes(rule.sourceGroup)) {
                return {
                    node: node.name,
                    podIp: node.podIp,
                    reachable: true,
                    reason: `${rule.name} admits security group ${rule.sourceGroup}`,
                };
            }
            const cidr = rule.cidrs.find((c) => cidrContains(c, node.podIp));
            if (cidr)
                return { node: node.name, podIp: node.podIp, reachable: true, reason: `${rule.name} admits ${cidr}` };
        }
        return {
            node: node.name,
            podIp: node.podIp,
            reachable: false,
            reason: `no ingress rule of ${groupIds.join(", ") || "(no security group)"} admits tcp/${port} from ${node.podIp} with security groups ${node.securityGroupIds.join(", ")}`,
        };
    });
}
