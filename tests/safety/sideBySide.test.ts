import { strict as assert } from "node:assert";
import { listStacks, type SynthResult } from "../../tools/offline/synthesize";
import { claimsOf, sharedClaims } from "../support/claims";
import { one, stackConfig, synthConfig } from "../support/synth";

/**
 * A stack file's config under another stack name, as a new stack would get it: no legacy names, and
 * none of the names a user can fix explicitly (kept as given, so two stacks that fix the same name
 * collide by their own choice; tests/config/stackNames.test.ts checks they are kept).
 */
async function synthAs(file: string, stack: string, override: Record<string, unknown> = {}): Promise<SynthResult> {
    const { config, secretKeys } = stackConfig(file, { remove: ["langsmith:names"], override });
    const dropKeys = (key: string, names: string[]) => {
        if (!config[key]) return;
        const block = JSON.parse(config[key]) as Record<string, unknown>;
        for (const n of names) delete block[n];
        config[key] = JSON.stringify(block);
    };
    dropKeys("langsmith:kubernetes", ["namespace", "bootstrapNamespace"]);
    dropKeys("langsmith:chart", ["releaseName"]);
    dropKeys("langsmith:gcp", ["serviceAccountId"]);
    dropKeys("langsmith:postgres", stack.startsWith("azure") ? ["iamUser"] : []);
    return synthConfig(stack, config, secretKeys);
}

/** The stack file creates the Azure subnet itself. */
function createsSubnet(file: string): boolean {
    const azure = stackConfig(file).config["langsmith:azure"];
    return azure !== undefined && "createNetwork" in (JSON.parse(azure) as object);
}

describe("environments side by side: two stacks that differ only in their name share no claim", function () {
    this.timeout(120000);
    for (const file of listStacks()) {
        describe(file, function () {
            let a: SynthResult;
            let b: SynthResult;
            before(async function () {
                // One at a time: the mock runtime is process-global.
                a = await synthAs(file, `${file}-blue`);
                b = await synthAs(file, `${file}-green`);
            });

            it("claims names at all (the check sees the namespaces, the release and the cloud names)", function () {
                const claims = [...claimsOf(a).keys()];
                const expected = [/^Namespace /, /^helm release /, /^ServiceAccount /, /^Job /];
                if (file.startsWith("gcp")) expected.push(/^service account /);
                if (file.startsWith("azure")) expected.push(/^managed identity /, /^azure managed redis /);
                if (file.startsWith("aws") && file.includes("prod")) expected.push(/^rds snapshot /);
                for (const pattern of expected)
                    assert.ok(
                        claims.some((c) => pattern.test(c)),
                        `${String(pattern)} in:\n${claims.join("\n")}`,
                    );
            });

            it("shares no cloud name, Kubernetes object or Helm release", function () {
                const shared = sharedClaims(a, b);
                // A subnet the stack creates needs its own free range: that is config, not a name. Azure's
                // private endpoint zones must be named privatelink.blob.core.windows.net and
                // privatelink.redis.azure.net, and a VNet links one zone of a name: the second stack reuses
                // the first's (blobStorage.privateDnsZoneId, redis.privateDnsZoneId).
                const expected = shared.filter(
                    (c) =>
                        c.startsWith("subnet address range ") ||
                        /^private dns zone .*\/privatelink\.(blob\.core\.windows\.net|redis\.azure\.net)$/.test(c),
                );
                assert.deepEqual(shared, expected, `shared claims:\n${shared.join("\n")}`);
            });

            if (file.startsWith("azure"))
                it("Azure blob storage and Redis: the second stack reuses the first's privatelink zones and shares nothing else", async function () {
                    const zone = one(a, "azure-native:privatedns:PrivateZone", "langsmith-blob-dns");
                    const redisZone = one(a, "azure-native:privatedns:PrivateZone", "langsmith-redis-dns");
                    const other = await synthAs(file, `${file}-green`, {
                        "langsmith:blobStorage": { privateDnsZoneId: zone.id },
                        "langsmith:redis": { privateDnsZoneId: redisZone.id },
                        ...(createsSubnet(file)
                            ? {
                                  "langsmith:azure": {
                                      createNetwork: {
                                          ...createNetworkOf(file),
                                          subnetAddressPrefix: "10.224.65.0/28",
                                      },
                                  },
                              }
                            : {}),
                    });
                    assert.deepEqual(sharedClaims(a, other), []);
                });

            if (!createsSubnet(file)) return;
            it("with createNetwork, a different subnetAddressPrefix is all the second stack needs", async function () {
                assert.ok(sharedClaims(a, b).some((c) => c.startsWith("subnet address range ")));
                const other = await synthAs(file, `${file}-green`, {
                    "langsmith:azure": {
                        createNetwork: { ...createNetworkOf(file), subnetAddressPrefix: "10.224.65.0/28" },
                    },
                });
                assert.deepEqual(
                    sharedClaims(a, other).filter(
                        (c) =>
                            !c.includes("privatelink.blob.core.windows.net") &&
                            !c.includes("privatelink.redis.azure.net"),
                    ),
                    [],
                );
            });
        });
    }

    it("stacks on legacy names do collide (the check is not blind)", async function () {
        const file = listStacks().find((s) => s.startsWith("aws-prod")) ?? "aws-prod";
        const legacy = (stack: string) => {
            const { config, secretKeys } = stackConfig(file, { override: { "langsmith:names": { legacy: true } } });
            return synthConfig(stack, config, secretKeys);
        };
        const a = await legacy("one");
        const b = await legacy("two");
        const shared = sharedClaims(a, b);
        for (const claim of [
            "Namespace langsmith",
            "Namespace langsmith-db-bootstrap",
            "helm release langsmith/langsmith",
            "rds snapshot langsmith-db-final-snapshot",
        ]) {
            assert.ok(shared.includes(claim), `${claim} not found among:\n${shared.join("\n")}`);
        }
    });
});

function createNetworkOf(file: string): Record<string, unknown> {
    const { config } = stackConfig(file);
    return (JSON.parse(config["langsmith:azure"]) as { createNetwork: Record<string, unknown> }).createNetwork;
}
