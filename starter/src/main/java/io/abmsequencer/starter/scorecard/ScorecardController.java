package io.abmsequencer.starter.scorecard;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The ABM scorecard per motion, tier and playbook, and its CSV export with the same filters. */
@Controller
class ScorecardController {
  private final ScorecardRepository scorecards;

  ScorecardController(ScorecardRepository scorecards) {
    this.scorecards = scorecards;
  }

  @GetMapping("/scorecard")
  String scorecard(@RequestParam(required = false) String motion, @RequestParam(required = false) String tier,
      @RequestParam(required = false) String playbook, @RequestParam(required = false) String days, Model model) {
    ScorecardFilter filter = filter(motion, tier, playbook, days);
    Scorecard card = scorecards.scorecard(filter, Instant.now());
    Map<String, String> names = scorecards.playbookNames();
    List<String[]> playbooks = new ArrayList<>();
    for (String id : scorecards.playbookIds()) playbooks.add(new String[] {id, names.getOrDefault(id, id)});

    List<String> exitLabels = new ArrayList<>();
    List<Long> exitCounts = new ArrayList<>();
    card.total().exitsByReason().forEach((reason, n) -> {
      exitLabels.add(capitalised(reason.words()));
      exitCounts.add(n);
    });
    model.addAttribute("card", card);
    model.addAttribute("filter", filter);
    model.addAttribute("motions", Motion.values());
    model.addAttribute("tiers", Tier.values());
    model.addAttribute("playbooks", playbooks);
    model.addAttribute("periods", ScorecardFilter.PERIODS);
    model.addAttribute("line", Charts.line(card.trend()));
    model.addAttribute("bars", Charts.bars(exitLabels, exitCounts));
    model.addAttribute("query", query(filter));
    return "scorecard/scorecard";
  }

  @GetMapping("/scorecard.csv")
  void csv(@RequestParam(required = false) String motion, @RequestParam(required = false) String tier,
      @RequestParam(required = false) String playbook, @RequestParam(required = false) String days, HttpServletResponse response)
      throws IOException {
    ScorecardFilter filter = filter(motion, tier, playbook, days);
    Scorecard card = scorecards.scorecard(filter, Instant.now());
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition",
        "attachment; filename=\"abm-scorecard-" + card.to().atZone(ZoneOffset.UTC).toLocalDate() + ".csv\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    out.write('\uFEFF'); // so Excel reads the accents as UTF-8
    ScorecardCsv.write(card, out);
    out.flush();
  }

  /** Unknown values are ignored (the filter falls back to "all"), as a hand-edited URL deserves. */
  static ScorecardFilter filter(String motion, String tier, String playbook, String days) {
    int period = ScorecardFilter.DEFAULT_DAYS;
    try {
      if (days != null && !days.isBlank()) period = Integer.parseInt(days.trim());
    } catch (NumberFormatException e) {
      period = ScorecardFilter.DEFAULT_DAYS;
    }
    return new ScorecardFilter(parse(Motion.class, motion), parse(Tier.class, tier), playbook, period);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String query(ScorecardFilter f) {
    List<String> parts = new ArrayList<>();
    if (f.motion() != null) parts.add("motion=" + f.motion().name());
    if (f.tier() != null) parts.add("tier=" + f.tier().name());
    if (f.playbookId() != null) parts.add("playbook=" + java.net.URLEncoder.encode(f.playbookId(), StandardCharsets.UTF_8));
    parts.add("days=" + f.days());
    return String.join("&", parts);
  }

  static String capitalised(String words) {
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
