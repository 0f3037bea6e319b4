// ESLint (flat config), type-aware: typescript-eslint's recommendedTypeChecked rules plus both rules of
// @pulumi/eslint-plugin (an Output in a template literal renders as a warning string, not its value).
// `npm run lint`. CommonJS because the package is CommonJS (no "type": "module").
const tseslint = require("typescript-eslint");
const pulumi = require("@pulumi/eslint-plugin");

module.exports = tseslint.config(
    {
        // Built output, and the examples (type-checked by tests/examples/*.test.ts against the packed package).
        ignores: ["dist/", "lib/", "node_modules/", "examples/", "**/*.js", "**/*.cjs", "**/*.mjs"],
    },
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: {
                // The type-checking project: the build's tsconfig.dev.json resolves no package (noResolve).
                project: "./tsconfig.check.json",
                tsconfigRootDir: __dirname,
            },
        },
        plugins: { "@pulumi": pulumi.default ?? pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            // Lazy `require` is deliberate: program.ts loads only the stack's cloud SDK; tests load built artifacts by path.
            "@typescript-eslint/no-require-imports": "off",
            "@typescript-eslint/restrict-template-expressions": [
                "error",
                { allowNumber: true, allowBoolean: true, allowNullish: true, allowNever: true },
            ],
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
            ],
        },
    },
    {
        // Mock inputs (`MockResourceArgs.inputs`) and parsed fixtures are `any`/`unknown` by nature (the
        // package's test helper, components/testing, answers them too); the components and the program
        // keep the full unsafe-`any` rules.
        files: ["tests/**/*.ts", "tools/offline/**/*.ts", "components/testing/**/*.ts"],
        rules: {
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-call": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-return": "off",
            "@typescript-eslint/restrict-template-expressions": "off",
            "@typescript-eslint/require-await": "off",
        },
    },
);
