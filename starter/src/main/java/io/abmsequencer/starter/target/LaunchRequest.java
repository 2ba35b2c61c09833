package io.abmsequencer.starter.target;

import java.util.List;

/**
 * {@code POST /api/sequences}: one account and its buying committee.
 *
 * @param playbook playbook id; {@code playbookVersion} pins a version (default: the latest)
 * @param tier the account's tier (default: the playbook's)
 */
public record LaunchRequest(
    AccountFields account, String owner, String playbook, Integer playbookVersion, String tier, List<ContactFields> contacts) {

  public record AccountFields(String id, String name, String domain, String industry) {}

  public record ContactFields(
      String email, String firstName, String lastName, String title, String role, String phone, String timeZone, Boolean smsConsent,
      String linkedinUrl) {}
}
