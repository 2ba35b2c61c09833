-- Deliverability: sending caps count the ledger, and signed links need a key every process shares.

-- The mailbox an e-mail went out from, so the per-sender daily cap can count it. Rows written
-- before this migration have none and are not counted (the first day after an upgrade may go over).
alter table touches add column sender text;

-- The caps count the touches that used or hold a slot (SENT, or SENDING: a reservation).
create index touches_slots_by_sender on touches (channel, sender, created_at)
  where status in ('SENT', 'SENDING');
create index touches_slots_by_recipient on touches (channel, recipient, created_at)
  where status in ('SENT', 'SENDING');

-- The link-signing key generated when abm.links.secret is not set: stored so links keep working
-- across restarts and every process of an installation signs and verifies with the same key.
-- Whoever can read this table can forge links: production sets abm.links.secret instead.
create table link_secrets (
  name        text        primary key,
  secret      bytea       not null,
  created_at  timestamptz not null default now()
);
