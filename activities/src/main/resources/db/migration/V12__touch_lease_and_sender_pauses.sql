-- Sending: never twice, never to someone who opted out, never into a relay that refuses us.

-- The lease on a SENDING row. Temporal may start a second attempt of a send while the first is
-- still in its SMTP transaction (the first outlived its timeout); only the attempt holding the lease
-- may send. It is taken with a conditional update (free, expired, or already ours) and renewed while
-- the attempt lives; an attempt that finds it held by another sends nothing and tries again later.
alter table touches add column lease_owner text;
alter table touches add column lease_until timestamptz;

-- Policy refusals (5.7.x: relay access denied, DMARC, spam policy): the touch ends FAILED with the
-- server's words, the address is not suppressed (the refusal is about us, not about them), and each
-- one is counted here so a burst from one sender pauses that sender.
create table policy_blocks (
  id          bigserial   primary key,
  sender      text        not null,
  touch_key   text        not null,
  reply       text        not null, -- the server's words
  blocked_at  timestamptz not null default now()
);
create index policy_blocks_by_sender on policy_blocks (sender, blocked_at desc);

-- A sender whose mail a burst of policy refusals stopped. Its e-mails are deferred, not sent, until
-- a person resumes it (the console's banner, or POST /api/sending-pauses/resume). A resumed pause
-- keeps its row (who resumed it, when) and only refusals after the resume count towards the next.
create table sender_pauses (
  sender      text        primary key,
  paused_at   timestamptz not null,
  blocks      int         not null, -- refusals in the window that paused it
  last_reply  text        not null, -- the last of them, in the server's words
  resumed_at  timestamptz,          -- null while paused
  resumed_by  text
);
