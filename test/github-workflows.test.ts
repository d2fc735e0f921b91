import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const WORKFLOWS = path.join(__dirname, "../.github/workflows");
const files = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name));

describe("GitHub workflows", () => {
    it("exist", () => {
        expect(files.length).toBeGreaterThan(0);
    });

    it.each(files)("%s is valid per the GitHub Actions workflow schema", (name) => {
        const state = validateWorkflow(readFileSync(path.join(WORKFLOWS, name), "utf8"));
        expect(state.errors).toEqual([]);
    });

    it("the validator does catch a broken workflow", () => {
        expect(validateWorkflow("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    stepz: []\n").errors.length).toBeGreaterThan(0);
    });

    it("previews the dev stack with the policy pack over Azure OIDC, commenting on the pull request", () => {
        const workflow = parse(readFileSync(path.join(WORKFLOWS, "pull-request.yml"), "utf8"));
        const preview = workflow.jobs.preview;
        expect(preview.permissions).toMatchObject({ "id-token": "write", "pull-requests": "write" });
        expect(preview.env).toMatchObject({ ARM_USE_OIDC: "true" });
        expect(Object.keys(preview.env)).toEqual(expect.arrayContaining(["ARM_CLIENT_ID", "ARM_TENANT_ID", "ARM_SUBSCRIPTION_ID"]));
        const step = preview.steps.find((candidate: { uses?: string }) => candidate.uses?.startsWith("pulumi/actions@"));
        expect(step.with).toMatchObject({ command: "preview", policyPacks: "policy", policyPackConfigs: "policy-config.json", "comment-on-pr": true });
        const writesConfig = preview.steps.find((candidate: { run?: string }) => candidate.run?.includes("npm run -s policy-config"));
        expect(writesConfig.run).toMatch(/> policy-config\.json$/);
        expect(preview.steps.indexOf(writesConfig)).toBeLessThan(preview.steps.indexOf(step));
    });

    it("tests and plans offline on every pull request", () => {
        const workflow = parse(readFileSync(path.join(WORKFLOWS, "pull-request.yml"), "utf8"));
        const commands = workflow.jobs.test.steps.map((step: { run?: string }) => step.run ?? "");
        expect(commands).toEqual(expect.arrayContaining(["npm ci", "npm test", "npm run plan -- --stack dev"]));
    });
});
