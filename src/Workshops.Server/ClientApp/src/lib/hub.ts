import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';

export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export const EVENT_NAMES = [
  'ideaAdded',
  'ideaChanged',
  'ideaRemoved',
  'talliesChanged',
  'phaseChanged',
  'timerChanged',
  'outputChanged',
  'presenceChanged',
  'settingsChanged',
  'versionChanged',
  'eventChanged',
] as const;

/**
 * Events about the whole event rather than one workshop (the organizer's console, PROTOCOL.md
 * section 7): its program was edited, it was deleted, or this connection's token was revoked
 * (a rotated key; the server closes the connection right after).
 */
export const EVENT_LEVEL_NAMES = ['eventChanged', 'eventDeleted', 'tokenRevoked'] as const;
export type EventLevelName = (typeof EVENT_LEVEL_NAMES)[number];

/** A refusal or failure of an operation, with the contract's error code (or "offline"). */
export class OpError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
  }
}

/**
 * The error code of a failed hub call, or null when the call never got an answer (the
 * connection dropped): only those are worth sending again. The server's refusals arrive as
 * "An unexpected error occurred invoking 'CastVote' on the server. HubException: vote_limit: ...".
 */
export function errorCode(error: unknown): string | null {
  if (error instanceof OpError) {
    return error.code === 'offline' ? null : error.code;
  }
  const message = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([a-z_]+):/.exec(message) ?? /^([a-z_]+): /.exec(message);
  if (match?.[1]) {
    return match[1];
  }
  return /on the server/i.test(message) ? 'unknown' : null;
}

export interface HubEventSink {
  readonly workshopId: string;
  receive(name: string, payload: any): void;
  /** The connection is (again) up: fetch a fresh snapshot, then send what waits. */
  resync(): Promise<void>;
}

// Retries never stop: a phone that walks out of Wi-Fi range must come back by itself.
const RETRY_MS = [0, 1000, 2000, 4000, 8000, 10000];

/** One SignalR connection to /hubs/workshop, shared by the workshops a page shows. */
export class HubClient {
  readonly connection: HubConnection;
  private linkState: LinkState = 'connecting';
  private readonly stateListeners: ((state: LinkState) => void)[] = [];
  private readonly sinks = new Map<string, HubEventSink>();
  private started = false;
  private everConnected = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private browserOffline = navigator.onLine === false;
  private refused = false;
  private readonly eventListeners: ((name: EventLevelName, payload: { eventId?: string }) => void)[] = [];
  onUnauthorized: (() => void) | null = null;

  constructor(token: () => string) {
    this.connection = new HubConnectionBuilder()
      .withUrl('/hubs/workshop', { accessTokenFactory: token })
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: (context) => {
          // A token that was revoked (a rotated key, a deleted event) is refused when the
          // connection is opened again: stop there, the page signs out (onclose below).
          if ((context.retryReason as { statusCode?: number } | undefined)?.statusCode === 401) {
            this.refused = true;
            return null;
          }
          return RETRY_MS[Math.min(context.previousRetryCount, RETRY_MS.length - 1)] ?? 10000;
        },
      })
      .configureLogging(LogLevel.None)
      .build();
    for (const name of EVENT_NAMES) {
      this.connection.on(name, (payload: { workshopId?: string }) => {
        const sink = payload && payload.workshopId ? this.sinks.get(payload.workshopId) : undefined;
        sink?.receive(name, payload);
      });
    }
    this.connection.onreconnecting(() => this.setState(this.browserOffline ? 'offline' : 'reconnecting'));
    this.connection.onreconnected(() => {
      this.setState('connected');
      this.resyncAll();
    });
    for (const name of EVENT_LEVEL_NAMES) {
      this.connection.on(name, (payload: { eventId?: string }) => {
        if (name === 'tokenRevoked') {
          // Signed out for good: do not reconnect with a token that is refused.
          this.refused = true;
        }
        for (const listener of this.eventListeners) {
          listener(name, payload ?? {});
        }
      });
    }
    this.connection.onclose(() => {
      if (this.refused) {
        this.started = false;
        this.setState('offline');
        this.onUnauthorized?.();
        return;
      }
      if (this.started) {
        this.setState(this.browserOffline ? 'offline' : 'reconnecting');
        this.schedule();
      }
    });
    // The browser knows first when Wi-Fi is gone: stop at once (operations are queued from
    // now on) instead of waiting for the keep-alive to time out.
    window.addEventListener('offline', () => {
      this.browserOffline = true;
      this.setState('offline');
      void this.connection.stop();
    });
    window.addEventListener('online', () => {
      this.browserOffline = false;
      this.schedule(0);
    });
  }

  get state(): LinkState {
    return this.linkState;
  }

  get connected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  onState(listener: (state: LinkState) => void): void {
    this.stateListeners.push(listener);
    listener(this.linkState);
  }

  /** Event-level hub events (the event was edited or deleted), whatever workshop they came through. */
  onEvent(listener: (name: EventLevelName, payload: { eventId?: string }) => void): void {
    this.eventListeners.push(listener);
  }

  register(sink: HubEventSink): void {
    this.sinks.set(sink.workshopId, sink);
    if (this.connected) {
      void sink.resync();
    }
  }

  start(): void {
    this.started = true;
    void this.tryStart();
  }

  /** Stops for good (the event is gone): no reconnect. */
  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.connection.stop();
  }

  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    if (!this.connected) {
      throw new OpError('offline');
    }
    return this.connection.invoke<T>(method, ...args);
  }

  private async tryStart(): Promise<void> {
    this.timer = undefined;
    if (this.connection.state !== HubConnectionState.Disconnected) {
      return;
    }
    if (this.browserOffline || navigator.onLine === false) {
      this.browserOffline = true;
      this.setState('offline');
      this.schedule(5000);
      return;
    }
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    try {
      await this.connection.start();
      this.attempt = 0;
      this.everConnected = true;
      this.setState('connected');
      this.resyncAll();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 401) {
        this.started = false;
        this.setState('offline');
        this.onUnauthorized?.();
        return;
      }
      this.setState(this.browserOffline ? 'offline' : 'reconnecting');
      this.schedule();
    }
  }

  private schedule(delay?: number): void {
    if (!this.started) {
      return;
    }
    if (delay === 0 && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.timer !== undefined) {
      return;
    }
    const wait = delay ?? RETRY_MS[Math.min(++this.attempt, RETRY_MS.length - 1)] ?? 10000;
    this.timer = setTimeout(() => void this.tryStart(), wait);
  }

  private resyncAll(): void {
    for (const sink of this.sinks.values()) {
      void sink.resync();
    }
  }

  private setState(state: LinkState): void {
    if (state === this.linkState) {
      return;
    }
    this.linkState = state;
    for (const listener of this.stateListeners) {
      listener(state);
    }
  }
}
