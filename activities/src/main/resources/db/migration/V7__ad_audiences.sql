-- Ad audiences for real. The activity only records what should change: one row per audience,
-- platform and contact, PENDING_ADD or PENDING_REMOVE. A flusher sends the pending rows in batches
-- (thousands of sequences joining one audience make a handful of requests per platform, never one
-- per account) and marks them ACTIVE, REMOVED or FAILED.

alter table audience_members
  add column state           text        not null default 'ACTIVE', -- PENDING_ADD | ACTIVE | PENDING_REMOVE | REMOVED | FAILED
  add column action          text        not null default 'ADD',    -- the change last asked for (what a FAILED row failed to do): ADD | REMOVE
  add column email_sha256    text,                                  -- SHA-256 hex of the normalised e-mail: what the platforms match on
  add column phone_sha256    text,                                  -- SHA-256 hex of the E.164 phone, when known
  add column step_key        text,                                  -- with workflow_id: the ledger row of the step whose change the row carries
  add column requested_at    timestamptz,                           -- when the pending change was asked for (oldest goes first)
  add column attempts        int         not null default 0,        -- requests that carried the pending change
  add column next_attempt_at timestamptz,                           -- after a 429 / 5xx / I/O error: not sent before this
  add column last_error      text,                                  -- the platform's words, for FAILED rows and retries
  add column updated_at      timestamptz not null default now();

-- added_at is now when the platform took the contact in; a pending row has none yet.
alter table audience_members alter column added_at drop not null, alter column added_at drop default;

-- Rows from before were recorded in dry run: the removed ones are REMOVED, the others ACTIVE.
update audience_members set state = 'REMOVED', action = 'REMOVE' where removed_at is not null;

-- Their hashes come from the committee the sequence recorded (same normalisation as AudienceHashing).
update audience_members m set
  email_sha256 = encode(sha256(convert_to(lower(regexp_replace(c.email, '\s', '', 'g')), 'UTF8')), 'hex'),
  phone_sha256 = case when regexp_replace(c.phone, '[\s().-]', '', 'g') ~ '^\+[1-9][0-9]{7,14}$'
    then encode(sha256(convert_to(regexp_replace(c.phone, '[\s().-]', '', 'g'), 'UTF8')), 'hex') end
from sequence_contacts c
where c.workflow_id = m.workflow_id and c.contact_id = m.contact_id;

-- What the flusher claims: pending rows of one platform and audience, oldest first.
create index audience_members_pending on audience_members (platform, audience, state, requested_at)
  where state in ('PENDING_ADD', 'PENDING_REMOVE');
create index audience_members_by_workflow on audience_members (workflow_id, step_key);
create index audience_members_by_email on audience_members (email_sha256);

-- LinkedIn DMP segments this installation created: one per audience name and ad account, created
-- on first use and remembered.
create table linkedin_segments (
  audience    text        not null,
  ad_account  text        not null, -- urn:li:sponsoredAccount:<id>
  segment_id  text        not null,
  created_at  timestamptz not null,
  primary key (audience, ad_account)
);

-- Ads steps (ledger rows) whose changes are not all sent yet. Once none of their rows is pending the
-- flusher writes the outcome to the ledger row (SENT, FAILED with the platform's words, or SKIPPED).
create table audience_steps (
  workflow_id  text        not null,
  step_key     text        not null,
  opened_at    timestamptz not null,
  settled_at   timestamptz,
  primary key (workflow_id, step_key)
);
create index audience_steps_open on audience_steps (opened_at) where settled_at is null;
