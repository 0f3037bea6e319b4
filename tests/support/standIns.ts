/**
 * Local stand-ins for the endpoints the bootstrap's credential script calls (STS, the EKS Pod
 * Identity agent, Secrets Manager, the GKE metadata server, Entra's token endpoint): plain
 * `node:http` servers on 127.0.0.1 that record every request and answer what the test tells them.
 * And an independent Signature Version 4 verifier for what Secrets Manager receives.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
    method: string;
    /** Path and query, as sent. */
    url: string;
    /** Header names in lower case; values as received. */
    headers: http.IncomingHttpHeaders;
    body: string;
}

export interface Answer {
    status: number;
    body: string;
    headers?: Record<string, string>;
}

export interface StandIn {
    /** `http://127.0.0.1:<port>` */
    origin: string;
    /** `127.0.0.1:<port>` */
    host: string;
    requests: RecordedRequest[];
    close(): Promise<void>;
}

/** A server on a free port of 127.0.0.1 answering each request with `answer(request)`. */
export async function standIn(answer: (request: RecordedRequest) => Answer): Promise<StandIn> {
    const requests: RecordedRequest[] = [];
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const request: RecordedRequest = {
                method: req.method ?? "",
                url: req.url ?? "",
                headers: req.headers,
                body: Buffer.concat(chunks).toString("utf8"),
            };
            requests.push(request);
            let out: Answer;
            try {
                out = answer(request);
            } catch (e) {
                out = { status: 500, body: `stand-in failed: ${(e as Error).message}` };
            }
            res.writeHead(out.status, out.headers ?? {});
            res.end(out.body);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    return {
        origin: `http://127.0.0.1:${port}`,
        host: `127.0.0.1:${port}`,
        requests,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}

/** A port on 127.0.0.1 that nothing listens on (an endpoint that is down). */
export async function closedPort(): Promise<number> {
    const s = await standIn(() => ({ status: 200, body: "" }));
    await s.close();
    return Number(s.host.split(":")[1]);
}

const sha256 = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** The SigV4 signing key and signature of `stringToSign` (the documented derivation chain). */
export function sigV4Signature(
    secretAccessKey: string,
    date: string,
    region: string,
    service: string,
    stringToSign: string,
): string {
    let key = hmac(`AWS4${secretAccessKey}`, date);
    for (const part of [region, service, "aws4_request"]) key = hmac(key, part);
    return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}

/** SigV4's string to sign for a canonical request. */
export function sigV4StringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
    return ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
}

export interface SigV4Expectation {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
    region: string;
    service: string;
}

/**
 * Checks a received request's SigV4 `Authorization` header from the request as received (method,
 * path, query, the headers it says it signed, the body), the way AWS describes verification
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). Returns the
 * problem, or undefined when the signature is valid for these credentials, region and service.
 */
export function sigV4Problem(request: RecordedRequest, expected: SigV4Expectation): string | undefined {
    const authorization = String(request.headers.authorization ?? "");
    const m =
        /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
            authorization,
        );
    if (!m) return `malformed Authorization header`;
    const [, accessKeyId, date, region, service, signedHeaders, signature] = m;
    if (accessKeyId !== expected.accessKeyId) return `signed with another access key`;
    if (region !== expected.region) return `scope region ${region}, expected ${expected.region}`;
    if (service !== expected.service) return `scope service ${service}, expected ${expected.service}`;
    const amzDate = String(request.headers["x-amz-date"] ?? "");
    if (!amzDate.startsWith(date)) return "x-amz-date does not match the credential scope date";
    const names = signedHeaders.split(";");
    for (const required of ["host", "x-amz-date"]) if (!names.includes(required)) return `${required} not signed`;
    if (expected.sessionToken !== undefined) {
        if (request.headers["x-amz-security-token"] !== expected.sessionToken) return "wrong or no session token";
        if (!names.includes("x-amz-security-token")) return "session token not signed";
    }
    const [path, query = ""] = request.url.split("?");
    const canonicalQuery = query.split("&").filter(Boolean).sort().join("&");
    const canonicalRequest = [
        request.method,
        path,
        canonicalQuery,
        ...names.map(
            (n) =>
                `${n}:${String(request.headers[n] ?? "")
                    .trim()
                    .replace(/\s+/g, " ")}`,
        ),
        "",
        signedHeaders,
        sha256(request.body),
    ].join("\n");
    const expectedSignature = sigV4Signature(
        expected.secretAccessKey,
        date,
        region,
        service,
        sigV4StringToSign(amzDate, `${date}/${region}/${service}/aws4_request`, canonicalRequest),
    );
    if (!timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature))) return "signature does not match";
    return undefined;
}
