/**
 * How LangSmith is reached: the frontend Service (private `ClusterIP` unless the stack asks for a
 * load balancer, and then internal unless it asks for internet-facing) and, with `chart.hostname`,
 * the Ingress (class, internal vs internet-facing, TLS from a certificate Secret or the cloud's own
 * certificate). Exposure is always an explicit choice in config.
 */
import { z } from "zod";
import { ipv4CidrProblem } from "./aws";
import { dnsLabel } from "./fields";

const scheme = z.enum(["internal", "internet-facing"], {
    error: "is not a load balancer scheme; set internal or internet-facing",
});

export const frontendSchema = z.strictObject({
    /** `frontend.service.type`: `ClusterIP` (private, reach it through the Ingress or a port-forward) or `LoadBalancer`. */
    serviceType: z
        .enum(["ClusterIP", "LoadBalancer"], { error: "is not a Service type; set ClusterIP or LoadBalancer" })
        .default("ClusterIP"),
    /** With `LoadBalancer`: an internal load balancer (private addresses) or an internet-facing one. */
    loadBalancerScheme: scheme.default("internal"),
    /** With `LoadBalancer`: the only client IPv4 blocks the load balancer admits. */
    loadBalancerSourceRanges: z
        .array(
            z.string().superRefine((cidr, ctx) => {
                const problem = ipv4CidrProblem(cidr);
                if (problem)
                    ctx.addIssue({
                        code: "custom",
                        message: `${JSON.stringify(cidr)} ${problem}; set e.g. 10.0.0.0/8`,
                    });
            }),
        )
        .min(1, { error: "is empty; list at least one CIDR block, or remove the key" })
        .optional(),
});

export const ingressSchema = z.strictObject({
    /** Ingress class (default per cloud: `alb` on AWS, `gce` / `gce-internal` on GCP, Application Gateway on Azure). */
    className: z
        .string()
        .regex(/^[a-z0-9]([-a-z0-9./]*[a-z0-9])?$/, { error: "is not an ingress class name; set e.g. alb or nginx" })
        .optional(),
    /** Internal (private addresses) or internet-facing load balancer for the Ingress. */
    scheme: scheme.default("internal"),
    /** TLS from an existing `kubernetes.io/tls` Secret in the release namespace (any class). */
    tlsSecretName: dnsLabel.optional(),
    /** AWS (class `alb`): the ACM certificate ARN the load balancer serves. */
    awsCertificateArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/, {
            error: "is not an ACM certificate ARN; set arn:aws:acm:<region>:<account>:certificate/<id>",
        })
        .optional(),
    /** GCP (class `gce` / `gce-internal`): name of an existing Compute Engine SSL certificate (`pre-shared-cert`). */
    gcpPreSharedCertificate: z
        .string()
        .regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, {
            error: "is not a Compute Engine SSL certificate name; set its name",
        })
        .optional(),
    /** Azure (Application Gateway): name of a certificate already on the gateway (`appgw-ssl-certificate`). */
    azureAppGatewayCertificate: z.string().min(1).optional(),
});

export type FrontendConfig = z.output<typeof frontendSchema>;
export type IngressConfig = z.output<typeof ingressSchema>;

/** The TLS sources of an ingress config, by key. */
const TLS_KEYS = [
    "tlsSecretName",
    "awsCertificateArn",
    "gcpPreSharedCertificate",
    "azureAppGatewayCertificate",
] as const;
/** The cloud each cloud-managed certificate key belongs to. */
const CERTIFICATE_CLOUD = {
    awsCertificateArn: "aws",
    gcpPreSharedCertificate: "gcp",
    azureAppGatewayCertificate: "azure",
} as const;

/** Cross-field rules of `chart.frontend` / `chart.ingress`: every problem, keyed without `langsmith:`. */
export function exposureProblems(input: {
    cloud: string;
    hostname?: string;
    frontend: FrontendConfig;
    ingress: IngressConfig;
    /** Whether the user set these blocks at all (defaults alone need no hostname). */
    ingressKeysSet: string[];
}): { path: string; problem: string }[] {
    const out: { path: string; problem: string }[] = [];
    const { ingress, frontend } = input;
    if (!input.hostname) {
        for (const key of input.ingressKeysSet)
            out.push({
                path: `chart.ingress.${key}`,
                problem:
                    "configures the Ingress, which exists only with a host name; set langsmith:chart.hostname or remove it",
            });
    }
    const tls = TLS_KEYS.filter((k) => ingress[k] !== undefined);
    if (tls.length > 1)
        out.push({
            path: `chart.ingress.${tls[1]}`,
            problem: `is a second TLS source besides chart.ingress.${tls[0]}; keep one of them`,
        });
    for (const [key, cloud] of Object.entries(CERTIFICATE_CLOUD)) {
        if (ingress[key as keyof typeof CERTIFICATE_CLOUD] !== undefined && cloud !== input.cloud)
            out.push({
                path: `chart.ingress.${key}`,
                problem: `is a ${cloud} certificate but langsmith:cloud is ${input.cloud}; remove it (or use chart.ingress.tlsSecretName)`,
            });
    }
    if (frontend.serviceType === "ClusterIP") {
        if (frontend.loadBalancerSourceRanges)
            out.push({
                path: "chart.frontend.loadBalancerSourceRanges",
                problem:
                    "applies to a load balancer but langsmith:chart.frontend.serviceType is ClusterIP; remove it or set serviceType LoadBalancer",
            });
    }
    return out;
}
