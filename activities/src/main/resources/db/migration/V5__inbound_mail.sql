-- Inbound mail (replies, bounces, out-of-office notes, unsubscribe mails) read by the starter's
-- IMAP poller.

-- Where the poller got to in each mailbox, so a restart asks the server only for newer mail. A UID
-- means something only together with its UIDVALIDITY: when the server reports another one, the
-- mailbox is scanned again from the start and inbound_messages keeps the rescan from acting twice.
create table mailbox_cursors (
  mailbox       text        primary key, -- imap://username@host:port/INBOX
  uid_validity  bigint      not null,
  last_uid      bigint      not null,    -- the highest UID handled (acted on, or already recorded)
  updated_at    timestamptz not null default now()
);

-- Every inbound message handled, once. The key is the Message-ID, so a message that sits in two
-- polled mailboxes (a reply copied to two people, a rescan) is acted on once.
create table inbound_messages (
  message_key   text        primary key, -- the Message-ID, or mailbox/uidvalidity/uid when it has none
  mailbox       text        not null,
  uid_validity  bigint      not null,
  uid           bigint      not null,
  kind          text        not null,    -- REPLY | AWAY | BOUNCE | UNSUBSCRIBE | AUTO_REPLY | DELAY | OWN | OTHER
  outcome       text        not null,    -- what was done, or why nothing was, in words
  from_address  text,
  subject       text,
  touch_key     text,                    -- the e-mail it answers or reports on, when known
  workflow_id   text,
  contact_id    text,
  received_at   timestamptz,
  processed_at  timestamptz not null default now()
);
create index inbound_messages_by_workflow on inbound_messages (workflow_id, processed_at);
create index inbound_messages_by_kind on inbound_messages (kind, processed_at);

-- Replies are matched to the e-mail they answer by In-Reply-To / References, and, failing that, to
-- the latest e-mail sent to their sender.
create index touches_by_message_id on touches (message_id) where message_id is not null;
create index touches_by_recipient on touches (lower(recipient), created_at) where channel = 'EMAIL';
