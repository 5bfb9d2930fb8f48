package dev.meshshop.platform.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every route of a mesh process behind its identities: the APIs take a bearer token of the mesh's issuer (or the
 * session of a person logged in to the catalog's pages), the pages a form login; without credentials an API answers
 * 401 as a problem, a page sends to the login form. Open: the login form, the style sheet, {@code
 * /actuator/health} and the OpenAPI description.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebSecurityConfiguration.class);

    /** The routes that answer machines: problems, never a login form. */
    static final RequestMatcher APIS =
            new OrRequestMatcher(new AntPathRequestMatcher("/api/**"), new AntPathRequestMatcher("/actuator/**"));

    /**
     * The calls another site cannot forge, since they ride on no session cookie: one with a bearer token, and an API
     * call without a session (answered 401). They need no CSRF token, and get no CSRF cookie.
     */
    static final RequestMatcher NOT_FORGEABLE = request -> request.getHeader("Authorization") != null
            || (request.getRequestedSessionId() == null && APIS.matches(request));

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain meshChain(HttpSecurity http) throws Exception {
        var problems = new ProblemEntryPoint();
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login",
                                "/style.css",
                                "/favicon.ico",
                                "/error",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.jwtAuthenticationConverter(authorities()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(new ProblemAccessDenied()))
                .formLogin(form -> form.loginPage("/login").permitAll().defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .httpBasic(basic -> basic.disable())
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(problems, APIS)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor(new ProblemAccessDenied(), AnyRequestMatcher.INSTANCE))
                // The pages' scripts send the cookie's token back in X-XSRF-TOKEN.
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(NOT_FORGEABLE))
                .addFilterAfter(new CsrfCookie(), BasicAuthenticationFilter.class)
                // A query's rows stream from another thread once the controller returns: the security headers go out
                // before, not after the chain, when the response may be being written already.
                // The product page shows a report's HTML file in a frame (ADR 27): frames of the mesh's own origin
                // only, and that file runs in a sandbox of its own.
                .headers(headers -> headers.frameOptions(frames -> frames.sameOrigin())
                        .addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        }))
                .addFilterAfter(new ActingAsCheck(), AuthorizationFilter.class);
        return http.build();
    }

    /** A person of a domain team (or governance) logs in to the pages with the password the mesh keeps. */
    @Bean
    AuthenticationProvider meshPeople(MeshIdentities identities) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String name = authentication.getName();
                String password = String.valueOf(authentication.getCredentials());
                var person = identities
                        .person(name, password)
                        .orElseThrow(() -> new BadCredentialsException("Wrong user name or password"));
                var authorities = person.roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList();
                return UsernamePasswordAuthenticationToken.authenticated(person.name(), null, authorities);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    @Bean
    IdentityProblems meshIdentityProblems() {
        return new IdentityProblems();
    }

    @Bean
    LoginPage meshLoginPage(MeshIdentities identities) {
        return new LoginPage(identities);
    }

    @Bean
    LoginHelp meshLoginHelp(
            MeshIdentities identities,
            Environment environment,
            @Value("${mesh.identity.issuer.enabled:true}") boolean issuing) {
        return new LoginHelp(identities, environment, issuing);
    }

    private static JwtAuthenticationConverter authorities() {
        var roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(MeshCallers.ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    /** {@code GET /api/me}: who the mesh takes the caller for (a member class, registered with its configuration). */
    @RestController
    static final class WhoAmI {

        private final Callers callers;

        WhoAmI(Callers callers) {
            this.callers = callers;
        }

        @GetMapping("/api/me")
        @Operation(
                operationId = "whoAmI",
                summary = "Who the mesh takes the caller for",
                description = "The caller's name, the domain it acts for (none for governance and the platform)"
                        + " and its roles.")
        @Tag(name = "Identity")
        Map<String, Object> me() {
            Caller caller = callers.current();
            var me = new LinkedHashMap<String, Object>();
            me.put("name", caller.name());
            me.put("domain", caller.domain());
            me.put("roles", caller.roles().stream().map(Role::name).sorted().toList());
            return me;
        }
    }

    /** 401 as a problem, with the bearer challenge when a token was refused. */
    static final class ProblemEntryPoint implements AuthenticationEntryPoint {

        private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            bearer.commence(request, response, e); // sets WWW-Authenticate: Bearer ... and the status
            String detail = e instanceof InvalidBearerTokenException
                    ? "The bearer token was refused (" + e.getMessage() + "): get a new one. "
                    : "This route needs credentials. ";
            write(
                    response,
                    401,
                    "Not authenticated",
                    detail + MeshCallers.howToAuthenticate(),
                    request.getRequestURI());
        }
    }

    /** 403 as a problem. */
    static final class ProblemAccessDenied implements AccessDeniedHandler {

        private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
                throws IOException {
            bearer.handle(request, response, e);
            write(response, 403, "Not allowed", "Refused: " + e.getMessage(), request.getRequestURI());
        }
    }

    /**
     * A request that still names a domain in {@value Callers#ACT_AS_HEADER} must name the one its credentials act
     * for: a token of one domain never acts as another.
     */
    static final class ActingAsCheck extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String claimed = request.getHeader(Callers.ACT_AS_HEADER);
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (claimed != null && authentication != null && authentication.isAuthenticated()) {
                String acting = domainOf(authentication);
                if (acting == null || !acting.equals(claimed.trim())) {
                    write(
                            response,
                            403,
                            "Not allowed",
                            "Your credentials act for "
                                    + (acting == null ? "no domain (" + authentication.getName() + ")" : acting)
                                    + ", and " + Callers.ACT_AS_HEADER + " names '"
                                    + ProblemJson.cut(claimed, 80)
                                    + "': a caller acts only for its own domain. Drop the"
                                    + " header, or use the credentials of the domain you mean.",
                            request.getRequestURI());
                    return;
                }
            }
            chain.doFilter(request, response);
        }

        private static String domainOf(Authentication authentication) {
            if (authentication
                    instanceof
                    org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken token) {
                return token.getToken().getClaimAsString(MeshCallers.DOMAIN_CLAIM);
            }
            boolean member = authentication.getAuthorities().stream()
                    .anyMatch(authority -> authority.getAuthority().equals(Role.MEMBER.authority()));
            return member ? authentication.getName() : null;
        }
    }

    /**
     * Makes the CSRF token (and so its cookie) exist for every page and session call, for the pages' scripts to send
     * back; a call that needs none gets none.
     */
    static final class CsrfCookie extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!NOT_FORGEABLE.matches(request)
                    && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }

    private static void write(HttpServletResponse response, int status, String title, String detail, String path)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(ProblemJson.bytes(status, title, detail, ProblemJson.cut(path, 120)));
        response.flushBuffer();
    }

    /** Says at start how a person logs in and how a tool gets a token. */
    static final class LoginHelp {

        private final MeshIdentities identities;
        private final Environment environment;
        private final boolean issuing;

        LoginHelp(MeshIdentities identities, Environment environment, boolean issuing) {
            this.identities = identities;
            this.environment = environment;
            this.issuing = issuing;
        }

        @EventListener(ApplicationReadyEvent.class)
        void tell() {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            Path file = identities.file();
            String base = "http://localhost:" + port;
            if (!issuing) {
                log.info("Every route checks the mesh's tokens; the issuer runs in another process. Secrets: {}", file);
                return;
            }
            String some = identities.domains().isEmpty()
                    ? "<domain>"
                    : identities.domains().first();
            log.info(
                    String.join(
                            System.lineSeparator(),
                            "Log in to the catalog at {}/ as a domain's member: user {} (or any of {}), or governance.",
                            "  Passwords and client secrets: {} (readable by this user only).",
                            "  A token for curl: curl -s -u {}-client:$(sed -n 's/^client.{}-client=//p' {}) -d"
                                    + " grant_type=client_credentials {}/oauth2/token"),
                    base,
                    some,
                    List.copyOf(identities.domains()),
                    file,
                    some,
                    some,
                    file,
                    base);
        }
    }
}
