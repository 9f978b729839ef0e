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
] as const;

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
  onUnauthorized: (() => void) | null = null;

  constructor(token: () => string) {
    this.connection = new HubConnectionBuilder()
      .withUrl('/hubs/workshop', { accessTokenFactory: token })
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: (context) => RETRY_MS[Math.min(context.previousRetryCount, RETRY_MS.length - 1)] ?? 10000,
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
    this.connection.onclose(() => {
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
