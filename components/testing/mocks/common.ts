/** Mocks for the cloud-agnostic providers: Kubernetes and random. */
import { modelPassword, seededInts } from "./random";
import { autoName, k8sObject, stableHex, type ResourceMock } from "./shared";

export const COMMON_RESOURCE_MOCKS: Record<string, ResourceMock> = {
    // The stack's reference to itself (program/deploy/previousDeployment.ts): the last deployment's outputs.
    "pulumi:pulumi:StackReference": (a, w) => ({
        id: String(a.inputs.name),
        state: {
            name: a.inputs.name,
            outputs: w.previousStackOutputs ?? {},
            secretOutputNames: w.previousStackSecretOutputs ?? [],
        },
    }),
    "pulumi:providers:kubernetes": (a) => ({ id: `${a.name}-provider`, state: a.inputs }),
    "random:index/randomPassword:RandomPassword": (a) => {
        const result = modelPassword(a.inputs, seededInts(`password:${a.name}`));
        return { id: "none", state: { ...a.inputs, result, bcryptHash: `$2a$10$${stableHex(result, 53)}` } };
    },
    "random:index/randomBytes:RandomBytes": (a) => {
        const bytes = Buffer.from(stableHex(`bytes:${a.name}`, Number(a.inputs.length) * 2), "hex");
        return { id: "none", state: { ...a.inputs, base64: bytes.toString("base64"), hex: bytes.toString("hex") } };
    },
    "kubernetes:core/v1:Namespace": k8sObject,
    "kubernetes:core/v1:ServiceAccount": k8sObject,
    "kubernetes:core/v1:Secret": k8sObject,
    "kubernetes:core/v1:ConfigMap": k8sObject,
    // Cluster-scoped: no namespace, so its id is its name (as the API server reports it).
    "kubernetes:storage.k8s.io/v1:StorageClass": k8sObject,
    "kubernetes:batch/v1:Job": (a) => {
        const obj = k8sObject(a);
        return {
            id: obj.id,
            state: { ...obj.state, status: { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] } },
        };
    },
    "kubernetes:helm.sh/v3:Release": (a) => {
        const name = String(a.inputs.name ?? autoName(a.name));
        return {
            id: `${a.inputs.namespace}/${name}`,
            state: {
                ...a.inputs,
                name,
                status: {
                    name,
                    namespace: a.inputs.namespace,
                    chart: a.inputs.chart,
                    version: a.inputs.version,
                    appVersion: "0.16.45",
                    revision: 1,
                    status: "deployed",
                },
            },
        };
    },
};
