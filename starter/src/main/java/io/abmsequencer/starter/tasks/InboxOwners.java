package io.abmsequencer.starter.tasks;

import io.abmsequencer.starter.security.AppUsers;
import io.abmsequencer.starter.security.Role;
import java.util.List;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Whose inbox a marketer or ops can pick: every SDR known, and every owner with open tasks. */
@Repository
class InboxOwners {
  private final JdbcClient jdbc;
  private final AppUsers users;

  InboxOwners(JdbcClient jdbc, AppUsers users) {
    this.jdbc = jdbc;
    this.users = users;
  }

  List<String> all() {
    TreeSet<String> owners = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    owners.addAll(jdbc.sql("select distinct owner from sdr_tasks where state = 'OPEN'").query(String.class).list());
    users.profiles().stream().filter(u -> u.roles().contains(Role.SDR)).map(u -> u.ownerOrUsername()).forEach(owners::add);
    return List.copyOf(owners);
  }
}
