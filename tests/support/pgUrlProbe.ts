/**
 * A child process that connects with node-postgres from nothing but a URL and the environment, as
 * a pod does: `PROBE_URL` is the URL, `PGPASSWORD` carries the token out of band, and the CA is in
 * the process' trust store (`NODE_EXTRA_CA_CERTS`, read by Node only at start-up — hence a child).
 * Prints the rows of `PROBE_SQL` as JSON; exits 1 with the error message on failure.
 */
import { Client } from "pg";

async function main(): Promise<void> {
    const client = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
        const result = await client.query(process.env.PROBE_SQL ?? "SELECT 1");
        process.stdout.write(JSON.stringify(result.rows));
    } finally {
        await client.end();
    }
}

main().catch((err: Error) => {
    process.stderr.write(err.message);
    process.exit(1);
});
