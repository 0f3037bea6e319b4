import type * as pulumi from "@pulumi/pulumi";
import type { SslMode } from "./sslMode";

/** The value of the chart's `postgres.external.iamAuthProvider` (an `as const` object: a schema enum). */
export const IamAuthProvider = { Aws: "aws", Gcp: "gcp", Azure: "azure" } as const;
export type IamAuthProvider = (typeof IamAuthProvider)[keyof typeof IamAuthProvider];

/**
 * What every cloud's Postgres component returns: the same fields on AWS, GCP and Azure, so the
 * Kubernetes/Helm side never branches on the cloud except through `iamAuthProvider`.
 */
export interface PostgresConnection {
    /** Private host name or address of the server. */
    host: pulumi.Output<string>;
    /** TCP port. */
    port: pulumi.Output<number>;
    /** The workload's database. */
    database: pulumi.Output<string>;
    /** The database user the workload identity logs in as. */
    iamUser: pulumi.Output<string>;
    /** Which cloud's token the app fetches (`postgres.external.iamAuthProvider`). */
    iamAuthProvider: IamAuthProvider;
    /** libpq sslmode the app uses. */
    sslMode: SslMode;
}

/** The administrator login the bootstrap Job uses; never handed to the workload. */
export interface PostgresAdminLogin {
    /** Administrator user name. */
    user: pulumi.Output<string>;
    /** Administrator password (a secret Output). */
    password: pulumi.Output<string>;
}
