package io.abmsequencer.starter.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.sequence.SequenceFilter;
import io.abmsequencer.workflows.playbook.Tier;
import org.junit.jupiter.api.Test;
import org.springframework.validation.BeanPropertyBindingResult;

/** Filters from the query string: bad values are reported on their field and left out; links keep the filters. */
class SequenceFilterFormTest {

  @Test
  void goodValuesFilterBadOnesAreReported() {
    SequenceFilterForm form = new SequenceFilterForm();
    form.setTier("ONE_TO_FEW");
    form.setStatus("SLEEPING");
    form.setMinScore("40");
    form.setMaxScore("lots");
    form.setOwner(" sam.lee@yourco.example ");
    form.setAccount("");
    BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "filter");

    SequenceFilter filter = form.toFilter(errors);

    assertThat(filter.tier()).isEqualTo(Tier.ONE_TO_FEW);
    assertThat(filter.status()).isNull();
    assertThat(filter.minScore()).isEqualTo(40);
    assertThat(filter.maxScore()).isNull();
    assertThat(filter.owner()).isEqualTo("sam.lee@yourco.example");
    assertThat(filter.accountId()).isNull();
    assertThat(errors.getFieldErrors()).extracting(e -> e.getField()).containsExactly("status", "maxScore");
  }

  @Test
  void pageLinksKeepTheFilters() {
    SequenceFilterForm form = new SequenceFilterForm();
    form.setTier("ONE_TO_ONE");
    form.setOwner("jane doe");
    assertThat(form.pageLink(2)).isEqualTo("/sequences?tier=ONE_TO_ONE&owner=jane%20doe&page=2");
    assertThat(form.pageLink(0)).isEqualTo("/sequences?tier=ONE_TO_ONE&owner=jane%20doe");
  }
}
