// The bootstrap Job's credential step (init container, `node fetch-credential.mjs <aws|gcp|azure>`):
// fetch the database administrator's credential with the pod's own workload identity and write it
// as a libpq password file for the psql container. No dependencies: Node's fetch and node:crypto.
//
// Every endpoint comes from the environment the platform injects (IRSA / Pod Identity, the GKE
// metadata server, Azure Workload Identity) or AWS's documented endpoint overrides; tests point the
// same variables at stand-ins on 127.0.0.1.
//
// Failure: one line `bootstrap: <step>: <reason>` on stderr and a non-zero exit: 1 configuration,
// 2 endpoint unreachable or unavailable (5xx), 3 refused (4xx), 4 malformed answer or no secret.
// The reason is an HTTP status and the provider's error code, never a body that may hold a secret.
import { createHash, createHmac } from "node:crypto";
import { chmodSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const TIMEOUT_MS = 10000;

class Failure extends Error {
    constructor(step, reason, code) {
        super(reason);
        this.step = step;
        this.code = code;
    }
}

function env(name, step) {
    const value = process.env[name];
    if (!value) throw new Failure(step, `${name} is not set`, 1);
    return value;
}

function readToken(file, step) {
    try {
        return readFileSync(file, "utf8").trim();
    } catch (e) {
        throw new Failure(step, `cannot read ${file} (${e.code ?? "error"})`, 1);
    }
}

/** A provider error code worth printing: a short identifier, nothing that could be a token. */
function codeOf(text) {
    const candidates = [];
    try {
        const body = JSON.parse(text);
        candidates.push(body.__type, body.code, body.Code, body.error, body.error?.status);
    } catch {
        const m = /<Code>([^<]*)<\/Code>/.exec(text);
        if (m) candidates.push(m[1]);
    }
    for (const c of candidates) {
        if (typeof c !== "string") continue;
        const code = c.split("#").pop();
        if (/^[A-Za-z0-9_.:-]{1,80}$/.test(code)) return code;
    }
    return undefined;
}

/** One HTTP call; the body of a success only, anything else becomes a Failure of `step`. */
async function call(step, url, init) {
    let response;
    try {
        response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
    } catch (e) {
        const cause = e.cause?.code ?? e.name ?? "error";
        throw new Failure(step, `${new URL(url).host} unreachable (${cause})`, 2);
    }
    const text = await response.text();
    if (!response.ok) {
        const code = response.headers.get("x-amzn-errortype")?.split(":")[0] ?? codeOf(text);
        throw new Failure(step, `HTTP ${response.status}${code ? ` ${code}` : ""}`, response.status >= 500 ? 2 : 3);
    }
    return text;
}

function json(step, text) {
    try {
        return JSON.parse(text);
    } catch {
        throw new Failure(step, "answer is not JSON", 4);
    }
}

// ---- AWS -------------------------------------------------------------------------------------

/** An endpoint: AWS's documented override variable, else the regional default. */
function awsEndpoint(serviceVar, host) {
    return process.env[`AWS_ENDPOINT_URL_${serviceVar}`] ?? process.env.AWS_ENDPOINT_URL ?? `https://${host}`;
}

/** Pod Identity (container credentials) or IRSA (AssumeRoleWithWebIdentity), like the SDKs. */
async function awsCredentials(region) {
    const fullUri = process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    if (fullUri) {
        const step = "pod identity credentials";
        const tokenFile = process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
        const token = tokenFile ? readToken(tokenFile, step) : process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
        if (!token) throw new Failure(step, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is not set", 1);
        const body = json(step, await call(step, fullUri, { headers: { Authorization: token } }));
        if (!body.AccessKeyId || !body.SecretAccessKey) throw new Failure(step, "answer has no AccessKeyId", 4);
        return { accessKeyId: body.AccessKeyId, secretAccessKey: body.SecretAccessKey, sessionToken: body.Token };
    }
    const step = "sts AssumeRoleWithWebIdentity";
    const roleArn = env("AWS_ROLE_ARN", step);
    const webIdentityToken = readToken(env("AWS_WEB_IDENTITY_TOKEN_FILE", step), step);
    const form = new URLSearchParams({
        Action: "AssumeRoleWithWebIdentity",
        Version: "2011-06-15",
        RoleArn: roleArn,
        RoleSessionName: process.env.AWS_ROLE_SESSION_NAME ?? "database-bootstrap",
        WebIdentityToken: webIdentityToken,
    });
    const xml = await call(step, awsEndpoint("STS", `sts.${region}.amazonaws.com/`), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: form.toString(),
    });
    const tag = (name) => new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml)?.[1];
    const credentials = {
        accessKeyId: tag("AccessKeyId"),
        secretAccessKey: tag("SecretAccessKey"),
        sessionToken: tag("SessionToken"),
    };
    if (!credentials.accessKeyId || !credentials.secretAccessKey)
        throw new Failure(step, "answer has no Credentials", 4);
    return credentials;
}

const sha256 = (data) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key, data) => createHmac("sha256", key).update(data, "utf8").digest();

/**
 * Signature Version 4 headers for a POST of `body` to the root path of `url`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
 */
function sigV4Headers({ url, region, service, headers, body, credentials, now = new Date() }) {
    const amzDate = now
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    const date = amzDate.slice(0, 8);
    const target = new URL(url);
    const all = { ...headers, host: target.host, "x-amz-date": amzDate };
    if (credentials.sessionToken) all["x-amz-security-token"] = credentials.sessionToken;
    const names = Object.keys(all)
        .map((n) => n.toLowerCase())
        .sort();
    const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
    const signedHeaders = names.join(";");
    const canonicalRequest = [
        "POST",
        target.pathname || "/",
        "",
        ...names.map((n) => `${n}:${lower[n]}`),
        "",
        signedHeaders,
        sha256(body),
    ].join("\n");
    const scope = `${date}/${region}/${service}/aws4_request`;
    const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
    let key = hmac(`AWS4${credentials.secretAccessKey}`, date);
    for (const part of [region, service, "aws4_request"]) key = hmac(key, part);
    const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
    const authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    const out = { ...all, authorization };
    delete out.host; // fetch sets Host from the URL itself
    return out;
}

async function awsPassword(user) {
    const region = env("AWS_REGION", "configuration");
    const secretArn = env("BOOTSTRAP_SECRET_ARN", "configuration");
    const credentials = await awsCredentials(region);
    const step = "secretsmanager GetSecretValue";
    const url = awsEndpoint("SECRETS_MANAGER", `secretsmanager.${region}.amazonaws.com/`);
    const body = JSON.stringify({ SecretId: secretArn });
    const headers = sigV4Headers({
        url,
        region,
        service: "secretsmanager",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.GetSecretValue" },
        body,
        credentials,
    });
    const answer = json(step, await call(step, url, { method: "POST", headers, body }));
    if (typeof answer.SecretString !== "string") throw new Failure(step, "secret has no SecretString", 4);
    let secret;
    try {
        secret = JSON.parse(answer.SecretString);
    } catch {
        throw new Failure(step, "SecretString is not JSON", 4);
    }
    if (typeof secret.password !== "string" || secret.password === "")
        throw new Failure(step, "secret has no password", 4);
    if (secret.username !== user)
        throw new Failure(step, `secret is for user ${JSON.stringify(String(secret.username))}, not ${user}`, 4);
    return secret.password;
}

// ---- GCP -------------------------------------------------------------------------------------

async function gcpPassword() {
    const step = "gcp metadata token";
    // GCE_METADATA_HOST: the override Google's client libraries read; the GKE metadata server otherwise.
    const host = process.env.GCE_METADATA_HOST ?? "metadata.google.internal";
    const scope = encodeURIComponent("https://www.googleapis.com/auth/sqlservice.login");
    const url = `http://${host}/computeMetadata/v1/instance/service-accounts/default/token?scopes=${scope}`;
    const body = json(step, await call(step, url, { headers: { "Metadata-Flavor": "Google" } }));
    if (typeof body.access_token !== "string" || !body.access_token)
        throw new Failure(step, "answer has no access_token", 4);
    return body.access_token;
}

// ---- Azure -----------------------------------------------------------------------------------

async function azurePassword() {
    const step = "entra token";
    const authority = (process.env.AZURE_AUTHORITY_HOST ?? "https://login.microsoftonline.com/").replace(/\/+$/, "");
    const tenant = env("AZURE_TENANT_ID", step);
    const form = new URLSearchParams({
        client_id: env("AZURE_CLIENT_ID", step),
        grant_type: "client_credentials",
        scope: "https://ossrdbms-aad.database.windows.net/.default",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: readToken(env("AZURE_FEDERATED_TOKEN_FILE", step), step),
    });
    const body = json(
        step,
        await call(step, `${authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: form.toString(),
        }),
    );
    if (typeof body.access_token !== "string" || !body.access_token)
        throw new Failure(step, "answer has no access_token", 4);
    return body.access_token;
}

// ---- pgpass ----------------------------------------------------------------------------------

/** One libpq password file line for any host, port and database (`\` and `:` escaped). */
function pgpassLine(user, password) {
    const escape = (s) => s.replace(/\\/g, "\\\\").replace(/:/g, "\\:");
    return `*:*:*:${escape(user)}:${escape(password)}\n`;
}

/** Written beside and renamed, mode 0600 (libpq ignores a file others can read). */
function writePgpass(file, user, password) {
    const step = "write pgpass";
    const partial = `${file}.partial`;
    try {
        writeFileSync(partial, pgpassLine(user, password), { mode: 0o600 });
        chmodSync(partial, 0o600);
        renameSync(partial, file);
    } catch (e) {
        throw new Failure(step, `cannot write ${file} (${e.code ?? "error"})`, 1);
    }
}

const CLOUDS = { aws: awsPassword, gcp: gcpPassword, azure: azurePassword };

async function main() {
    const cloud = process.argv[2];
    const fetchPassword = CLOUDS[cloud];
    if (!fetchPassword) throw new Failure("configuration", `unknown cloud ${JSON.stringify(String(cloud))}`, 1);
    const user = env("BOOTSTRAP_DB_USER", "configuration");
    const file = env("PGPASSFILE", "configuration");
    const password = await fetchPassword(user);
    if (/[\r\n]/.test(password)) throw new Failure("credential", "the credential contains a line break", 4);
    writePgpass(file, user, password);
    process.stdout.write(`bootstrap: credential: ${cloud} credential for ${user} written to ${file}\n`);
}

// Always runs: a ConfigMap mount is a symlink, so comparing import.meta.url with argv[1] would not match.
main().catch((e) => {
    const failure = e instanceof Failure ? e : new Failure("credential", `unexpected ${e?.name ?? "error"}`, 1);
    process.stderr.write(`bootstrap: ${failure.step}: ${failure.message}\n`);
    process.exit(failure.code);
});
