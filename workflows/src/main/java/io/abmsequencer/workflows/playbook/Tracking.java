package io.abmsequencer.workflows.playbook;

/**
 * What a playbook's e-mails track. Clicks on by default; opens off by default (mail clients and
 * privacy proxies fetch pixels on their own, so opens are unreliable and not scored unless a
 * playbook gives EMAIL_OPEN a weight).
 */
public record Tracking(boolean clicks, boolean opens) {
  public static final Tracking DEFAULT = new Tracking(true, false);
}
