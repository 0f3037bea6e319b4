/**
 * The bootstrap Job's real credential step, run as the init container runs it (`node
 * fetch-credential.mjs <cloud>` with the environment the platform injects, pointed at stand-ins on
 * 127.0.0.1), then real psql with the password file it wrote, `verify-full` against the test CA,
 * on real PostgreSQL 14 and 18: the right requests are made, the secret or token is the password,
 * failures end with one line and a non-zero exit, and no credential ever reaches the output.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { escapeIdentifier as ident, escapeLiteral as literal } from "pg";
import { credentialScriptPath } from "../../components/postgres/credentialScript";
import { MAJORS, postgresServer, type TestServer } from "../support/postgresServer";
import { uniqueName } from "../support/sqlFixtures";
import {
    closedPort,
    sigV4Problem,
    sigV4Signature,
    sigV4StringToSign,
    standIn,
    type Answer,
    type RecordedRequest,
    type StandIn,
} from "../support/standIns";

interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs a program with exactly `env` (plus PATH), never throwing on a non-zero exit. */
function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
    return new Promise((resolve) => {
        execFile(
            file,
            args,
            { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env }, timeout: 30000 },
            (error, stdout, stderr) => {
                const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
                resolve({ code, stdout, stderr });
            },
        );
    });
}

/** A password with every character libpq's password file escapes, and a few it does not. */
const RDS_PASSWORD = "rds:pa\\ss:w0rd!#$%&()*+,-.;<=>?@[]^_`{|}~";
const ACCESS_KEY_ID = "ASIAEXAMPLESTANDIN01";
const SECRET_ACCESS_KEY = "stand-in-secret-access-key/K7MDENG+bPxRfiCYzz";
const SESSION_TOKEN = "stand-in-session-token-FwoGZXIvYXdzEJr";
const WEB_IDENTITY_TOKEN = "eyJhbGciOiJSUzI1NiJ9.stand-in-projected-service-account-token.sig";
const POD_IDENTITY_TOKEN = "stand-in-pod-identity-authorization-token";
const GCP_TOKEN = "ya29.stand-in-gcp-access-token";
const AZURE_TOKEN = "eyJ0eXAiOiJKV1QifQ.stand-in-entra-access-token.sig";
const AZURE_ASSERTION = "eyJhbGciOiJSUzI1NiJ9.stand-in-federated-token.sig";
const SECRET_ARN =
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0f1e2d3c-aaaa-bbbb-cccc-1234567890ab-AbCdEf";
const ROLE_ARN = "arn:aws:iam::123456789012:role/langsmith-db-bootstrap";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT_ID = "1b2c3d4e-0000-4000-8000-00000000c11e";

/** Every credential value a run could leak. */
const CREDENTIALS = [
    RDS_PASSWORD,
    "pa\\ss",
    SECRET_ACCESS_KEY,
    SESSION_TOKEN,
    WEB_IDENTITY_TOKEN,
    POD_IDENTITY_TOKEN,
    GCP_TOKEN,
    AZURE_TOKEN,
    AZURE_ASSERTION,
];

function assertNoCredential(out: Run, what: string): void {
    for (const secret of CREDENTIALS) {
        assert.ok(!out.stdout.includes(secret), `${what}: a credential is in stdout`);
        assert.ok(!out.stderr.includes(secret), `${what}: a credential is in stderr`);
    }
}

/** A failure: exactly one line `bootstrap: <step>: <reason>` on stderr, the given exit code, nothing leaked. */
function assertFailure(out: Run, code: number, line: RegExp, what: string): void {
    assert.equal(out.code, code, `${what}: exit code (stderr: ${out.stderr})`);
    assert.match(out.stderr, /^bootstrap: [^:\n]+: [^\n]+\n$/, `${what}: one line on stderr`);
    assert.match(out.stderr, line, what);
    assertNoCredential(out, what);
}

const stsXml = () =>
    `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>` +
    `<Credentials><AccessKeyId>${ACCESS_KEY_ID}</AccessKeyId><SecretAccessKey>${SECRET_ACCESS_KEY}</SecretAccessKey>` +
    `<SessionToken>${SESSION_TOKEN}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
    `</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`;

const podIdentityJson = () =>
    JSON.stringify({
        AccessKeyId: ACCESS_KEY_ID,
        SecretAccessKey: SECRET_ACCESS_KEY,
        Token: SESSION_TOKEN,
        Expiration: "2099-01-01T00:00:00Z",
    });

/** Secrets Manager: answers only a correctly signed GetSecretValue for the secret, as the given user. */
function secretsManager(username: string, secret?: Record<string, unknown>) {
    return (req: RecordedRequest): Answer => {
        const problem = sigV4Problem(req, {
            accessKeyId: ACCESS_KEY_ID,
            secretAccessKey: SECRET_ACCESS_KEY,
            sessionToken: SESSION_TOKEN,
            region: "us-east-1",
            service: "secretsmanager",
        });
        if (problem)
            return {
                status: 403,
                body: JSON.stringify({ __type: "InvalidSignatureException", message: problem }),
            };
        if (req.headers["x-amz-target"] !== "secretsmanager.GetSecretValue")
            return { status: 400, body: JSON.stringify({ __type: "UnknownOperationException" }) };
        if (JSON.parse(req.body).SecretId !== SECRET_ARN)
            return { status: 400, body: JSON.stringify({ __type: "ResourceNotFoundException" }) };
        return {
            status: 200,
            headers: { "content-type": "application/x-amz-json-1.1" },
            body: JSON.stringify({
                ARN: SECRET_ARN,
                SecretString: JSON.stringify(secret ?? { username, password: RDS_PASSWORD }),
            }),
        };
    };
}

describe("bootstrap credential script (real node, stand-ins on 127.0.0.1, real psql)", function () {
    this.timeout(60000);
    const script = credentialScriptPath();
    let tmp: string;
    const open: StandIn[] = [];
    const serve = async (answer: (r: RecordedRequest) => Answer) => {
        const s = await standIn(answer);
        open.push(s);
        return s;
    };
    before(function () {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ls-cred-"));
        fs.writeFileSync(path.join(tmp, "web-identity-token"), WEB_IDENTITY_TOKEN + "\n");
        fs.writeFileSync(path.join(tmp, "pod-identity-token"), POD_IDENTITY_TOKEN);
        fs.writeFileSync(path.join(tmp, "azure-token"), AZURE_ASSERTION);
    });
    afterEach(async function () {
        await Promise.all(open.splice(0).map((s) => s.close()));
    });
    after(function () {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    const pgpass = () => path.join(fs.mkdtempSync(path.join(tmp, "run-")), "pgpass");
    const runScript = (cloud: string, env: Record<string, string>) => run(process.execPath, [script, cloud], env);

    /** IRSA environment (what the EKS pod identity webhook injects) against the given stand-ins. */
    const irsaEnv = (sts: StandIn, sm: StandIn, user: string, file: string) => ({
        AWS_REGION: "us-east-1",
        AWS_ROLE_ARN: ROLE_ARN,
        AWS_WEB_IDENTITY_TOKEN_FILE: path.join(tmp, "web-identity-token"),
        AWS_ENDPOINT_URL_STS: sts.origin,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.origin,
        BOOTSTRAP_SECRET_ARN: SECRET_ARN,
        BOOTSTRAP_DB_USER: user,
        PGPASSFILE: file,
    });

    it("the SigV4 verifier the stand-in uses reproduces AWS's published test-suite signature", function () {
        // AWS Signature Version 4 test suite (get-vanilla-query-order-key-case, 2011 edition):
        // http://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html
        const canonical = [
            "GET",
            "/",
            "foo=Zoo&foo=aha",
            "date:Mon, 09 Sep 2011 23:36:00 GMT",
            "host:host.foo.com",
            "",
            "date;host",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ].join("\n");
        const toSign = sigV4StringToSign("20110909T233600Z", "20110909/us-east-1/host/aws4_request", canonical);
        assert.equal(toSign.split("\n")[3], "e25f777ba161a0f1baf778a87faf057187cf5987f17953320e3ca399feb5f00d");
        assert.equal(
            sigV4Signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20110909", "us-east-1", "host", toSign),
            "be7148d34ebccdc6423b19085378aa0bee970bdc61d144bd1a8c48c33079ab09",
        );
    });

    for (const major of MAJORS) {
        describe(`PostgreSQL ${major}`, function () {
            let server: TestServer;
            before(async function () {
                server = await postgresServer(major);
            });

            /** A login role whose password is `password` (the credential the stand-in hands out). */
            async function adminRole(password: string): Promise<string> {
                const role = uniqueName("boot_admin");
                const su = await server.superuser();
                try {
                    await su.query(`CREATE ROLE ${ident(role)} LOGIN PASSWORD ${literal(password)}`);
                } finally {
                    await su.end();
                }
                return role;
            }

            /** psql as the Job's container runs it: password file, verify-full, the mounted CA. */
            const psql = (
                user: string,
                file: string,
                overrides: Record<string, string> = {},
                host: Record<string, string> = { PGHOST: "localhost", PGHOSTADDR: server.host },
            ) =>
                run("psql", ["-X", "-tA", "-v", "ON_ERROR_STOP=1", "-c", "SELECT current_user"], {
                    ...host,
                    PGPORT: String(server.port),
                    PGDATABASE: "postgres",
                    PGUSER: user,
                    PGPASSFILE: file,
                    PGSSLMODE: "verify-full",
                    PGSSLROOTCERT: server.tls.caCert,
                    PGCONNECT_TIMEOUT: "5",
                    HOME: "/nonexistent",
                    ...overrides,
                });

            it("AWS IRSA: AssumeRoleWithWebIdentity with the projected token, a signed GetSecretValue, the RDS password logs in", async function () {
                const user = await adminRole(RDS_PASSWORD);
                const sts = await serve(() => ({
                    status: 200,
                    body: stsXml(),
                    headers: { "content-type": "text/xml" },
                }));
                const sm = await serve(secretsManager(user));
                const file = pgpass();
                const out = await runScript("aws", irsaEnv(sts, sm, user, file));
                assert.equal(out.code, 0, out.stderr);
                assertNoCredential(out, "script");

                assert.equal(sts.requests.length, 1);
                const form = new URLSearchParams(sts.requests[0].body);
                assert.equal(sts.requests[0].method, "POST");
                assert.equal(sts.requests[0].url, "/");
                assert.deepEqual(Object.fromEntries(form), {
                    Action: "AssumeRoleWithWebIdentity",
                    Version: "2011-06-15",
                    RoleArn: ROLE_ARN,
                    RoleSessionName: "database-bootstrap",
                    WebIdentityToken: WEB_IDENTITY_TOKEN,
                });
                assert.equal(sts.requests[0].headers.authorization, undefined, "AssumeRoleWithWebIdentity is unsigned");
                assert.equal(sm.requests.length, 1);
                const get = sm.requests[0];
                assert.equal(get.method, "POST");
                assert.equal(get.headers["content-type"], "application/x-amz-json-1.1");
                assert.equal(get.headers["x-amz-target"], "secretsmanager.GetSecretValue");
                assert.deepEqual(JSON.parse(get.body), { SecretId: SECRET_ARN });

                const stat = fs.statSync(file);
                assert.equal(stat.mode & 0o777, 0o600, "libpq ignores a password file others can read");
                const login = await psql(user, file);
                assert.equal(login.code, 0, login.stderr);
                assert.equal(login.stdout.trim(), user);
                assertNoCredential(login, "psql");
            });

            it("AWS Pod Identity: the agent with the authorization token, then the same signed GetSecretValue", async function () {
                const user = await adminRole(RDS_PASSWORD);
                const agent = await serve((req) =>
                    req.headers.authorization === POD_IDENTITY_TOKEN
                        ? { status: 200, body: podIdentityJson() }
                        : { status: 401, body: "{}" },
                );
                const sm = await serve(secretsManager(user));
                const file = pgpass();
                const out = await runScript("aws", {
                    AWS_REGION: "us-east-1",
                    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.origin}/v1/credentials`,
                    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: path.join(tmp, "pod-identity-token"),
                    AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.origin,
                    BOOTSTRAP_SECRET_ARN: SECRET_ARN,
                    BOOTSTRAP_DB_USER: user,
                    PGPASSFILE: file,
                });
                assert.equal(out.code, 0, out.stderr);
                assertNoCredential(out, "script");
                assert.deepEqual(
                    agent.requests.map((r) => [r.method, r.url]),
                    [["GET", "/v1/credentials"]],
                );
                assert.equal(sm.requests.length, 1);
                const login = await psql(user, file, {}, { PGHOST: "127.0.0.1" });
                assert.equal(login.code, 0, login.stderr);
                assert.equal(login.stdout.trim(), user);
            });

            it("GCP: the metadata server's token (Metadata-Flavor: Google) is the password", async function () {
                const user = await adminRole(GCP_TOKEN);
                const metadata = await serve((req) =>
                    req.headers["metadata-flavor"] === "Google"
                        ? {
                              status: 200,
                              body: JSON.stringify({ access_token: GCP_TOKEN, expires_in: 3599, token_type: "Bearer" }),
                          }
                        : { status: 403, body: "missing Metadata-Flavor" },
                );
                const file = pgpass();
                const out = await runScript("gcp", {
                    GCE_METADATA_HOST: metadata.host,
                    BOOTSTRAP_DB_USER: user,
                    PGPASSFILE: file,
                });
                assert.equal(out.code, 0, out.stderr);
                assertNoCredential(out, "script");
                assert.equal(metadata.requests.length, 1);
                const url = new URL(metadata.requests[0].url, metadata.origin);
                assert.equal(url.pathname, "/computeMetadata/v1/instance/service-accounts/default/token");
                assert.equal(url.searchParams.get("scopes"), "https://www.googleapis.com/auth/sqlservice.login");
                const login = await psql(user, file);
                assert.equal(login.code, 0, login.stderr);
                assert.equal(login.stdout.trim(), user);
            });

            it("Azure: the federated token exchanged at Entra for an ossrdbms-aad token, which is the password", async function () {
                const user = await adminRole(AZURE_TOKEN);
                const entra = await serve(() => ({
                    status: 200,
                    body: JSON.stringify({ access_token: AZURE_TOKEN, expires_in: 3599, token_type: "Bearer" }),
                }));
                const file = pgpass();
                const out = await runScript("azure", {
                    AZURE_AUTHORITY_HOST: `${entra.origin}/`,
                    AZURE_TENANT_ID: TENANT,
                    AZURE_CLIENT_ID: CLIENT_ID,
                    AZURE_FEDERATED_TOKEN_FILE: path.join(tmp, "azure-token"),
                    BOOTSTRAP_DB_USER: user,
                    PGPASSFILE: file,
                });
                assert.equal(out.code, 0, out.stderr);
                assertNoCredential(out, "script");
                assert.equal(entra.requests.length, 1);
                const req = entra.requests[0];
                assert.equal(req.method, "POST");
                assert.equal(req.url, `/${TENANT}/oauth2/v2.0/token`);
                assert.equal(req.headers["content-type"], "application/x-www-form-urlencoded");
                assert.deepEqual(Object.fromEntries(new URLSearchParams(req.body)), {
                    client_id: CLIENT_ID,
                    grant_type: "client_credentials",
                    scope: "https://ossrdbms-aad.database.windows.net/.default",
                    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    client_assertion: AZURE_ASSERTION,
                });
                const login = await psql(user, file);
                assert.equal(login.code, 0, login.stderr);
                assert.equal(login.stdout.trim(), user);
            });

            it("verify-full refuses another CA and a certificate for another host, with the right password", async function () {
                const user = await adminRole(GCP_TOKEN);
                const metadata = await serve(() => ({
                    status: 200,
                    body: JSON.stringify({ access_token: GCP_TOKEN, expires_in: 3599, token_type: "Bearer" }),
                }));
                const file = pgpass();
                const out = await runScript("gcp", {
                    GCE_METADATA_HOST: metadata.host,
                    BOOTSTRAP_DB_USER: user,
                    PGPASSFILE: file,
                });
                assert.equal(out.code, 0, out.stderr);
                assert.equal((await psql(user, file)).code, 0, "the control: this password file logs in");
                const otherCa = await psql(user, file, { PGSSLROOTCERT: server.tls.otherCaCert });
                assert.notEqual(otherCa.code, 0);
                assert.match(otherCa.stderr, /certificate verify failed/);
                const otherHost = await psql(user, file, {}, { PGHOST: "db.other.internal", PGHOSTADDR: server.host });
                assert.notEqual(otherHost.code, 0);
                assert.match(otherHost.stderr, /does not match host name "db\.other\.internal"/);
                for (const r of [otherCa, otherHost]) assertNoCredential(r, "psql refused");
            });
        });
    }

    describe("failures: one line on stderr, a non-zero exit, no credential in the output", function () {
        const user = "langsmith_admin";

        it("STS down: exit 2, the endpoint named", async function () {
            const port = await closedPort();
            const sm = await serve(secretsManager(user));
            const sts = { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` } as StandIn;
            const out = await runScript("aws", irsaEnv(sts, sm, user, pgpass()));
            assertFailure(
                out,
                2,
                new RegExp(
                    `^bootstrap: sts AssumeRoleWithWebIdentity: 127\\.0\\.0\\.1:${port} unreachable \\(ECONNREFUSED\\)`,
                ),
                "STS down",
            );
            assert.equal(sm.requests.length, 0);
        });

        it("STS refuses the token: exit 3 with its error code, not its message", async function () {
            const sts = await serve(() => ({
                status: 403,
                body: `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized: ${WEB_IDENTITY_TOKEN}</Message></Error></ErrorResponse>`,
            }));
            const sm = await serve(secretsManager(user));
            const out = await runScript("aws", irsaEnv(sts, sm, user, pgpass()));
            assertFailure(out, 3, /^bootstrap: sts AssumeRoleWithWebIdentity: HTTP 403 AccessDenied\n$/, "STS 403");
        });

        it("the role may not read the secret: exit 3, AccessDeniedException", async function () {
            const sts = await serve(() => ({ status: 200, body: stsXml() }));
            const sm = await serve(() => ({
                status: 400,
                body: JSON.stringify({ __type: "AccessDeniedException", Message: `no access for ${SESSION_TOKEN}` }),
            }));
            const out = await runScript("aws", irsaEnv(sts, sm, user, pgpass()));
            assertFailure(
                out,
                3,
                /^bootstrap: secretsmanager GetSecretValue: HTTP 400 AccessDeniedException\n$/,
                "SM denied",
            );
        });

        it("the secret is missing: exit 3, ResourceNotFoundException", async function () {
            const sts = await serve(() => ({ status: 200, body: stsXml() }));
            const sm = await serve(() => ({
                status: 400,
                headers: { "x-amzn-errortype": "ResourceNotFoundException:http://internal.amazon.com/" },
                body: JSON.stringify({ __type: "com.amazonaws.secretsmanager#ResourceNotFoundException" }),
            }));
            const out = await runScript("aws", irsaEnv(sts, sm, user, pgpass()));
            assertFailure(
                out,
                3,
                /^bootstrap: secretsmanager GetSecretValue: HTTP 400 ResourceNotFoundException\n$/,
                "no secret",
            );
        });

        it("a secret without a password, or for another user: exit 4, and no password file", async function () {
            for (const [secret, line] of [
                [{ username: user }, /secret has no password\n$/],
                [
                    { username: "someone_else", password: RDS_PASSWORD },
                    /secret is for user "someone_else", not langsmith_admin\n$/,
                ],
            ] as const) {
                const sts = await serve(() => ({ status: 200, body: stsXml() }));
                const sm = await serve(secretsManager(user, secret));
                const file = pgpass();
                const out = await runScript("aws", irsaEnv(sts, sm, user, file));
                assertFailure(out, 4, line, JSON.stringify(Object.keys(secret)));
                assert.ok(!fs.existsSync(file), "no password file is left behind");
            }
        });

        it("a request signed with other credentials is refused by the stand-in (the verifier is not a rubber stamp)", async function () {
            const sts = await serve(() => ({
                status: 200,
                body: stsXml().replace(SECRET_ACCESS_KEY, "another-secret-access-key/K7MDENG+bPxRfiCYzz"),
            }));
            const sm = await serve(secretsManager(user));
            const out = await runScript("aws", irsaEnv(sts, sm, user, pgpass()));
            assertFailure(
                out,
                3,
                /^bootstrap: secretsmanager GetSecretValue: HTTP 403 InvalidSignatureException\n$/,
                "bad signature",
            );
        });

        it("the Pod Identity agent refuses the authorization token: exit 3", async function () {
            const agent = await serve(() => ({ status: 401, body: JSON.stringify({ code: "InvalidToken" }) }));
            const out = await runScript("aws", {
                AWS_REGION: "us-east-1",
                AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.origin}/v1/credentials`,
                AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: path.join(tmp, "pod-identity-token"),
                BOOTSTRAP_SECRET_ARN: SECRET_ARN,
                BOOTSTRAP_DB_USER: user,
                PGPASSFILE: pgpass(),
            });
            assertFailure(out, 3, /^bootstrap: pod identity credentials: HTTP 401 InvalidToken\n$/, "agent 401");
        });

        it("GCP metadata server down, or refusing: exit 2, exit 3", async function () {
            const port = await closedPort();
            const down = await runScript("gcp", {
                GCE_METADATA_HOST: `127.0.0.1:${port}`,
                BOOTSTRAP_DB_USER: user,
                PGPASSFILE: pgpass(),
            });
            assertFailure(down, 2, /^bootstrap: gcp metadata token: 127\.0\.0\.1:\d+ unreachable/, "metadata down");
            const metadata = await serve(() => ({ status: 403, body: `token ${GCP_TOKEN} not for you` }));
            const refused = await runScript("gcp", {
                GCE_METADATA_HOST: metadata.host,
                BOOTSTRAP_DB_USER: user,
                PGPASSFILE: pgpass(),
            });
            assertFailure(refused, 3, /^bootstrap: gcp metadata token: HTTP 403\n$/, "metadata 403");
        });

        it("Entra refuses the federated token: exit 3 with the OAuth error code", async function () {
            const entra = await serve(() => ({
                status: 401,
                body: JSON.stringify({
                    error: "invalid_client",
                    error_description: `AADSTS700213: No matching federated identity record found for ${AZURE_ASSERTION}`,
                }),
            }));
            const out = await runScript("azure", {
                AZURE_AUTHORITY_HOST: entra.origin,
                AZURE_TENANT_ID: TENANT,
                AZURE_CLIENT_ID: CLIENT_ID,
                AZURE_FEDERATED_TOKEN_FILE: path.join(tmp, "azure-token"),
                BOOTSTRAP_DB_USER: user,
                PGPASSFILE: pgpass(),
            });
            assertFailure(out, 3, /^bootstrap: entra token: HTTP 401 invalid_client\n$/, "entra 401");
        });

        it("missing platform environment or an unknown cloud: exit 1, naming what is missing", async function () {
            const noRole = await runScript("aws", {
                AWS_REGION: "us-east-1",
                BOOTSTRAP_SECRET_ARN: SECRET_ARN,
                BOOTSTRAP_DB_USER: user,
                PGPASSFILE: pgpass(),
            });
            assertFailure(
                noRole,
                1,
                /^bootstrap: sts AssumeRoleWithWebIdentity: AWS_ROLE_ARN is not set\n$/,
                "no IRSA env",
            );
            const unknown = await runScript("oci", { BOOTSTRAP_DB_USER: user, PGPASSFILE: pgpass() });
            assertFailure(unknown, 1, /^bootstrap: configuration: unknown cloud "oci"\n$/, "unknown cloud");
        });
    });
});
