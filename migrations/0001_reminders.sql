-- One row per reminder a phone asked for: the subscription, its schedule and when it is next due.
CREATE TABLE reminders (
    id TEXT PRIMARY KEY NOT NULL,
    secret_hash {bytes} NOT NULL,
    endpoint TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    kind TEXT NOT NULL,
    schedule TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    next_at_ms {big_integer} NOT NULL,
    seen_at_ms {big_integer} NOT NULL,
    failures INTEGER NOT NULL,
    -- Set while a scheduler is sending this reminder; a lapsed lease frees it for another.
    claimed_until_ms {big_integer},
    UNIQUE (endpoint, kind)
);
CREATE INDEX reminders_next_at ON reminders (next_at_ms);
CREATE INDEX reminders_seen_at ON reminders (seen_at_ms);

-- The server's VAPID private key: one row, shared by every process on this database.
CREATE TABLE vapid_key (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    private_key {bytes} NOT NULL
);
