package io.abmsequencer.starter.playbook;

import io.abmsequencer.activities.playbook.PlaybookStore;
import io.abmsequencer.activities.playbook.PlaybookSummary;
import io.abmsequencer.activities.playbook.StoredPlaybook;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.PlaybookValidationException;
import io.abmsequencer.workflows.playbook.Timeline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The playbook pages: the list, one playbook with its versions, and the editor that uploads a new
 * version. A refused upload comes back with every problem listed and marked on its line.
 */
@Controller
class PlaybookPagesController {
  private static final String EDIT = "playbook/edit";

  private final PlaybookService playbooks;
  private final PlaybookStore store;

  PlaybookPagesController(PlaybookService playbooks, PlaybookStore store) {
    this.playbooks = playbooks;
    this.store = store;
  }

  @GetMapping("/playbooks")
  String list(Model model) {
    model.addAttribute("playbooks", playbooks.list());
    return "playbook/list";
  }

  @GetMapping("/playbooks/{id}")
  String show(@PathVariable String id, @RequestParam(required = false) Integer version, Model model) {
    StoredPlaybook playbook = playbooks.get(id, version);
    List<PlaybookSummary> versions = store.history(id);
    model.addAttribute("playbook", playbook);
    model.addAttribute("versions", versions);
    model.addAttribute("latest", versions.isEmpty() || versions.get(0).version() == playbook.version());
    try {
      Playbook parsed = playbook.playbook();
      model.addAttribute("description", parsed.description());
      model.addAttribute("steps", parsed.steps().size());
      model.addAttribute("months", Math.round(Timeline.spanDays(parsed) / 30.44 * 10) / 10.0);
    } catch (PlaybookValidationException e) {
      // Stored under an older, more lenient parser: the YAML is still shown, just without the summary.
      model.addAttribute("steps", null);
    }
    return "playbook/show";
  }

  @GetMapping("/playbooks/new")
  String newPlaybook(Model model) {
    return editor(model, null, "", List.of());
  }

  @PostMapping("/playbooks/new")
  String create(@RequestParam(defaultValue = "") String yaml, @RequestParam(required = false) MultipartFile file,
      @AuthenticationPrincipal AbmUser user, Model model, RedirectAttributes redirect) {
    return save(null, yaml, file, user, model, redirect);
  }

  @GetMapping("/playbooks/{id}/edit")
  String edit(@PathVariable String id, @RequestParam(required = false) Integer version, Model model) {
    StoredPlaybook playbook = playbooks.get(id, version);
    model.addAttribute("playbook", playbook);
    return editor(model, id, playbook.yaml(), List.of());
  }

  @PostMapping("/playbooks/{id}/edit")
  String update(@PathVariable String id, @RequestParam(defaultValue = "") String yaml,
      @RequestParam(required = false) MultipartFile file, @AuthenticationPrincipal AbmUser user, Model model,
      RedirectAttributes redirect) {
    model.addAttribute("playbook", playbooks.get(id, null));
    return save(id, yaml, file, user, model, redirect);
  }

  /** Uploads the text (or the chosen file) as the next version; on problems, back to the editor with them. */
  private String save(String editing, String typed, MultipartFile file, AbmUser user, Model model, RedirectAttributes redirect) {
    String yaml = typed.replace("\r\n", "\n");
    if (file != null && !file.isEmpty()) {
      try {
        yaml = utf8(file.getBytes());
      } catch (CharacterCodingException e) {
        return editor(model, editing, typed, List.of(YamlProblem.general("The file " + file.getOriginalFilename()
            + " is not UTF-8 text; save it as UTF-8 and upload it again")));
      } catch (IOException e) {
        return editor(model, editing, typed, List.of(YamlProblem.general("The file could not be read: " + e.getMessage())));
      }
    }
    if (editing != null) {
      String other = otherId(editing, yaml);
      if (other != null) {
        return editor(model, editing, yaml, List.of(YamlProblem.general("This page edits '" + editing + "', but the YAML says id: '"
            + other + "'. Keep the id to save a new version, or use New playbook to create '" + other + "'.")));
      }
    }
    try {
      StoredPlaybook saved = playbooks.upload(yaml, user.getUsername());
      redirect.addFlashAttribute("savedVersion", saved.version());
      return "redirect:/playbooks/" + saved.id();
    } catch (ApiException e) {
      return editor(model, editing, yaml, YamlProblem.from(e));
    }
  }

  /** The id the YAML declares when it parses and differs from the playbook being edited; else null. */
  private static String otherId(String editing, String yaml) {
    try {
      String id = PlaybookParser.parse(yaml).id();
      return editing.equals(id) ? null : id;
    } catch (PlaybookValidationException e) {
      return null; // the upload reports every problem, the id among them
    }
  }

  private static String editor(Model model, String editing, String yaml, List<YamlProblem> problems) {
    model.addAttribute("editing", editing);
    int lines = yaml.split("\r\n|\r|\n", -1).length;
    // The parser drops one newline right after <textarea>: this one, so a YAML starting with a blank line keeps its numbering.
    model.addAttribute("yamlText", "\n" + yaml);
    model.addAttribute("lineCount", lines);
    model.addAttribute("gutter", IntStream.rangeClosed(1, lines + 3).mapToObj(Integer::toString).collect(Collectors.joining("\n")));
    model.addAttribute("problems", problems);
    model.addAttribute("excerpt", NumberedYaml.excerpt(yaml, problems, 2));
    return EDIT;
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
