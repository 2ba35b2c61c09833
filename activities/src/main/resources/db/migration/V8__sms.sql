-- SMS over Twilio: what Twilio reports about a message after it accepted it.

-- The delivery status from Twilio's status callbacks (queued, sent, delivered, undelivered, failed,
-- ...), when it was recorded, and Twilio's error code and message for a failed delivery. Kept apart
-- from status / detail: those hold the touch's outcome, which never changes once written, so a
-- delivery report can never turn a sent touch into one that would be sent again.
alter table touches
  add column provider_status    text,
  add column provider_status_at timestamptz,
  add column provider_detail    text;

-- Status callbacks name the message by its SID, found through touches_by_message_id (V5).
