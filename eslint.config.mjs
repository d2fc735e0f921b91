// ESLint's recommended rules and typescript-eslint's, with type information, plus Pulumi's own rules
// (@pulumi/eslint-plugin: no Output in a plain template literal, where it would print as a warning text).
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["**/node_modules/", "policy/bin/"] },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        // Prettier wraps code at 160; this holds comments to it too. Messages and patterns stay whole, to be found by grep.
        rules: { "max-len": ["error", { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }] },
    },
    {
        files: ["**/*.ts", "**/*.mts"],
        languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["vitest.config.mts"] }, tsconfigRootDir: import.meta.dirname } },
        plugins: { "@pulumi": pulumi },
        rules: {
            // A leading underscore marks what is left unused on purpose (a callback's argument, a key taken out).
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
    {
        // Tests read mocked registrations: untyped JSON trees of each resource type's inputs.
        files: ["test/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
    {
        files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
        languageOptions: { globals: globals.node },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
