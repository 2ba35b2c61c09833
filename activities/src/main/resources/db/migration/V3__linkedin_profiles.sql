-- SDRs work LinkedIn tasks from the person's profile: keep it with the committee and on the task.
alter table sequence_contacts add column linkedin_url text;
alter table sdr_tasks add column contact_linkedin text;
