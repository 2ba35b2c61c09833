package io.abmsequencer.starter.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * A fresh production installation (docker compose up) has no users, and {@code /api/users} needs an
 * admin: when nobody is configured ({@code abm.security.users}, {@code ABM_ADMIN_USERNAME}) and the
 * database has no user, this creates {@code admin} with a generated password and prints it in the
 * log, once. Later starts find a user and print nothing; the password is kept only as a bcrypt hash.
 * Runs once the application is up, after Flyway has created the users table.
 */
class FirstAdmin implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

  private final AppUsers users;

  FirstAdmin(AppUsers users) {
    this.users = users;
  }

  @Override
  public void run(ApplicationArguments args) {
    users.createGeneratedAdminIfNoUsers().ifPresent(password -> log.warn("""
        No user could sign in yet, so the starter created the first admin:

            username: {}
            password: {}

        This password is shown this once (it is kept only as a bcrypt hash). Sign in with it to the console or the API \
        and add your users (POST /api/users, or abm.security.users). To choose the admin yourself instead, set \
        ABM_ADMIN_USERNAME and ABM_ADMIN_PASSWORD.""", AppUsers.GENERATED_ADMIN, password));
  }
}
