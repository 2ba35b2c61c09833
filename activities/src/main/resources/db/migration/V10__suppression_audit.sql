-- Who put an address on the suppression list or took it off, when and why. The suppressions table
-- holds only what is suppressed now (a lifted address leaves no row there), so the history that
-- consent questions need ("who let this person be mailed again?") is kept here, append-only.
create table suppression_audit (
  id              bigserial   primary key,
  channel         text        not null, -- EMAIL | SMS
  address         text        not null, -- normalised, as in suppressions
  action          text        not null, -- ADDED | LIFTED
  reason          text,                 -- ADDED: the suppression reason (MANUAL, COMPLAINT, ...); LIFTED: the one lifted
  note            text,                 -- why, in the words of the person who did it (required to lift)
  sequences_told  int         not null default 0, -- ADDED: running sequences told to stop touching the person
  done_by         text        not null,
  done_at         timestamptz not null default now()
);
create index suppression_audit_recent on suppression_audit (done_at desc, id desc);
create index suppression_audit_by_address on suppression_audit (channel, address, done_at desc);
