package io.abmsequencer.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whose accounts each role reads, without Spring: the rule the API and the console both go through. */
class AccountAccessTest {
  static final String SAM = "sam.lee@yourco.example";
  static final String JANE = "jane.doe@yourco.example";

  private static AbmUser user(String owner, Role... roles) {
    return new AbmUser("u", "{noop}x", roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles), owner);
  }

  @Test
  void anSdrReadsTheAccountsTheyOwnAndNoOneElses() {
    AbmUser sam = user(SAM, Role.SDR);
    assertThat(AccountAccess.seesEveryAccount(sam)).isFalse();
    assertThat(AccountAccess.mayRead(sam, SAM)).isTrue();
    assertThat(AccountAccess.mayRead(sam, "Sam.Lee@YourCo.example")).as("the same address in other capitals").isTrue();
    assertThat(AccountAccess.mayRead(sam, JANE)).isFalse();
    assertThat(AccountAccess.mayRead(sam, null)).isFalse();
    assertThat(AccountAccess.mayRead(sam, "")).isFalse();
  }

  @Test
  void anSdrsListIsTheirOwnWhateverOwnerTheyAskFor() {
    AbmUser sam = user(SAM, Role.SDR);
    assertThat(AccountAccess.ownerScope(sam, null)).isEqualTo(SAM);
    assertThat(AccountAccess.ownerScope(sam, JANE)).isEqualTo(SAM);
    assertThat(AccountAccess.ownerScope(sam, SAM)).isEqualTo(SAM);
  }

  @Test
  void marketersReviewersOpsAndAdminsSeeEveryAccountAndFilterAsTheyAsk() {
    for (Role role : EnumSet.of(Role.MARKETER, Role.REVIEWER, Role.OPS, Role.ADMIN)) {
      AbmUser someone = user(role.name().toLowerCase() + "@yourco.example", role);
      assertThat(AccountAccess.seesEveryAccount(someone)).as(role.name()).isTrue();
      assertThat(AccountAccess.mayRead(someone, JANE)).as(role.name()).isTrue();
      assertThat(AccountAccess.ownerScope(someone, null)).as(role.name()).isNull();
      assertThat(AccountAccess.ownerScope(someone, JANE)).as(role.name()).isEqualTo(JANE);
    }
  }

  @Test
  void anSdrWhoAlsoReviewsSeesEveryAccountButWorksTheirOwnInbox() {
    AbmUser both = user(SAM, Role.SDR, Role.REVIEWER);
    assertThat(AccountAccess.mayRead(both, JANE)).isTrue();
    assertThat(AccountAccess.worksEveryInbox(both)).isFalse();
  }

  @Test
  void marketersOpsAndAdminsWorkEveryInboxAndNobodyElse() {
    assertThat(AccountAccess.worksEveryInbox(user(SAM, Role.MARKETER))).isTrue();
    assertThat(AccountAccess.worksEveryInbox(user(SAM, Role.OPS))).isTrue();
    assertThat(AccountAccess.worksEveryInbox(user(SAM, Role.ADMIN))).isTrue();
    assertThat(AccountAccess.worksEveryInbox(user(SAM, Role.SDR))).isFalse();
    assertThat(AccountAccess.worksEveryInbox(user(SAM, Role.REVIEWER))).isFalse();
  }

  @Test
  void aUserWithoutAnOwnerOwnsWhatCarriesTheirUsernameNotEveryone() {
    AbmUser kim = new AbmUser("kim", "{noop}x", Set.of(Role.SDR), null);
    assertThat(AccountAccess.ownerScope(kim, null)).isEqualTo("kim");
    assertThat(AccountAccess.mayRead(kim, "kim")).isTrue();
    assertThat(AccountAccess.mayRead(kim, SAM)).isFalse();
    assertThat(AccountAccess.ownerScope(new AbmUser("lee", "{noop}x", Set.of(Role.SDR), " "), JANE)).isEqualTo("lee");
  }
}
