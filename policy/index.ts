/**
 * `pulumi up --policy-pack policy` (add `--policy-pack-config policy/production.json` for production
 * stacks): the LangSmith-on-managed-PostgreSQL security baseline. Rules: policy/rules.ts.
 */
import { PolicyPack } from "@pulumi/policy";
import { baselinePolicies } from "./pack";

new PolicyPack("langsmith-baseline", { policies: baselinePolicies() });
