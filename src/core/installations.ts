/**
 * Where a platform app's installations live: one record per workspace (or org) that installed the app,
 * with the credentials the platform gave it. The record is opaque to the core (the adapter owns its
 * shape) and holds secrets: nothing that reads it may log it.
 */
export interface InstallationRecords {
  /** The installation of `tenant` on `platform`, or undefined when the app is not installed there. */
  get(platform: string, tenant: string): Promise<unknown | undefined>;
  /** Stores (or replaces, on a reinstall) the installation of `tenant`. */
  put(platform: string, tenant: string, installation: unknown): Promise<void>;
  /** Removes it; true when there was one. */
  delete(platform: string, tenant: string): Promise<boolean>;
}
