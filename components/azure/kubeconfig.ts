/**
 * The AKS user kubeconfig made non-interactive: `listManagedClusterUserCredentials` returns a
 * kubeconfig whose `kubelogin` exec plugin may use device-code login, which would hang a
 * `pulumi up`; here it uses the Azure CLI login Pulumi itself runs with (`--login azurecli`).
 * Clusters with local accounts get their kubeconfig unchanged.
 */
import { parse as parseYaml, stringify as toYaml } from "yaml";

/** The AKS AAD server application id, the default `--server-id` of kubelogin. */
export const AKS_AAD_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

interface ExecUser {
    name: string;
    user?: { exec?: { command?: string; args?: string[]; [k: string]: unknown }; [k: string]: unknown };
}

function flagValue(args: readonly string[], flag: string): string | undefined {
    const i = args.indexOf(flag);
    if (i >= 0 && i + 1 < args.length) return args[i + 1];
    const inline = args.find((a) => a.startsWith(`${flag}=`));
    return inline?.slice(flag.length + 1);
}

/** Rewrites every `kubelogin` exec user of a kubeconfig (YAML or JSON text) to `--login azurecli`. */
export function aksKubeconfigForAzureCli(kubeconfig: string): string {
    const doc = parseYaml(kubeconfig) as { users?: ExecUser[] } | null;
    if (!doc || typeof doc !== "object") throw new Error("AKS kubeconfig: not a kubeconfig document");
    for (const u of doc.users ?? []) {
        const exec = u.user?.exec;
        if (!exec || !/(^|\/)kubelogin$/.test(exec.command ?? "")) continue;
        const args = exec.args ?? [];
        exec.args = [
            "get-token",
            "--login",
            "azurecli",
            "--server-id",
            flagValue(args, "--server-id") ?? AKS_AAD_SERVER_ID,
        ];
        exec.interactiveMode = "Never";
    }
    return toYaml(doc);
}

/** Decodes the first kubeconfig of `listManagedClusterUserCredentials`. */
export function decodeAksKubeconfig(kubeconfigs: readonly { name?: string; value?: string }[]): string {
    const first = kubeconfigs[0]?.value;
    if (!first) throw new Error("AKS returned no user kubeconfig; give the cluster's kubeconfig explicitly instead");
    return aksKubeconfigForAzureCli(Buffer.from(first, "base64").toString("utf8"));
}
