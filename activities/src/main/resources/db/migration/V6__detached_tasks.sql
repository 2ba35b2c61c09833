-- Tasks the product raises outside a sequence's own steps (e.g. "reply received", raised when a
-- reply ends the sequence): no workflow waits for them, so completing one closes the row directly.
alter table sdr_tasks add column detached boolean not null default false;
