import { load, save } from './storage';
import type { AuthReply, Role } from './types';

// The tokens this browser holds, newest first. A person may hold several (a facilitator who
// also tried the participant view; a moderator of two events); pages pick the strongest one
// that may open what they show.

export interface Session {
  token: string;
  role: Role;
  eventId?: string | null;
  workshopId?: string | null;
  participantId?: string | null;
  savedAt: number;
}

export interface Profile {
  displayName: string;
  organization: string;
  group: string;
}

const SESSIONS = 'ws.sessions';
const WORKSHOP_EVENTS = 'ws.workshopEvents';
const PROFILE = 'ws.profile';
const LAST_WORKSHOP = 'ws.lastWorkshop';

export function sessions(): Session[] {
  return load<Session[]>(SESSIONS, []).filter((s) => typeof s.token === 'string');
}

export function saveSession(reply: AuthReply): Session {
  const session: Session = {
    token: reply.token,
    role: reply.role,
    eventId: reply.eventId ?? null,
    workshopId: reply.workshopId ?? null,
    participantId: reply.participantId ?? null,
    savedAt: Date.now(),
  };
  // One session per role and scope: a new sign-in replaces the old one.
  const others = sessions().filter(
    (s) => !(s.role === session.role && s.eventId === session.eventId && s.workshopId === session.workshopId),
  );
  save(SESSIONS, [session, ...others].slice(0, 20));
  if (session.workshopId && session.eventId) {
    rememberWorkshop(session.workshopId, session.eventId);
  }
  return session;
}

export function dropSession(token: string): void {
  save(SESSIONS, sessions().filter((s) => s.token !== token));
}

export function participantSession(eventId: string): Session | undefined {
  return sessions().find((s) => s.role === 'participant' && s.eventId === eventId);
}

export function rememberWorkshop(workshopId: string, eventId: string): void {
  const map = load<Record<string, string>>(WORKSHOP_EVENTS, {});
  if (map[workshopId] !== eventId) {
    map[workshopId] = eventId;
    save(WORKSHOP_EVENTS, map);
  }
}

export function eventOfWorkshop(workshopId: string): string | undefined {
  return load<Record<string, string>>(WORKSHOP_EVENTS, {})[workshopId];
}

const RANK: Record<Role, number> = { facilitator: 0, moderator: 1, admin: 2, participant: 3 };

/**
 * Tokens worth trying for a workshop, best first: its facilitator, the event's moderator, an
 * admin, a participant of the event; then any other (the workshop's event may be unknown here).
 */
export function candidatesForWorkshop(workshopId: string, preferParticipant = false): Session[] {
  const eventId = eventOfWorkshop(workshopId);
  const fits = (s: Session): boolean =>
    s.role === 'admin' ||
    (s.role === 'facilitator' && s.workshopId === workshopId) ||
    ((s.role === 'moderator' || s.role === 'participant') && (eventId === undefined || s.eventId === eventId));
  const all = sessions();
  const rank = (s: Session): number => (preferParticipant && s.role === 'participant' ? -1 : RANK[s.role]);
  const good = all.filter(fits).sort((a, b) => rank(a) - rank(b) || b.savedAt - a.savedAt);
  const rest = all.filter((s) => !fits(s) && s.role !== 'facilitator');
  return [...good, ...rest];
}

/** Tokens that may run an event: its moderator, else an admin. */
export function candidatesForEvent(eventId: string): Session[] {
  return sessions()
    .filter((s) => s.role === 'admin' || (s.role === 'moderator' && s.eventId === eventId))
    .sort((a, b) => RANK[a.role] - RANK[b.role] || b.savedAt - a.savedAt);
}

export function profile(): Profile {
  return load<Profile>(PROFILE, { displayName: '', organization: '', group: '' });
}

export function saveProfile(value: Profile): void {
  save(PROFILE, value);
}

export function lastWorkshop(): { workshopId: string; title: string } | null {
  return load<{ workshopId: string; title: string } | null>(LAST_WORKSHOP, null);
}

export function saveLastWorkshop(workshopId: string, title: string): void {
  save(LAST_WORKSHOP, { workshopId, title });
}
