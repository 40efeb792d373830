import type { Config } from '../config.ts';
import type { Actor } from '../core/ports.ts';

/** The terminal's single user: tenant `local`, named after the OS account unless STARCOACH_USER says otherwise. */
export function terminalActor(config: Config): Actor {
  return { platform: 'terminal', tenant: 'local', user: config.terminalUser };
}
