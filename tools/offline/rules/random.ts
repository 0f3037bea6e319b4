/** Random provider input rules (the Pulumi provider bridges terraform-provider-random, whose docs state them). */
import { num, problems } from "./common";
import type { ServiceRule } from "./types";

const PASSWORD = "random:index/randomPassword:RandomPassword";
const BYTES = "random:index/randomBytes:RandomBytes";
const MINIMUMS = ["minUpper", "minLower", "minNumeric", "minSpecial"];

export const RANDOM_RULES: ServiceRule[] = [
    {
        id: "random.password.length",
        resourceType: PASSWORD,
        property: "length, minUpper, minLower, minNumeric, minSpecial",
        description:
            "length is at least 1 and at least minUpper + minLower + minNumeric + minSpecial; each minimum is >= 0.",
        url: "https://registry.terraform.io/providers/hashicorp/random/latest/docs/resources/password",
        check: (inputs) => {
            const length = num(inputs, "length");
            if (length === undefined) return "length is required";
            const mins = MINIMUMS.map((k) => num(inputs, k) ?? 0);
            const sum = mins.reduce((a, b) => a + b, 0);
            return problems([
                length < 1 && `length ${length} is less than 1`,
                length < sum && `length ${length} is less than the sum of the minimums (${sum})`,
                mins.some((m) => m < 0) && "a minimum is negative",
            ]);
        },
    },
    {
        id: "random.bytes.length",
        resourceType: BYTES,
        property: "length",
        description: "length (bytes) is at least 1.",
        url: "https://registry.terraform.io/providers/hashicorp/random/latest/docs/resources/bytes",
        check: (inputs) => {
            const length = num(inputs, "length");
            return length === undefined
                ? "length is required"
                : length < 1
                  ? `length ${length} is less than 1`
                  : undefined;
        },
    },
];
