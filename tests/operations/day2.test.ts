/**
 * Issue 16, day 2: PostgreSQL major upgrades in place (and downgrades refused), maintenance windows
 * and "apply now", the chart lines, the release's failure behaviour, the day-2 outputs and the
 * preflight checks, each outcome answered by the offline mocks.
 */
import { strict as assert } from "node:assert";
import { runProgram } from "../../program";
import { isConfigError } from "../../program/config/errors";
import { chartVersionProblem } from "../../program/config/chartLines";
import {
    azureMaintenanceWindow,
    changesLandSentence,
    checkMajorVersionChange,
    cloudSqlMaintenanceWindow,
    rdsBackupWindow,
    rdsMaintenanceWindow,
} from "../../program/config/maintenance";
import type { MockWorld } from "../../tools/offline/cloudMocks";
import { projectName, synthesize, type SynthResource, type SynthResult } from "../../tools/offline/synthesize";
import { stackConfig, synthStack } from "../support/synth";

async function synth(
    stack: string,
    override: Record<string, unknown> = {},
    world: Partial<MockWorld> = {},
    registrations?: unknown[],
): Promise<SynthResult> {
    // Without registrations to fill, an equal preview run by another test answers.
    if (!registrations) return synthStack(stack, { override, world });
    const { config, secretKeys } = stackConfig(stack, { override });
    return synthesize({ project: projectName(), stack, config, secretKeys, world, program: runProgram, registrations });
}

/** The run fails with a ConfigError naming `key`, and registers nothing but providers. */
async function refusedBeforeResources(
    stack: string,
    key: string,
    override: Record<string, unknown>,
    world: Partial<MockWorld>,
    says?: RegExp,
): Promise<void> {
    const registered: { type: string }[] = [];
    await assert.rejects(synth(stack, override, world, registered), (err: unknown) => {
        assert.ok(isConfigError(err), `expected a ConfigError, got ${String(err)}`);
        assert.equal(err.key, key);
        if (says) assert.match(err.message, says);
        return true;
    });
    const created = registered.map((r) => r.type).filter((t) => !t.startsWith("pulumi:providers:"));
    assert.deepEqual(created, [], "nothing may be created before the check fails");
}

const one = (r: SynthResult, type: string): SynthResource => {
    const found = r.resources.filter((x) => x.type === type);
    assert.equal(found.length, 1, `one ${type}`);
    return found[0];
};

/** The inputs of `a` and `b` that differ (top level). */
function changedInputs(a: SynthResource, b: SynthResource): string[] {
    const keys = new Set([...Object.keys(a.inputs), ...Object.keys(b.inputs)]);
    return [...keys].filter((k) => JSON.stringify(a.inputs[k]) !== JSON.stringify(b.inputs[k])).sort();
}

/**
 * Inputs whose change makes the provider replace the server (ForceNew in the bridged Terraform
 * schema): hashicorp/terraform-provider-aws internal/service/rds/instance.go and
 * hashicorp/terraform-provider-google google/services/sql/resource_sql_database_instance.go (where
 * `database_version` is Required without ForceNew: an in-place update). Not exhaustive: the ones
 * this program sets or could set.
 */
const REPLACEMENT_FORCING: Record<string, string[]> = {
    "aws:rds/instance:Instance": [
        "identifier",
        "identifierPrefix",
        "kmsKeyId",
        "ncharCharacterSetName",
        "snapshotIdentifier",
        "storageEncrypted",
        "timezone",
        "username",
    ],
    "gcp:sql/databaseInstance:DatabaseInstance": ["name", "project", "region", "encryptionKeyName"],
    // azure-native marks an input ForceNew when the REST spec gives it `x-ms-mutability` with `create` but
    // not `update`, or when its module/resource is listed in forceNewMap (pulumi/pulumi-azure-native
    // provider/pkg/gen/properties.go, propChangeForcesRecreate; provider/pkg/gen/replacement.go, which
    // has no DBforPostgreSQL entry). In Microsoft.DBforPostgreSQL/stable/2025-08-01/Servers.json (the API
    // version of @pulumi/azure-native 3.28's dbforpostgresql.Server) those are location, administratorLogin,
    // availabilityZone, sourceServerResourceId and pointInTimeUTC; `version` has no x-ms-mutability, so a
    // major change is an update (a PUT of the same server; createMode unset means Update on an existing
    // one). The path parameters name the server: changing them is a new resource.
    "azure-native:dbforpostgresql:Server": [
        "resourceGroupName",
        "serverName",
        "location",
        "administratorLogin",
        "availabilityZone",
        "sourceServerResourceId",
        "pointInTimeUTC",
    ],
};

const SERVERS = {
    aws: "aws:rds/instance:Instance",
    gcp: "gcp:sql/databaseInstance:DatabaseInstance",
    azure: "azure-native:dbforpostgresql:Server",
} as const;

describe("day 2: PostgreSQL major upgrades", function () {
    it("refuses a downgrade against the last deployment's major, before anything is created", async function () {
        for (const stack of ["aws-prod", "gcp-prod", "azure-prod"]) {
            await refusedBeforeResources(
                stack,
                "langsmith:postgres.version",
                { "langsmith:postgres": { version: 16 } },
                { previousStackOutputs: { databaseMajorVersion: 17 } },
                /cannot go down a major/,
            );
        }
    });

    it("refuses a production major upgrade without applyNow (the downtime starts when the operator runs it)", async function () {
        await refusedBeforeResources(
            "aws-prod",
            "langsmith:postgres.applyNow",
            { "langsmith:postgres": { version: 17 } },
            { previousStackOutputs: { databaseMajorVersion: 16 } },
        );
        assert.throws(() => checkMajorVersionChange({ from: 16, to: 17 }, false), /applyNow/);
        assert.doesNotThrow(() => checkMajorVersionChange({ from: 16, to: 17 }, true));
        assert.doesNotThrow(() => checkMajorVersionChange({ to: 17 }, false), "first deployment");
        assert.doesNotThrow(() => checkMajorVersionChange({ from: 17, to: 17 }, false));
    });

    it("AWS: the upgrade allows the major change, applies now and moves to a parameter group of the new family", async function () {
        const before = await synth(
            "aws-prod",
            { "langsmith:postgres": { version: 16 } },
            { previousStackOutputs: { databaseMajorVersion: 16 } },
        );
        const after = await synth(
            "aws-prod",
            { "langsmith:postgres": { version: 17, applyNow: true } },
            { previousStackOutputs: { databaseMajorVersion: 16 } },
        );
        const oldDb = one(before, SERVERS.aws);
        const newDb = one(after, SERVERS.aws);
        assert.equal(oldDb.inputs.allowMajorVersionUpgrade, false, "no upgrade: no permission");
        assert.equal(newDb.inputs.allowMajorVersionUpgrade, true);
        assert.equal(newDb.inputs.engineVersion, "17");
        // Only the version, its permission, the new family's group and apply-now change: nothing that
        // forces a replacement (identifier, engine, dbName, username, storageEncrypted, kmsKeyId, ...).
        assert.deepEqual(changedInputs(oldDb, newDb), [
            "allowMajorVersionUpgrade",
            "applyImmediately",
            "engineVersion",
            "parameterGroupName",
        ]);
        assert.deepEqual(
            changedInputs(oldDb, newDb).filter((k) => REPLACEMENT_FORCING[SERVERS.aws].includes(k)),
            [],
        );
        const group = one(after, "aws:rds/parameterGroup:ParameterGroup");
        assert.equal(group.inputs.family, "postgres17");
        assert.equal(
            group.name,
            "langsmith-db-params-postgres17",
            "one group per family, so the old one is not mutated",
        );
        assert.equal(newDb.inputs.parameterGroupName, group.outputs.name);
        assert.ok(newDb.dependencies.includes(group.urn), "the new group exists before the instance moves to it");
        assert.match(String(after.outputs.databaseChangesLand), /PostgreSQL 16 -> 17: in-place major upgrade/);
        assert.equal(after.outputs.databaseMajorVersion, 17);
    });

    for (const cloud of ["gcp", "azure"] as const) {
        it(`${cloud}: a major change sends only the new version (in place, no replacement-forcing input changes)`, async function () {
            const stack = `${cloud}-prod`;
            const world = { previousStackOutputs: { databaseMajorVersion: 16 } };
            const before = await synth(stack, { "langsmith:postgres": { version: 16 } }, world);
            const after = await synth(stack, { "langsmith:postgres": { version: 17, applyNow: true } }, world);
            const a = one(before, SERVERS[cloud]);
            const b = one(after, SERVERS[cloud]);
            assert.deepEqual(changedInputs(a, b), [cloud === "gcp" ? "databaseVersion" : "version"]);
            const forcing = REPLACEMENT_FORCING[SERVERS[cloud]];
            assert.ok(forcing.length > 0, `the replacement-forcing inputs of ${SERVERS[cloud]} are listed`);
            for (const k of changedInputs(a, b)) assert.ok(!forcing.includes(k), k);
            // The server's name and place, which azure-native / the Google provider replace on, stay as they were.
            for (const k of forcing) assert.deepEqual(b.inputs[k], a.inputs[k], k);
            assert.equal(b.protect, true, "production: a replacement plan would fail before it starts");
        });
    }
});

describe("day 2: maintenance windows and apply now", function () {
    it("writes one config window in each cloud's format", function () {
        assert.equal(rdsMaintenanceWindow({ day: "sun", hour: 4 }), "sun:04:00-sun:05:00");
        assert.equal(rdsMaintenanceWindow({ day: "sun", hour: 23 }), "sun:23:00-mon:00:00");
        assert.equal(rdsBackupWindow(3), "03:00-03:30");
        assert.deepEqual(cloudSqlMaintenanceWindow({ day: "sun", hour: 4 }), {
            day: 7,
            hour: 4,
            updateTrack: "stable",
        });
        assert.deepEqual(cloudSqlMaintenanceWindow({ day: "mon", hour: 0 }).day, 1);
        assert.equal(azureMaintenanceWindow({ day: "sun", hour: 4 }).dayOfWeek, 0);
        assert.equal(azureMaintenanceWindow({ day: "sat", hour: 4 }).dayOfWeek, 6);
    });

    it("production waits for the window by default; applyNow applies at pulumi up; the preview says which", async function () {
        const waits = await synth("aws-prod");
        const db = one(waits, SERVERS.aws);
        assert.equal(db.inputs.applyImmediately, false);
        assert.equal(db.inputs.maintenanceWindow, "sun:04:00-sun:05:00");
        assert.equal(db.inputs.backupWindow, "03:00-03:30");
        assert.match(
            String(waits.outputs.databaseChangesLand),
            /wait for the RDS maintenance window sun 04:00-05:00 UTC/,
        );

        const now = await synth("aws-prod", {
            "langsmith:postgres": { applyNow: true, maintenanceWindow: { day: "wed", hour: 22 }, backupHour: 1 },
        });
        const db2 = one(now, SERVERS.aws);
        assert.equal(db2.inputs.applyImmediately, true);
        assert.equal(db2.inputs.maintenanceWindow, "wed:22:00-wed:23:00");
        assert.equal(db2.inputs.backupWindow, "01:00-01:30");
        assert.match(String(now.outputs.databaseChangesLand), /apply at pulumi up/);
    });

    it("sets the window on Cloud SQL and Flexible Server too", async function () {
        const override = { "langsmith:postgres": { maintenanceWindow: { day: "tue", hour: 2 }, backupHour: 5 } };
        const g = one(await synth("gcp-prod", override), SERVERS.gcp).inputs.settings as {
            maintenanceWindow: unknown;
            backupConfiguration: { startTime: string };
        };
        assert.deepEqual(g.maintenanceWindow, { day: 2, hour: 2, updateTrack: "stable" });
        assert.equal(g.backupConfiguration.startTime, "05:00");
        const a = one(await synth("azure-prod", override), SERVERS.azure).inputs;
        assert.deepEqual(a.maintenanceWindow, { customWindow: "Enabled", dayOfWeek: 2, startHour: 2, startMinute: 0 });
        assert.match(
            changesLandSentence("gcp", { day: "tue", hour: 2, backupHour: 5, applyNow: false }, { to: 17 }),
            /Cloud SQL applies/,
        );
    });
});

describe("day 2: chart lines and failure behaviour", function () {
    it("accepts only the checked chart lines and names the range", function () {
        for (const ok of ["0.16.0", "0.16.11", "0.17.0-rc.12", "0.17.3"])
            assert.equal(chartVersionProblem(ok), undefined, ok);
        for (const bad of ["0.15.9", "0.12.34", "0.18.0", "1.0.0"])
            assert.match(String(chartVersionProblem(bad)), /0\.16\.x or 0\.17\.x/, bad);
    });

    it("rolls a failed release back in production (atomic, cleanupOnFail) and keeps it for diagnosis in dev", async function () {
        const prod = one(await synth("aws-prod"), "kubernetes:helm.sh/v3:Release").inputs;
        assert.equal(prod.atomic, true);
        assert.equal(prod.cleanupOnFail, true);
        const dev = one(await synth("aws-dev"), "kubernetes:helm.sh/v3:Release").inputs;
        assert.equal(dev.atomic, false);
        assert.equal(dev.cleanupOnFail, false);
        const override = one(
            await synth("aws-dev", { "langsmith:chart": { rollbackOnFailure: true } }),
            "kubernetes:helm.sh/v3:Release",
        ).inputs;
        assert.equal(override.atomic, true);
    });
});

describe("day 2: outputs a team needs", function () {
    const DAY2 = [
        "bootstrapJobName",
        "databaseChangesLand",
        "databaseMajorVersion",
        "initialAdminEmail",
        "initialAdminPassword",
        "kubeconfigCommand",
        "langsmithAccess",
    ];

    it("has the same day-2 output names on every cloud, the admin password secret", async function () {
        const commands: Record<string, RegExp> = {
            "aws-dev": /^aws eks update-kubeconfig --region \S+ --name \S+$/,
            "gcp-dev": /^gcloud container clusters get-credentials \S+ --location \S+ --project \S+$/,
            "azure-dev": /^az aks get-credentials --resource-group \S+ --name \S+$/,
        };
        for (const [stack, command] of Object.entries(commands)) {
            const r = await synth(stack);
            assert.deepEqual(
                DAY2.filter((k) => !(k in r.outputs)),
                [],
                `${stack} lacks day-2 outputs`,
            );
            assert.equal(r.outputs.initialAdminPassword, "[secret]");
            assert.match(String(r.outputs.kubeconfigCommand), command);
            const job = r.resources.find((x) => x.type === "kubernetes:batch/v1:Job");
            assert.ok(job);
            const meta = job.outputs.metadata as { name: string; namespace: string };
            assert.equal(r.outputs.bootstrapJobName, `${meta.namespace}/${meta.name}`);
        }
    });

    it("reaches the UI by port-forward without a host name, by URL with one", async function () {
        const withHost = await synth("aws-prod", { "langsmith:chart": { hostname: "langsmith.example.com" } });
        assert.equal(withHost.outputs.langsmithAccess, withHost.outputs.langsmithUrl);
        assert.match(String(withHost.outputs.langsmithAccess), /^https?:\/\/langsmith\.example\.com/);
        const noHost = await synth("aws-dev", { "langsmith:chart": { hostname: undefined, deployments: false } });
        assert.equal(noHost.outputs.langsmithUrl, undefined);
        assert.equal(
            noHost.outputs.langsmithAccess,
            "kubectl -n langsmith port-forward svc/langsmith-frontend 8080:80  # then open http://localhost:8080",
        );
    });
});

describe("day 2: preflight checks, each outcome", function () {
    for (const [stack, key] of [
        ["aws-dev", "langsmith:aws.clusterName"],
        ["gcp-dev", "langsmith:gcp.clusterName"],
        ["azure-dev", "langsmith:azure.clusterName"],
    ] as const) {
        it(`${stack}: a missing cluster stops the run with ${key} and the command that lists clusters`, async function () {
            await refusedBeforeResources(
                stack,
                key,
                {},
                { clusterMissing: true },
                /(list-clusters|clusters list|aks list)/,
            );
        });
    }

    it("AWS IRSA: a missing IAM OIDC provider stops the run; present, the run goes on", async function () {
        await refusedBeforeResources(
            "aws-dev",
            "langsmith:aws.identityMode",
            {},
            { awsOidcProviderMissing: true },
            /eksctl utils associate-iam-oidc-provider --region \S+ --cluster \S+ --approve/,
        );
        await synth("aws-dev");
    });

    it("AWS Pod Identity: a missing Pod Identity Agent add-on stops the run; installed, the run goes on", async function () {
        const podIdentity = { "langsmith:aws": { identityMode: "podIdentity" } };
        await refusedBeforeResources(
            "aws-dev",
            "langsmith:aws.identityMode",
            podIdentity,
            { eksPodIdentityAgent: false },
            /aws eks create-addon --region \S+ --cluster-name \S+ --addon-name eks-pod-identity-agent/,
        );
        const ok = await synth("aws-dev", podIdentity, { eksPodIdentityAgent: true });
        assert.ok(ok.resources.some((r) => r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation"));
    });

    it("AWS: fewer than two private subnets stops the run with langsmith:aws.subnetIds", async function () {
        await refusedBeforeResources(
            "aws-dev",
            "langsmith:aws.subnetIds",
            {},
            { privateSubnetIds: ["subnet-0a1b2c3d4e5f60001"] },
        );
    });

    it("GKE without Workload Identity stops the run with the gcloud command", async function () {
        await refusedBeforeResources(
            "gcp-dev",
            "langsmith:gcp.clusterName",
            {},
            { gkeWorkloadIdentity: false },
            /--workload-pool=/,
        );
    });

    it("AKS without the OIDC issuer, or without Workload Identity, stops the run with the az command", async function () {
        await refusedBeforeResources(
            "azure-dev",
            "langsmith:azure.clusterName",
            {},
            { aksOidcIssuerEnabled: false },
            /--enable-oidc-issuer/,
        );
        await refusedBeforeResources(
            "azure-dev",
            "langsmith:azure.clusterName",
            {},
            { aksWorkloadIdentityEnabled: false },
            /--enable-workload-identity/,
        );
    });
});
