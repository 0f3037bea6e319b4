/** ElastiCache's UserId pattern (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateUser.html). */
const ELASTICACHE_USER_ID = /^[a-zA-Z][a-zA-Z0-9-]*$/;

/** Why ElastiCache would refuse this user id (IAM users: also the user name), or undefined. */
export function elastiCacheUserIdProblem(id: string): string | undefined {
    if (!ELASTICACHE_USER_ID.test(id)) return "must be letters, digits and hyphens, starting with a letter";
    if (id.toLowerCase() === "default") return "is the id of the account's built-in default user";
    return undefined;
}

/** A user id ElastiCache accepts, made from any text (e.g. `<project>-<stack>`). */
export function elastiCacheUserIdFrom(text: string): string {
    const id = text
        .replace(/[^a-zA-Z0-9-]/g, "-")
        .replace(/^[^a-zA-Z]+/, "")
        .replace(/-+/g, "-")
        .replace(/-$/, "");
    return id ? id.slice(0, 40).replace(/-$/, "") : "langsmith";
}
