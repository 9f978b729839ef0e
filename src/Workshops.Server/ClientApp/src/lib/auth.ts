import { ApiError, getJson, postJson } from './api';
import { candidatesForEvent, candidatesForWorkshop, dropSession, rememberWorkshop, saveSession, type Session } from './session';
import type { AuthReply, EventSummary, Snapshot } from './types';

/**
 * A key from a key link, removed from the address bar (and so from the history) at once: it is
 * a secret. Links carry it in the fragment (`#key=`), which a browser never sends, so it stays
 * out of server and proxy logs. Links printed by older versions carry `?key=`: still accepted.
 */
export function takeKeyFromUrl(): string | null {
  const url = new URL(location.href);
  const hash = new URLSearchParams(url.hash.slice(1));
  const key = hash.get('key') ?? url.searchParams.get('key');
  if (hash.has('key')) {
    hash.delete('key');
    url.hash = hash.toString();
  }
  if (url.searchParams.has('key')) {
    url.searchParams.delete('key');
  }
  if (key !== null) {
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return key && key.trim().length > 0 ? key.trim() : null;
}

export async function signInWithKey(key: string): Promise<Session> {
  const reply = await postJson<AuthReply>('/api/auth/key', { key });
  return saveSession(reply);
}

/**
 * The best stored token that may open this workshop, with the workshop as it sees it. Tokens
 * that the server no longer accepts are forgotten on the way.
 */
export async function accessWorkshop(workshopId: string, preferParticipant = false): Promise<{ session: Session; snapshot: Snapshot } | null> {
  for (const session of candidatesForWorkshop(workshopId, preferParticipant)) {
    try {
      const snapshot = await getJson<Snapshot>(`/api/workshops/${encodeURIComponent(workshopId)}`, session.token);
      rememberWorkshop(workshopId, snapshot.eventId);
      return { session, snapshot };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthorized') {
        dropSession(session.token);
      } else if (!(error instanceof ApiError) || (error.code !== 'forbidden' && error.code !== 'not_found')) {
        throw error;
      }
    }
  }
  return null;
}

/** The moderator (or admin) token for an event, with the event's summary. */
export async function accessEvent(eventId: string): Promise<{ session: Session; summary: EventSummary } | null> {
  for (const session of candidatesForEvent(eventId)) {
    try {
      const summary = await getJson<EventSummary>(`/api/events/${encodeURIComponent(eventId)}`, session.token);
      return { session, summary };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthorized') {
        dropSession(session.token);
      } else if (!(error instanceof ApiError) || (error.code !== 'forbidden' && error.code !== 'not_found')) {
        throw error;
      }
    }
  }
  return null;
}
