/**
 * `T` with the keys `K` present: what a component's `*Defaults(args)` returns once it has applied the
 * defaults its args' `@default` tags state. Written out (not inferred) so every file's declarations can
 * be emitted on their own (`isolatedDeclarations`, which `npm run build:pkg` relies on).
 */
export type WithDefaults<T, K extends keyof T> = T & Required<Pick<T, K>>;
