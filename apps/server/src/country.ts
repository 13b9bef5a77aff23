import {
  LocationTree,
  parseScope,
  todayIn,
  type CountryConfig,
  type EventConfig,
  type Role,
  type Scope,
} from '@lifeline/domain';

/** The loaded country config with the lookups every module needs. */
export interface Country {
  config: CountryConfig;
  locations: LocationTree;
  events: Map<string, EventConfig>;
  roles: Map<string, { role: Role; scopes: Scope[] }>;
  /** Today's calendar date in the country's time zone. */
  today(): string;
}

export function prepareCountry(config: CountryConfig): Country {
  return {
    config,
    locations: new LocationTree(config.locations),
    events: new Map(config.events.map((e) => [e.id, e])),
    roles: new Map(config.roles.map((role) => [role.id, { role, scopes: role.scopes.map(parseScope) }])),
    today: () => todayIn(config.settings.timeZone),
  };
}
