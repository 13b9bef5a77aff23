import { parseScope, type CountryConfig, type Jurisdiction, type ScopeName } from '@lifeline/domain';

/**
 * The authorization matrix's own reading of the roles config: which role may do what to which record. Written
 * from the config's data (scope strings, the location tree) without the server's access code, so that the
 * matrix checks the server against the config rather than against itself.
 */
export interface RecordPlace {
  type: string;
  createdBy: string;
  createdAtLocation: string;
  placeOfEvent: string | null;
}

export interface Actor {
  userId: string;
  role: string;
  officeId: string;
}

export class ScopesTable {
  private readonly parents = new Map<string, string | null>();
  private readonly types = new Map<string, string>();

  constructor(private readonly config: CountryConfig) {
    for (const l of config.locations) {
      this.parents.set(l.id, l.parentId);
      this.types.set(l.id, l.type);
    }
  }

  /** The location and every area above it. */
  private lineage(id: string | null): Set<string> {
    const out = new Set<string>();
    for (let at = id; at && !out.has(at); at = this.parents.get(at) ?? null) out.add(at);
    return out;
  }

  private scopesOf(role: string) {
    const found = this.config.roles.find((r) => r.id === role);
    return (found?.scopes ?? []).map(parseScope);
  }

  /** Whether the role holds `scope` at all (for `eventType` when given; country-wide when `everywhere`). */
  holds(role: string, scope: ScopeName, eventType?: string, everywhere = false): boolean {
    return this.scopesOf(role).some(
      (s) =>
        s.name === scope &&
        (!eventType || !s.events || s.events.includes(eventType)) &&
        (!everywhere || s.jurisdiction === 'all'),
    );
  }

  /** The area of the actor's office (itself when it is an area); null for an office outside any area (HQ). */
  private areaOf(officeId: string): string | null {
    return this.types.get(officeId) === 'ADMIN_AREA' ? officeId : (this.parents.get(officeId) ?? null);
  }

  /**
   * Whether the actor's `scope` reaches staff of `officeId`: `all` everywhere, `area` the offices within the area
   * of the actor's office, `office` (or an office outside any area) their own office only.
   */
  reachesOffice(actor: Actor, scope: ScopeName, officeId: string): boolean {
    const area = this.areaOf(actor.officeId);
    return this.scopesOf(actor.role).some(
      (s) =>
        s.name === scope &&
        (s.jurisdiction === 'all' ||
          officeId === actor.officeId ||
          (s.jurisdiction === 'area' && !!area && this.lineage(officeId).has(area))),
    );
  }

  /**
   * Whether the actor's `scope` is wide enough to give `role`: none of the role's scopes reaches further than it
   * (all > area > office). Only for roles without privileged scopes (user management, config), which need more.
   */
  mayGive(actor: Actor, scope: ScopeName, role: string): boolean {
    const rank = (j: Jurisdiction) => ({ office: 0, area: 1, all: 2 })[j];
    const widest = Math.max(...this.scopesOf(role).map((s) => rank(s.jurisdiction)));
    return this.scopesOf(actor.role).some((s) => s.name === scope && rank(s.jurisdiction) >= widest);
  }

  /** Whether the role carries a scope over users or the system (which `mayGive` does not judge). */
  isPrivileged(role: string): boolean {
    const privileged =
      /^(user\.(create|edit|read|search)|config\.[a-z-]+|integration\.[a-z-]+|record\.(import|reindex))$/;
    return this.scopesOf(role).some((s) => privileged.test(s.name));
  }

  /**
   * Whether the actor's `scope` reaches this record: `all` everywhere; `office` the records declared at the
   * actor's office; `area` also those declared in, or about an event in, the administrative area of the office
   * (an office outside any area, like HQ, has only itself).
   */
  reaches(actor: Actor, scope: ScopeName, record: RecordPlace): boolean {
    const area = this.areaOf(actor.officeId);
    return this.scopesOf(actor.role).some((s) => {
      if (s.name !== scope || (s.events && !s.events.includes(record.type))) return false;
      if (s.jurisdiction === 'all') return true;
      if (record.createdAtLocation === actor.officeId) return true;
      if (s.jurisdiction === 'office' || !area) return false;
      return this.lineage(record.createdAtLocation).has(area) || this.lineage(record.placeOfEvent).has(area);
    });
  }

  /** The config's rule for reading a record: its creator, or record.read reaching it. */
  mayRead(actor: Actor, record: RecordPlace): boolean {
    return record.createdBy === actor.userId || this.reaches(actor, 'record.read', record);
  }

  /** Whether the role has a workqueue of this slug in the config. */
  hasWorkqueue(role: string, slug: string): boolean {
    return this.config.workqueues.some((w) => w.slug === slug && w.roles.includes(role));
  }
}
