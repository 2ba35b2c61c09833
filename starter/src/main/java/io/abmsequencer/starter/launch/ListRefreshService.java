package io.abmsequencer.starter.launch;

import io.abmsequencer.activities.playbook.StoredPlaybook;
import io.abmsequencer.starter.launch.RefreshPlan.Add;
import io.abmsequencer.starter.launch.RefreshPlan.Drop;
import io.abmsequencer.starter.launch.RefreshPlan.Keep;
import io.abmsequencer.starter.launch.RefreshRepository.Ended;
import io.abmsequencer.starter.launch.RefreshRepository.Running;
import io.abmsequencer.starter.playbook.PlaybookService;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.CommitteeChange;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.Control;
import io.abmsequencer.workflows.sequence.ExitReason;
import io.abmsequencer.workflows.sequence.OptOut;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The quarterly refresh of the target account list: the difference between a new list and what
 * runs, then, once the marketer confirmed it, the changes — new accounts launched through the
 * launch service, dropped accounts' sequences ended ({@code removeFromList}), committees brought in
 * line ({@code committeeChanged}). Accounts that stay keep their sequence and its history.
 *
 * <p>The list replaces the running sequences of the playbooks chosen for it (any version): the
 * new-logo fintech list does not end the healthcare cluster's sequences or the expansion program.
 */
@Service
class ListRefreshService {
  private static final Logger log = LoggerFactory.getLogger(ListRefreshService.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RefreshRepository repository;
  private final PlaybookService playbooks;
  private final LaunchService launches;
  private final SequenceClient sequences;
  private final OptedOutAtLaunch optedOut;

  ListRefreshService(RefreshRepository repository, PlaybookService playbooks, LaunchService launches, SequenceClient sequences,
      OptedOutAtLaunch optedOut) {
    this.optedOut = optedOut;
    this.repository = repository;
    this.playbooks = playbooks;
    this.launches = launches;
    this.sequences = sequences;
  }

  /** The preview: every problem of the file (and nothing else), or the plan. */
  record Preview(List<RowError> errors, RefreshPlan plan) {}

  /**
   * Reads the list and works out the difference; changes nothing.
   *
   * @param chosen playbook id per tier (latest version); tiers without one are not in this list
   */
  Preview preview(InputStream csv, String fileName, Map<Tier, String> chosen, String by) {
    List<RowError> errors = new ArrayList<>();
    Map<Tier, StoredPlaybook> perTier = new EnumMap<>(Tier.class);
    chosen.forEach((tier, id) -> {
      try {
        perTier.put(tier, playbooks.get(id, null));
      } catch (ApiException e) {
        errors.add(new RowError(null, "playbook", tier.label() + ": " + e.getMessage()));
      }
    });
    if (perTier.isEmpty() && errors.isEmpty()) errors.add(new RowError(null, "playbook", "choose a playbook for at least one tier"));
    TargetAccountCsv.Result parsed = TargetAccountCsv.read(csv);
    errors.addAll(parsed.errors());
    if (parsed.ok()) {
      for (TargetAccount a : parsed.accounts()) {
        if (!perTier.containsKey(a.tier()) && !chosen.containsKey(a.tier())) {
          errors.add(new RowError(a.firstRow(), "tier", "account '" + a.accountId() + "' is " + a.tier().label()
              + ", and no playbook is chosen for " + a.tier().label() + ": choose one, or take the account out of the file"));
        }
      }
    }
    if (!errors.isEmpty()) return new Preview(errors, null);
    return new Preview(List.of(), plan(parsed, fileName, perTier, by));
  }

  private RefreshPlan plan(TargetAccountCsv.Result parsed, String fileName, Map<Tier, StoredPlaybook> perTier, String by) {
    Set<String> scope = new LinkedHashSet<>();
    Set<Motion> motions = new LinkedHashSet<>();
    perTier.values().forEach(p -> {
      scope.add(p.id());
      motions.add(p.motion());
    });
    List<TargetAccount> list = parsed.accounts();
    Set<String> listed = new HashSet<>();
    list.forEach(a -> listed.add(a.accountId()));

    Map<String, Running> runningByKey = new HashMap<>();
    for (Running r : repository.runningFor(listed, motions)) runningByKey.putIfAbsent(r.accountId() + " " + r.motion(), r);
    Map<String, Ended> endedByKey = new HashMap<>();
    for (Ended e : repository.lastEnded(listed, motions)) endedByKey.put(e.accountId() + " " + e.motion(), e);

    List<Add> adds = new ArrayList<>();
    List<TargetAccount> kept = new ArrayList<>();
    List<Running> keptRunning = new ArrayList<>();
    for (TargetAccount a : list) {
      StoredPlaybook p = perTier.get(a.tier());
      Running r = runningByKey.get(a.accountId() + " " + p.motion());
      if (r == null) {
        Ended e = endedByKey.get(a.accountId() + " " + p.motion());
        adds.add(new Add(a, p.ref(), e == null ? null : ranBefore(e)));
      } else {
        kept.add(a);
        keptRunning.add(r);
      }
    }
    Map<String, List<Contact>> committees = repository.committees(keptRunning.stream().map(Running::workflowId).toList());
    List<Keep> keeps = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      keeps.add(keep(kept.get(i), keptRunning.get(i), committees.getOrDefault(keptRunning.get(i).workflowId(), List.of()), perTier));
    }
    List<Running> inScope = repository.runningOn(scope);
    List<Drop> drops = new ArrayList<>();
    for (Running r : inScope) {
      if (!listed.contains(r.accountId())) {
        drops.add(new Drop(r.workflowId(), r.accountId(), r.accountName(), r.tier(), r.owner(), r.playbook(), r.score()));
      }
    }
    Map<Tier, String> refs = new EnumMap<>(Tier.class);
    perTier.forEach((t, p) -> refs.put(t, p.ref()));
    String id = Long.toString(Math.abs(RANDOM.nextLong()), 36);
    return new RefreshPlan(id, Instant.now(), by, fileName, parsed.rows(), refs, List.copyOf(scope), inScope.size(), adds, drops, keeps);
  }

  private static Keep keep(TargetAccount a, Running r, List<Contact> committee, Map<Tier, StoredPlaybook> perTier) {
    Map<String, Contact> now = new LinkedHashMap<>();
    committee.forEach(c -> now.put(c.id(), c));
    Set<String> listedIds = new HashSet<>();
    List<Contact> added = new ArrayList<>();
    for (TargetContact c : a.contacts()) {
      listedIds.add(c.contactId());
      if (!now.containsKey(c.contactId())) added.add(contact(c));
    }
    List<Contact> removed = now.values().stream().filter(c -> !listedIds.contains(c.id())).toList();
    List<String> notes = new ArrayList<>();
    if (r.tier() != a.tier()) notes.add("the list says " + a.tier().label() + ", it runs " + r.tier().label() + ": change the tier at its next review");
    if (!r.playbookId().equals(perTier.get(a.tier()).id())) notes.add("runs " + r.playbook() + ", not the playbook chosen for this list");
    return new Keep(r.workflowId(), r.accountId(), r.accountName(), r.tier(), r.owner(), r.playbook(), added, removed,
        notes.isEmpty() ? null : String.join("; ", notes));
  }

  private static Contact contact(TargetContact c) {
    return new Contact(c.contactId(), c.email(), c.firstName(), c.lastName(), c.title(), c.role(), c.phone(), c.timeZone(), c.smsConsent(),
        c.linkedinUrl());
  }

  private static String ranBefore(Ended e) {
    String reason = e.exitReason() == null ? "ended" : ExitReason.valueOf(e.exitReason()).words();
    return "ran before: ended " + (e.exitedAt() == null ? "" : DAY.format(e.exitedAt()) + ", ") + reason;
  }

  /** What confirming did, account by account. */
  record Outcome(String launchId, int launched, String launchError, List<String[]> removed, List<String[]> committees) {}

  /** Applies a confirmed plan. Each change stands alone: one sequence that ended meanwhile does not stop the others. */
  Outcome apply(RefreshPlan plan, String by) {
    String launchId = null;
    String launchError = null;
    if (!plan.adds().isEmpty()) {
      try {
        Map<String, String> params = new LinkedHashMap<>();
        plan.playbooks().forEach((tier, ref) -> params.put("playbook." + tier.name(), ref));
        LaunchService.Accepted accepted = launches.launch(csv(plan.adds()), launches.choose(params), by);
        launchId = accepted.launchId();
      } catch (ApiException e) {
        launchError = e.getMessage();
        log.warn("List refresh {}: the launch of {} new accounts failed: {}", plan.id(), plan.adds().size(), e.getMessage());
      }
    }
    Control control = new Control(by, "not in the refreshed target account list (" + plan.fileName() + ")");
    List<String[]> removed = new ArrayList<>();
    for (Drop d : plan.drops()) {
      try {
        sequences.removeFromList(d.workflowId(), control);
        removed.add(new String[] {d.accountName(), "ok"});
      } catch (SequenceClient.SequenceGone e) {
        removed.add(new String[] {d.accountName(), "gone"});
      }
    }
    List<String[]> committees = new ArrayList<>();
    for (Keep k : plan.committeeChanges()) {
      try {
        sequences.committeeChanged(k.workflowId(), new CommitteeChange(k.added(), k.removed().stream().map(Contact::id).toList()));
        // Someone added who is suppressed is known as opted out at once, as at a launch: no task about them.
        for (OptOut out : optedOut.among(k.added())) sequences.optOut(k.workflowId(), out);
        committees.add(new String[] {k.accountName(), "ok"});
      } catch (SequenceClient.SequenceGone e) {
        committees.add(new String[] {k.accountName(), "gone"});
      }
    }
    log.info("List refresh {} by {}: launch {} ({} accounts), {} removed, {} committees changed", plan.id(), by, launchId, plan.adds().size(),
        removed.size(), committees.size());
    return new Outcome(launchId, plan.adds().size(), launchError, removed, committees);
  }

  /** The accounts to add as a target account list again: the launch service validates and stores it like any upload. */
  static InputStream csv(List<Add> adds) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("account_id", "account_name", "domain", "industry", "tier",
        "owner", "email", "first_name", "last_name", "title", "role", "phone", "timezone", "sms_consent", "linkedin_url").get())) {
      for (Add add : adds) {
        TargetAccount a = add.account();
        for (TargetContact c : a.contacts()) {
          csv.printRecord(a.accountId(), a.name(), nz(a.domain()), nz(a.industry()), a.tier().name(), a.owner(), c.email(), c.firstName(),
              nz(c.lastName()), nz(c.title()), c.role().name(), nz(c.phone()), nz(c.timeZone()), c.smsConsent(), nz(c.linkedinUrl()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
