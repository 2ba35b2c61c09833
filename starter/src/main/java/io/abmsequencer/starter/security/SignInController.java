package io.abmsequencer.starter.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page (the form posts to Spring Security's own /login). */
@Controller
class SignInController {

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
