package io.abmsequencer.starter.launch;

import io.abmsequencer.starter.target.LaunchRequest;
import io.abmsequencer.activities.playbook.StoredPlaybook;
import io.abmsequencer.starter.playbook.PlaybookService;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.target.Target;
import io.abmsequencer.starter.target.TargetValidator;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.starter.web.FieldProblem;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.WorkflowIds;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Launching: one account ({@link #launchOne}), or a target account list in bulk: the CSV is
 * validated whole (every row, every error, nothing started on any error), stored, then started in
 * the background with visible progress.
 */
@Service
public class LaunchService {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Which playbook each tier runs: one for all ({@code tier} null), or one per tier. */
  public record PlaybookChoice(StoredPlaybook forAll, Map<Tier, StoredPlaybook> perTier) {
    StoredPlaybook forTier(Tier tier) {
      return forAll != null ? forAll : perTier.get(tier);
    }

    String describe() {
      if (forAll != null) return "ALL=" + forAll.ref();
      StringJoiner out = new StringJoiner(",");
      perTier.forEach((tier, p) -> out.add(tier + "=" + p.ref()));
      return out.toString();
    }
  }

  public record Accepted(String launchId, int total) {}

  private final PlaybookService playbooks;
  private final Launches launches;
  private final LaunchRunner runner;
  private final TransactionTemplate transactions;

  private final io.micrometer.core.instrument.MeterRegistry meters;
  private final SequenceClient client;
  private final OptedOutAtLaunch optedOut;

  public LaunchService(PlaybookService playbooks, Launches launches, LaunchRunner runner, TransactionTemplate transactions,
      io.micrometer.core.instrument.MeterRegistry meters, SequenceClient client, OptedOutAtLaunch optedOut) {
    this.client = client;
    this.optedOut = optedOut;
    this.meters = meters;
    this.playbooks = playbooks;
    this.launches = launches;
    this.runner = runner;
    this.transactions = transactions;
  }

  /**
   * Starts one account's sequence.
   *
   * @throws ApiException 400 naming every invalid field, 404 for an unknown playbook, 409 when the
   *     account already runs this motion
   */
  public String launchOne(LaunchRequest request, String by) {
    if (request == null) throw ApiException.badRequest("The request needs a JSON body with account, owner, playbook and contacts");
    TargetValidator.Checked checked = TargetValidator.check(request);
    if (!checked.valid()) throw ApiException.invalid("Invalid launch", checked.problems());
    Target target = checked.target();
    StoredPlaybook playbook = playbooks.get(request.playbook(), request.playbookVersion());
    try {
      return client.start(optedOut.apply(target.input(playbook.playbook(), null)));
    } catch (SequenceClient.AlreadyRunning e) {
      throw ApiException.conflict("Account '" + target.account().id() + "' already runs a " + playbook.motion().label().toLowerCase()
          + " sequence (" + SequenceClient.workflowId(target.input(playbook.playbook(), null)) + "); end it before launching again");
    }
  }

  /**
   * Reads the request's playbook parameters: {@code playbook=<id>} for every row, or
   * {@code playbook.ONE_TO_ONE=<id>&playbook.ONE_TO_FEW=<id>...} per tier (an optional
   * {@code @version} pins a version).
   */
  public PlaybookChoice choose(Map<String, String> params) {
    List<FieldProblem> errors = new ArrayList<>();
    StoredPlaybook forAll = null;
    Map<Tier, StoredPlaybook> perTier = new EnumMap<>(Tier.class);
    for (Map.Entry<String, String> p : params.entrySet()) {
      String key = p.getKey();
      if (!key.equals("playbook") && !key.startsWith("playbook.")) continue;
      Tier tier = null;
      if (key.startsWith("playbook.")) {
        try {
          tier = Tier.valueOf(key.substring("playbook.".length()));
        } catch (IllegalArgumentException e) {
          errors.add(FieldProblem.parameter(key, "unknown tier; use playbook.ONE_TO_ONE, playbook.ONE_TO_FEW or playbook.ONE_TO_MANY"));
          continue;
        }
      }
      try {
        StoredPlaybook playbook = lookup(p.getValue());
        if (tier == null) forAll = playbook;
        else perTier.put(tier, playbook);
      } catch (ApiException e) {
        errors.add(FieldProblem.parameter(key, e.getMessage()));
      }
    }
    if (forAll == null && perTier.isEmpty() && errors.isEmpty()) {
      throw ApiException.badRequest("Say which playbook to run: ?playbook=<id>, or per tier ?playbook.ONE_TO_ONE=<id>&playbook.ONE_TO_FEW=<id>...");
    }
    if (forAll != null && !perTier.isEmpty()) {
      errors.add(FieldProblem.parameter("playbook", "give either one playbook for every row or one per tier, not both"));
    }
    if (!errors.isEmpty()) throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid launch parameters", errors.size() + " parameter(s) invalid", errors);
    return new PlaybookChoice(forAll, perTier);
  }

  private StoredPlaybook lookup(String ref) {
    if (ref == null || ref.isBlank()) throw ApiException.badRequest("the playbook id is empty");
    int at = ref.indexOf('@');
    if (at < 0) return playbooks.get(ref.trim(), null);
    try {
      return playbooks.get(ref.substring(0, at).trim(), Integer.parseInt(ref.substring(at + 1).trim()));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + ref + "' is not <id> or <id>@<version>");
    }
  }

  /**
   * Validates the whole list and, only when every row is right, stores it and starts it.
   *
   * @throws ApiException 400 with {@code errors: [{row, column, message}]}; nothing is stored or started
   */
  public Accepted launch(InputStream csv, PlaybookChoice choice, String by) {
    TargetAccountCsv.Result parsed = TargetAccountCsv.read(csv);
    List<FieldProblem> errors = new ArrayList<>();
    parsed.errors().forEach(e -> errors.add(FieldProblem.row(e.row(), e.column(), e.message())));
    if (parsed.errors().isEmpty()) {
      for (TargetAccount account : parsed.accounts()) {
        if (choice.forTier(account.tier()) == null) {
          errors.add(FieldProblem.row(account.firstRow(), "tier", "no playbook for tier " + account.tier() + " in this launch (account '"
              + account.accountId() + "'); add ?playbook." + account.tier() + "=<id>"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid target account list",
          "The list has " + (parsed.errors().size() >= TargetAccountCsv.MAX_ERRORS ? "over " + TargetAccountCsv.MAX_ERRORS : errors.size())
              + " error(s); nothing was started. The first: " + describe(errors.get(0)), errors);
    }

    String launchId = "L-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36);
    List<Launches.NewAccount> rows = new ArrayList<>(parsed.accounts().size());
    for (TargetAccount a : parsed.accounts()) {
      StoredPlaybook playbook = choice.forTier(a.tier());
      Target target = target(a);
      rows.add(new Launches.NewAccount(a.accountId(), WorkflowIds.of(playbook.motion(), a.accountId()), playbook.id(),
          playbook.version(), runner.toJson(target)));
    }
    transactions.executeWithoutResult(tx -> {
      launches.create(launchId, "CSV", choice.describe(), rows.size(), by);
      launches.addAccounts(launchId, rows);
    });
    runner.run(launchId);
    meters.counter("abm.launches", "source", "CSV").increment();
    return new Accepted(launchId, rows.size());
  }

  public Map<String, Object> progress(String launchId) {
    Launches.Progress p = launches.progress(launchId).orElseThrow(() -> ApiException.notFound("No launch " + launchId));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("launchId", p.launchId());
    out.put("total", p.total());
    out.put("started", p.started());
    out.put("alreadyRunning", p.alreadyRunning());
    out.put("failed", p.failed());
    out.put("pending", p.total() - p.started() - p.alreadyRunning() - p.failed());
    out.put("done", p.done());
    out.put("playbooks", p.playbooks());
    out.put("createdAt", p.createdAt());
    out.put("finishedAt", p.finishedAt());
    if (p.failed() > 0) out.put("failures", launches.accounts(launchId, Launches.AccountStatus.FAILED, 100));
    return out;
  }

  static Target target(TargetAccount a) {
    List<Contact> contacts = new ArrayList<>(a.contacts().size());
    for (TargetContact c : a.contacts()) {
      contacts.add(new Contact(c.contactId(), c.email(), c.firstName(), c.lastName(), c.title(), c.role(), c.phone(), c.timeZone(), c.smsConsent(),
          c.linkedinUrl()));
    }
    return new Target(new Account(a.accountId(), a.name(), a.domain(), a.industry()), a.tier(), a.owner(), contacts);
  }

  private static String describe(FieldProblem error) {
    return (error.row() == null ? "" : "row " + error.row() + (error.field() == null ? "" : ", " + error.field()) + ": ") + error.message();
  }

}
