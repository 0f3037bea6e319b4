import { strict as assert } from "node:assert";
import { listStacks } from "../../tools/offline/synthesize";
import { langsmithHelmValues } from "../../components/langsmith/values";
import { exposureValues } from "../../program/deploy/exposure";
import { frontendSchema, ingressSchema } from "../../program/config/exposure";
import { parseSettings } from "../../program/config/settings";
import { isConfigError } from "../../program/config/errors";
import { IamAuthProvider } from "../../components/postgres/contract";
import { at, helmValues, synthStack } from "../support/synth";
import { awsBase, azureBase, gcpBase, type RawConfig } from "../support/baseConfigs";

const frontend = (v: Record<string, unknown> = {}) => frontendSchema.parse(v);
const ingress = (v: Record<string, unknown> = {}) => ingressSchema.parse(v);

describe("no accidental exposure: the frontend is private unless the stack says otherwise", function () {
    this.timeout(120000);

    it("the package's values set frontend.service.type ClusterIP by default (the chart's own default is LoadBalancer)", function () {
        const values = langsmithHelmValues({
            serviceAccounts: [],
            podLabels: {},
            iamAuthProvider: IamAuthProvider.Aws,
            postgresSecretName: "pg",
            configSecretName: "cfg",
            schema: "public",
            authType: "mixed",
            basicAuth: false,
            deployments: false,
            insights: false,
            polly: false,
        });
        assert.equal(at(values, ["frontend", "service", "type"]), "ClusterIP");
    });

    for (const stack of listStacks()) {
        it(`${stack}: the release's frontend Service is ClusterIP, with no load balancer annotation`, async function () {
            const values = helmValues(await synthStack(stack));
            assert.deepEqual(at(values, ["frontend", "service"]), { type: "ClusterIP" });
        });
    }

    it("a load balancer is internal by default, with each cloud's own annotation", function () {
        const lb = frontend({ serviceType: "LoadBalancer" });
        const service = (cloud: "aws" | "gcp" | "azure") =>
            at(exposureValues({ cloud, frontend: lb, ingress: ingress() }).values, ["frontend", "service"]);
        assert.deepEqual(service("aws"), {
            type: "LoadBalancer",
            annotations: {
                "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
                "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
            },
        });
        assert.deepEqual(service("gcp"), {
            type: "LoadBalancer",
            annotations: { "networking.gke.io/load-balancer-type": "Internal" },
        });
        assert.deepEqual(service("azure"), {
            type: "LoadBalancer",
            annotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" },
        });
    });

    it("an internet-facing load balancer is an explicit choice, with its source ranges", function () {
        const lb = frontend({
            serviceType: "LoadBalancer",
            loadBalancerScheme: "internet-facing",
            loadBalancerSourceRanges: ["203.0.113.0/24"],
        });
        const aws = at(exposureValues({ cloud: "aws", frontend: lb, ingress: ingress() }).values, [
            "frontend",
            "service",
        ]);
        assert.deepEqual(aws, {
            type: "LoadBalancer",
            annotations: {
                "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
                "service.beta.kubernetes.io/aws-load-balancer-internal": "false",
            },
            loadBalancerSourceRanges: ["203.0.113.0/24"],
        });
        const gcp = at(exposureValues({ cloud: "gcp", frontend: lb, ingress: ingress() }).values, [
            "frontend",
            "service",
        ]);
        assert.deepEqual(at(gcp, ["annotations"]), {});
    });

    it("the stack's frontend settings reach the release", async function () {
        const values = helmValues(
            await synthStack("aws-dev", {
                override: { "langsmith:chart": { frontend: { serviceType: "LoadBalancer" } } },
            }),
        );
        assert.equal(at(values, ["frontend", "service", "type"]), "LoadBalancer");
        assert.equal(
            at(values, ["frontend", "service", "annotations", "service.beta.kubernetes.io/aws-load-balancer-scheme"]),
            "internal",
        );
    });
});

describe("the Ingress gets what each cloud needs, and langsmithUrl says https only with TLS", function () {
    this.timeout(120000);
    const host = "langsmith.example.com";
    const ing = (cloud: "aws" | "gcp" | "azure", v: Record<string, unknown> = {}) =>
        exposureValues({ cloud, hostname: host, frontend: frontend(), ingress: ingress(v) });

    it("AWS: class alb, internal by default, pod targets; an ACM certificate adds HTTPS", function () {
        const plain = ing("aws");
        assert.equal(plain.tls, false);
        assert.deepEqual(plain.values.ingress, {
            enabled: true,
            ingressClassName: "alb",
            annotations: {
                "alb.ingress.kubernetes.io/scheme": "internal",
                "alb.ingress.kubernetes.io/target-type": "ip",
            },
        });
        const arn = "arn:aws:acm:us-west-2:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab";
        const withCert = ing("aws", { awsCertificateArn: arn, scheme: "internet-facing" });
        assert.equal(withCert.tls, true);
        assert.equal(at(withCert.values, ["ingress", "annotations", "alb.ingress.kubernetes.io/certificate-arn"]), arn);
        assert.equal(
            at(withCert.values, ["ingress", "annotations", "alb.ingress.kubernetes.io/scheme"]),
            "internet-facing",
        );
    });

    it("GCP: the class is an annotation (gce-internal by default), a pre-shared certificate adds HTTPS", function () {
        const plain = ing("gcp");
        assert.equal(at(plain.values, ["ingress", "annotations", "kubernetes.io/ingress.class"]), "gce-internal");
        assert.equal(at(plain.values, ["ingress", "ingressClassName"]), undefined);
        const external = ing("gcp", { scheme: "internet-facing", gcpPreSharedCertificate: "langsmith-cert" });
        assert.equal(at(external.values, ["ingress", "annotations", "kubernetes.io/ingress.class"]), "gce");
        assert.equal(
            at(external.values, ["ingress", "annotations", "ingress.gcp.kubernetes.io/pre-shared-cert"]),
            "langsmith-cert",
        );
        assert.equal(external.tls, true);
    });

    it("Azure: Application Gateway on its private IP by default; a gateway certificate adds HTTPS", function () {
        const plain = ing("azure");
        assert.deepEqual(at(plain.values, ["ingress", "annotations"]), {
            "kubernetes.io/ingress.class": "azure/application-gateway",
            "appgw.ingress.kubernetes.io/use-private-ip": "true",
        });
        const withCert = ing("azure", { azureAppGatewayCertificate: "langsmith-cert" });
        assert.equal(withCert.tls, true);
        assert.equal(
            at(withCert.values, ["ingress", "annotations", "appgw.ingress.kubernetes.io/ssl-redirect"]),
            "true",
        );
    });

    it("any class: TLS from an existing certificate Secret", function () {
        const nginx = ing("azure", { className: "nginx", tlsSecretName: "langsmith-tls" });
        assert.equal(nginx.tls, true);
        assert.equal(at(nginx.values, ["ingress", "ingressClassName"]), "nginx");
        assert.deepEqual(at(nginx.values, ["ingress", "tls"]), [{ hosts: [host], secretName: "langsmith-tls" }]);
        assert.deepEqual(at(nginx.values, ["ingress", "annotations"]), {});
    });

    it("langsmithUrl: http:// without TLS, https:// with it (synthesised stack outputs)", async function () {
        const chart = (ingressConfig: Record<string, unknown>) => ({
            "langsmith:chart": { hostname: host, initialOrgAdminEmail: "a@example.com", ingress: ingressConfig },
        });
        const plain = await synthStack("aws-dev", { override: chart({}) });
        assert.equal(plain.outputs.langsmithUrl, `http://${host}`);
        const secret = await synthStack("aws-dev", { override: chart({ tlsSecretName: "langsmith-tls" }) });
        assert.equal(secret.outputs.langsmithUrl, `https://${host}`);
        assert.deepEqual(at(helmValues(secret), ["ingress", "tls"]), [{ hosts: [host], secretName: "langsmith-tls" }]);
        const gcp = await synthStack("gcp-dev", {
            override: { "langsmith:chart": { hostname: host, initialOrgAdminEmail: "a@example.com" } },
        });
        assert.equal(gcp.outputs.langsmithUrl, `http://${host}`);
    });

    describe("config refuses what cannot work, naming the key", function () {
        const refused = (raw: RawConfig): string[] => {
            try {
                parseSettings(raw);
                return [];
            } catch (err) {
                assert.ok(isConfigError(err), String(err));
                return err.problems.map((p) => p.key);
            }
        };
        const withChart = (base: RawConfig, chart: Record<string, unknown>) => ({
            ...base,
            chart: { ...(base.chart as RawConfig), ...chart },
        });
        it("ingress settings without a host name", function () {
            assert.deepEqual(refused(withChart(awsBase(), { ingress: { tlsSecretName: "tls" } })), [
                "langsmith:chart.ingress.tlsSecretName",
            ]);
        });
        it("another cloud's certificate", function () {
            assert.deepEqual(
                refused(withChart(gcpBase(), { hostname: host, ingress: { azureAppGatewayCertificate: "c" } })),
                ["langsmith:chart.ingress.azureAppGatewayCertificate"],
            );
        });
        it("two TLS sources", function () {
            assert.deepEqual(
                refused(
                    withChart(azureBase(), {
                        hostname: host,
                        ingress: { tlsSecretName: "t", azureAppGatewayCertificate: "c" },
                    }),
                ),
                ["langsmith:chart.ingress.azureAppGatewayCertificate"],
            );
        });
        it("source ranges on a private Service", function () {
            assert.deepEqual(
                refused(withChart(awsBase(), { frontend: { loadBalancerSourceRanges: ["10.0.0.0/8"] } })),
                ["langsmith:chart.frontend.loadBalancerSourceRanges"],
            );
        });
    });
});
