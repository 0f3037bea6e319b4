/**
 * Google Cloud input rules of a Private Service Connect endpoint to a published service (LangSmith-managed
 * ClickHouse): the internal address and the forwarding rule whose target is the service attachment.
 */
import { describeName, nameOf, problems, q, str } from "./common";
import type { CheckedResource, ServiceRule } from "./types";

const ADDRESS = "gcp:compute/address:Address";
const FORWARDING_RULE = "gcp:compute/forwardingRule:ForwardingRule";

const PSC_ENDPOINT = "https://cloud.google.com/vpc/docs/configure-private-service-connect-services";
const ADDRESSES_API = "https://cloud.google.com/compute/docs/reference/rest/v1/addresses";

const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SERVICE_ATTACHMENT =
    /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/[^/]+\/regions\/([^/]+)\/serviceAttachments\/[^/]+$/;
const SUBNETWORK =
    /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/[^/]+\/regions\/([^/]+)\/subnetworks\/[^/]+$/;

function rfc1035Problem(r: CheckedResource): string | undefined {
    const n = nameOf(r, "name");
    return n && !RFC1035.test(n.value) ? `${describeName(n)} is not an RFC 1035 name of 1-63 characters` : undefined;
}

const COMPUTE_URL = "https://www.googleapis.com/compute/v1/";

/** The address a forwarding rule's ipAddress names (its id, self link or IP), among the stack's resources. */
function addressOf(ipAddress: string, all: readonly CheckedResource[]): CheckedResource | undefined {
    const path = ipAddress.replace(COMPUTE_URL, "");
    return all.find((r) => {
        if (r.type !== ADDRESS) return false;
        const selfLink = str(r.outputs, "selfLink")?.replace(COMPUTE_URL, "");
        return path === selfLink || ipAddress === str(r.outputs, "address");
    });
}

export const GCP_PSC_RULES: ServiceRule[] = [
    {
        id: "gcp.compute.address.internal-subnetwork",
        resourceType: ADDRESS,
        property: "name, addressType, subnetwork, region",
        description:
            "Name RFC 1035 (1-63); an INTERNAL address is reserved in a subnetwork of the address's own region (a subnetwork applies only to INTERNAL addresses).",
        url: ADDRESSES_API,
        check: (inputs, r) => {
            const type = str(inputs, "addressType") ?? "EXTERNAL";
            const subnetwork = str(inputs, "subnetwork");
            const subnetRegion = subnetwork === undefined ? undefined : SUBNETWORK.exec(subnetwork)?.[2];
            const region = str(inputs, "region");
            return problems([
                rfc1035Problem(r),
                type === "INTERNAL" && subnetwork === undefined && "an INTERNAL address needs its subnetwork",
                type !== "INTERNAL" && subnetwork !== undefined && `a subnetwork is set on a ${type} address`,
                subnetwork !== undefined &&
                    subnetRegion === undefined &&
                    `subnetwork ${q(subnetwork)} is not projects/<p>/regions/<r>/subnetworks/<s>`,
                subnetRegion !== undefined &&
                    region !== undefined &&
                    subnetRegion !== region &&
                    `subnetwork ${q(subnetwork ?? "")} is in ${subnetRegion}, not the address's region ${region}`,
            ]);
        },
    },
    {
        id: "gcp.compute.forwarding-rule.psc-endpoint",
        resourceType: FORWARDING_RULE,
        property: "name, target, loadBalancingScheme, network, ipAddress, region",
        description:
            'An endpoint to a published service: target a service attachment in the rule\'s region, loadBalancingScheme "" (none), the consumer network, an internal address, and no ports or backend service.',
        url: PSC_ENDPOINT,
        check: (inputs, r) => {
            const target = str(inputs, "target");
            const attachment = target === undefined ? undefined : SERVICE_ATTACHMENT.exec(target);
            if (!attachment) return rfc1035Problem(r);
            const region = str(inputs, "region");
            return problems([
                rfc1035Problem(r),
                str(inputs, "loadBalancingScheme") !== "" &&
                    `loadBalancingScheme ${q(str(inputs, "loadBalancingScheme") ?? "EXTERNAL (the default)")} is set; an endpoint to a service attachment has none ("")`,
                str(inputs, "network") === undefined && "the consumer network is required",
                str(inputs, "ipAddress") === undefined && "an endpoint needs its internal address (ipAddress)",
                region !== undefined &&
                    attachment[2] !== region &&
                    `the service attachment is in ${attachment[2]}, not the rule's region ${region}`,
                ["ports", "portRange", "allPorts", "backendService"].some((k) => inputs[k] !== undefined) &&
                    "ports, portRange, allPorts and backendService are not set on an endpoint to a service attachment",
            ]);
        },
    },
    {
        id: "gcp.compute.forwarding-rule.psc-address-region",
        resourceType: FORWARDING_RULE,
        property: "ipAddress",
        description:
            "The endpoint's address is an INTERNAL address in the same region as the service attachment (the stack's own address is checked).",
        url: PSC_ENDPOINT,
        check: (inputs, _r, all) => {
            const target = str(inputs, "target");
            const attachmentRegion = target === undefined ? undefined : SERVICE_ATTACHMENT.exec(target)?.[2];
            const ipAddress = str(inputs, "ipAddress");
            if (attachmentRegion === undefined || ipAddress === undefined) return undefined;
            const address = addressOf(ipAddress, all);
            if (!address) return undefined;
            const region = str(address.inputs, "region");
            return problems([
                str(address.inputs, "addressType") !== "INTERNAL" &&
                    `address ${q(address.name)} is not INTERNAL (an endpoint's address is taken from a subnetwork)`,
                region !== undefined &&
                    region !== attachmentRegion &&
                    `address ${q(address.name)} is in ${region}, not the service attachment's region ${attachmentRegion}`,
            ]);
        },
    },
];
