/** The alert ids the soak's clients have seen, and which client owns (triages) each. */
import { ALERT_UUID } from '../../common/alerts/field_names';
import type { Random } from '../../server/sample_data/random';

/** FNV-1a: which client owns an alert, so no two clients triage the same one and read-backs are exact. */
const ownerOf = (id: string, clients: number): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    // eslint-disable-next-line no-bitwise -- FNV-1a is defined by XOR and unsigned 32-bit wrap-around
    hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash % clients;
};

/** Alert ids the clients have seen in answers, shared as tabs of one UI would share a list. */
export class AlertPool {
  private readonly ids: string[] = [];
  private readonly known = new Set<string>();

  add(alerts: ReadonlyArray<Record<string, unknown>>): void {
    for (const alert of alerts) {
      const id = alert[ALERT_UUID];
      if (typeof id !== 'string' || this.known.has(id)) continue;
      this.known.add(id);
      this.ids.push(id);
    }
  }

  get size(): number {
    return this.ids.length;
  }

  pick(rng: Random): string | undefined {
    return this.ids.length === 0 ? undefined : rng.pick(this.ids);
  }

  owned(owner: number, clients: number): string[] {
    return this.ids.filter((id) => ownerOf(id, clients) === owner);
  }
}
