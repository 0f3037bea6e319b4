/**
 * A test-side reproduction of the LangSmith chart's `validate.yaml` checks that generated values must
 * pass (from ../shared/reference/LANGSMITH_CHART_FACTS.md, chart 0.16 / 0.17). The chart's defaults
 * that matter here are written in: insights and polly are ON unless the values turn them off.
 */
import { mergeValues } from "../../components/langsmith/values";

const CHART_DEFAULTS = {
    insights: { enabled: true, encryptionKey: "" },
    polly: { enabled: true, encryptionKey: "" },
    fleet: { enabled: false, encryptionKey: "" },
    engine: { enabled: false },
    config: {
        existingSecretName: "",
        langsmithLicenseKey: "",
        apiKeySalt: "",
        authType: "",
        initialOrgAdminEmail: "",
        basicAuth: { enabled: false, initialOrgAdminPassword: "" },
        deployment: { enabled: false },
    },
    ingress: { enabled: false },
    gateway: { enabled: false },
    istioGateway: { enabled: false },
};

type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The problems the chart would refuse to render with; `secretKeys` are the keys of `config.existingSecretName`. */
export function chartValidationProblems(values: Values, secretKeys: string[]): string[] {
    const v: Values = mergeValues(CHART_DEFAULTS, values);
    const problems: string[] = [];
    const fromSecret = (key: string) => Boolean(v.config.existingSecretName) && secretKeys.includes(key);
    if (!v.config.existingSecretName && !(v.config.langsmithLicenseKey && v.config.apiKeySalt))
        problems.push("needs config.existingSecretName or langsmithLicenseKey + apiKeySalt");
    if (v.config.existingSecretName && !secretKeys.includes("langsmith_license_key"))
        problems.push("the config Secret lacks langsmith_license_key");
    if (v.config.existingSecretName && !secretKeys.includes("api_key_salt"))
        problems.push("the config Secret lacks api_key_salt");
    // validate.yaml, "Validate agent feature (fleet/insights/polly) configuration" (both lines); fleet's
    // key in the Secret is the agent builder's (secrets.yaml).
    const agents = [
        { name: "insights", block: "engineInsightsAgent", key: "insights_encryption_key" },
        { name: "polly", block: "polly", key: "polly_encryption_key" },
        { name: "fleet", block: "fleet", key: "agent_builder_encryption_key" },
    ];
    for (const { name, block, key } of agents) {
        if (v[name].enabled && !v[name].encryptionKey && !fromSecret(key))
            problems.push(`${name} is enabled without an encryption key`);
        for (const store of ["postgres", "redis"]) {
            const external = v[block]?.[store]?.external ?? {};
            const provider = external.iamProvider;
            if (provider && !["azure", "gcp", "aws"].includes(provider))
                problems.push(`${block}.${store}.external.iamProvider must be one of [azure, gcp, aws]`);
            const on = v[name].enabled || (name === "insights" && v.engine.enabled);
            if (on && external.enabled && !external.existingSecretName && !external.connectionUrl && !external.host)
                problems.push(`${name}.${store}.external needs connectionUrl or existingSecretName`);
        }
    }
    if (v.config.basicAuth.enabled) {
        if (!v.config.initialOrgAdminEmail) problems.push("basic auth needs config.initialOrgAdminEmail");
        const inline = String(v.config.basicAuth.initialOrgAdminPassword ?? "");
        if (inline && inline.length < 12) problems.push("inline admin password under 12 characters");
        if (!inline && !fromSecret("initial_org_admin_password"))
            problems.push("basic auth without an initial admin password");
        if (!v.config.basicAuth.jwtSecret && !fromSecret("jwt_secret"))
            problems.push("basic auth without a JWT secret");
    }
    if (!["mixed", "oauth"].includes(v.config.authType))
        problems.push(`config.authType ${JSON.stringify(v.config.authType)} is not mixed/oauth`);
    if (v.config.deployment.enabled && !v.ingress.enabled && !v.gateway.enabled && !v.istioGateway.enabled)
        problems.push("LangSmith Deployments need an ingress, gateway or istioGateway");
    if (v.ingress.hostname) problems.push("ingress.hostname moved to config.hostname");
    return problems;
}
