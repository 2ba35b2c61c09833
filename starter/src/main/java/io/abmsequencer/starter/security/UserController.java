package io.abmsequencer.starter.security;

import io.abmsequencer.starter.web.ApiException;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Users kept in the database (admins only); users from configuration are listed, not changed here. */
@RestController
class UserController {
  private final AppUsers users;

  UserController(AppUsers users) {
    this.users = users;
  }

  record NewUser(String username, String password, Set<Role> roles, String owner) {}

  record Saved(String username, Set<Role> roles, String owner) {}

  @GetMapping("/api/users")
  List<SecuritySettings.User> list() {
    return users.profiles();
  }

  @PostMapping("/api/users")
  ResponseEntity<Saved> save(@RequestBody NewUser user) {
    if (user == null || user.username() == null || !user.username().matches("[A-Za-z0-9._@+-]{2,100}")) {
      throw ApiException.invalidField("username", "2-100 letters, digits and . _ @ + -");
    }
    if (user.password() == null || user.password().length() < 12) {
      throw ApiException.invalidField("password", "at least 12 characters");
    }
    if (user.roles() == null || user.roles().isEmpty()) throw ApiException.invalidField("roles", "at least one of " + List.of(Role.values()));
    try {
      users.save(user.username(), user.password(), user.roles(), user.owner() == null || user.owner().isBlank() ? user.username() : user.owner());
    } catch (IllegalArgumentException e) {
      throw ApiException.conflict(e.getMessage());
    }
    return ResponseEntity.status(201).body(new Saved(user.username(), user.roles(), user.owner()));
  }
}
