/**
 * A pod's view of the chart's TLS volumes, reproduced in a temp dir: the chart's `langsmith.tlsVolumes`
 * / `tlsVolumeMounts` helpers project `config.customCa` to /etc/ssl/certs/custom-ca-certificates.crt
 * and `postgres.external.clientCert` to /etc/postgres/certs/client.crt (mode 0644) and client.key
 * (mode 0640); the kubelet makes secret files root-owned with the pod's `fsGroup` as their group.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    CHART_CLIENT_CERT_PATH,
    CHART_CLIENT_KEY_PATH,
    CHART_CUSTOM_CA_PATH,
} from "../../components/postgres/connectionUrl";

/** Kubernetes Secrets by name: key → content. */
export type Secrets = Record<string, Record<string, string>>;

export interface PodTlsFiles {
    /** The pod's root in the temp dir. */
    root: string;
    caFile: string;
    certFile: string;
    keyFile: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- chart values are untyped JSON
type Values = Record<string, any>;

function secretValue(secrets: Secrets, name: string, key: string): string {
    const value = secrets[name]?.[key];
    if (value === undefined) throw new Error(`the values reference Secret ${name} key ${key}, which does not exist`);
    return value;
}

/** Writes the files the chart would mount for `values`, reading the referenced Secrets. */
export function materialisePodTls(values: Values, secrets: Secrets): PodTlsFiles {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ls-pod-"));
    fs.chmodSync(root, 0o755);
    const fsGroup: number = values.commonPodSecurityContext?.fsGroup;
    const place = (mountPath: string, content: string, mode: number) => {
        const file = path.join(root, mountPath);
        fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
        for (let dir = path.dirname(file); dir.startsWith(root) && dir !== root; dir = path.dirname(dir))
            fs.chmodSync(dir, 0o755);
        fs.writeFileSync(file, content);
        fs.chownSync(file, 0, fsGroup ?? 0);
        fs.chmodSync(file, mode);
        return file;
    };
    const customCa = values.config?.customCa;
    const clientCert = values.postgres?.external?.clientCert;
    if (!customCa?.secretName || !clientCert?.secretName)
        throw new Error("the values carry no config.customCa or postgres.external.clientCert");
    return {
        root,
        caFile: place(CHART_CUSTOM_CA_PATH, secretValue(secrets, customCa.secretName, customCa.secretKey), 0o644),
        certFile: place(
            CHART_CLIENT_CERT_PATH,
            secretValue(secrets, clientCert.secretName, clientCert.certSecretKey),
            0o644,
        ),
        keyFile: place(
            CHART_CLIENT_KEY_PATH,
            secretValue(secrets, clientCert.secretName, clientCert.keySecretKey),
            0o640,
        ),
    };
}
