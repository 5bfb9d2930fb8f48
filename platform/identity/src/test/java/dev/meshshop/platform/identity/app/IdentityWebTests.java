package dev.meshshop.platform.identity.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.identity.IdentityRefusal;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = IdentityWebApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mesh.identity.domains=checkout,payment")
class IdentityWebTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeshIdentities identities;

    @Autowired
    RSAKey signingKey;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    Callers callers;

    @Test
    void anApiWithoutCredentialsAnswers401AsAProblemThatSaysHowToGetAToken() throws Exception {
        var answer = get("/api/echo", null);

        assertProblem(answer, 401, "oauth2/token");
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    }

    @Test
    void aClientsTokenFromTheIssuerActsForItsDomainForThirtyMinutes() throws Exception {
        var tokens = new Tokens(port, identities);

        var answer = get("/api/echo", tokens.bearer("checkout"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer).path("domain").asText()).isEqualTo("checkout");
        assertThat(answer.headers().allValues("Set-Cookie"))
                .as("a call with a bearer token rides on no session: no CSRF cookie")
                .isEmpty();
        var jwt = decoder.decode(tokens.token("checkout"));
        assertThat(jwt.getClaimAsString("domain")).isEqualTo("checkout");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("DOMAIN_CLIENT");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(30));
        var platform = decoder.decode(tokens.token("platform"));
        assertThat(platform.getClaimAsString("domain")).isNull();
        assertThat(platform.getClaimAsStringList("roles")).containsExactly("PLATFORM");
    }

    @Test
    void theIssuerRefusesAWrongSecretAndAClientItDoesNotKnow() {
        var tokens = new Tokens(port, identities);

        assertThat(tokens.ask("checkout-client", "not-the-secret").statusCode()).isEqualTo(401);
        assertThat(tokens.ask("ghost-client", "anything").statusCode()).isEqualTo(401);
        assertThat(tokens.ask("checkout-client", identities.clientSecret("checkout-client"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTamperedAnExpiredOrAForeignTokenIsRefusedWith401() throws Exception {
        String good = new Tokens(port, identities).token("payment");
        String[] parts = good.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"payment\"", "\"checkout\"");
        String tampered = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String expired =
                mint(signingKey, "payment-client", "payment", Instant.now().minus(Duration.ofHours(1)));
        String foreign = mint(
                new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate(),
                "payment-client",
                "payment",
                Instant.now());

        for (String token : List.of(tampered, expired, foreign)) {
            var answer = get("/api/echo", "Bearer " + token);
            assertProblem(answer, 401, "refused");
            assertThat(answer.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
        }
        assertThat(get("/api/echo", "Bearer " + good).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenOfOneDomainNamingAnotherIsRefusedWith403() throws Exception {
        var tokens = new Tokens(port, identities);
        var asOther = HttpRequest.newBuilder(uri("/api/echo"))
                .header("Authorization", tokens.bearer("checkout"))
                .header(Callers.ACT_AS_HEADER, "payment")
                .build();
        var asItself = HttpRequest.newBuilder(uri("/api/echo"))
                .header("Authorization", tokens.bearer("checkout"))
                .header(Callers.ACT_AS_HEADER, "checkout")
                .build();

        assertProblem(HTTP.send(asOther, HttpResponse.BodyHandlers.ofString()), 403, "acts only for its own domain");
        assertThat(HTTP.send(asItself, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aValidlySignedTokenForADomainTheMeshDoesNotKnowIsRefused() throws Exception {
        String ghost = mint(signingKey, "ghost-client", "ghost", Instant.now());

        assertProblem(get("/api/echo", "Bearer " + ghost), 403, "does not know");
    }

    @Test
    void aPageSendsToTheLoginFormAndAMemberWhoLoggedInCallsTheApisWithTheSessionAndTheCsrfToken() throws Exception {
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        var page =
                browser.send(HttpRequest.newBuilder(uri("/index.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        String form = browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        var csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as(form).isTrue();
        var wrong = browser.send(login(csrf.group(1), "checkout", "wrong"), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("error"));
        var loggedIn = browser.send(
                login(csrf.group(1), "checkout", identities.password("checkout")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);

        var me = browser.send(HttpRequest.newBuilder(uri("/api/me")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(me).path("domain").asText()).isEqualTo("checkout");
        assertThat(json(me).path("roles").toString()).contains("MEMBER");

        var forged = browser.send(
                HttpRequest.newBuilder(uri("/api/echo"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a POST without the CSRF token").isEqualTo(403);
        String xsrf = ((CookieManager) browser.cookieHandler().orElseThrow())
                .getCookieStore().getCookies().stream()
                        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                        .findFirst()
                        .orElseThrow()
                        .getValue();
        var posted = browser.send(
                HttpRequest.newBuilder(uri("/api/echo"))
                        .header("X-XSRF-TOKEN", xsrf)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    }

    @Test
    void flightSqlsUserAndPasswordOrTokenMapToTheDomainAndAWrongOneIsRefused() {
        assertThat(callers.authenticate("checkout", identities.password("checkout"))
                        .domain())
                .isEqualTo("checkout");
        assertThat(callers.authenticate("payment-client", identities.clientSecret("payment-client"))
                        .domain())
                .isEqualTo("payment");
        String token = new Tokens(port, identities).token("payment");
        assertThat(callers.authenticate("", token).domain()).isEqualTo("payment");

        assertThatThrownBy(() -> callers.authenticate("checkout", "wrong"))
                .isInstanceOfSatisfying(IdentityRefusal.class, refusal -> assertThat(refusal.status())
                        .isEqualTo(401));
        assertThatThrownBy(() -> callers.authenticate("nobody", "anything"))
                .isInstanceOfSatisfying(IdentityRefusal.class, refusal -> assertThat(refusal.status())
                        .isEqualTo(401));
        assertThatThrownBy(() -> callers.authenticate("checkout", token))
                .isInstanceOfSatisfying(IdentityRefusal.class, refusal -> assertThat(refusal.status())
                        .isEqualTo(403));
    }

    @Test
    void healthAndTheApiDescriptionStayOpen() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isNotIn(401, 403, 302);
    }

    private static String mint(RSAKey key, String subject, String domain, Instant issued) throws Exception {
        var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        var claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(issued)
                .expiresAt(issued.plus(Duration.ofMinutes(30)))
                .claim("domain", domain)
                .claim("roles", List.of("DOMAIN_CLIENT"))
                .build();
        var header =
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private HttpRequest login(String csrf, String user, String password) {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String says) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(answer).path("status").asInt()).isEqualTo(status);
        assertThat(json(answer).path("detail").asText()).contains(says);
    }
}
