-- ABM Sequencer core schema. PostgreSQL only (the embedded default and the tests run a real one).

-- Playbooks, versioned: uploading the same id again adds a version. The YAML is the source of
-- truth; the model is parsed from it on read.
create table playbooks (
  id           text        not null,
  version      int         not null,
  name         text        not null,
  motion       text        not null,
  tier         text        not null,
  yaml         text        not null,
  uploaded_at  timestamptz not null default now(),
  uploaded_by  text,
  primary key (id, version)
);
create index playbooks_by_motion_tier on playbooks (motion, tier, uploaded_at desc);

-- Read model: one row per sequence (workflow id), written by the workflow through an activity.
create table sequences (
  workflow_id      text        primary key,
  account_id       text        not null,
  account_name     text        not null,
  domain           text,
  industry         text,
  motion           text        not null,
  tier             text        not null,
  playbook_id      text        not null,
  playbook_version int         not null,
  owner            text        not null,
  status           text        not null,
  current_step     text,
  next_touch       text,
  next_touch_at    timestamptz,
  score            int         not null default 0,
  touches          int         not null default 0,
  exit_reason      text,
  launch_id        text,
  started_at       timestamptz not null,
  updated_at       timestamptz not null,
  exited_at        timestamptz
);
create index sequences_by_status on sequences (status);
create index sequences_by_owner on sequences (owner, status);
create index sequences_by_account on sequences (account_id);
create index sequences_by_motion_tier on sequences (motion, tier);
create index sequences_by_playbook on sequences (playbook_id);
create index sequences_by_launch on sequences (launch_id);

-- The buying committee of each sequence, so an opt-out can find every sequence targeting a person.
create table sequence_contacts (
  workflow_id  text    not null references sequences (workflow_id) on delete cascade,
  contact_id   text    not null,
  email        text    not null,
  first_name   text,
  last_name    text,
  title        text,
  role         text    not null,
  phone        text,
  time_zone    text,
  sms_consent  boolean not null default false,
  primary key (workflow_id, contact_id)
);
create index sequence_contacts_by_email on sequence_contacts (lower(email));

-- The ledger: one row per touch key (workflow id / step key / contact id). The row is written
-- before the provider is called, so a retried activity finds it and never sends twice.
create table touches (
  touch_key    text        primary key,
  workflow_id  text        not null,
  step_key     text        not null,
  contact_id   text        not null,
  account_id   text        not null,
  channel      text        not null, -- EMAIL | SMS | ADS
  status       text        not null, -- SENDING | SENT | DRY_RUN | SUPPRESSED | BOUNCED | SKIPPED
  recipient    text,
  subject      text,
  body         text,
  message_id   text,
  detail       text,
  attempts     int         not null default 0,
  created_at   timestamptz not null default now(),
  sent_at      timestamptz
);
create index touches_by_workflow on touches (workflow_id, created_at);
create index touches_by_account on touches (account_id, created_at);
create index touches_by_channel on touches (channel, created_at);

-- Consent: one row per suppressed address and channel, shared by every sequence.
create table suppressions (
  channel     text        not null, -- EMAIL | SMS
  address     text        not null, -- lower-case e-mail, or E.164 phone
  reason      text        not null, -- UNSUBSCRIBED | HARD_BOUNCE | COMPLAINT | MANUAL | SMS_STOP
  detail      text,
  created_at  timestamptz not null default now(),
  created_by  text,
  primary key (channel, address)
);

-- The SDR inbox.
create table sdr_tasks (
  task_id        text        primary key,
  workflow_id    text        not null,
  account_id     text        not null,
  account_name   text        not null,
  owner          text        not null,
  type           text        not null,
  title          text        not null,
  instructions   text,
  contact_id     text,
  contact_name   text,
  contact_role   text,
  contact_title  text,
  contact_email  text,
  contact_phone  text,
  step_id        text        not null,
  reason         text,
  score          int         not null default 0,
  outcomes       text        not null, -- comma-separated TaskOutcome names
  state          text        not null, -- OPEN | DONE | EXPIRED | CANCELLED
  outcome        text,
  note           text,
  closed_by      text,
  due_at         timestamptz not null,
  created_at     timestamptz not null,
  closed_at      timestamptz
);
create index sdr_tasks_inbox on sdr_tasks (owner, state, due_at);
create index sdr_tasks_by_workflow on sdr_tasks (workflow_id);

-- Review checkpoints.
create table reviews (
  review_id     text        primary key,
  workflow_id   text        not null,
  account_id    text        not null,
  account_name  text        not null,
  owner         text        not null,
  step_id       text        not null,
  question      text        not null,
  decisions     text        not null, -- comma-separated ReviewDecision names
  tier          text        not null,
  score         int         not null default 0,
  touches       int         not null default 0,
  state         text        not null, -- OPEN | DONE | EXPIRED | CANCELLED
  decision      text,
  new_tier      text,
  note          text,
  decided_by    text,
  due_at        timestamptz not null,
  created_at    timestamptz not null,
  closed_at     timestamptz
);
create index reviews_open on reviews (state, due_at);
create index reviews_by_workflow on reviews (workflow_id);

-- Ad audience membership, so a removal (exit, opt-out) is exact.
create table audience_members (
  audience     text        not null,
  platform     text        not null,
  contact_id   text        not null,
  workflow_id  text        not null,
  account_id   text        not null,
  added_at     timestamptz not null default now(),
  removed_at   timestamptz,
  primary key (audience, platform, contact_id)
);
