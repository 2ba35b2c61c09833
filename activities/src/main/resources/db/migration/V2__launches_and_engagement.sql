-- Bulk launches: the validated target account list is stored before anything starts, so a
-- restart resumes a launch instead of losing or repeating it.
create table launches (
  launch_id        text        primary key,
  source           text        not null, -- CSV | API
  playbooks        text        not null, -- what each tier runs, e.g. ONE_TO_FEW=fintech-new-logo-1tofew@3
  total            int         not null,
  started          int         not null default 0,
  already_running  int         not null default 0,
  failed           int         not null default 0,
  created_by       text,
  created_at       timestamptz not null default now(),
  finished_at      timestamptz
);

create table launch_accounts (
  launch_id         text    not null references launches (launch_id) on delete cascade,
  account_id        text    not null,
  workflow_id       text    not null,
  playbook_id       text    not null,
  playbook_version  int     not null,
  status            text    not null, -- PENDING | STARTED | ALREADY_RUNNING | FAILED
  detail            text,
  target            jsonb   not null, -- the account, its committee, owner and tier
  primary key (launch_id, account_id)
);
create index launch_accounts_pending on launch_accounts (launch_id) where status = 'PENDING';

-- Engagement as it arrives (tracking links, site and form webhooks, CRM), stored once per event
-- id, then delivered to running sequences as coalesced batches.
create table engagement_events (
  event_id       text        primary key,
  account_id     text        not null,
  contact_email  text,
  type           text        not null,
  occurred_at    timestamptz not null,
  received_at    timestamptz not null default now(),
  batch_id       text,        -- assigned when claimed for delivery; a batch is retried with the same id
  delivered_at   timestamptz
);
create index engagement_undelivered on engagement_events (account_id) where delivered_at is null;
create index engagement_by_account on engagement_events (account_id, occurred_at);

-- CRM stage changes, kept for the scorecard and the account's history.
create table account_stages (
  account_id  text        not null,
  stage       text        not null,
  changed_at  timestamptz not null default now(),
  changed_by  text
);
create index account_stages_by_account on account_stages (account_id, changed_at);
