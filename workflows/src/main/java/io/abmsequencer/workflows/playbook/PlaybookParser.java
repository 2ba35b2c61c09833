package io.abmsequencer.workflows.playbook;

import io.abmsequencer.workflows.calendar.BusinessCalendar;
import io.abmsequencer.workflows.calendar.SendWindow;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads playbook YAML into a {@link Playbook}, reporting every problem with its line and path.
 * See {@code playbooks/README.md} for the language.
 */
public final class PlaybookParser {

  /** Playbooks are small; anything bigger is a mistake or an attack. */
  public static final int MAX_CHARS = 512 * 1024;

  /** Aliases of lists or mappings one playbook may use: enough for reuse, too few for an alias bomb. */
  static final int MAX_ALIASES = 20;

  /** How deep lists and mappings may nest: a playbook is a few levels deep. */
  static final int MAX_NESTING = 20;

  /** No sequence may run longer than this: waits and due dates must add up to less. */
  public static final int MAX_MONTHS = 24;

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
  /** Words the console's playbook URLs use. */
  static final Set<String> RESERVED_IDS = Set.of("new");
  static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  static final Pattern AUDIENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}");

  private static final Set<String> ROOT =
      ordered("id", "name", "description", "motion", "tier", "calendar", "scoring", "exit", "handover", "tracking", "steps", "version");
  private static final Set<String> CALENDAR = ordered("timeZone", "workDays", "sendWindow", "holidays");
  private static final Set<String> SCORING = ordered("weights", "thresholds");
  private static final Set<String> THRESHOLD = ordered("score", "task", "to", "title", "due");
  private static final Set<String> EXIT = ordered("on");
  private static final Set<String> HANDOVER = ordered("closedWon");
  private static final List<String> KINDS = List.of("email", "sms", "ads", "task", "review", "wait");
  private static final Set<String> STEP = ordered("id", "when", "email", "sms", "ads", "task", "review", "wait");
  private static final Set<String> EMAIL = ordered("to", "subject", "body", "byRole");
  private static final Set<String> ROLE_COPY = ordered("subject", "body");
  private static final Set<String> TRACKING = ordered("clicks", "opens");
  private static final Set<String> SMS = ordered("to", "body");
  private static final Set<String> ADS = ordered("audience", "platforms", "action", "to");
  private static final Set<String> TASK = ordered("type", "to", "title", "instructions", "due", "onTimeout");
  private static final Set<String> REVIEW = ordered("question", "decisions", "due", "onTimeout");

  private final YamlTree tree = new YamlTree();
  /** Whether the rules for new uploads apply, including those added after older versions were stored. */
  private final boolean upload;
  /** The calendar read so far (steps are checked against it), or null. */
  private BusinessCalendar calendar;
  /** The line of {@code calendar.sendWindow}, 0 when not given. */
  private int sendWindowLine;

  private PlaybookParser(boolean upload) {
    this.upload = upload;
  }

  /**
   * Parses and validates an upload. The result has version 0; the store assigns versions.
   *
   * @throws PlaybookValidationException listing every problem found
   */
  public static Playbook parse(String yaml) {
    return new PlaybookParser(true).read(yaml);
  }

  /**
   * Reads a version stored earlier. Rules added since it could have been uploaded do not refuse it:
   * it is what running sequences follow, and the timeline shows what those rules change (a text step
   * that can never meet the SMS hours is shown skipped, and skipped). Every other rule applies as on
   * upload.
   *
   * @throws PlaybookValidationException listing every problem found
   */
  public static Playbook parseStored(String yaml) {
    return new PlaybookParser(false).read(yaml);
  }

  private Playbook read(String yaml) {
    Node root = compose(yaml);
    YamlTree.Fields f = root == null ? null : tree.fields(root, "", ROOT);
    if (f == null) throw new PlaybookValidationException(tree.problems());

    if (f.has("version")) {
      tree.problem(f.get("version"), "version", "the version is assigned on upload; remove 'version'");
    }
    String id = tree.text(f, "id", true);
    if (id != null && !ID.matcher(id).matches()) {
      tree.problem(f.get("id"), "id", "'" + id + "' is not a valid id: use 2-64 lower-case letters, digits and dashes, starting with a letter or digit");
    } else if (id != null && RESERVED_IDS.contains(id)) {
      tree.problem(f.get("id"), "id", "'" + id + "' is reserved by the console (/playbooks/" + id + "); choose another id");
    }
    String name = tree.text(f, "name", true);
    String description = tree.text(f, "description", false);
    Motion motion = tree.enumValue(f, "motion", Motion.class, "motion", true);
    Tier tier = tier(f);
    calendar = calendar(f);
    Scoring scoring = scoring(f);
    List<ExitTrigger> exitOn = exit(f);
    String handover = handover(f, motion);
    Tracking tracking = tracking(f);
    List<Step> steps = steps(f);

    if (!tree.problems().isEmpty()) throw new PlaybookValidationException(tree.problems());
    Playbook playbook = new Playbook(id, 0, name, description, motion, tier, calendar, scoring, exitOn, handover, steps, tracking);
    checkLength(playbook, f);
    if (!tree.problems().isEmpty()) throw new PlaybookValidationException(tree.problems());
    return playbook;
  }

  private Node compose(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      tree.problem(null, "", "the playbook is empty");
      return null;
    }
    if (yaml.length() > MAX_CHARS) {
      tree.problem(null, "", String.format(Locale.ROOT, "the playbook has %,d characters; at most %,d are accepted", yaml.length(), MAX_CHARS));
      return null;
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowRecursiveKeys(false);
    StreamReader stream = new StreamReader(new StringReader(yaml));
    try {
      // What new Yaml(options).compose(reader) does, keeping the reader: its position says where a
      // limit was hit.
      Node root = new Composer(new ParserImpl(stream, options), new Resolver(), options).getSingleNode();
      if (root == null) tree.problem(null, "", "the playbook is empty");
      return root;
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      int column = mark == null ? 0 : mark.getColumn() + 1;
      String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
      var start = e.getContextMark();
      String context = e.getContext() == null ? ""
          : " (" + e.getContext() + (start != null && mark != null && start.getLine() != mark.getLine()
              ? " that starts on line " + (start.getLine() + 1) : "") + ")";
      tree.problems().add(new PlaybookProblem(line, column, "", "not valid YAML: " + what + context));
      return null;
    } catch (ReaderException e) {
      // SnakeYAML counts the position in code points: an emoji earlier in the file is one, not two chars.
      int codePoints = Math.min(Math.max(e.getPosition(), 0), yaml.codePointCount(0, yaml.length()));
      int end = yaml.offsetByCodePoints(0, codePoints);
      int line = 1 + (int) yaml.substring(0, end).chars().filter(c -> c == '\n').count();
      tree.problems().add(new PlaybookProblem(line, 0, "", String.format(Locale.ROOT,
          "not valid YAML: the character U+%04X is not allowed in YAML (an invisible control character); remove it", e.getCodePoint())));
      return null;
    } catch (YAMLException e) {
      // The limits come without a mark; where the reader stopped is where the document went too far.
      Mark at = stream.getMark();
      tree.problems().add(new PlaybookProblem(at.getLine() + 1, at.getColumn() + 1, "", "not valid YAML: " + limit(e.getMessage())));
      return null;
    }
  }

  /** SnakeYAML's words for its limits, in a playbook author's. */
  private static String limit(String message) {
    String m = String.valueOf(message);
    if (m.startsWith("Number of aliases for non-scalar nodes exceeds")) {
      return "more than " + MAX_ALIASES + " aliases (*name) of lists or mappings: a playbook needs few, and expanding many"
          + " ('billion laughs') could exhaust memory; write the steps out";
    }
    if (m.startsWith("Nesting Depth exceeded")) {
      return "nested deeper than " + MAX_NESTING + " levels: a playbook is a few levels deep";
    }
    return m;
  }

  private Tier tier(YamlTree.Fields f) {
    String text = tree.text(f, "tier", true);
    if (text == null) return null;
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("1:1")) return Tier.ONE_TO_ONE;
    if (t.equals("1:few")) return Tier.ONE_TO_FEW;
    if (t.equals("1:many")) return Tier.ONE_TO_MANY;
    return tree.enumOf(f.get("tier"), "tier", text, Tier.class, "tier");
  }

  private BusinessCalendar calendar(YamlTree.Fields root) {
    if (!root.has("calendar")) return BusinessCalendar.standard(ZoneId.of("UTC"));
    YamlTree.Fields f = tree.fields(root.get("calendar"), "calendar", CALENDAR);
    if (f == null) return null;
    ZoneId zone = ZoneId.of("UTC");
    String zoneText = tree.text(f, "timeZone", false);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText.trim());
      } catch (DateTimeException e) {
        tree.problem(f.get("timeZone"), "calendar.timeZone", "unknown time zone '" + zoneText + "'; expected an IANA zone like America/New_York or Europe/Berlin");
      }
    }
    List<DayOfWeek> days = workDays(f);
    SendWindow window = SendWindow.OFFICE_HOURS;
    String windowText = tree.text(f, "sendWindow", false);
    if (windowText != null) {
      try {
        window = SendWindow.parse(windowText);
        sendWindowLine = f.get("sendWindow").getStartMark().getLine() + 1;
      } catch (IllegalArgumentException e) {
        tree.problem(f.get("sendWindow"), "calendar.sendWindow", e.getMessage());
      }
    }
    List<LocalDate> holidays = new ArrayList<>();
    List<Node> items = tree.list(f, "holidays", false);
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        Node item = items.get(i);
        String path = "calendar.holidays[" + i + "]";
        try {
          holidays.add(LocalDate.parse(((ScalarNode) item).getValue().trim()));
        } catch (ClassCastException | DateTimeParseException e) {
          tree.problem(item, path, "expected a date like 2026-12-25, found " + YamlTree.describe(item));
        }
      }
    }
    return new BusinessCalendar(zone, days, window, holidays);
  }

  private List<DayOfWeek> workDays(YamlTree.Fields f) {
    List<Node> items = tree.list(f, "workDays", false);
    if (items == null) return BusinessCalendar.MONDAY_TO_FRIDAY;
    List<DayOfWeek> days = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String text = item instanceof ScalarNode s ? s.getValue().trim().toUpperCase(Locale.ROOT) : "";
      DayOfWeek day = null;
      for (DayOfWeek d : DayOfWeek.values()) {
        if (text.length() >= 3 && d.name().startsWith(text)) day = d;
      }
      if (day == null) {
        tree.problem(item, "calendar.workDays[" + i + "]", "expected a day like MON or MONDAY, found " + YamlTree.describe(item));
      } else {
        days.add(day);
      }
    }
    if (days.isEmpty() && items.size() == 0) {
      tree.problem(f.get("workDays"), "calendar.workDays", "at least one working day is needed");
    }
    return days;
  }

  private Scoring scoring(YamlTree.Fields root) {
    if (!root.has("scoring")) return Scoring.defaults();
    YamlTree.Fields f = tree.fields(root.get("scoring"), "scoring", SCORING);
    if (f == null) return null;
    Map<EngagementType, Integer> weights = new EnumMap<>(EngagementType.class);
    if (f.has("weights")) {
      YamlTree.Fields w = tree.fields(f.get("weights"), "scoring.weights", names(EngagementType.class));
      if (w != null) {
        for (String key : w.values().keySet()) {
          Integer value = tree.integer(w, key, true, -1000, 1000);
          if (value != null) weights.put(EngagementType.valueOf(key), value);
        }
      }
    }
    List<Threshold> thresholds = new ArrayList<>();
    List<Node> items = tree.list(f, "thresholds", false);
    if (items != null) {
      Set<Integer> seen = new LinkedHashSet<>();
      for (int i = 0; i < items.size(); i++) {
        String path = "scoring.thresholds[" + i + "]";
        YamlTree.Fields t = tree.fields(items.get(i), path, THRESHOLD);
        if (t == null) continue;
        Integer score = tree.integer(t, "score", true, 1, 100_000);
        TaskType task = t.has("task") ? tree.enumValue(t, "task", TaskType.class, "task type", false) : TaskType.HOT_ACCOUNT;
        Role to = tree.enumValue(t, "to", Role.class, "role", false);
        String title = tree.text(t, "title", false);
        Delay due = delay(t, "due", Delay.businessDays(1));
        if (score != null && !seen.add(score)) {
          tree.problem(t.get("score"), path + ".score", "two thresholds at score " + score + "; keep one");
        }
        if (score != null) {
          thresholds.add(new Threshold(score, task, to, title != null ? title : "Hot account: engagement score reached " + score, due));
        }
      }
    }
    return new Scoring(weights, thresholds);
  }

  private List<ExitTrigger> exit(YamlTree.Fields root) {
    if (!root.has("exit")) return null;
    YamlTree.Fields f = tree.fields(root.get("exit"), "exit", EXIT);
    if (f == null) return null;
    List<ExitTrigger> on = tree.enumList(f, "on", ExitTrigger.class, "exit trigger", false);
    return on == null ? null : on;
  }

  private String handover(YamlTree.Fields root, Motion motion) {
    if (!root.has("handover")) return null;
    YamlTree.Fields f = tree.fields(root.get("handover"), "handover", HANDOVER);
    if (f == null) return null;
    String closedWon = tree.text(f, "closedWon", false);
    if (closedWon == null) return null;
    if (!ID.matcher(closedWon).matches()) {
      tree.problem(f.get("closedWon"), "handover.closedWon", "'" + closedWon + "' is not a playbook id");
    } else if (motion == Motion.EXPANSION) {
      tree.problem(f.get("closedWon"), "handover.closedWon", "only a NEW_LOGO playbook hands closed-won accounts over to expansion");
    }
    return closedWon;
  }

  private Tracking tracking(YamlTree.Fields root) {
    if (!root.has("tracking")) return Tracking.DEFAULT;
    YamlTree.Fields f = tree.fields(root.get("tracking"), "tracking", TRACKING);
    if (f == null) return null;
    Boolean clicks = tree.bool(f, "clicks", Tracking.DEFAULT.clicks());
    Boolean opens = tree.bool(f, "opens", Tracking.DEFAULT.opens());
    return clicks == null || opens == null ? null : new Tracking(clicks, opens);
  }

  private List<Step> steps(YamlTree.Fields root) {
    List<Node> items = tree.list(root, "steps", true);
    List<Step> steps = new ArrayList<>();
    if (items == null) return steps;
    if (items.isEmpty()) tree.problem(root.get("steps"), "steps", "a playbook needs at least one step");
    Map<String, Node> ids = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Step step = step(items.get(i), "steps[" + i + "]", ids);
      if (step != null) steps.add(step);
    }
    return steps;
  }

  private Step step(Node node, String path, Map<String, Node> ids) {
    if (!(node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
      tree.problem(node, path, "expected a step (a mapping with id and one of " + String.join(", ", KINDS) + "), found " + YamlTree.describe(node));
      return null;
    }
    List<String> kinds = new ArrayList<>();
    Set<String> allowed = new LinkedHashSet<>(List.of("id", "when"));
    boolean unknownKind = false;
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && !allowed.contains(k.getValue())) {
        if (KINDS.contains(k.getValue())) {
          kinds.add(k.getValue());
        } else {
          tree.problem(k, path + "." + k.getValue(), "unknown step type '" + k.getValue() + "'; expected one of " + String.join(", ", KINDS));
          unknownKind = true;
        }
      }
    }
    allowed.addAll(kinds);
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k) allowed.add(k.getValue());
    }
    // Unknown keys were reported above as unknown step types; don't report them twice.
    YamlTree.Fields f = tree.fields(node, path, allowed);
    if (f == null) return null;
    String id = tree.text(f, "id", true);
    if (id != null) {
      if (!STEP_ID.matcher(id).matches()) {
        tree.problem(f.get("id"), path + ".id", "'" + id + "' is not a valid step id: use letters, digits, '-' and '_' (at most 64)");
      } else if (ids.containsKey(id)) {
        tree.problem(f.get("id"), path + ".id", "duplicate step id '" + id + "' (first used on line " + (ids.get(id).getStartMark().getLine() + 1) + ")");
      } else {
        ids.put(id, f.get("id"));
      }
    }
    Guard when = null;
    String guard = tree.text(f, "when", false);
    if (guard != null) {
      try {
        when = Guard.parse(guard);
      } catch (IllegalArgumentException e) {
        tree.problem(f.get("when"), path + ".when", "guard " + e.getMessage());
      }
    }
    if (kinds.size() > 1) {
      tree.problem(node, path, "a step has exactly one type; found " + String.join(" and ", kinds));
      return null;
    }
    if (kinds.isEmpty()) {
      if (!unknownKind) tree.problem(node, path, "the step has no type; add one of " + String.join(", ", KINDS));
      return null;
    }
    String kind = kinds.get(0);
    String kindPath = path + "." + kind;
    Node body = f.get(kind);
    return switch (kind) {
      case "email" -> email(id, when, body, kindPath);
      case "sms" -> sms(id, when, body, kindPath, keyNode(mapping, kind));
      case "ads" -> ads(id, when, body, kindPath);
      case "task" -> task(id, when, body, kindPath);
      case "review" -> review(id, when, body, kindPath);
      default -> waitStep(id, when, body, kindPath);
    };
  }

  private Step email(String id, Guard when, Node node, String path) {
    YamlTree.Fields f = tree.fields(node, path, EMAIL);
    if (f == null) return null;
    List<Role> to = tree.enumList(f, "to", Role.class, "role", true);
    String subject = template(f, "subject", 200);
    String body = template(f, "body", 20_000);
    Map<Role, Template> byRole = f.has("byRole") ? byRole(f, path, to) : Map.of();
    if (to == null || subject == null || body == null || byRole == null) return null;
    return new EmailStep(id, when, to, subject.trim(), body, byRole);
  }

  /** Copy for some roles of the step: subject, body or both (what is left out is the step's own). */
  private Map<Role, Template> byRole(YamlTree.Fields email, String path, List<Role> to) {
    YamlTree.Fields f = tree.fields(email.get("byRole"), path + ".byRole", names(Role.class));
    if (f == null) return null;
    Map<Role, Template> copies = new EnumMap<>(Role.class);
    boolean ok = true;
    for (String key : f.values().keySet()) {
      Role role = Role.valueOf(key);
      String rolePath = path + ".byRole." + key;
      if (to != null && !to.contains(role)) {
        tree.problem(f.get(key), rolePath, "copy for " + key + ", who is not in this step's 'to' " + to);
        ok = false;
        continue;
      }
      YamlTree.Fields copy = tree.fields(f.get(key), rolePath, ROLE_COPY);
      if (copy == null) {
        ok = false;
        continue;
      }
      if (!copy.has("subject") && !copy.has("body")) {
        tree.problem(f.get(key), rolePath, "give a subject, a body or both for " + key);
        ok = false;
        continue;
      }
      String subject = copy.has("subject") ? template(copy, "subject", 200) : tree.text(email, "subject", false);
      String body = copy.has("body") ? template(copy, "body", 20_000) : tree.text(email, "body", false);
      if (subject == null || body == null) {
        ok = false;
        continue;
      }
      copies.put(role, new Template(subject.trim(), body));
    }
    return ok ? copies : null;
  }

  private Step sms(String id, Guard when, Node node, String path, Node key) {
    YamlTree.Fields f = tree.fields(node, path, SMS);
    if (f == null) return null;
    List<Role> to = tree.enumList(f, "to", Role.class, "role", true);
    String body = template(f, "body", 1600);
    if (upload && calendar != null && Timeline.textsNeverGoOut(calendar) != null) {
      // The SMS hours are a legal limit: a text that can never meet them is refused, not sent outside them.
      tree.problem(key, path, "this text could never go out: texts go out only in the SMS hours, " + SendWindow.SMS_HOURS
          + " in each person's time zone, and the calendar's send window " + calendar.sendWindow() + " (line " + sendWindowLine
          + ") never meets them; give the calendar a send window that overlaps " + SendWindow.SMS_HOURS + ", or make this step an email");
      return null;
    }
    if (to == null || body == null) return null;
    return new SmsStep(id, when, to, body.trim());
  }

  /** The key node of {@code key} in a mapping, for problems about the whole entry. */
  private static Node keyNode(org.yaml.snakeyaml.nodes.MappingNode mapping, String key) {
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return k;
    }
    return mapping;
  }

  private Step ads(String id, Guard when, Node node, String path) {
    YamlTree.Fields f = tree.fields(node, path, ADS);
    if (f == null) return null;
    String audience = tree.text(f, "audience", true);
    if (audience != null && !AUDIENCE.matcher(audience).matches()) {
      tree.problem(f.get("audience"), path + ".audience", "'" + audience + "' is not a valid audience name: letters, digits, spaces, '.', '_' and '-' (at most 100)");
      audience = null;
    }
    List<AdPlatform> platforms = f.has("platforms") ? tree.enumList(f, "platforms", AdPlatform.class, "ad platform", true) : List.of(AdPlatform.values());
    AudienceAction action = f.has("action") ? tree.enumValue(f, "action", AudienceAction.class, "audience action", true) : AudienceAction.ADD;
    List<Role> to = f.has("to") ? tree.enumList(f, "to", Role.class, "role", true) : List.of(Role.values());
    if (audience == null || platforms == null || action == null || to == null) return null;
    return new AdsStep(id, when, audience.trim(), platforms, action, to);
  }

  private Step task(String id, Guard when, Node node, String path) {
    YamlTree.Fields f = tree.fields(node, path, TASK);
    if (f == null) return null;
    TaskType type = tree.enumValue(f, "type", TaskType.class, "task type", true);
    Role to = tree.enumValue(f, "to", Role.class, "role", false);
    String title = template(f, "title", 300);
    String instructions = f.has("instructions") ? template(f, "instructions", 5_000) : null;
    Delay due = delay(f, "due", Delay.businessDays(2));
    OnTimeout onTimeout = f.has("onTimeout") ? tree.enumValue(f, "onTimeout", OnTimeout.class, "timeout rule", true) : OnTimeout.CONTINUE;
    if (type == null || title == null || due == null || onTimeout == null) return null;
    return new TaskStep(id, when, type, to, title.trim(), instructions, due, onTimeout);
  }

  private Step review(String id, Guard when, Node node, String path) {
    YamlTree.Fields f = tree.fields(node, path, REVIEW);
    if (f == null) return null;
    String question = tree.text(f, "question", true);
    List<ReviewDecision> decisions = f.has("decisions") ? tree.enumList(f, "decisions", ReviewDecision.class, "decision", true) : List.of(ReviewDecision.values());
    Delay due = delay(f, "due", Delay.businessDays(5));
    OnTimeout onTimeout = f.has("onTimeout") ? tree.enumValue(f, "onTimeout", OnTimeout.class, "timeout rule", true) : OnTimeout.CONTINUE;
    if (question == null || decisions == null || due == null || onTimeout == null) return null;
    return new ReviewStep(id, when, question.trim(), decisions, due, onTimeout);
  }

  private Step waitStep(String id, Guard when, Node node, String path) {
    if (!(node instanceof ScalarNode scalar)) {
      tree.problem(node, path, "expected a duration like '3 business days', found " + YamlTree.describe(node));
      return null;
    }
    try {
      Delay delay = Delay.parse(scalar.getValue());
      if (delay.amount() == 0) {
        tree.problem(node, path, "a wait of zero does nothing; remove the step or give it a length");
        return null;
      }
      return new WaitStep(id, when, delay);
    } catch (IllegalArgumentException e) {
      tree.problem(node, path, e.getMessage());
      return null;
    }
  }

  private Delay delay(YamlTree.Fields f, String key, Delay fallback) {
    String text = tree.text(f, key, false);
    if (text == null) return f.has(key) ? null : fallback;
    try {
      Delay delay = Delay.parse(text);
      if (delay.amount() == 0) {
        tree.problem(f.get(key), f.child(key), "'" + key + "' must be longer than zero, found '" + text + "'");
        return null;
      }
      return delay;
    } catch (IllegalArgumentException e) {
      tree.problem(f.get(key), f.child(key), e.getMessage());
      return null;
    }
  }

  private String template(YamlTree.Fields f, String key, int maxLength) {
    String text = tree.text(f, key, true);
    if (text == null) return null;
    if (text.length() > maxLength) {
      tree.problem(f.get(key), f.child(key), "'" + key + "' has " + text.length() + " characters; at most " + maxLength);
      return null;
    }
    Set<String> unknown = Templates.unknownFields(text);
    if (!unknown.isEmpty()) {
      tree.problem(f.get(key), f.child(key), "unknown template field" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown.stream().map(u -> "{{" + u + "}}").toList())
          + "; available: " + String.join(", ", Templates.FIELDS));
      return null;
    }
    return text;
  }

  /** Refuses a playbook whose waits and due dates add up to more than {@link #MAX_MONTHS}. */
  private void checkLength(Playbook playbook, YamlTree.Fields root) {
    Timeline.Overrun overrun = Timeline.overrun(playbook, MAX_MONTHS);
    if (overrun == null) return;
    List<Node> items = ((SequenceNode) root.get("steps")).getValue();
    int index = playbook.steps().indexOf(overrun.step());
    tree.problem(items.get(index), "steps[" + index + "]",
        "the sequence would run " + overrun.months() + " months by step '" + overrun.step().id() + "' (waits and due dates add up); at most " + MAX_MONTHS + " months");
  }

  private static <E extends Enum<E>> Set<String> names(Class<E> type) {
    Set<String> names = new LinkedHashSet<>();
    for (E e : type.getEnumConstants()) names.add(e.name());
    return names;
  }

  private static Set<String> ordered(String... keys) {
    return new LinkedHashSet<>(List.of(keys));
  }
}
