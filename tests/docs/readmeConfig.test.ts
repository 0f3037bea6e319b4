import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { settingsSchema } from "../../program/config/settings";

interface ZodLike {
    _zod: { def: { type: string; shape?: Record<string, ZodLike>; innerType?: ZodLike } };
}

/** Every config key path the schema accepts (objects are walked; maps and lists are leaves). */
export function configKeyPaths(schema: ZodLike, prefix = ""): string[] {
    const def = schema._zod.def;
    if (["optional", "default", "prefault", "nullable"].includes(def.type) && def.innerType)
        return configKeyPaths(def.innerType, prefix);
    if (def.type === "object" && def.shape) {
        const keys = Object.entries(def.shape).flatMap(([k, v]) => configKeyPaths(v, prefix ? `${prefix}.${k}` : k));
        return prefix && keys.length === 0 ? [prefix] : keys;
    }
    return [prefix];
}

describe("README config reference", function () {
    it("documents every config key the schema accepts (with cloud blocks that have keys)", function () {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
        const docs = fs.existsSync(path.join(__dirname, "..", "..", "..", "docs"))
            ? fs
                  .readdirSync(path.join(__dirname, "..", "..", "..", "docs"))
                  .filter((f) => f.endsWith(".md"))
                  .map((f) => fs.readFileSync(path.join(__dirname, "..", "..", "..", "docs", f), "utf8"))
                  .join("\n")
            : "";
        const paths = configKeyPaths(settingsSchema as unknown as ZodLike).filter((p) => !/^(gcp|azure)$/.test(p));
        assert.ok(paths.length > 40, `found only ${paths.length} keys`);
        const documented = (p: string) => readme.includes(`\`langsmith:${p}\``) || docs.includes(`\`langsmith:${p}\``);
        // A key of a small object (e.g. caCertificate.secretName) is covered by its object's row.
        const ancestors = (p: string) =>
            p
                .split(".")
                .slice(0, -1)
                .map((_, i, parts) => parts.slice(0, i + 1).join("."))
                .filter((a) => a.includes("."));
        const missing = paths.filter((p) => !documented(p) && !ancestors(p).some(documented));
        assert.deepEqual(
            missing,
            [],
            "document these keys in the README's configuration reference (type, default, example)",
        );
    });
});
