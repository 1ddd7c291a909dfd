/** Callbacks of one LISTEN subscription. */
export interface NotificationHandlers {
  /** One NOTIFY payload on the channel (a wake-up hint, never the data: TECH-NOTES 6). */
  onNotification(payload: string): void;
  /** LISTEN is (re)established: anything sent while disconnected was lost, so re-read the truth now. */
  onListening(): void;
}

/** A running subscription; `stop()` ends it and resolves once its connection is closed. */
export interface NotificationSubscription {
  stop(): Promise<void>;
}

/**
 * I/O boundary for PostgreSQL LISTEN/NOTIFY (replicated mode). Inject this class; the
 * PersistenceNotificationsModule provides {@link PgNotificationListener}, and unit tests of its
 * users provide a fake that calls the handlers.
 */
export abstract class NotificationListener {
  /**
   * Listens on `channel` (a lowercase SQL identifier) on a dedicated connection until the
   * subscription is stopped, reconnecting when the connection drops; connection errors are
   * logged, never thrown.
   * @throws Error synchronously for a channel name that is not a plain lowercase identifier.
   */
  abstract listen(channel: string, handlers: NotificationHandlers): NotificationSubscription;
}
