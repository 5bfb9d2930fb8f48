package dev.meshshop.platform.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The login form of the catalog's pages, in the catalog's style: who can log in (a member of each domain team, and
 * governance) and where the demo passwords are kept. Spring Security checks what it posts to {@code /login}.
 */
@RestController
class LoginPage {

    private final MeshIdentities identities;

    LoginPage(MeshIdentities identities) {
        this.identities = identities;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(
            HttpServletRequest request,
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String logout) {
        var csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String message = error != null
                ? "<div class=\"error\" role=\"alert\" id=\"login-error\">Wrong user name or password. A member logs in"
                        + " with the domain's name and the password the mesh keeps for it.</div>"
                : logout != null ? "<p class=\"muted\" id=\"logged-out\">You are logged out.</p>" : "";
        var users = new StringBuilder();
        for (String domain : identities.domains()) {
            users.append("<code>").append(HtmlUtils.htmlEscape(domain)).append("</code> ");
        }
        String html =
                """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Log in · Mesh Shop</title>
                  <link rel="stylesheet" href="/style.css">
                </head>
                <body>
                  <header class="top"><span class="brand">Mesh Shop</span></header>
                  <main class="login">
                    <h1>Log in</h1>
                    <p>Log in as a member of a domain team to act for that domain: request access, decide on requests
                    for your products, query what your domain was granted.</p>
                    %s
                    <form class="card" method="post" action="/login">
                      <p><label>User <input name="username" autocomplete="username" required autofocus
                        placeholder="a domain, such as checkout"></label></p>
                      <p><label>Password <input name="password" type="password" autocomplete="current-password"
                        required></label></p>
                      <input type="hidden" name="%s" value="%s">
                      <button type="submit">Log in</button>
                    </form>
                    <p class="muted">Members: %s and <code>governance</code>, who sees every domain's usage. The
                    demo passwords are in <code>%s</code> in the mesh's data directory, readable by the mesh's user
                    only.</p>
                  </main>
                </body>
                </html>
                """
                        .formatted(
                                message,
                                csrf == null ? "_csrf" : HtmlUtils.htmlEscape(csrf.getParameterName()),
                                csrf == null ? "" : HtmlUtils.htmlEscape(csrf.getToken()),
                                users.toString().trim(),
                                MeshIdentities.FILE);
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html);
    }
}
