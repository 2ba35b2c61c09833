package io.abmsequencer.starter.web;

import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.validation.BindingResult;

/** Typed problems on a console form: each next to its field, or above the form when the form has no such field. */
public final class FormErrors {
  private FormErrors() {}

  /**
   * @param formPath the form's path for a problem's field (a request's {@code contacts[2].email} may be
   *     the form's {@code contacts[4].email}: blank rows are not sent)
   */
  public static void reject(BindingResult binding, List<FieldProblem> problems, UnaryOperator<String> formPath, String code) {
    var form = PropertyAccessorFactory.forBeanPropertyAccess(binding.getTarget());
    for (FieldProblem problem : problems) {
      String path = problem.field() == null ? null : formPath.apply(problem.field());
      if (path != null && form.isReadableProperty(path)) {
        binding.rejectValue(path, code, problem.message());
      } else {
        binding.reject(code, (path == null ? "" : path + ": ") + problem.message());
      }
    }
  }
}
