/**
 * The chart values that expose LangSmith, per cloud, as a pure function of the config: the frontend
 * Service's load balancer annotations (internal unless asked otherwise) and the Ingress's class,
 * annotations and TLS. Merged under the user's `helmValues` (which win).
 *
 * Annotation names, from each controller's documentation:
 * - AWS Load Balancer Controller, Service: `service.beta.kubernetes.io/aws-load-balancer-scheme`
 *   (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/);
 *   the in-tree controller reads `service.beta.kubernetes.io/aws-load-balancer-internal` (the
 *   controller above still honours it, deprecated in favour of the scheme), so both are set.
 *   Ingress (class `alb`): `alb.ingress.kubernetes.io/scheme`, `target-type`, `certificate-arn`,
 *   `listen-ports`, `ssl-redirect`
 *   (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/).
 * - GKE: Service `networking.gke.io/load-balancer-type: Internal`; Ingress class only through the
 *   `kubernetes.io/ingress.class` annotation (`gce` / `gce-internal`: "You cannot specify a GKE
 *   Ingress using spec.ingressClassName", https://cloud.google.com/kubernetes-engine/docs/troubleshooting/ingress),
 *   certificate `ingress.gcp.kubernetes.io/pre-shared-cert`.
 * - AKS: Service `service.beta.kubernetes.io/azure-load-balancer-internal`; Application Gateway
 *   Ingress Controller: `kubernetes.io/ingress.class: azure/application-gateway`,
 *   `appgw.ingress.kubernetes.io/use-private-ip`, `appgw-ssl-certificate`, `ssl-redirect`
 *   (https://learn.microsoft.com/azure/application-gateway/ingress-controller-annotations).
 */
import type { FrontendConfig, IngressConfig } from "../config/exposure";

type Values = Record<string, unknown>;
type Cloud = "aws" | "gcp" | "azure";

/** Internal-load-balancer annotations of a `LoadBalancer` Service, per cloud. */
function serviceAnnotations(cloud: Cloud, scheme: FrontendConfig["loadBalancerScheme"]): Record<string, string> {
    const internal = scheme === "internal";
    if (cloud === "aws")
        return {
            "service.beta.kubernetes.io/aws-load-balancer-scheme": scheme,
            "service.beta.kubernetes.io/aws-load-balancer-internal": String(internal),
        };
    if (cloud === "gcp") return internal ? { "networking.gke.io/load-balancer-type": "Internal" } : {};
    return internal ? { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" } : {};
}

/** The class a cloud uses when `chart.ingress.className` is unset. */
export function defaultIngressClass(cloud: Cloud, scheme: IngressConfig["scheme"]): string {
    if (cloud === "aws") return "alb";
    if (cloud === "gcp") return scheme === "internal" ? "gce-internal" : "gce";
    return "azure/application-gateway";
}

/** The ingress values for one cloud's own controller, or a plain class for any other controller. */
function ingressValues(cloud: Cloud, hostname: string, ingress: IngressConfig): Values {
    const className = ingress.className ?? defaultIngressClass(cloud, ingress.scheme);
    const annotations: Record<string, string> = {};
    const values: Values = { enabled: true, annotations };
    if (className === "alb") {
        values.ingressClassName = "alb";
        annotations["alb.ingress.kubernetes.io/scheme"] = ingress.scheme;
        // The frontend Service is ClusterIP: the ALB targets pod IPs directly.
        annotations["alb.ingress.kubernetes.io/target-type"] = "ip";
        if (ingress.awsCertificateArn) {
            annotations["alb.ingress.kubernetes.io/certificate-arn"] = ingress.awsCertificateArn;
            annotations["alb.ingress.kubernetes.io/listen-ports"] = '[{"HTTP": 80}, {"HTTPS": 443}]';
            annotations["alb.ingress.kubernetes.io/ssl-redirect"] = "443";
        }
    } else if (className === "gce" || className === "gce-internal") {
        annotations["kubernetes.io/ingress.class"] = className;
        if (ingress.gcpPreSharedCertificate)
            annotations["ingress.gcp.kubernetes.io/pre-shared-cert"] = ingress.gcpPreSharedCertificate;
    } else if (className === "azure/application-gateway") {
        annotations["kubernetes.io/ingress.class"] = className;
        if (ingress.scheme === "internal") annotations["appgw.ingress.kubernetes.io/use-private-ip"] = "true";
        if (ingress.azureAppGatewayCertificate) {
            annotations["appgw.ingress.kubernetes.io/appgw-ssl-certificate"] = ingress.azureAppGatewayCertificate;
            annotations["appgw.ingress.kubernetes.io/ssl-redirect"] = "true";
        }
    } else {
        // Another controller (e.g. ingress-nginx): internal vs internet-facing is its own Service's setting.
        values.ingressClassName = className;
    }
    if (ingress.tlsSecretName) values.tls = [{ hosts: [hostname], secretName: ingress.tlsSecretName }];
    return values;
}

/** Whether the Ingress serves TLS: a certificate Secret, or the cloud's certificate on its load balancer. */
export function ingressServesTls(ingress: IngressConfig): boolean {
    return Boolean(
        ingress.tlsSecretName ??
        ingress.awsCertificateArn ??
        ingress.gcpPreSharedCertificate ??
        ingress.azureAppGatewayCertificate,
    );
}

/** The exposure values (merged under the user's helmValues) and whether the URL is https. */
export function exposureValues(input: {
    cloud: Cloud;
    hostname?: string;
    frontend: FrontendConfig;
    ingress: IngressConfig;
}): { values: Values; tls: boolean } {
    const service: Values = { type: input.frontend.serviceType };
    if (input.frontend.serviceType === "LoadBalancer") {
        service.annotations = serviceAnnotations(input.cloud, input.frontend.loadBalancerScheme);
        if (input.frontend.loadBalancerSourceRanges)
            service.loadBalancerSourceRanges = [...input.frontend.loadBalancerSourceRanges];
    }
    const values: Values = { frontend: { service } };
    if (input.hostname) values.ingress = ingressValues(input.cloud, input.hostname, input.ingress);
    return { values, tls: input.hostname !== undefined && ingressServesTls(input.ingress) };
}
