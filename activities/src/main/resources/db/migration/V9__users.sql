-- Console and API users managed in the database (admins add them through /api/users); users from
-- configuration (abm.security.users) need no row. Passwords are stored as bcrypt hashes only.
create table app_users (
  username       text        primary key,
  password_hash  text        not null,
  roles          text        not null, -- comma-separated: MARKETER, SDR, REVIEWER, OPS, ADMIN
  owner          text,
  enabled        boolean     not null default true,
  created_at     timestamptz not null default now()
);
