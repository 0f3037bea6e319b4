/** Kubernetes input rules: object names, labels, annotations, Secret/ConfigMap keys, Job fields, Helm releases. */
import { parse as parseYaml } from "yaml";
import {
    describeName,
    dnsLabelProblem,
    dnsSubdomainProblem,
    forEachType,
    get,
    isRecord,
    nameOf,
    num,
    problems,
    q,
    str,
} from "./common";
import type { ServiceRule } from "./types";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
const SECRET = "kubernetes:core/v1:Secret";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const JOB = "kubernetes:batch/v1:Job";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
const PROVIDER = "pulumi:providers:kubernetes";

const NAMES = "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/";
const LABELS = "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set";
const ANNOTATIONS =
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set";
const JOBS = "https://kubernetes.io/docs/concepts/workloads/controllers/job/";

/** A label or annotation key: optional DNS-subdomain prefix (<= 253) and '/', then a name of <= 63 alphanumerics, '-', '_', '.'. */
function keyProblem(key: string): string | undefined {
    const slash = key.lastIndexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    return problems([
        prefix !== undefined &&
            dnsSubdomainProblem(prefix) !== undefined &&
            `key ${q(key)}: the prefix is not a DNS subdomain of at most 253 characters`,
        !/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name) &&
            `key ${q(key)}: the name part must be 1 to 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric`,
    ]);
}

export function labelProblems(labels: unknown): string | undefined {
    if (!isRecord(labels)) return undefined;
    return problems(
        Object.entries(labels).flatMap(([k, v]) => [
            keyProblem(k),
            typeof v !== "string"
                ? `label ${q(k)}: the value must be a string`
                : !/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/.test(v) &&
                  `label ${q(k)}: the value ${q(v)} must be at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric`,
        ]),
    );
}

export function annotationProblems(annotations: unknown): string | undefined {
    if (!isRecord(annotations)) return undefined;
    const size = Object.entries(annotations).reduce(
        (n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(typeof v === "string" ? v : ""),
        0,
    );
    return problems([
        ...Object.entries(annotations).map(
            ([k, v]) =>
                keyProblem(k) ?? (typeof v !== "string" ? `annotation ${q(k)}: the value must be a string` : undefined),
        ),
        size > 256 * 1024 && `annotations total ${size} bytes, more than 256 KiB`,
    ]);
}

const OBJECTS: Record<string, string> = {
    [NAMESPACE]: "namespace",
    [SERVICE_ACCOUNT]: "service-account",
    [SECRET]: "secret",
    [CONFIG_MAP]: "config-map",
    [JOB]: "job",
    [STORAGE_CLASS]: "storage-class",
};

/** Names: a Namespace is a DNS label; a Job a DNS label too (its name becomes a pod label value); the rest DNS subdomains. */
const nameRules = forEachType(OBJECTS, (type, short) => {
    const label = type === NAMESPACE || type === JOB;
    return {
        id: `k8s.${short}.name`,
        resourceType: type,
        property: "metadata.name, metadata.namespace",
        description: label
            ? `${short === "job" ? "Job" : "Namespace"} name: an RFC 1123 label of at most 63 characters${short === "job" ? " (the name becomes the pods' job-name label)" : ""}.`
            : "Name: an RFC 1123 subdomain of at most 253 characters; the namespace, when set, an RFC 1123 label.",
        url: type === JOB ? `${JOBS}#writing-a-job-spec` : NAMES,
        check: (_i, r) => {
            const n = nameOf(r, "metadata.name");
            const namespace = str(r.inputs, "metadata.namespace");
            const p = n && (label ? dnsLabelProblem(n.value) : dnsSubdomainProblem(n.value));
            const nsProblem = namespace !== undefined ? dnsLabelProblem(namespace) : undefined;
            return problems([
                p && `${describeName(n)} ${p}`,
                nsProblem && `namespace ${q(namespace ?? "")} ${nsProblem}`,
            ]);
        },
    };
});

const labelRules = forEachType(OBJECTS, (type, short) => ({
    id: `k8s.${short}.labels`,
    resourceType: type,
    property: type === JOB ? "metadata.labels, spec.template.metadata.labels" : "metadata.labels",
    description:
        "Label keys: optional DNS-subdomain prefix (<= 253) and a name of <= 63 alphanumerics, '-', '_', '.'; values <= 63 of the same, starting and ending alphanumeric.",
    url: LABELS,
    check: (inputs) =>
        problems([
            labelProblems(get(inputs, "metadata.labels")),
            type === JOB ? labelProblems(get(inputs, "spec.template.metadata.labels")) : undefined,
        ]),
}));

const annotationRules = forEachType(OBJECTS, (type, short) => ({
    id: `k8s.${short}.annotations`,
    resourceType: type,
    property: type === JOB ? "metadata.annotations, spec.template.metadata.annotations" : "metadata.annotations",
    description:
        "Annotation keys follow the label key syntax; values are strings; all annotations of an object total at most 256 KiB.",
    url: ANNOTATIONS,
    check: (inputs) =>
        problems([
            annotationProblems(get(inputs, "metadata.annotations")),
            type === JOB ? annotationProblems(get(inputs, "spec.template.metadata.annotations")) : undefined,
        ]),
}));

/** Data keys of Secrets and ConfigMaps, and their total size (values as the API stores them). */
function dataKeyProblems(inputs: Record<string, unknown>, fields: string[], maxBytes: number): string | undefined {
    const keys: string[] = [];
    let size = 0;
    for (const field of fields) {
        const data = get(inputs, field);
        if (!isRecord(data)) continue;
        for (const [k, v] of Object.entries(data)) {
            keys.push(k);
            size +=
                Buffer.byteLength(k) +
                (typeof v === "string"
                    ? field === "data" || field === "binaryData"
                        ? Math.floor((v.length * 3) / 4)
                        : Buffer.byteLength(v)
                    : 0);
        }
    }
    return problems([
        ...keys.map((k) =>
            !/^[-._a-zA-Z0-9]+$/.test(k) || k.length > 253
                ? `key ${q(k)} must be at most 253 alphanumerics, '-', '_' or '.'`
                : undefined,
        ),
        new Set(keys).size !== keys.length && "a key appears twice",
        size > maxBytes && `the data totals ${size} bytes, more than ${maxBytes}`,
    ]);
}

const dataRules: ServiceRule[] = [
    {
        id: "k8s.secret.data",
        resourceType: SECRET,
        property: "data, stringData",
        description:
            "Secret data keys are alphanumerics, '-', '_' or '.'; data values are base64; a Secret holds at most 1 MiB.",
        url: "https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data",
        check: (inputs) => {
            const data = get(inputs, "data");
            const notBase64 = isRecord(data)
                ? Object.entries(data).filter(
                      ([, v]) => typeof v !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0,
                  )
                : [];
            return problems([
                dataKeyProblems(inputs, ["data", "stringData"], 1024 * 1024),
                ...notBase64.map(([k]) => `the value of data key ${q(k)} is not base64`),
            ]);
        },
    },
    {
        id: "k8s.config-map.data",
        resourceType: CONFIG_MAP,
        property: "data, binaryData",
        description:
            "ConfigMap keys are alphanumerics, '-', '_' or '.', unique across data and binaryData; a ConfigMap holds at most 1 MiB.",
        url: "https://kubernetes.io/docs/concepts/configuration/configmap/",
        check: (inputs) => dataKeyProblems(inputs, ["data", "binaryData"], 1024 * 1024),
    },
];

/** Kubernetes resource quantities (`64Mi`, `50m`, `1.5`). */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[mkMGTPE])?$/;
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
function quantity(v: string): number {
    const m = v.match(/^([+-]?[\d.]+(?:[eE][+-]?\d+)?)([KMGTPE]i|[mkMGTPE])?$/);
    if (!m) return NaN;
    return Number(m[1]) * (m[2] ? (BINARY[m[2]] ?? DECIMAL[m[2]]) : 1);
}

const jobRules: ServiceRule[] = [
    {
        id: "k8s.job.spec",
        resourceType: JOB,
        property:
            "spec.backoffLimit, activeDeadlineSeconds, ttlSecondsAfterFinished, completions, parallelism, template.spec.restartPolicy",
        description:
            "backoffLimit, completions, parallelism and ttlSecondsAfterFinished are >= 0, activeDeadlineSeconds > 0; a Job's pods restart Never or OnFailure.",
        url: JOBS,
        check: (inputs) => {
            const nonNegative = ["backoffLimit", "completions", "parallelism", "ttlSecondsAfterFinished"].map((k) => {
                const v = num(inputs, `spec.${k}`);
                return v !== undefined && (v < 0 || !Number.isInteger(v))
                    ? `${k} ${v} is not an integer >= 0`
                    : undefined;
            });
            const deadline = num(inputs, "spec.activeDeadlineSeconds");
            const restart = str(inputs, "spec.template.spec.restartPolicy");
            return problems([
                ...nonNegative,
                deadline !== undefined &&
                    (deadline <= 0 || !Number.isInteger(deadline)) &&
                    `activeDeadlineSeconds ${deadline} is not an integer > 0`,
                restart !== "Never" &&
                    restart !== "OnFailure" &&
                    `restartPolicy ${q(restart ?? "(unset: Always)")} is not Never or OnFailure`,
            ]);
        },
    },
    {
        id: "k8s.job.containers",
        resourceType: JOB,
        property: "spec.template.spec.containers, volumes",
        description:
            "Containers and volumes have unique RFC 1123 label names and images; volume mounts name a volume of the pod; env names have no '='; resource requests do not exceed limits; secretKeyRef names are RFC 1123 subdomains.",
        url: "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
        check: (inputs) => {
            const pod = get(inputs, "spec.template.spec");
            const containers = [
                ...((get(pod, "initContainers") as unknown[] | undefined) ?? []),
                ...((get(pod, "containers") as unknown[] | undefined) ?? []),
            ];
            const volumes = ((get(pod, "volumes") as unknown[] | undefined) ?? []).map((v) => str(v, "name") ?? "");
            const names = containers.map((c) => str(c, "name") ?? "");
            const out: (string | undefined | false)[] = [
                containers.length === 0 && "the pod has no container",
                new Set(names).size !== names.length && "two containers share a name",
                new Set(volumes).size !== volumes.length && "two volumes share a name",
                ...volumes.map((v) => dnsLabelProblem(v) && `volume ${q(v)} ${dnsLabelProblem(v)}`),
            ];
            for (const c of containers) {
                const name = str(c, "name") ?? "";
                out.push(
                    dnsLabelProblem(name) && `container ${q(name)} ${dnsLabelProblem(name)}`,
                    !str(c, "image") && `container ${q(name)} has no image`,
                );
                for (const m of (get(c, "volumeMounts") as unknown[] | undefined) ?? []) {
                    const v = str(m, "name") ?? "";
                    out.push(
                        !volumes.includes(v) && `container ${q(name)} mounts ${q(v)}, which is not a volume of the pod`,
                    );
                }
                for (const e of (get(c, "env") as unknown[] | undefined) ?? []) {
                    const envName = str(e, "name") ?? "";
                    const ref = str(e, "valueFrom.secretKeyRef.name");
                    out.push(
                        (envName.length === 0 || envName.includes("=") || !/^[\x20-\x7e]+$/.test(envName)) &&
                            `env ${q(envName)} is not a printable name without '='`,
                        ref !== undefined &&
                            dnsSubdomainProblem(ref) !== undefined &&
                            `env ${q(envName)}: secretKeyRef name ${q(ref)} is not an RFC 1123 subdomain`,
                    );
                }
                for (const kind of ["requests", "limits"]) {
                    const res = get(c, `resources.${kind}`);
                    if (!isRecord(res)) continue;
                    for (const [r, v] of Object.entries(res))
                        out.push(
                            (typeof v !== "string" || !QUANTITY.test(v)) &&
                                `container ${q(name)}: ${kind}.${r} ${q(String(v))} is not a quantity`,
                        );
                }
                const requests = get(c, "resources.requests");
                const limits = get(c, "resources.limits");
                if (isRecord(requests) && isRecord(limits)) {
                    for (const [r, v] of Object.entries(requests)) {
                        const limit = limits[r];
                        if (typeof v === "string" && typeof limit === "string" && quantity(v) > quantity(limit))
                            out.push(`container ${q(name)}: the ${r} request ${v} exceeds the limit ${limit}`);
                    }
                }
            }
            return problems(out);
        },
    },
];

/** gp3 limits of EC2 CreateVolume, which the EBS CSI driver calls with the StorageClass's parameters. */
const GP3 = { minIops: 3000, minThroughput: 125, maxThroughput: 2000, maxThroughputPerIops: 0.25 } as const;
const EBS_TYPES = ["io1", "io2", "gp2", "gp3", "sc1", "st1", "standard", "sbp1", "sbg1"];

const storageClassRules: ServiceRule[] = [
    {
        id: "k8s.storage-class.spec",
        resourceType: STORAGE_CLASS,
        property: "provisioner, parameters, reclaimPolicy, volumeBindingMode",
        description:
            "A provisioner is required; parameters are strings; reclaimPolicy is Delete or Retain; volumeBindingMode is Immediate or WaitForFirstConsumer; no namespace (the object is cluster-scoped).",
        url: "https://kubernetes.io/docs/concepts/storage/storage-classes/",
        check: (inputs) => {
            const parameters = get(inputs, "parameters");
            const reclaim = str(inputs, "reclaimPolicy");
            const binding = str(inputs, "volumeBindingMode");
            return problems([
                !str(inputs, "provisioner") && "provisioner is required",
                str(inputs, "metadata.namespace") !== undefined && "a StorageClass has no namespace",
                ...(isRecord(parameters)
                    ? Object.entries(parameters).map(
                          ([k, v]) => typeof v !== "string" && `parameter ${q(k)} is not a string`,
                      )
                    : []),
                reclaim !== undefined &&
                    !["Delete", "Retain"].includes(reclaim) &&
                    `reclaimPolicy ${q(reclaim)} is not Delete or Retain`,
                binding !== undefined &&
                    !["Immediate", "WaitForFirstConsumer"].includes(binding) &&
                    `volumeBindingMode ${q(binding)} is not Immediate or WaitForFirstConsumer`,
            ]);
        },
    },
    {
        id: "k8s.storage-class.ebs-gp3",
        resourceType: STORAGE_CLASS,
        property: "parameters.type, parameters.iops, parameters.throughput (provisioner ebs.csi.aws.com)",
        description:
            "EBS CSI driver: type is an EBS volume type; throughput is for gp3 only; gp3 takes at least 3000 IOPS and 125 to 2000 MiB/s, at most 0.25 MiB/s per provisioned IOPS (EC2 CreateVolume, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html).",
        url: "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md",
        check: (inputs) => {
            if (str(inputs, "provisioner") !== "ebs.csi.aws.com") return undefined;
            const type = (str(inputs, "parameters.type") ?? "gp3").toLowerCase();
            const iopsText = str(inputs, "parameters.iops");
            const throughputText = str(inputs, "parameters.throughput");
            const iops = iopsText !== undefined ? Number(iopsText) : undefined;
            const throughput = throughputText !== undefined ? Number(throughputText) : undefined;
            const effectiveIops = iops ?? GP3.minIops;
            return problems([
                !EBS_TYPES.includes(type) && `type ${q(type)} is not an EBS volume type`,
                throughput !== undefined && type !== "gp3" && `throughput is set but type ${q(type)} is not gp3`,
                iops !== undefined && !Number.isInteger(iops) && `iops ${q(iopsText ?? "")} is not a whole number`,
                type === "gp3" &&
                    iops !== undefined &&
                    iops < GP3.minIops &&
                    `gp3 iops ${iops} is below ${GP3.minIops}`,
                throughput !== undefined &&
                    (!Number.isInteger(throughput) ||
                        throughput < GP3.minThroughput ||
                        throughput > GP3.maxThroughput) &&
                    `gp3 throughput ${q(throughputText ?? "")} is not ${GP3.minThroughput} to ${GP3.maxThroughput} MiB/s`,
                type === "gp3" &&
                    throughput !== undefined &&
                    throughput > effectiveIops * GP3.maxThroughputPerIops &&
                    `gp3 throughput ${throughput} MiB/s is above 0.25 MiB/s per IOPS (${effectiveIops} IOPS allow ${effectiveIops * GP3.maxThroughputPerIops})`,
            ]);
        },
    },
];

/** Helm's release-name rule: a DNS-1123 subdomain of at most 53 characters (room for suffixes Helm and charts add). */
const releaseRules: ServiceRule[] = [
    {
        id: "k8s.helm.release.name",
        resourceType: RELEASE,
        property: "name",
        description: "Release name: at most 53 characters, lower-case letters, digits, '-' and '.' (RFC 1123).",
        url: "https://github.com/helm/helm/blob/main/pkg/chartutil/validate_name.go",
        check: (_i, r) => {
            const n = nameOf(r, "name");
            const p = n && dnsSubdomainProblem(n.value, 53);
            return p && `${describeName(n)} ${p}`;
        },
    },
    {
        id: "k8s.helm.release.chart",
        resourceType: RELEASE,
        property: "chart, version, namespace, timeout",
        description:
            "A chart and, for a repository chart, a SemVer 2 version; the namespace an RFC 1123 label; the timeout in seconds > 0.",
        url: "https://helm.sh/docs/topics/charts/#charts-and-versioning",
        check: (inputs) => {
            const version = str(inputs, "version");
            const namespace = str(inputs, "namespace");
            const timeout = num(inputs, "timeout");
            return problems([
                !str(inputs, "chart") && "chart is required",
                version !== undefined &&
                    !/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version) &&
                    `version ${q(version)} is not SemVer 2`,
                namespace !== undefined &&
                    dnsLabelProblem(namespace) !== undefined &&
                    `namespace ${q(namespace)} ${dnsLabelProblem(namespace)}`,
                timeout !== undefined && timeout <= 0 && `timeout ${timeout} is not > 0`,
            ]);
        },
    },
];

const providerRules: ServiceRule[] = [
    {
        id: "k8s.provider.kubeconfig",
        resourceType: PROVIDER,
        property: "kubeconfig",
        description:
            "A kubeconfig document (YAML or JSON; a file path is not checked) names, by the provider's context or its current-context, a context whose cluster and user are defined.",
        url: "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
        check: (inputs) => {
            const text = str(inputs, "kubeconfig");
            if (text === undefined) return undefined;
            let config: unknown;
            try {
                config = parseYaml(text);
            } catch {
                return "the kubeconfig does not parse";
            }
            // The provider also takes a path to a kubeconfig file: nothing to check offline then.
            if (!isRecord(config)) return undefined;
            const current = str(inputs, "context") ?? str(config, "current-context");
            const byName = (list: string) =>
                ((get(config, list) as unknown[] | undefined) ?? []).map((e) => str(e, "name"));
            const context = ((get(config, "contexts") as unknown[] | undefined) ?? []).find(
                (c) => str(c, "name") === current,
            );
            return problems([
                !current && "neither the provider's context nor current-context is set",
                current !== undefined && context === undefined && `context ${q(current)} is not among the contexts`,
                context !== undefined &&
                    !byName("clusters").includes(str(context, "context.cluster")) &&
                    "the current context's cluster is not defined",
                context !== undefined &&
                    !byName("users").includes(str(context, "context.user")) &&
                    "the current context's user is not defined",
            ]);
        },
    },
];

export const KUBERNETES_RULES: ServiceRule[] = [
    ...nameRules,
    ...labelRules,
    ...annotationRules,
    ...dataRules,
    ...jobRules,
    ...releaseRules,
    ...storageClassRules,
    ...providerRules,
];
