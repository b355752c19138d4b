package dev.supportdesk.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.support.Http;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The production profile: secure, HttpOnly cookies and HSTS on the webapps. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:production-profile;DB_CLOSE_DELAY=-1",
    "support.demo.enabled=false"})
@ActiveProfiles("production")
class ProductionProfileTest {

  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Autowired org.springframework.core.env.Environment environment;

  @Test
  void webappCookiesAreSecureAndBrowsersAreToldToStayOnHttps() {
    HttpResponse<String> page = new Http(port).get("/camunda/app/tasklist/default/", null);

    assertThat(page.headers().firstValue("Strict-Transport-Security"))
        .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
    List<String> cookies = page.headers().allValues("Set-Cookie");
    assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").containsIgnoringCase("Secure"));
    // the session cookie's flags come from server.servlet.session.cookie.* (secure in this profile)
    assertThat(environment.getProperty("server.servlet.session.cookie.secure", Boolean.class)).isTrue();
    assertThat(environment.getProperty("server.servlet.session.cookie.http-only", Boolean.class)).isTrue();
  }
}
