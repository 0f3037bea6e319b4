/**
 * When the database changes: one weekly maintenance hour and one daily backup hour (UTC) in the
 * config, written in each cloud's own format, and the sentence the preview prints about when a
 * change lands. Pure functions: the tests read the formats directly.
 */
import { CONFIG_NAMESPACE, ConfigError } from "./errors";

/** Days as the config takes them (RDS's own three-letter names, lower case). */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The resolved maintenance settings of a stack. */
export interface MaintenancePlan {
    /** Day of the weekly maintenance hour (UTC). */
    day: Weekday;
    /** Hour (0-23, UTC) the weekly maintenance hour starts. */
    hour: number;
    /** Hour (0-23, UTC) the daily backup starts (AWS, GCP). */
    backupHour: number;
    /** Apply database changes at `pulumi up` (true) or in the maintenance window (false; AWS only defers). */
    applyNow: boolean;
}

export const DEFAULT_MAINTENANCE = { day: "sun", hour: 4, backupHour: 3 } as const;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * RDS `PreferredMaintenanceWindow`: `ddd:hh24:mi-ddd:hh24:mi`, UTC, at least 30 minutes; one hour
 * here (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html). Lower
 * case, as RDS reports it back, so the next preview shows no difference.
 */
export function rdsMaintenanceWindow(plan: Pick<MaintenancePlan, "day" | "hour">): string {
    const endDay = plan.hour === 23 ? WEEKDAYS[(WEEKDAYS.indexOf(plan.day) + 1) % 7] : plan.day;
    return `${plan.day}:${pad(plan.hour)}:00-${endDay}:${pad((plan.hour + 1) % 24)}:00`;
}

/**
 * RDS `PreferredBackupWindow`: `hh24:mi-hh24:mi`, UTC, at least 30 minutes, not overlapping the
 * maintenance window (same page). Thirty minutes from the backup hour.
 */
export function rdsBackupWindow(backupHour: number): string {
    return `${pad(backupHour)}:00-${pad(backupHour)}:30`;
}

/** Cloud SQL `settings.maintenanceWindow`: day 1-7 starting Monday, hour 0-23 UTC (pulumi-gcp DatabaseInstanceSettingsMaintenanceWindow). */
export function cloudSqlMaintenanceWindow(plan: Pick<MaintenancePlan, "day" | "hour">): {
    day: number;
    hour: number;
    updateTrack: string;
} {
    return { day: WEEKDAYS.indexOf(plan.day) + 1, hour: plan.hour, updateTrack: "stable" };
}

/** Cloud SQL `backupConfiguration.startTime`: `HH:MM`, UTC. */
export function cloudSqlBackupStartTime(backupHour: number): string {
    return `${pad(backupHour)}:00`;
}

/**
 * Flexible Server `maintenanceWindow`: a custom window, `dayOfWeek` 0 = Sunday to 6 = Saturday, UTC
 * (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-maintenance).
 */
export function azureMaintenanceWindow(plan: Pick<MaintenancePlan, "day" | "hour">): {
    customWindow: string;
    dayOfWeek: number;
    startHour: number;
    startMinute: number;
} {
    return {
        customWindow: "Enabled",
        dayOfWeek: (WEEKDAYS.indexOf(plan.day) + 1) % 7,
        startHour: plan.hour,
        startMinute: 0,
    };
}

/** The backup must not run in the maintenance hour (RDS refuses overlapping windows). */
export function maintenanceProblem(plan: MaintenancePlan): { path: string; problem: string } | undefined {
    if (plan.backupHour === plan.hour) {
        return {
            path: "postgres.backupHour",
            problem: `${plan.backupHour} is the maintenance hour (langsmith:postgres.maintenanceWindow.hour); RDS refuses a backup window that overlaps the maintenance window, so choose another hour`,
        };
    }
    return undefined;
}

/** A PostgreSQL major change between the last deployment and this one. */
export interface MajorVersionChange {
    /** The major the last deployment reported (undefined: first deployment, or not reported yet). */
    from?: number;
    to: number;
}

/**
 * Checks a major change: a downgrade is refused (PostgreSQL cannot go down a major in place), and an
 * upgrade needs `applyNow` (it takes the database down while it runs, so the operator chooses the
 * moment by running `pulumi up`, not a window days later).
 */
export function checkMajorVersionChange(change: MajorVersionChange, applyNow: boolean): void {
    const { from, to } = change;
    if (from === undefined || from === to) return;
    if (to < from) {
        throw new ConfigError(
            `${CONFIG_NAMESPACE}:postgres.version`,
            `${to} is below ${from}, the major this stack's database already runs (its last databaseMajorVersion output); PostgreSQL cannot go down a major in place. Set ${from} again; to go back, restore a backup taken before the upgrade into a new stack (docs/UPGRADE.md)`,
        );
    }
    if (!applyNow) {
        throw new ConfigError(
            `${CONFIG_NAMESPACE}:postgres.applyNow`,
            `must be true for the run that upgrades PostgreSQL ${from} to ${to}: an in-place major upgrade takes the database offline while it runs (docs/UPGRADE.md), so it starts when you run pulumi up, not in a later window. Run: pulumi config set --path langsmith:postgres.applyNow true (remove it afterwards)`,
        );
    }
}

/** Cloud names as the sentence uses them. */
const SERVICE = { aws: "RDS", gcp: "Cloud SQL", azure: "Flexible Server" } as const;

/**
 * One line for the preview: when this run's database changes take effect. RDS defers most
 * modifications to the maintenance window unless ApplyImmediately is set
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.DBInstance.Modifying.html);
 * Cloud SQL and Flexible Server apply a configuration change when it is made, and use the window
 * for their own updates.
 */
export function changesLandSentence(
    cloud: "aws" | "gcp" | "azure",
    plan: MaintenancePlan,
    change: MajorVersionChange,
): string {
    const window = `${plan.day} ${pad(plan.hour)}:00-${pad((plan.hour + 1) % 24)}:00 UTC`;
    const upgrade =
        change.from !== undefined && change.from < change.to
            ? `PostgreSQL ${change.from} -> ${change.to}: in-place major upgrade at pulumi up (the database is offline while it runs; ${SERVICE[cloud]} backs it up first). `
            : "";
    if (cloud === "aws") {
        return plan.applyNow
            ? `${upgrade}Database changes apply at pulumi up (langsmith:postgres.applyNow); RDS maintenance window ${window}.`
            : `${upgrade}Database changes wait for the RDS maintenance window ${window}; set langsmith:postgres.applyNow true for a change that must not wait.`;
    }
    return `${upgrade}Database changes apply at pulumi up (${SERVICE[cloud]} applies configuration changes when they are made); its own maintenance runs in the window ${window}.`;
}
