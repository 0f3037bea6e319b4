/**
 * The initial organisation admin password (basic auth). LangSmith requires at least 12 characters
 * with a lower-case letter, an upper-case letter and a symbol from a fixed set; the chart's
 * `validate.yaml` checks it only for an inline password, and with `config.existingSecretName` the
 * app's auth bootstrap Job refuses a password that breaks it. So the generator must guarantee it.
 */
/** The symbols LangSmith accepts in the admin password (chart `validate.yaml`, app auth bootstrap). */
export const LANGSMITH_PASSWORD_SYMBOLS = "!#$%()+,-./:?@[\\]^_{~}";
/** LangSmith's minimum length for the admin password. */
export const LANGSMITH_PASSWORD_MIN_LENGTH = 12;

/** What is wrong with a password by LangSmith's rule, or undefined. Never includes the password. */
export function adminPasswordProblem(password: string): string | undefined {
    if (password.length < LANGSMITH_PASSWORD_MIN_LENGTH)
        return `is shorter than ${LANGSMITH_PASSWORD_MIN_LENGTH} characters`;
    if (!/[a-z]/.test(password)) return "has no lower-case letter";
    if (!/[A-Z]/.test(password)) return "has no upper-case letter";
    if (![...password].some((c) => LANGSMITH_PASSWORD_SYMBOLS.includes(c)))
        return `has no symbol from ${LANGSMITH_PASSWORD_SYMBOLS}`;
    return undefined;
}

/**
 * The generator's settings. The random provider draws the minimums of each class first, then fills
 * from every enabled class, so `minSpecial` with symbols only from LangSmith's set guarantees the
 * rule. The symbols are a subset: no `$`, `\`, brackets or braces, which people mistype when
 * copying a password into a shell or YAML. (Checked as the random provider's arguments by
 * tests/langsmith/adminPassword.test.ts.)
 */
export const ADMIN_PASSWORD_GENERATOR = {
    length: 24,
    upper: true,
    lower: true,
    numeric: true,
    special: true,
    minUpper: 2,
    minLower: 2,
    minNumeric: 2,
    minSpecial: 2,
    overrideSpecial: "!#%+,-./:?@^_~",
} as const;
