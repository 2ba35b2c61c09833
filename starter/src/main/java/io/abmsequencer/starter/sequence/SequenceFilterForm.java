package io.abmsequencer.starter.sequence;

import io.abmsequencer.activities.sequence.SequenceFilter;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import java.util.function.Function;
import org.springframework.validation.Errors;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The sequence list's filters, bound from the query string so a filtered list is a bookmark. Kept
 * as text, so a bad value is shown next to its field instead of failing the page.
 */
public class SequenceFilterForm {
  private String account;
  private String motion;
  private String tier;
  private String playbook;
  private String status;
  private String owner;
  private String minScore;
  private String maxScore;
  private String launch;
  private int page;

  /** The filter for the repository; every invalid field is rejected on {@code errors} and left out. */
  SequenceFilter toFilter(Errors errors) {
    SequenceFilter filter = SequenceFilter.all()
        .withAccountId(text(account))
        .withPlaybookId(text(playbook))
        .withOwner(text(owner))
        .withLaunchId(text(launch))
        .withMotion(parse("motion", motion, Motion::valueOf, errors))
        .withTier(parse("tier", tier, Tier::valueOf, errors))
        .withStatus(parse("status", status, SequenceStatusCode::valueOf, errors));
    return filter.withScoreBetween(parse("minScore", minScore, Integer::valueOf, errors), parse("maxScore", maxScore, Integer::valueOf, errors));
  }

  /** This list's address at another page. */
  String pageLink(int other) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/sequences");
    add(uri, "account", account);
    add(uri, "motion", motion);
    add(uri, "tier", tier);
    add(uri, "playbook", playbook);
    add(uri, "status", status);
    add(uri, "owner", owner);
    add(uri, "minScore", minScore);
    add(uri, "maxScore", maxScore);
    add(uri, "launch", launch);
    if (other > 0) uri.queryParam("page", other);
    return uri.encode().build().toUriString();
  }

  private static void add(UriComponentsBuilder uri, String name, String value) {
    if (text(value) != null) uri.queryParam(name, value.trim());
  }

  private static <T> T parse(String field, String raw, Function<String, T> parser, Errors errors) {
    String value = text(raw);
    if (value == null) return null;
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      errors.rejectValue(field, "sequences.filter.invalid", "'" + value + "' is not a valid value here");
      return null;
    }
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  public String getAccount() {
    return account;
  }

  public void setAccount(String account) {
    this.account = account;
  }

  public String getMotion() {
    return motion;
  }

  public void setMotion(String motion) {
    this.motion = motion;
  }

  public String getTier() {
    return tier;
  }

  public void setTier(String tier) {
    this.tier = tier;
  }

  public String getPlaybook() {
    return playbook;
  }

  public void setPlaybook(String playbook) {
    this.playbook = playbook;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner;
  }

  public String getMinScore() {
    return minScore;
  }

  public void setMinScore(String minScore) {
    this.minScore = minScore;
  }

  public String getMaxScore() {
    return maxScore;
  }

  public void setMaxScore(String maxScore) {
    this.maxScore = maxScore;
  }

  public String getLaunch() {
    return launch;
  }

  public void setLaunch(String launch) {
    this.launch = launch;
  }

  public int getPage() {
    return page;
  }

  public void setPage(int page) {
    this.page = page;
  }
}
