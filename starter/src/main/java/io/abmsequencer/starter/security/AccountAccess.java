package io.abmsequencer.starter.security;

/**
 * Whose account data a signed-in person may read, in one place: the services ask here, and the API
 * and the console both go through those services.
 *
 * <p>Marketers, reviewers, ops and admins run the program and see every account. Someone who is
 * only an SDR sees the accounts they own (the owner a sequence carries) and nothing of anyone
 * else's: lists are narrowed to their own whatever owner they ask for, and another owner's sequence
 * is "not found", never "forbidden", because workflow ids are guessable ({@code
 * abm-new-logo-acme}) and a 403 would confirm that Acme is being worked.
 *
 * <p>Tasks follow their own, older rule ({@link #worksEveryInbox}): marketers, ops and admins see
 * and close anyone's; everyone else, a reviewer who is also an SDR included, works their own inbox.
 */
public final class AccountAccess {
  private AccountAccess() {}

  /** True for the people who run the program: marketers, reviewers, ops, admins. */
  public static boolean seesEveryAccount(AbmUser user) {
    return user.has(Role.MARKETER) || user.has(Role.REVIEWER) || user.has(Role.OPS);
  }

  /** Whether {@code user} may read the data of an account that {@code owner} owns. */
  public static boolean mayRead(AbmUser user, String owner) {
    return seesEveryAccount(user) || owns(user, owner);
  }

  /**
   * The owner a list of accounts is narrowed to: the one asked for (null for everyone's) by someone
   * who sees every account; an SDR's own, whatever they asked for.
   */
  public static String ownerScope(AbmUser user, String requested) {
    return seesEveryAccount(user) ? requested : user.owner();
  }

  /** True for someone who may see and close everyone's tasks, not only their own. */
  public static boolean worksEveryInbox(AbmUser user) {
    return user.has(Role.MARKETER) || user.has(Role.OPS);
  }

  /** Owners are e-mail addresses or usernames: the same one in other capitals is the same person (as tasks always held). */
  public static boolean owns(AbmUser user, String owner) {
    return owner != null && user.owner() != null && owner.equalsIgnoreCase(user.owner());
  }
}
