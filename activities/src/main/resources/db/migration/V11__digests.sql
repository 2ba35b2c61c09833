-- The Monday digest: one row per owner and week, written before the e-mail goes out, so a retried
-- activity finds it and never sends the week twice. A row that says SENT, EMPTY (nothing to report,
-- no e-mail) or FAILED (refused for good) sends nothing more; one still SENDING (the last attempt
-- died mid-way) is sent again with the same stored content and Message-ID.
create table digests (
  owner       text        not null,
  week        date        not null, -- the Monday it is for, in the owner's zone
  recipient   text,
  status      text        not null, -- SENDING | SENT | EMPTY | FAILED
  summary     text        not null, -- "3 advanced, 2 stalled, 1 review waiting, 1 new hot account"
  subject     text,
  text_body   text,
  html_body   text,
  message_id  text,
  detail      text,                 -- why it failed, in the server's words
  created_at  timestamptz not null default now(),
  sent_at     timestamptz,
  primary key (owner, week)
);

-- What each owner's digest workflow was last told (address, zone), kept by the starter: at startup
-- it tells a running workflow only when the person's profile differs from this.
create table digest_schedules (
  owner      text        primary key,
  email      text        not null,
  time_zone  text        not null,
  told_at    timestamptz not null default now()
);
