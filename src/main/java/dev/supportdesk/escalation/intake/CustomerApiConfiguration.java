package dev.supportdesk.escalation.intake;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The customer API's body limits, strict JSON and OpenAPI description. */
@Configuration(proxyBeanMethods = false)
public class CustomerApiConfiguration {

  static final String BASIC_AUTH = "basicAuth";

  @Bean
  FilterRegistrationBean<ApiRequestLimits> apiRequestLimits() {
    FilterRegistrationBean<ApiRequestLimits> registration = new FilterRegistrationBean<>(new ApiRequestLimits());
    registration.setName("api-request-limits");
    registration.addUrlPatterns("/api/*");
    // before Spring Security (order -100): a huge body is refused before anything reads it
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /**
   * Text fields take text only: {@code "summary": 123} or {@code true} is a wrong type, not the text
   * "123" (Jackson's default coerces scalars into strings).
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer textFieldsTakeTextOnly() {
    return builder -> builder.postConfigurer(mapper -> {
      mapper.coercionConfigFor(LogicalType.Textual)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
      mapper.coercionConfigFor(LogicalType.Boolean)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
      mapper.coercionConfigFor(LogicalType.Enum)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    });
  }

  @Bean
  OpenAPI customerApi() {
    return new OpenAPI()
        .info(new Info().title("Support escalation: customer API").version("1")
            .description("Open support cases, follow their status, write to support, attach files and answer"
                + " proposed resolutions. Log in with HTTP Basic as a customer user. Errors are"
                + " application/problem+json with an 'errors' list naming each offending field."))
        .components(new Components().addSecuritySchemes(BASIC_AUTH,
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
  }
}
