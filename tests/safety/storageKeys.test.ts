/**
 * Blob storage is keyless on every stack: no storage key, key secret, account key or connection
 * string in the chart values, the Secrets or the outputs, and no resource that mints one.
 */
import { strict as assert } from "node:assert";
import { BLOB_STORAGE_KEY_FIELDS } from "../../components/blob/contract";
import { listStacks } from "../../tools/offline/synthesize";
import { at, helmValues, ofType, synthStack } from "../support/synth";

/** Resource types that create a long-lived storage credential. */
const KEY_TYPES = ["aws:iam/accessKey:AccessKey", "gcp:storage/hmacKey:HmacKey", "gcp:serviceaccount/key:Key"];

describe("blob storage holds no key anywhere", function () {
    for (const name of listStacks()) {
        it(name, async function () {
            const result = await synthStack(name, { showSecrets: true });
            const blob = at(helmValues(result), ["config", "blobStorage"]) as Record<string, unknown>;
            assert.equal(blob.enabled, true, "blob storage is on by default");
            for (const field of BLOB_STORAGE_KEY_FIELDS) assert.equal(blob[field], undefined, field);
            for (const secret of ofType(result, "kubernetes:core/v1:Secret")) {
                const keys = Object.keys(secret.inputs.stringData ?? secret.inputs.data ?? {});
                assert.deepEqual(
                    keys.filter((k) => /blob_storage|storage_account|access_key|connection_string/i.test(k)),
                    [],
                    secret.name,
                );
            }
            assert.deepEqual(
                result.resources.filter((r) => KEY_TYPES.includes(r.type)).map((r) => r.type),
                [],
            );
            const text = JSON.stringify(result.outputs) + JSON.stringify(helmValues(result));
            assert.doesNotMatch(text, /AccountKey=|SharedAccessSignature|"accessKey"|"azureStorageAccountKey"/);
        });
    }

    it("the checker sees a key when one is there (a storage key set through helmValues is refused before that)", async function () {
        await assert.rejects(
            synthStack("aws-dev", {
                override: { "langsmith:helmValues": { config: { blobStorage: { accessKey: "AKIA" } } } },
            }),
            /langsmith:helmValues\.config\.blobStorage\.accessKey/,
        );
    });
});
