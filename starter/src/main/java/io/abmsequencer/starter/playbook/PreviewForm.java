package io.abmsequencer.starter.playbook;

import io.abmsequencer.starter.target.ContactRules;
import io.abmsequencer.workflows.playbook.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.validation.Errors;

/**
 * What the marketer previews for: a start date, an assumed score and their own committee (blank
 * rows are ignored; no rows at all means the example committee). Bound from the query string, so a
 * preview is a link that can be shared.
 */
public class PreviewForm {
  /** How many committee rows the page offers. */
  static final int ROWS = 5;

  private String start;
  private String score;
  private List<Person> people = new ArrayList<>();

  public static class Person {
    private String name;
    private String role;
    private String timeZone;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getRole() {
      return role;
    }

    public void setRole(String role) {
      this.role = role;
    }

    public String getTimeZone() {
      return timeZone;
    }

    public void setTimeZone(String timeZone) {
      this.timeZone = timeZone;
    }

    boolean blank() {
      return isBlank(name) && isBlank(role) && isBlank(timeZone);
    }
  }

  /** Adds blank rows up to {@link #ROWS}, for the form. */
  void padRows() {
    while (people.size() < ROWS) people.add(new Person());
  }

  /** The preview request, or null with every bad field rejected on {@code errors}. */
  Preview.Request toRequest(ZoneId playbookZone, Errors errors) {
    Instant at = null;
    if (!isBlank(start)) {
      try {
        at = LocalDate.parse(start.trim()).atTime(LocalTime.of(9, 0)).atZone(playbookZone).toInstant();
      } catch (DateTimeParseException e) {
        errors.rejectValue("start", "preview.start", "expected a date like 2027-01-04");
      }
    }
    Integer assumed = null;
    if (!isBlank(score)) {
      try {
        assumed = Integer.valueOf(score.trim());
      } catch (NumberFormatException e) {
        errors.rejectValue("score", "preview.score", "expected a whole number like 40");
      }
    }
    List<Preview.Person> committee = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      Person p = people.get(i);
      if (p == null || p.blank()) continue;
      Role role = null;
      try {
        role = ContactRules.parseRole(p.role);
      } catch (IllegalArgumentException e) {
        errors.rejectValue("people[" + i + "].role", "preview.role", e.getMessage());
      }
      String zone = null;
      try {
        zone = ContactRules.normaliseTimeZone(p.timeZone);
      } catch (IllegalArgumentException e) {
        errors.rejectValue("people[" + i + "].timeZone", "preview.timeZone", e.getMessage());
      }
      if (role != null) committee.add(new Preview.Person(isBlank(p.name) ? null : p.name.trim(), role, zone, true));
    }
    return errors.hasErrors() ? null : new Preview.Request(at, committee.isEmpty() ? null : committee, assumed);
  }

  boolean ownCommittee() {
    return people.stream().anyMatch(p -> p != null && !p.blank());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getScore() {
    return score;
  }

  public void setScore(String score) {
    this.score = score;
  }

  public List<Person> getPeople() {
    return people;
  }

  public void setPeople(List<Person> people) {
    this.people = people;
  }
}
